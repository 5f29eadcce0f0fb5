"""The coverage map (``coverage_map.html``): one self-contained Leaflet page via folium.

What the head of mission sees: regions shaded by the share of their stations
observed, with a switch for the phase (opening, voting, counting, tabulation =
share of DECs); DEC areas; every polling station as a small circle coloured by the
phase a team observes it in (grey = not planned); team routes; bases; a legend
and a layer control.

* Offline: no tiles unless asked (``tiles=True`` adds OpenStreetMap, which needs
  the network when the map is opened); Leaflet's JS/CSS come from the xstatic
  packages (:mod:`planner.export.assets`) and are inlined, so the file opens on
  any machine. ``inline_assets=False`` references the local files instead (for
  the desktop app's own view).
* 9,725 stations: drawn on one canvas (``prefer_canvas``) from one compact JSON
  array, not as 9,725 folium objects, to keep the file small and fast.
* Every text that came from users (names, addresses) is HTML-escaped before it
  goes into a tooltip, and the JSON is made safe to sit inside ``<script>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure
from shapely.geometry import mapping

from planner.coverage import coverage
from planner.export.coverage_style import (
    BASE_COLOUR,
    NOT_PLANNED,
    PHASE_TITLES,
    SHARE_BINS,
    legend_html,
    ramp,
    share_bins,
)
from planner.export.leaflet import Lines as _Lines
from planner.export.leaflet import Points as _Points
from planner.export.leaflet import safe_json, use_assets
from planner.model import Mission, Plan
from planner.presentation import PHASE_COLOURS, route_colour

__all__ = [
    "build_coverage_map",
    "coverage_map_data",
    "coverage_map_html",
    "safe_json",
    "write_coverage_map",
]

SIMPLIFY_DEG = 0.005


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def _region_shares(mission: Mission, phase: str, cov: Any) -> list[float | None]:
    out: list[float | None] = []
    for r in mission.regions:
        area = cov.region(r.region_id)
        out.append(area.phase_share(phase) if area else None)
    return out


def _regions_geojson(
    mission: Mission, phase: str, cov: Any, bins: Sequence[float]
) -> dict[str, Any]:
    features = []
    for r in mission.regions:
        if r.geometry is None or r.geometry.is_empty:
            continue
        area = cov.region(r.region_id)
        share = area.phase_share(phase) if area else None
        names = " / ".join(dict.fromkeys(n for n in (r.name, r.name_ru, r.name_kk) if n))
        if area is None:
            detail = ""
        elif phase == "tabulation":
            detail = f"{area.tabulations} of {area.decs} DECs"
        else:
            observed = {
                "opening": area.openings,
                "voting": area.distinct_voting_stations,
                "counting": area.counts,
            }[phase]
            detail = f"{observed} of {area.located_stations} stations"
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(r.geometry.simplify(SIMPLIFY_DEG, preserve_topology=True)),
                "properties": {
                    "fill": ramp(share, bins),
                    "tip": f"<b>{escape(names)}</b><br>{escape(PHASE_TITLES[phase])}: "
                    f"{_pct(share)} ({escape(detail)})",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _station_rows(mission: Mission, plan: Plan | None) -> list[list[Any]]:
    phase_order = ("counting", "opening", "voting")
    seen: dict[str, list[tuple[str, str]]] = {}
    if plan is not None:
        for team_id, _, v in plan.visits():
            if v.ps_id:
                seen.setdefault(v.ps_id, []).append((v.phase, team_id))
    rows: list[list[Any]] = []
    for p in mission.polling_stations:
        if p.lat is None or p.lon is None:
            continue
        visits = seen.get(p.ps_id, [])
        phases = {ph for ph, _ in visits}
        colour = next((i for i, ph in enumerate(phase_order) if ph in phases), 3)
        who = ", ".join(f"{ph} ({t})" for ph, t in visits) or "not planned"
        tip = (
            f"<b>PEC {p.pec_number}</b> {escape(p.name)}<br>{escape(p.address)}<br>"
            f"{escape(p.dec_id)} · {escape(p.settlement)} · {escape(p.kind)} · "
            f"{p.voters} voters<br>{escape(who)}"
        )
        radius = 4.5 if visits else 2.5
        rows.append([round(p.lat, 5), round(p.lon, 5), colour, radius, tip])
    # Planned stations last so they are drawn on top.
    rows.sort(key=lambda r: r[2] != 3)
    return rows


#: The phases of the region layers, the first shown by default.
REGION_PHASES = ("voting", "opening", "counting", "tabulation")


def region_bins(
    mission: Mission, plan: Plan | None, cov: Any = None
) -> dict[str, tuple[float, ...]]:
    """The five share classes of each phase, from this plan's own regions."""
    cov = coverage(mission, plan) if cov is None else cov
    return {phase: share_bins(_region_shares(mission, phase, cov)) for phase in SHARE_BINS}


def coverage_map_data(mission: Mission, plan: Plan | None) -> dict[str, Any]:
    """Everything the map draws, as plain data (what a user sees, minus the styling).

    ``regions``: a GeoJSON FeatureCollection per phase (share observed, colour, tooltip);
    ``dec_areas``: the DEC outlines; ``decs``, ``stations``, ``bases``: point rows
    ``[lat, lon, colour index, radius, tooltip]``; ``routes``: ``[colour, points, tooltip]``.
    """
    cov = coverage(mission, plan)
    bins = region_bins(mission, plan, cov)
    return {
        "regions": {ph: _regions_geojson(mission, ph, cov, bins[ph]) for ph in REGION_PHASES},
        "dec_areas": _dec_areas_geojson(mission),
        "decs": _dec_rows(mission, plan),
        "stations": _station_rows(mission, plan),
        "routes": _route_rows(mission, plan) if plan is not None else [],
        "bases": _base_rows(mission),
    }


def _bounds(mission: Mission) -> tuple[float, float, float, float]:
    """(south, west, north, east) of the regions, else of the stations."""
    lats = [p.lat for p in mission.polling_stations if p.lat is not None]
    lons = [p.lon for p in mission.polling_stations if p.lon is not None]
    if mission.regions and any(r.geometry is not None for r in mission.regions):
        bounds = [
            r.geometry.bounds for r in mission.regions if r.geometry is not None
        ]  # (minx, miny, maxx, maxy)
        return (
            min(b[1] for b in bounds),
            min(b[0] for b in bounds),
            max(b[3] for b in bounds),
            max(b[2] for b in bounds),
        )
    if lats:
        return min(lats), min(lons), max(lats), max(lons)
    return 40.0, 46.0, 56.0, 88.0


def _dec_areas_geojson(mission: Mission) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": mapping(a.geometry.simplify(SIMPLIFY_DEG, preserve_topology=True)),
                "properties": {
                    "tip": escape(
                        f"{a.dec_id} {mission.dec_by_id[a.dec_id].name}"
                        if a.dec_id in mission.dec_by_id
                        else a.dec_id
                    )
                },
            }
            for a in mission.dec_areas
        ],
    }


def _dec_rows(mission: Mission, plan: Plan | None) -> list[list[Any]]:
    tab = {v.dec_id for _, _, v in plan.visits() if v.phase == "tabulation"} if plan else set()
    return [
        [
            round(d.lat, 5),
            round(d.lon, 5),
            0 if d.dec_id in tab else 1,
            4,
            f"<b>DEC {escape(d.dec_id)}</b> {escape(d.name)}"
            + ("<br>tabulation observed" if d.dec_id in tab else ""),
        ]
        for d in mission.decs
    ]


def _route_rows(mission: Mission, plan: Plan) -> list[list[Any]]:
    rows = []
    for i, r in enumerate(plan.routes):
        if not r.visits:
            continue
        pts = [[round(r.start_lat, 5), round(r.start_lon, 5)]] + [
            [round(v.lat, 5), round(v.lon, 5)] for v in r.visits
        ]
        team = mission.team_by_id.get(r.team_id)
        who = "; ".join(team.members) if team else ""
        tip = (
            f"<b>Team {escape(r.team_id)}</b> {escape(who)}<br>{len(r.visits)} stops · "
            f"{r.driving_km:.0f} km"
        )
        rows.append([route_colour(i), pts, tip])
    return rows


def _base_rows(mission: Mission) -> list[list[Any]]:
    return [
        [
            round(b.lat, 5),
            round(b.lon, 5),
            0,
            7,
            f"<b>Base {escape(b.base_id)}</b> {escape(b.name)}<br>{escape(b.contacts)}",
        ]
        for b in mission.bases
    ]


def _add_areas(m: folium.Map, mission: Mission, data: dict[str, Any]) -> None:
    """The region layers (one per phase, a switch) and the DEC outlines."""
    for i, phase in enumerate(REGION_PHASES):
        group = folium.FeatureGroup(
            name=f"Regions: share observed — {PHASE_TITLES[phase]}", overlay=False, show=i == 0
        )
        folium.GeoJson(
            data["regions"][phase],
            style_function=lambda f: {
                "fillColor": f["properties"]["fill"],
                "color": "#555",
                "weight": 1.2,
                "fillOpacity": 0.6,
            },
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        ).add_to(group)
        group.add_to(m)
    if mission.dec_areas:
        dec_group = folium.FeatureGroup(name="DEC areas", show=True)
        folium.GeoJson(
            data["dec_areas"],
            style_function=lambda f: {
                "fill": False,
                "color": "#444",
                "weight": 0.6,
                "dashArray": "3 3",
            },
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        ).add_to(dec_group)
        dec_group.add_to(m)


def _add_points(m: folium.Map, plan: Plan | None, data: dict[str, Any], routes: bool) -> None:
    """DEC premises, stations, team routes and bases."""
    decs = folium.FeatureGroup(name="DEC premises", show=True)
    _Points("decs", data["decs"], [PHASE_COLOURS["tabulation"], "#ffffff"], weight=1.2).add_to(decs)
    decs.add_to(m)
    stations = folium.FeatureGroup(name="Polling stations", show=True)
    colours = [
        PHASE_COLOURS["counting"],
        PHASE_COLOURS["opening"],
        PHASE_COLOURS["voting"],
        NOT_PLANNED,
    ]
    _Points("stations", data["stations"], colours).add_to(stations)
    stations.add_to(m)
    if plan is not None and routes:
        group = folium.FeatureGroup(name="Team routes", show=True)
        _Lines(data["routes"]).add_to(group)
        group.add_to(m)
    bases = folium.FeatureGroup(name="Bases", show=True)
    _Points("bases", data["bases"], [BASE_COLOUR], stroke="#000", weight=2).add_to(bases)
    bases.add_to(m)


def build_coverage_map(
    mission: Mission,
    plan: Plan | None,
    *,
    tiles: bool = False,
    inline_assets: bool = True,
    show_routes: bool = True,
) -> folium.Map:
    """The coverage map as a folium Map (add layers to it, or save it)."""
    south, west, north, east = _bounds(mission)
    m = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=5,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
    )
    use_assets(m, inline_assets)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (needs internet)").add_to(m)
    data = coverage_map_data(mission, plan)
    _add_areas(m, mission, data)
    _add_points(m, plan, data, show_routes)
    folium.LayerControl(collapsed=False).add_to(m)
    root = m.get_root()
    assert isinstance(root, Figure)
    root.html.add_child(
        Element(legend_html(mission, plan, region_bins(mission, plan))), name="sto_legend"
    )
    m.fit_bounds([[south, west], [north, east]])
    return m


def coverage_map_html(mission: Mission, plan: Plan | None, **options: Any) -> str:
    """The whole page as text (options as :func:`build_coverage_map`)."""
    html: str = build_coverage_map(mission, plan, **options).get_root().render()
    return html


def write_coverage_map(
    mission: Mission, plan: Plan | None, path: Path, *, tiles: bool = False
) -> Path:
    """Write the self-contained ``coverage_map.html``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(coverage_map_html(mission, plan, tiles=tiles), encoding="utf-8")
    return path
