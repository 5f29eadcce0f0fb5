"""Draw the demo mission as a PNG (for docs): ``python -m geodata.render_map [OUT.png]``.

The map is rasterised with numpy and shapely (regions shaded, district borders
thin, region borders thick, lakes and seas blue, every polling station a dot:
urban dark red, rural green, special blue; DEC seats white, bases black squares).
Qt is used only to add a few text labels and to write the PNG, on an offscreen
QImage: no display and no extra package needed.

Few Qt calls on purpose: with PySide6 6.12 on Python 3.11 every call of a Qt
method that returns nothing takes one reference off ``None``; some thousands of
them (one per station dot) abort the interpreter ("none_dealloc").
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geodata import DEMO_MISSION
from geodata.facts import load_facts
from planner.io.mission import open_mission
from planner.model import Mission

OUT = Path(__file__).resolve().parent.parent / "docs" / "img" / "demo-map.png"
WIDTH = 1800
COUNTRY = (46.0, 40.3, 88.0, 55.8)  # lon/lat extent of the whole map
PALETTE = np.array(
    [(243, 227, 195), (214, 232, 200), (246, 213, 213), (217, 228, 242), (236, 222, 243)],
    dtype=np.uint8,
)
OUTSIDE, WATER = (201, 220, 234), (156, 195, 228)
DEC_LINE, REGION_LINE = (150, 150, 150), (70, 70, 70)
URBAN, RURAL, SPECIAL = (150, 20, 30), (30, 120, 40), (20, 60, 200)


class Grid:
    """Pixel centres of the map as lon/lat arrays, and the reverse projection.

    Plate carrée stretched by the cosine of the middle latitude (fine at this scale).
    """

    def __init__(self, width: int, extent: tuple[float, float, float, float]) -> None:
        self.lon0, lat0, lon1, self.lat1 = extent
        self.cos = math.cos(math.radians((lat0 + self.lat1) / 2))
        self.k = width / ((lon1 - self.lon0) * self.cos)
        self.width, self.height = width, round((self.lat1 - lat0) * self.k)
        cols, rows = np.meshgrid(np.arange(self.width), np.arange(self.height))
        self.lon = self.lon0 + (cols + 0.5) / (self.k * self.cos)
        self.lat = self.lat1 - (rows + 0.5) / self.k

    def pixel(self, lon: float, lat: float) -> tuple[int, int]:
        return int((lon - self.lon0) * self.cos * self.k), int((self.lat1 - lat) * self.k)

    def inside(self, geom: BaseGeometry) -> np.ndarray:
        """Boolean mask of the pixels inside ``geom`` (only its bounding box tested)."""
        mask = np.zeros((self.height, self.width), dtype=bool)
        minx, miny, maxx, maxy = geom.bounds
        c0, r1 = self.pixel(minx, miny)
        c1, r0 = self.pixel(maxx, maxy)
        r0, c0 = max(r0, 0), max(c0, 0)
        r1, c1 = min(r1 + 2, self.height), min(c1 + 2, self.width)
        if r1 <= r0 or c1 <= c0:
            return mask
        shapely.prepare(geom)
        window = shapely.contains_xy(geom, self.lon[r0:r1, c0:c1], self.lat[r0:r1, c0:c1])
        mask[r0:r1, c0:c1] = window
        return mask


def _colours(mission: Mission) -> dict[str, int]:
    """A palette index per region, different from every neighbour's (greedy)."""
    out: dict[str, int] = {}
    for r in mission.regions:
        taken = {
            out[o.region_id]
            for o in mission.regions
            if o.region_id in out
            and r.geometry is not None
            and o.geometry is not None
            and r.geometry.buffer(0.05).intersects(o.geometry)
        }
        out[r.region_id] = next(i for i in range(len(PALETTE)) if i not in taken)
    return out


def _edges(labels: np.ndarray) -> np.ndarray:
    """Pixels where the label changes to the right or below."""
    e = np.zeros(labels.shape, dtype=bool)
    e[:, :-1] |= labels[:, :-1] != labels[:, 1:]
    e[:-1, :] |= labels[:-1, :] != labels[1:, :]
    return e


def _dots(
    img: np.ndarray, grid: Grid, pts: list[tuple[float, float]], r: int, rgb: tuple[int, int, int]
) -> None:
    if not pts:
        return
    xy = np.array([grid.pixel(lon, lat) for lon, lat in pts])
    for dx in range(-r, r + 1):
        for dy in range(-r, r + 1):
            if dx * dx + dy * dy <= r * r + 1:
                x = np.clip(xy[:, 0] + dx, 0, grid.width - 1)
                y = np.clip(xy[:, 1] + dy, 0, grid.height - 1)
                img[y, x] = rgb


def rasterise(
    mission: Mission, width: int = WIDTH, extent: tuple[float, float, float, float] = COUNTRY
) -> tuple[np.ndarray, Grid]:
    """The map of ``extent`` (lon0, lat0, lon1, lat1) as an RGB array (height x width x 3)."""
    facts = load_facts()
    grid = Grid(width, extent)
    dot = 1 if extent == COUNTRY else 2
    img = np.empty((grid.height, grid.width, 3), dtype=np.uint8)
    img[:] = OUTSIDE
    region_label = np.zeros((grid.height, grid.width), dtype=np.int32)
    dec_label = np.zeros((grid.height, grid.width), dtype=np.int32)
    colours = _colours(mission)
    for i, r in enumerate(mission.regions, start=1):
        if r.geometry is None:
            continue
        mask = grid.inside(r.geometry)
        region_label[mask] = i
        img[mask] = PALETTE[colours[r.region_id]]
    for i, a in enumerate(mission.dec_areas, start=1):
        dec_label[grid.inside(a.geometry)] = i
    img[_edges(dec_label) & (region_label > 0)] = DEC_LINE
    border = _edges(region_label)
    border[1:, :] |= border[:-1, :]
    border[:, 1:] |= border[:, :-1]
    img[border] = REGION_LINE
    water = shapely.union_all([shapely.Polygon(ring) for ring in facts.water.values()])
    img[grid.inside(water)] = WATER
    groups: dict[tuple[int, int, int], list[tuple[float, float]]] = {
        RURAL: [],
        URBAN: [],
        SPECIAL: [],
    }
    for p in mission.polling_stations:
        if p.located and p.lat is not None and p.lon is not None:
            colour = SPECIAL if p.is_special else URBAN if p.settlement == "urban" else RURAL
            groups[colour].append((p.lon, p.lat))
    for rgb, pts in groups.items():
        _dots(img, grid, pts, dot, rgb)
    seats = [(d.lon, d.lat) for d in mission.decs]
    _dots(img, grid, seats, dot + 2, (0, 0, 0))
    _dots(img, grid, seats, dot + 1, (255, 255, 255))
    for b in mission.bases:
        x, y = grid.pixel(b.lon, b.lat)
        if 5 <= x < grid.width - 6 and 5 <= y < grid.height - 6:
            img[y - 5 : y + 6, x - 5 : x + 6] = (0, 0, 0)
    return img, grid


def render(
    out: Path = OUT,
    mission_path: Path = DEMO_MISSION,
    extent: tuple[float, float, float, float] = COUNTRY,
    width: int = WIDTH,
) -> Path:
    """Write the map of ``mission_path`` to ``out`` (PNG) and return ``out``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

    mission = open_mission(mission_path)
    rgb, grid = rasterise(mission, width, extent)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    data = np.ascontiguousarray(rgb).tobytes()
    img = QImage(data, grid.width, grid.height, 3 * grid.width, QImage.Format.Format_RGB888)
    img = img.copy()  # own the pixels before `data` goes away
    p = QPainter(img)
    font = QFont("DejaVu Sans", 12)
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor(0, 0, 0))
    if extent == COUNTRY:
        for r in mission.regions:
            if r.geometry is None or r.region_id in ("AST", "ALA"):
                continue
            c = r.geometry.representative_point()
            x, y = grid.pixel(c.x, c.y)
            p.drawText(QPointF(x - 16, y - 8), r.region_id)
    else:
        p.setFont(QFont("DejaVu Sans", 11))
        for d in mission.decs:
            x, y = grid.pixel(d.lon, d.lat)
            if 0 <= x < grid.width - 60 and 20 <= y < grid.height - 40:
                p.drawText(QPointF(x + 6, y - 6), d.name.replace(" district", ""))
    p.setFont(QFont("DejaVu Sans", 13 if grid.width >= 1600 else 11))
    caption = (
        f"{mission.settings.mission_name}: {len(mission.decs)} DECs, "
        f"{len(mission.polling_stations):,} polling stations — "
        if extent == COUNTRY
        else ""
    )
    p.fillRect(0, grid.height - 34, grid.width, 34, QColor(255, 255, 255))
    p.drawText(
        QPointF(12, grid.height - 12),
        caption + "dark red urban, green rural, blue special; white dots DEC seats, "
        "black squares bases. Synthetic data.",
    )
    p.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not img.save(str(out)):
        raise OSError(f"{out}: could not write the image")
    del p, img, app
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata.render_map", description=__doc__)
    parser.add_argument("out", nargs="?", type=Path, default=OUT, help="PNG file to write")
    parser.add_argument(
        "--extent",
        nargs=4,
        type=float,
        metavar=("LON0", "LAT0", "LON1", "LAT1"),
        help="draw only this box (default: the whole country)",
    )
    parser.add_argument("--width", type=int, default=WIDTH, help="image width in pixels")
    args = parser.parse_args(argv)
    extent = tuple(args.extent) if args.extent else COUNTRY
    print(render(args.out, extent=extent, width=args.width))
    return 0


if __name__ == "__main__":
    sys.exit(main())
