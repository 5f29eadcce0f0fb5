"""The steps of a re-plan one by one: who is touched, the workspace's bookkeeping,
the edits (drop, insert, pin), what changed per team."""

from __future__ import annotations

from dataclasses import replace

from planner.day import StopRef, stops_of
from planner.replan.affected import affected_teams, touched_by
from planner.replan.changes import Pin, StationClosed, VotingHours, apply_changes
from planner.replan.moves import insert_visits, make_feasible
from planner.replan.neighbours import new_day
from planner.replan.repair import pin_into
from planner.replan.result import diff_route, stop_label
from planner.replan.workspace import Workspace
from planner.travel import EstimatedTravel
from tests.planner.replan.test_replan import planned_mission


def _workspace(m):  # type: ignore[no-untyped-def]
    plan = m.current_plan
    return Workspace(m, plan.routes, EstimatedTravel(m.settings))


def test_a_closed_station_touches_only_the_team_that_visits_it() -> None:
    m = planned_mission()
    assert touched_by(m, StationClosed("N-0004")) == ["T001"]
    assert touched_by(m, StationClosed("N-0010")) == []  # nobody goes there


def test_an_hours_change_touches_a_team_only_when_its_visit_no_longer_fits() -> None:
    m = planned_mission()
    plan = m.current_plan
    assert plan is not None
    after, _ = apply_changes(m, [VotingHours("N-0003", open_time=6 * 60 + 50)])
    ws = Workspace(after, plan.routes, EstimatedTravel(after.settings))
    why = affected_teams(m, after, plan, ws, [])
    assert why == {"T001": ["N-0003 hours changed"]}


def test_a_pin_touches_the_receiving_and_the_giving_team() -> None:
    m = planned_mission()
    plan = m.current_plan
    assert plan is not None
    pin = Pin("T003", "voting", ps_id="N-0005")  # T001 visits N-0005 today
    after, _ = apply_changes(m, [pin])
    ws = Workspace(after, plan.routes, EstimatedTravel(after.settings))
    why = affected_teams(m, after, plan, ws, [pin])
    assert why["T003"] == ["pin N-0005 (voting)"]
    assert why["T001"] == ["gives N-0005 to T003 (pin)"]


def test_the_workspace_knows_who_observes_what() -> None:
    m = planned_mission()
    ws = _workspace(m)
    assert ws.used["N-0003"] == "T001" and ws.tab_holder("N-D01") == "T001"
    old = ws.drop_route("T001")
    assert old is not None and "N-0003" not in ws.used and not ws.tab_taken("N-D01")
    ws.set_route(old)
    assert ws.used["N-0003"] == "T001"


def test_make_feasible_drops_voting_visits_never_a_pinned_one() -> None:
    m = planned_mission()
    ws = _workspace(m)
    r = m.current_plan.route("T001")  # type: ignore[union-attr]
    far = [p.ps_id for p in m.polling_stations if p.region_id == "N" and p.ps_id not in ws.used]
    stops = stops_of(r)
    # Too many voting visits for one day: the first planned one is pinned.
    stops[1] = replace(stops[1], pinned=True)
    crowded = [*stops[:-2], *(StopRef("voting", x) for x in far), *stops[-2:]]
    route, dropped, seq = make_feasible(ws, "T001", (r.start_lat, r.start_lon), crowded)
    assert route is not None and seq == 0 and dropped
    assert stops[1].ps_id not in dropped and route.visits[1].pinned
    assert len(route.visits) == len(crowded) - len(dropped)


def test_insert_adds_free_stations_that_fit_the_day() -> None:
    m = planned_mission()
    ws = _workspace(m)
    r = m.current_plan.route("T003")  # type: ignore[union-attr]
    before = len(r.visits)
    added = insert_visits(ws, "T003")
    after = ws.routes["T003"]
    assert added and len(after.visits) == before + len(added)
    assert all(ws.used[x] == "T003" for x in added)


def test_a_pinned_voting_stop_goes_where_it_costs_the_least_detour() -> None:
    m = planned_mission()
    ws = _workspace(m)
    r = m.current_plan.route("T001")  # type: ignore[union-attr]
    stops = pin_into(ws, stops_of(r), Pin("T001", "voting", ps_id="N-0008"))
    phases = [x.phase for x in stops]
    assert phases[0] == "opening" and phases[-2:] == ["counting", "tabulation"]
    pinned = [x for x in stops if x.pinned]
    assert [x.ps_id for x in pinned] == ["N-0008"]


def test_an_added_team_gets_a_day_of_its_own() -> None:
    m = planned_mission(n_teams=2)  # both rural DECs are free
    ws = _workspace(planned_mission(n_teams=4).with_plan(m.current_plan))  # type: ignore[arg-type]
    warnings: list[str] = []
    new_day(ws, "T003", warnings)
    assert warnings == [] and ws.routes["T003"].visits
    phases = [v.phase for v in ws.routes["T003"].visits]
    assert phases[0] == "opening" and "counting" in phases


def test_diff_route_names_added_removed_and_retimed_stops() -> None:
    m = planned_mission()
    r = m.current_plan.route("T001")  # type: ignore[union-attr]
    later = replace(r.visits[2], arrive=r.visits[2].arrive + 5, depart=r.visits[2].depart + 5)
    changed = replace(r, visits=(*r.visits[:1], later, *r.visits[3:]))
    tc = diff_route("T001", r, changed, "why")
    assert tc.status == "changed" and tc.why == "why"
    assert tc.removed == (stop_label(r.visits[1]),)
    assert tc.retimed == (stop_label(later),)
    assert diff_route("T001", r, r).status == "unchanged"
    assert diff_route("T001", r, None).status == "removed"
    assert stop_label(r.visits[0]) == f"opening:{r.visits[0].ps_id}"
