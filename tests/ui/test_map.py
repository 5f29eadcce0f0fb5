"""The map really draws (Leaflet loaded, markers on the canvas) and selection goes both ways."""

from __future__ import annotations

import json
from typing import Any

import pytest

from planner.presentation import UNPLANNED_COLOUR
from ui.map_html import build_map_html, mission_data, plan_data

pytestmark = pytest.mark.gui


def js(qtbot, window, script: str) -> Any:  # type: ignore[no-untyped-def]
    """Run ``script`` in the map page and wait for its (JSON) answer."""
    box: dict[str, Any] = {}
    window.map.run_js(f"JSON.stringify({script})", lambda v: box.__setitem__("v", v))
    qtbot.waitUntil(lambda: "v" in box, timeout=10000)
    return json.loads(box["v"]) if isinstance(box["v"], str) else box["v"]


def test_leaflet_really_renders_every_located_station(qtbot, window) -> None:
    located = sum(1 for p in window.mission.polling_stations if p.lat is not None)
    assert js(qtbot, window, "typeof L") == "function" or js(qtbot, window, "typeof L") == "object"
    assert js(qtbot, window, "STO.markerCount()") == located
    assert window.map.marker_count == located
    # the canvas renderer has drawn: the map pane holds a non-empty canvas
    size = js(qtbot, window, "[document.querySelector('canvas').width, STO.map.getZoom()]")
    assert size[0] > 0 and size[1] > 3
    assert js(qtbot, window, "STO.planRoutes") == len(window.plan.routes)


def test_selecting_a_station_in_the_table_selects_it_on_the_map(qtbot, window) -> None:
    window.select("station", "N-0004", source="table")
    qtbot.waitUntil(lambda: js(qtbot, window, "STO.selected") == "station:N-0004", timeout=5000)
    window.select("team", "T002", source="table")
    qtbot.waitUntil(lambda: js(qtbot, window, "STO.selected") == "team:T002", timeout=5000)


def test_clicking_on_the_map_selects_in_the_lists(qtbot, window) -> None:
    with qtbot.waitSignal(window.selected, timeout=5000) as blocker:
        window.map.run_js("STO.byId['W-0003'].fire('click')")
    assert blocker.args == ["station", "W-0003"]
    current = window.stations_view.currentIndex()
    assert window.stations_proxy.mapToSource(current).row() == window.stations_model.row_of(
        "W-0003"
    )
    # W-0003 is T004's opening in the fake plan: its day is shown
    assert window.day.team_id == "T004"
    with qtbot.waitSignal(window.selected, timeout=5000) as blocker:
        window.map.run_js("STO.routes['T002'].fire('click')")
    assert blocker.args == ["team", "T002"]
    assert window.day.team_id == "T002"


def test_an_edit_updates_the_map_without_reloading(qtbot, window) -> None:
    route = window.plan.route("T001")
    voting = route.phase_visits("voting")[0].ps_id
    from ui.plan_edits import remove_stop

    window.set_mission(remove_stop(window.mission, "T001", voting).mission, description="x")
    colour = js(qtbot, window, f"STO.byId['{voting}'].options.fillColor")
    assert colour == UNPLANNED_COLOUR  # back to unvisited grey
    assert window.map.is_ready  # no reload


def test_page_data_lists_stations_and_routes(planned_mission) -> None:
    data = mission_data(planned_mission)
    ids = [s[0] for s in data["stations"]]
    assert "ABR-0001" not in ids  # abroad: no position, not on the map
    assert len(ids) == len(planned_mission.polling_stations) - 1
    plan = plan_data(planned_mission, planned_mission.current_plan)
    first = planned_mission.current_plan.routes[0]
    assert plan["routes"][0]["team"] == first.team_id
    assert len(plan["routes"][0]["pts"]) == len(first.visits) + 1
    assert plan["visited"][first.visits[0].ps_id] == "opening"
    html = build_map_html(planned_mission, planned_mission.current_plan)
    assert "cdn.jsdelivr" not in html and "code.jquery.com" not in html  # offline
    assert "leaflet.js" in html


def test_no_background_tiles_unless_the_user_turns_them_on(qtbot, window, monkeypatch) -> None:
    layers = "Object.values(STO.map._layers).filter(l => l instanceof L.TileLayer).length"
    assert not window.act_tiles.isChecked()
    assert js(qtbot, window, layers) == 0
    assert "openstreetmap" not in build_map_html(window.mission, None, tiles=False).lower()
    assert "tile.openstreetmap.org" in build_map_html(window.mission, None, tiles=True)
    calls: list[bool] = []
    monkeypatch.setattr(window.map, "set_tiles", lambda on, plan: calls.append(on))
    window.act_tiles.setChecked(True)  # (the page reload itself would go online)
    assert calls == [True]
    from ui import app_settings

    assert app_settings.map_tiles_enabled()


def test_selecting_a_region_zooms_the_map_to_it(qtbot, window) -> None:
    window.select("region", "W", source="browser")
    qtbot.waitUntil(lambda: js(qtbot, window, "STO.selected") == "region:W", timeout=5000)
    centre = js(qtbot, window, "[STO.map.getCenter().lat, STO.map.getCenter().lng]")
    assert 49.5 < centre[0] < 50.5 and 56.0 < centre[1] < 58.0  # region W's box


def test_map_has_a_legend_and_names_places_without_overlap(qtbot, make_window) -> None:
    from tests.factories import tiny_mission
    from tests.planner.export.test_route_map import with_addresses
    from tests.ui.fakes import greedy_plan

    mission = with_addresses(tiny_mission(n_teams=4))
    mission = mission.with_plan(greedy_plan(mission))
    w = make_window(mission)
    if not w.map.is_ready:
        with qtbot.waitSignal(w.map.rendered, timeout=30000):
            pass
    legend = js(qtbot, w, "document.getElementById('sto-map-legend').innerText")
    for word in ("opening", "voting", "counting", "not planned", "DEC", "base", "route"):
        assert word in legend
    w.select("team", "T001", source="table")  # zooms to the team's route
    qtbot.waitUntil(lambda: js(qtbot, w, "STO.map.getZoom()") >= 9, timeout=5000)
    names = js(
        qtbot,
        w,
        "STO.labels.filter(function (l) { return l.on; }).map(function (l) {"
        " var r = l.m.getElement().firstChild.getBoundingClientRect();"
        " return [l.name, r.left, r.top, r.right, r.bottom]; })",
    )
    assert names, "no place named around the selected route"
    assert any(n[0].startswith(("Town", "Village")) for n in names)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not (a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]), (a, b)
