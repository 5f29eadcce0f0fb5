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

import base64
import json
import re
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from shapely.geometry import mapping

from planner.coverage import coverage
from planner.export.assets import jquery_js, leaflet_css, leaflet_js
from planner.export.route_svg import PHASE_COLOURS
from planner.model import Mission, Plan

NOT_PLANNED = "#9e9e9e"
BASE_COLOUR = "#ffd54f"  # as in the app's map: yellow with a black ring
ROUTE_COLOURS = ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf")
#: Share classes per phase (upper bounds) for the region shading; 5 steps of one ramp.
SHARE_BINS: dict[str, tuple[float, ...]] = {
    "opening": (0.005, 0.01, 0.02, 0.04),
    "voting": (0.05, 0.1, 0.15, 0.25),
    "counting": (0.005, 0.01, 0.02, 0.04),
    "tabulation": (0.25, 0.5, 0.75, 0.99),
}
RAMP = ("#ffffe5", "#fee391", "#fec44f", "#ec7014", "#993404")  # YlOrBr: apart from phase colours
PHASE_TITLES = {
    "opening": "opening",
    "voting": "voting",
    "counting": "counting",
    "tabulation": "tabulation (DECs)",
}
SIMPLIFY_DEG = 0.005


def safe_json(value: Any) -> str:
    """JSON that can sit inside a ``<script>`` element (no ``</script>`` breaks out)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _Points(MacroElement):
    """Circle markers from one array ``[lat, lon, colour index, radius, tooltip html]``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var colours = {{ this.colours }};
            var rows = {{ this.rows }};
            var group = {{ this._parent.get_name() }};
            var renderer = L.canvas({padding: 0.3});
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                L.circleMarker([r[0], r[1]], {
                    renderer: renderer, radius: r[3], color: "{{ this.stroke }}",
                    weight: {{ this.weight }}, fillColor: colours[r[2]],
                    fillOpacity: 0.85
                }).bindTooltip(r[4]).addTo(group);
            }
            window.stoCoverageMap = window.stoCoverageMap || {};
            window.stoCoverageMap["{{ this.key }}"] = rows.length;
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        key: str,
        rows: list[list[Any]],
        colours: Sequence[str],
        *,
        stroke: str = "#333",
        weight: float = 0.4,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "StoPoints"
        self.key = key
        self.rows = safe_json(rows)
        self.colours = safe_json(list(colours))
        self.stroke = stroke
        self.weight = weight


class _Lines(MacroElement):
    """Polylines from ``[colour, [[lat, lon], ...], tooltip html]``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var rows = {{ this.rows }};
            var group = {{ this._parent.get_name() }};
            for (var i = 0; i < rows.length; i++) {
                L.polyline(rows[i][1], {color: rows[i][0], weight: 2.5, opacity: 0.85})
                    .bindTooltip(rows[i][2]).addTo(group);
            }
            window.stoCoverageMap = window.stoCoverageMap || {};
            window.stoCoverageMap["routes"] = rows.length;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list[Any]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "StoLines"
        self.rows = safe_json(rows)


def share_bins(shares: Sequence[float | None]) -> tuple[float, ...]:
    """Upper bounds of five classes holding about as many regions each (quintiles).

    Fixed bounds put every region of a real plan into one class (the voting share
    is about the same everywhere), so the shading said nothing; classes from the
    plan's own shares show which regions get less than the others.
    """
    values = sorted(v for v in shares if v is not None)
    if not values:
        return SHARE_BINS["voting"]
    bounds: list[float] = []
    for k in range(1, len(RAMP)):
        q = values[min(len(values) - 1, round(k * len(values) / len(RAMP)))]
        if q > values[0] and (not bounds or q > bounds[-1]):
            bounds.append(q)
    return tuple(bounds)


def _ramp(share: float | None, bins: Sequence[float]) -> str:
    if share is None:
        return "#ffffff"
    # spread the classes over the whole ramp when there are fewer than five
    step = (len(RAMP) - 1) / max(len(bins), 1)
    for i, upper in enumerate(bins):
        if share < upper:
            return RAMP[round(i * step)]
    return RAMP[-1]


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
                    "fill": _ramp(share, bins),
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


def _legend_html(
    mission: Mission, plan: Plan | None, bins_by_phase: dict[str, tuple[float, ...]]
) -> str:
    swatch = (
        '<i style="display:inline-block;width:11px;height:11px;border-radius:50%;'
        'background:{c};margin-right:4px;border:1px solid #333"></i>{t}<br>'
    )
    stations = "".join(
        swatch.format(c=PHASE_COLOURS[ph], t=ph) for ph in ("counting", "opening", "voting")
    ) + swatch.format(c=NOT_PLANNED, t="not planned")
    ramp_cells = "".join(
        f'<td style="background:{c};width:26px;height:10px;border:1px solid #999"></td>'
        for c in RAMP
    )
    scale_rows = "".join(
        f"<tr><td style='padding-right:4px'>{escape(PHASE_TITLES[ph])}</td>"
        + "".join(
            f"<td style='font-size:9px;text-align:center'>&lt;{b * 100:.1f}%</td>" for b in bins
        )
        + f"<td style='font-size:9px;text-align:center'>≥{bins[-1] * 100:.1f}%</td></tr>"
        for ph, bins in bins_by_phase.items()
        if bins
    )
    title = escape(mission.settings.mission_name)
    rev = f" · plan revision {plan.revision}" if plan is not None else " · no plan"
    # bottom right, over the map's emptiest corner (not over the country's west),
    # and folding away on a click
    return (
        '<details id="sto-legend" open style="position:fixed;bottom:28px;right:10px;'
        "z-index:9999;background:rgba(255,255,255,0.93);padding:6px 10px;"
        'border:1px solid #888;border-radius:4px;font:12px/1.35 sans-serif;max-width:330px">'
        f"<summary><b>Legend</b> · {title}{escape(rev)}</summary>"
        f"<b>Stations</b> (by phase observed)<br>{stations}"
        "<b>Regions</b>: share observed, in five classes of this plan's regions "
        "(switch phase in the layer control)"
        f"<table style='border-collapse:collapse;margin-top:2px'><tr><td></td>{ramp_cells}</tr>"
        f"{scale_rows}</table>"
        '<i style="display:inline-block;width:11px;height:11px;border-radius:50%;'
        f'background:{BASE_COLOUR};border:2px solid #000;margin-right:4px"></i>base &nbsp; '
        f'<i style="display:inline-block;width:11px;height:11px;border-radius:50%;'
        f'background:{PHASE_COLOURS["tabulation"]};margin-right:4px"></i>DEC (tabulation observed)'
        "</details>"
    )


def _css_with_images(css_path: Path) -> str:
    """Leaflet's CSS with its icon images inlined as data URIs."""
    css = css_path.read_text(encoding="utf-8")
    folder = css_path.parent

    def inline(match: re.Match[str]) -> str:
        target = folder / match.group(1)
        if not target.exists():
            return match.group(0)
        data = base64.b64encode(target.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[^)]+\.png)\)", inline, css)


def _use_assets(m: folium.Map, inline: bool) -> None:
    """Point the map at Leaflet and jQuery from the xstatic packages (never a CDN)."""
    if inline:
        m.default_js = []
        m.default_css = []
        root = m.get_root()
        assert isinstance(root, Figure)
        header = root.header
        css = _css_with_images(leaflet_css()).replace("</", "<\\/")
        header.add_child(Element(f"<style>{css}</style>"), name="sto_leaflet_css")
        for name, path in (("sto_leaflet_js", leaflet_js()), ("sto_jquery_js", jquery_js())):
            js = path.read_text(encoding="utf-8").replace("</script", "<\\/script")
            header.add_child(Element(f"<script>{js}</script>"), name=name)
    else:
        m.default_js = [("leaflet", leaflet_js().as_uri()), ("jquery", jquery_js().as_uri())]
        m.default_css = [("leaflet_css", leaflet_css().as_uri())]


def build_coverage_map(
    mission: Mission,
    plan: Plan | None,
    *,
    tiles: bool = False,
    inline_assets: bool = True,
    show_routes: bool = True,
) -> folium.Map:
    """The coverage map as a folium Map (add layers to it, or save it)."""
    lats = [p.lat for p in mission.polling_stations if p.lat is not None]
    lons = [p.lon for p in mission.polling_stations if p.lon is not None]
    if mission.regions and any(r.geometry is not None for r in mission.regions):
        bounds = [
            r.geometry.bounds for r in mission.regions if r.geometry is not None
        ]  # (minx, miny, maxx, maxy)
        south = min(b[1] for b in bounds)
        west = min(b[0] for b in bounds)
        north = max(b[3] for b in bounds)
        east = max(b[2] for b in bounds)
    elif lats:
        south, west, north, east = min(lats), min(lons), max(lats), max(lons)
    else:
        south, west, north, east = 40.0, 46.0, 56.0, 88.0
    m = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=5,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
    )
    _use_assets(m, inline_assets)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (needs internet)").add_to(m)
    cov = coverage(mission, plan)
    bins_by_phase = {phase: share_bins(_region_shares(mission, phase, cov)) for phase in SHARE_BINS}
    for i, phase in enumerate(("voting", "opening", "counting", "tabulation")):
        group = folium.FeatureGroup(
            name=f"Regions: share observed — {PHASE_TITLES[phase]}", overlay=False, show=i == 0
        )
        folium.GeoJson(
            _regions_geojson(mission, phase, cov, bins_by_phase[phase]),
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
        areas = {
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
        dec_group = folium.FeatureGroup(name="DEC areas", show=True)
        folium.GeoJson(
            areas,
            style_function=lambda f: {
                "fill": False,
                "color": "#444",
                "weight": 0.6,
                "dashArray": "3 3",
            },
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        ).add_to(dec_group)
        dec_group.add_to(m)
    tab = {v.dec_id for _, _, v in plan.visits() if v.phase == "tabulation"} if plan else set()
    dec_rows = [
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
    decs = folium.FeatureGroup(name="DEC premises", show=True)
    _Points("decs", dec_rows, [PHASE_COLOURS["tabulation"], "#ffffff"], weight=1.2).add_to(decs)
    decs.add_to(m)
    stations = folium.FeatureGroup(name="Polling stations", show=True)
    colours = [
        PHASE_COLOURS["counting"],
        PHASE_COLOURS["opening"],
        PHASE_COLOURS["voting"],
        NOT_PLANNED,
    ]
    _Points("stations", _station_rows(mission, plan), colours).add_to(stations)
    stations.add_to(m)
    if plan is not None and show_routes:
        routes = folium.FeatureGroup(name="Team routes", show=True)
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
            rows.append([ROUTE_COLOURS[i % len(ROUTE_COLOURS)], pts, tip])
        _Lines(rows).add_to(routes)
        routes.add_to(m)
    base_rows = [
        [
            round(b.lat, 5),
            round(b.lon, 5),
            0,
            7,
            f"<b>Base {escape(b.base_id)}</b> {escape(b.name)}<br>{escape(b.contacts)}",
        ]
        for b in mission.bases
    ]
    bases = folium.FeatureGroup(name="Bases", show=True)
    _Points("bases", base_rows, [BASE_COLOUR], stroke="#000", weight=2).add_to(bases)
    bases.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    root = m.get_root()
    assert isinstance(root, Figure)
    root.html.add_child(Element(_legend_html(mission, plan, bins_by_phase)), name="sto_legend")
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
