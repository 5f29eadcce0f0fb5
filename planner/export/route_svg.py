"""Small offline drawings as inline SVG: a team's route and the coverage bar chart.

No tiles, no network: the route map is the stops and legs drawn over the outlines
of the districts (DEC areas) the team works in, projected with a simple
equirectangular projection scaled by the cosine of the latitude (good enough for
an area a team drives through in a day).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from planner.model import Mission, TeamRoute
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
    parts.append(_scale_bar(width, height, scale, kx))
    parts.append("</svg>")
    return "".join(parts)


def _stop_marks(route: TeamRoute, screen: list[tuple[float, float]]) -> list[str]:
    """A numbered circle per stop, coloured by phase."""
    parts: list[str] = []
    # Stops at the same place (count then tabulation next door) get their labels nudged.
    seen: dict[tuple[int, int], int] = {}
    for seq, (v, (x, y)) in enumerate(zip(route.visits, screen, strict=True), start=1):
        key = (round(x / 6), round(y / 6))
        nudge = seen.get(key, 0)
        seen[key] = nudge + 1
        colour = PHASE_COLOURS.get(v.phase, "#333")
        r = 8 if v.phase != "voting" else 6.5
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}" stroke="#fff" '
            'stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x + 9 + 12 * nudge:.1f}" y="{y - 6:.1f}" font-size="11" '
            'font-weight="bold" stroke="#fff" stroke-width="3" paint-order="stroke" '
            f'fill="{colour}">{seq}</text>'
        )
    return parts


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
