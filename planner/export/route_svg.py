"""Small offline drawings as inline SVG: a team's route and the coverage bar chart.

No tiles, no network: the route map is the stops and legs drawn over the outlines
of the districts (DEC areas) the team works in, projected with a simple
equirectangular projection scaled by the cosine of the latitude (good enough for
an area a team drives through in a day).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from html import escape

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from planner.model import Mission, TeamRoute
from planner.places import Box, Place, dec_places, declutter, settlements
from planner.presentation import PHASE_COLOURS


def _rings(geom: BaseGeometry) -> Iterable[Sequence[tuple[float, float]]]:
    polys: Iterable[Polygon]
    if isinstance(geom, Polygon):
        polys = [geom]
    elif isinstance(geom, MultiPolygon):
        polys = geom.geoms
    else:
        return
    for p in polys:
        yield [(float(x), float(y)) for x, y, *_ in p.exterior.coords]


def route_svg(mission: Mission, route: TeamRoute, *, width: int = 660, height: int = 330) -> str:
    """The team's day as an SVG: start square, numbered stops, legs, DEC outlines."""
    pts = [(route.start_lon, route.start_lat)] + [(v.lon, v.lat) for v in route.visits]
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    pad_deg = 0.02
    min_lon, max_lon = min(lons) - pad_deg, max(lons) + pad_deg
    min_lat, max_lat = min(lats) - pad_deg, max(lats) + pad_deg
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * kx, 1e-6)
    span_y = max(max_lat - min_lat, 1e-6)
    margin = 18
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    ox = (width - span_x * scale) / 2
    oy = (height - span_y * scale) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (ox + (lon - min_lon) * kx * scale, oy + (max_lat - lat) * scale)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="route-map" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Route map {escape(route.team_id)}">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f7f7f4" stroke="#999"/>',
    ]
    dec_ids = {v.dec_id for v in route.visits}
    for area in mission.dec_areas:
        if area.dec_id not in dec_ids:
            continue
        for ring in _rings(area.geometry):
            d = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lo, la) for lo, la in ring))
            parts.append(
                f'<polygon points="{d}" fill="#e8e8e0" stroke="#8c8c80" '
                'stroke-width="0.8" stroke-dasharray="4 2"/>'
            )
    screen = [xy(lo, la) for lo, la in pts]
    if len(screen) >= 2:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in screen)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="#444" stroke-width="1.6" '
            'stroke-linejoin="round"/>'
        )
    sx, sy = screen[0]
    parts.append(
        f'<rect x="{sx - 5:.1f}" y="{sy - 5:.1f}" width="10" height="10" fill="#fff" '
        'stroke="#000" stroke-width="1.5"/>'
    )
    parts += _stop_marks(route, screen[1:])
    parts.extend(_labels(mission, route, screen, xy, (width, height)))
    parts.append(_scale_bar(width, height, scale, kx))
    parts.append("</svg>")
    return "".join(parts)


def _stop_marks(route: TeamRoute, screen: list[tuple[float, float]]) -> list[str]:
    """A circle per stop, coloured by phase (their numbers: :func:`_labels`)."""
    parts: list[str] = []
    for v, (x, y) in zip(route.visits, screen, strict=True):
        colour = PHASE_COLOURS.get(v.phase, "#333")
        r = 8 if v.phase != "voting" else 6.5
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}" stroke="#fff" '
            'stroke-width="1"/>'
        )
    return parts


STOP_FONT = 11.0
PLACE_FONT = 8.5
DEC_FONT = 8.0
#: stops closer than this (px) share one label ("5, 6" or "5–7")
SAME_PLACE_PX = 7.0


def _text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of a label in DejaVu Sans (near enough for placing labels)."""
    return len(text) * size * (0.66 if bold else 0.6) + 2


def _seq_text(seqs: list[int]) -> str:
    if len(seqs) > 2 and seqs[-1] - seqs[0] == len(seqs) - 1:
        return f"{seqs[0]}–{seqs[-1]}"
    return ", ".join(str(n) for n in seqs)


def _labels(
    mission: Mission,
    route: TeamRoute,
    screen: list[tuple[float, float]],
    xy: Callable[[float, float], tuple[float, float]],
    size: tuple[int, int],
) -> list[str]:
    """Stop numbers (one label per place, never on top of each other), then the
    names of the route's settlements and DEC areas where they fit."""
    width, height = size
    groups: list[tuple[float, float, list[int], str]] = []
    for seq, (v, (x, y)) in enumerate(zip(route.visits, screen[1:], strict=True), start=1):
        for gx, gy, seqs, _c in groups:
            if abs(gx - x) <= SAME_PLACE_PX and abs(gy - y) <= SAME_PLACE_PX:
                seqs.append(seq)
                break
        else:
            groups.append((x, y, [seq], PHASE_COLOURS.get(v.phase, "#333")))
    # every stop marker and the start square are obstacles for the labels
    taken: list[Box] = [(x - 8, y - 8, x + 8, y + 8) for x, y in screen]
    taken.append((0, height - 22, 120, height))  # the scale bar
    bounds: Box = (2, 2, width - 2, height - 2)
    parts: list[str] = []
    wanted = [
        (x + 4, y, _text_width(_seq_text(seqs), STOP_FONT, bold=True), STOP_FONT + 1)
        for x, y, seqs, _c in groups
    ]
    boxes = declutter(wanted, taken=taken, gap=4, bounds=bounds)
    # a label with no free spot next to its stop goes further out, on a leader line
    for i, box in enumerate(boxes):
        if box is None:
            x, y, w, h = wanted[i]
            far = declutter(
                [(x, y, w, h)], taken=taken + [b for b in boxes if b], gap=16, bounds=bounds
            )[0]
            boxes[i] = far or (x + 4, y - 4 - h, x + 4 + w, y - 4)
            if far is not None:
                cx, cy = (far[0] + far[2]) / 2, (far[1] + far[3]) / 2
                parts.append(
                    f'<line x1="{x - 4:.1f}" y1="{y:.1f}" x2="{cx:.1f}" y2="{cy:.1f}" '
                    'stroke="#777" stroke-width="0.6"/>'
                )
    for (_x, _y, seqs, colour), box in zip(groups, boxes, strict=True):
        assert box is not None
        parts.append(
            f'<text class="stop-no" x="{box[0]:.1f}" y="{box[3] - 1:.1f}" '
            f'font-size="{STOP_FONT:g}" '
            'font-weight="bold" stroke="#fff" stroke-width="3" paint-order="stroke" '
            f'fill="{colour}">{_seq_text(seqs)}</text>'
        )
    taken += [b for b in boxes if b is not None]
    parts.extend(_place_names(mission, route, xy, size, taken=taken, bounds=bounds))
    return parts


def _place_names(
    mission: Mission,
    route: TeamRoute,
    xy: Callable[[float, float], tuple[float, float]],
    size: tuple[int, int],
    *,
    taken: list[Box],
    bounds: Box,
) -> list[str]:
    """Settlements on the route (from the stations' addresses), then DEC areas."""
    width, height = size

    def project(lat: float, lon: float) -> tuple[float, float] | None:
        x, y = xy(lon, lat)
        return (x, y) if 0 <= x <= width and 0 <= y <= height else None

    places = settlements(mission, [v.ps_id for v in route.visits if v.ps_id])
    places += dec_places(mission, sorted({v.dec_id for v in route.visits}))
    wanted: list[tuple[float, float, float, float]] = []
    names: list[Place] = []
    for place in places:
        at = project(place.lat, place.lon)
        if at is None:
            continue
        font = DEC_FONT if place.kind == "dec" else PLACE_FONT
        text = place.name.upper() if place.kind == "dec" else place.name
        wanted.append((at[0], at[1], _text_width(text, font), font + 1))
        names.append(place)
    out = []
    for place, (x, y, w, h) in zip(names, wanted, strict=True):
        # next to the place, else a little further out; no room: the numbers matter more
        box = declutter([(x, y, w, h)], taken=taken, gap=3, bounds=bounds)[0]
        if box is None and place.kind != "dec":
            box = declutter([(x, y, w, h)], taken=taken, gap=14, bounds=bounds)[0]
        if box is None:
            continue
        taken.append(box)
        if place.kind == "dec":
            out.append(
                f'<text class="place dec-area" x="{box[0]:.1f}" y="{box[3] - 1:.1f}" '
                f'font-size="{DEC_FONT:g}" letter-spacing="0.5" fill="#8c8c80">'
                f"{escape(place.name.upper())}</text>"
            )
        else:
            weight = ' font-weight="bold"' if place.kind == "town" else ""
            out.append(
                f'<text class="place settlement" x="{box[0]:.1f}" y="{box[3] - 1:.1f}" '
                f'font-size="{PLACE_FONT:g}"{weight} font-style="italic" fill="#333" '
                f'stroke="#f7f7f4" stroke-width="2.5" paint-order="stroke">'
                f"{escape(place.name)}</text>"
            )
    return out


def _scale_bar(width: int, height: int, scale: float, kx: float) -> str:
    """A scale bar of a round number of km in the bottom-left corner."""
    km_per_px = 111.32 / scale  # one degree of latitude ~ 111 km; x is scaled by kx already
    del kx
    target = km_per_px * width / 5
    nice = 1.0
    for step in (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500):
        if step <= target:
            nice = step
    px = nice / km_per_px
    y = height - 10
    label = f"{nice:g} km"
    return (
        f'<line x1="10" y1="{y}" x2="{10 + px:.1f}" y2="{y}" stroke="#000" stroke-width="2"/>'
        f'<text x="{14 + px:.1f}" y="{y + 3}" font-size="9">{label}</text>'
    )


def bar_chart_svg(
    rows: Sequence[tuple[str, int, int]],
    *,
    series: tuple[str, str] = ("2011 mission", "This plan"),
    width: int = 620,
    bar_height: int = 16,
) -> str:
    """Horizontal paired bars: ``(label, reference, value)`` per row."""
    label_w = 190
    max_v = max([1, *(max(a, b) for _, a, b in rows)])
    avail = width - label_w - 70
    row_h = bar_height * 2 + 14
    height = row_h * len(rows) + 34
    colours = ("#bdbdbd", "#2166ac")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img">'
    ]
    for i, (label, ref, value) in enumerate(rows):
        y0 = 8 + i * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y0 + bar_height + 4}" font-size="12" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        for k, v in enumerate((ref, value)):
            y = y0 + k * (bar_height + 2)
            w = avail * v / max_v
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" '
                f'fill="{colours[k]}"/>'
                f'<text x="{label_w + w + 5:.1f}" y="{y + bar_height - 4}" '
                f'font-size="11">{v:,}</text>'
            )
    ly = height - 14
    for k, name in enumerate(series):
        x = label_w + k * 150
        parts.append(
            f'<rect x="{x}" y="{ly - 9}" width="12" height="12" fill="{colours[k]}"/>'
            f'<text x="{x + 17}" y="{ly + 1}" font-size="11">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
