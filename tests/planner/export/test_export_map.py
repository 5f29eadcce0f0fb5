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
