"""The coverage map: offline, self-contained, escaped, with the plan's data in it."""

from __future__ import annotations

import json
import re

import pytest

from planner.export.coverage_map import build_coverage_map, coverage_map_html, safe_json
from tests.factories import tiny_mission
from tests.planner.export._export_plan import tiny_plan, with_kazakh_names


@pytest.fixture(scope="module")
def page() -> str:
    mission = with_kazakh_names(tiny_mission())
    return coverage_map_html(mission, tiny_plan(mission))


def test_no_network_script_or_stylesheet(page: str) -> None:
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "cdn.jsdelivr" not in page and "code.jquery.com" not in page
    assert "L.tileLayer" not in page
    # Leaflet itself is inlined.
    assert "Leaflet" in page and "L.map(" in page


def test_tiles_only_when_asked() -> None:
    mission = tiny_mission()
    page = coverage_map_html(mission, tiny_plan(mission), tiles=True)
    assert "tile.openstreetmap.org" in page


def test_local_files_option_for_the_desktop_view() -> None:
    mission = tiny_mission()
    page = coverage_map_html(mission, tiny_plan(mission), inline_assets=False)
    srcs = re.findall(r'<script src="([^"]+)"', page)
    assert srcs and all(s.startswith("file://") for s in srcs)


def test_user_markup_is_escaped(page: str) -> None:
    assert "<script>alert(1)</script>" not in page
    # In the tooltip data the name is HTML-escaped (&lt;script&gt;) and the JSON
    # spells "&" and "<" as \\u escapes, so nothing can close the <script>.
    assert "\\u0026lt;script\\u0026gt;alert(1)" in page


def test_every_located_station_and_route_is_drawn(page: str) -> None:
    mission = tiny_mission()
    chunks = [c for c in page.split("var rows = ")[1:] if 'stoCoverageMap["stations"]' in c]
    chunk = next(c for c in chunks if c.index('stoCoverageMap["stations"]') < c.index("})();"))
    stations = json.loads(chunk.split(";\n", 1)[0])
    located = [p for p in mission.polling_stations if p.lat is not None]
    assert len(stations) == len(located)
    planned = {v.ps_id: v.phase for _, _, v in tiny_plan(mission).visits() if v.ps_id}
    colours = {"counting": 0, "opening": 1, "voting": 2}
    by_pos = {(r[0], r[1]): r[2] for r in stations}
    for p in located:
        expected = colours[planned[p.ps_id]] if p.ps_id in planned else 3
        assert by_pos[(round(p.lat, 5), round(p.lon, 5))] == expected, p.ps_id


def test_phase_switch_layers_and_legend() -> None:
    mission = tiny_mission()
    m = build_coverage_map(mission, tiny_plan(mission))
    html = m.get_root().render()
    for phase in ("voting", "opening", "counting", "tabulation"):
        assert re.search(rf"Regions: share observed (—|\\u2014) {phase}", html), phase
    assert 'id="sto-legend"' in html


def test_safe_json_cannot_close_a_script() -> None:
    text = safe_json(["</script><script>x()</script>"])
    assert "</" not in text and json.loads(text) == ["</script><script>x()</script>"]


def test_region_shading_tells_regions_apart_on_a_real_sized_plan() -> None:
    """On the demo mission with a plan, the voting layer uses several classes (with
    fixed bounds every region came out the same orange)."""
    import re
    from collections import Counter

    from geodata import DEMO_MISSION
    from planner.export.coverage_map import build_coverage_map
    from planner.export.coverage_style import RAMP
    from planner.io.mission import open_mission

    mission = open_mission(DEMO_MISSION)
    plan = nearby_plan(mission)
    html = build_coverage_map(mission, plan).get_root().render()
    fills = re.findall(r'"fill": ?"(#[0-9a-f]{6})"', html)
    n = len([r for r in mission.regions if r.geometry is not None])
    voting = Counter(fills[:n])  # the first layer is the voting share
    assert set(voting) <= set(RAMP)
    assert len(voting) >= 3
    assert max(voting.values()) <= n // 2
    assert "right:10px" in html and "sto-legend" in html  # legend off the country's west
    assert "#ffd54f" in html  # bases yellow, as in the app


def nearby_plan(mission, voting: int = 6):  # type: ignore[no-untyped-def]
    """Each team: the nearest free stations to its base (opening, voting, count), DEC."""
    import math

    from planner.day import InfeasibleRoute, StopRef, time_route
    from planner.model import Plan

    taken: set[str] = set()
    routes = []
    for team in mission.available_teams:
        base = mission.base_by_id[team.base_id]
        free = sorted(
            (
                p
                for p in mission.polling_stations
                if p.located
                and p.status == "open"
                and p.region_id in base.region_ids
                and p.ps_id not in taken
            ),
            key=lambda p: math.hypot(p.lat - base.lat, (p.lon - base.lon) * 0.7),
        )[: voting + 2]
        if len(free) < 2:
            continue
        stops = [StopRef("opening", ps_id=free[0].ps_id)]
        stops += [StopRef("voting", ps_id=p.ps_id) for p in free[1:-1]]
        stops += [StopRef("counting", ps_id=free[-1].ps_id), StopRef("tabulation")]
        try:
            route = time_route(mission, team.team_id, (base.lat, base.lon), stops)
        except InfeasibleRoute:
            continue
        routes.append(route)
        taken.update(v.ps_id for v in route.visits if v.ps_id)
    return Plan(routes=tuple(routes))
