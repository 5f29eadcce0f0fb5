"""Route sheets as HTML (no Qt): content, escaping, alternates."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.errors import PlannerError
from planner.export.alternates import find_alternates
from planner.export.route_sheet import route_sheets_html
from planner.model import Plan
from planner.travel import EstimatedTravel
from tests.factories import tiny_mission
from tests.planner.export._export_plan import tiny_plan, with_kazakh_names


@pytest.fixture
def mission_plan():  # type: ignore[no-untyped-def]
    """tiny_mission with Kazakh names and a markup name, and a two-team hand-made plan."""
    mission = with_kazakh_names(tiny_mission())
    return mission, tiny_plan(mission)


def test_user_text_is_escaped(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    html = route_sheets_html(mission, plan)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>№ 7</b>" not in html


def test_booklet_has_cover_contents_and_every_team(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    html = route_sheets_html(mission, plan)
    assert 'class="cover"' in html and "Contents / Содержание" in html
    assert html.count('<section class="sheet"') == 2
    assert html.index('id="team-T001"') < html.index('id="team-T002"')
    # The 2011 comparison is on the cover.
    assert "1,622" in html


def test_selected_teams_only_without_cover(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    html = route_sheets_html(mission, plan, team_ids=["T002"], revision_notes={"T002": "Rev 4"})
    assert 'id="team-T002"' in html and 'id="team-T001"' not in html
    assert 'class="cover"' not in html
    assert "Rev 4" in html


def test_unknown_team_and_page_size_are_refused(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    with pytest.raises(PlannerError, match="T999"):
        route_sheets_html(mission, plan, team_ids=["T999"])
    with pytest.raises(PlannerError, match="page size"):
        route_sheets_html(mission, plan, page_size="A5")


def test_after_midnight_and_lunch_are_printed(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    html = route_sheets_html(mission, plan, team_ids=["T001"])
    tab = plan.route("T001").visits[-1]
    assert tab.depart >= 24 * 60
    assert f"{(tab.depart - 1440) // 60:02d}:{tab.depart % 60:02d} +1d" in html
    assert "Lunch break" in html and "Обед" in html


def test_alternates_are_unplanned_open_and_fit_the_day(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    travel = EstimatedTravel(mission.settings)
    alts = find_alternates(mission, plan, travel=travel, verify=False)
    planned = {v.ps_id for _, _, v in plan.visits() if v.ps_id}
    offered = [a.ps_id for found in alts.values() for a in found]
    assert offered, "the tiny mission has spare stations near every team"
    assert len(offered) == len(set(offered)), "one spare station is offered once"
    voting_keys = {(t, s) for t, s, v in plan.visits() if v.phase == "voting"}
    assert set(alts) == voting_keys
    for (team_id, seq), found in alts.items():
        route = plan.route(team_id)
        assert route is not None
        prev, stop, nxt = route.visits[seq - 2], route.visits[seq - 1], route.visits[seq]
        for a in found:
            ps = mission.station_by_id[a.ps_id]
            assert a.ps_id not in planned and ps.status == "open" and ps.region_id == stop.region_id
            leg_in, _ = travel.leg((prev.lat, prev.lon), (ps.lat, ps.lon))
            leg_out, _ = travel.leg((ps.lat, ps.lon), (nxt.lat, nxt.lon))
            assert a.arrive >= prev.depart + leg_in
            assert ps.open_time <= a.depart - mission.settings.voting_observation_min
            assert a.depart <= ps.close_time
            assert a.depart + leg_out <= nxt.arrive


def test_no_alternate_when_the_next_stop_leaves_no_slack(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    route = plan.route("T002")
    assert route is not None
    # The next stop expects the team sooner than two minimal legs (each at least the
    # parking overhead) and one observation after the opening: nothing fits in between.
    s = mission.settings
    v = list(route.visits)
    soonest = v[0].depart + 2 * s.stop_overhead_min + s.voting_observation_min
    v[2] = replace(v[2], arrive=soonest - 1, depart=soonest + 40)
    tight = replace(plan, routes=(replace(route, visits=tuple(v)),))
    alts = find_alternates(mission, tight, verify=False)
    assert alts[("T002", 2)] == ()


def test_closed_station_is_never_an_alternate(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    alts = find_alternates(mission, plan, verify=False)
    first = next(a for found in alts.values() for a in found)
    closed = replace(
        mission,
        polling_stations=tuple(
            replace(p, status="closed") if p.ps_id == first.ps_id else p
            for p in mission.polling_stations
        ),
    )
    again = find_alternates(closed, plan, verify=False)
    assert first.ps_id not in {a.ps_id for found in again.values() for a in found}


def test_empty_plan_gives_cover_only(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, _ = mission_plan
    html = route_sheets_html(mission, Plan(routes=()))
    assert 'class="cover"' in html and '<section class="sheet"' not in html


def test_alternates_pass_the_planners_day_model(mission_plan) -> None:  # type: ignore[no-untyped-def]
    day = pytest.importorskip("planner.day")
    mission, plan = mission_plan
    alts = find_alternates(mission, plan)
    assert any(alts.values())
    for (team_id, seq), found in alts.items():
        route = plan.route(team_id)
        for a in found:
            stops = list(day.stops_of(route))
            stops[seq - 1] = day.StopRef(phase="voting", ps_id=a.ps_id)
            day.time_route(mission, team_id, (route.start_lat, route.start_lon), stops)


def test_a_custom_check_can_veto_alternates(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    alts = find_alternates(mission, plan, verify=lambda route, index, station: False)
    assert not any(alts.values())


def test_empty_selection_says_so(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    html = route_sheets_html(mission, plan, team_ids=[])
    assert "No route sheets" in html and '<section class="sheet"' not in html


def test_lunch_row_sits_between_the_stops_it_falls_between(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    route = plan.route("T001")
    assert route is not None and route.lunch_start is not None
    html = route_sheets_html(mission, plan, team_ids=["T001"])
    before = max(i for i, v in enumerate(route.visits) if v.depart <= route.lunch_start)
    lunch_at = html.index('<tr class="row-lunch')
    assert html.rindex(f'<td class="seq">{before + 1}</td>', 0, lunch_at) > 0
    assert html.index(f'<td class="seq">{before + 2}</td>') > lunch_at
