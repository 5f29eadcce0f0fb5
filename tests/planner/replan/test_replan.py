"""Re-planning: each change kind, pins, idempotence, a replan after a replan.

The base plan is written by hand on ``tiny_mission`` (timed by the day model) so that
these tests do not depend on the planner's choices.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from planner.day import StopRef, time_route
from planner.errors import InputError, PlanningError
from planner.model import Mission, Plan, TeamRoute
from planner.replan.changes import Change, blocked_areas, parse_changes_text, read_changes
from planner.replan.core import ReplanResult, replan
from planner.validate import validate_plan
from tests.factories import tiny_mission


def _day(m: Mission, team: str, plan: tuple[tuple[float, float], str, list[str], str]) -> TeamRoute:
    start, opening, voting, counting = plan
    dec = m.station_by_id[counting].dec_id
    stops = [
        StopRef("opening", opening),
        *(StopRef("voting", v) for v in voting),
        StopRef("counting", counting),
        StopRef("tabulation", dec_id=dec),
    ]
    return time_route(m, team, start, stops)


def planned_mission(n_teams: int = 4) -> Mission:
    """tiny_mission with a hand-made plan (revision 1).

    T001 (North town), T003 (North rural), T002 (West town), T004 (West rural);
    with ``n_teams=2`` only T001 and T002, leaving both rural DECs free.
    """
    m = tiny_mission(n_teams=n_teams)
    days = {
        "T001": ((51.0, 71.0), "N-0002", ["N-0003", "N-0004", "N-0005", "N-0006"], "N-0007"),
        "T002": ((50.0, 57.0), "W-0003", ["W-0004", "W-0005", "W-0006"], "W-0007"),
        "T003": ((51.25, 71.4), "N-0009", ["N-0011", "N-0012"], "N-0016"),
        "T004": ((50.2, 57.3), "W-0013", ["W-0012", "W-0010"], "W-0016"),
    }
    routes = tuple(_day(m, t, days[t]) for t in sorted(days) if t in m.team_by_id)
    return m.with_plan(Plan(routes=routes, created="2026-11-24T10:00:00+00:00", label="hand"))


def _run(m: Mission, text: str) -> ReplanResult:
    res = replan(m, parse_changes_text(text), source="c.yaml")
    assert validate_plan(res.mission, res.plan) == []
    return res


def _status(res: ReplanResult) -> dict[str, str]:
    return {t.team_id: t.status for t in res.teams}


def _keys(route: TeamRoute | None) -> list[str]:
    return [f"{v.phase}:{v.key}" for v in route.visits] if route else []


@pytest.fixture
def mission() -> Mission:
    """Four teams with a valid hand-made plan."""
    m = planned_mission()
    assert validate_plan(m, m.current_plan) == []  # type: ignore[arg-type]
    return m


def _untouched_kept(base: Mission, res: ReplanResult, *teams: str) -> None:
    old = base.current_plan
    assert old is not None
    for t in teams:
        assert res.plan.route(t) == old.route(t), f"{t} was altered"


# ----------------------------------------------------------------- each change kind


def test_closed_station_is_dropped_and_others_untouched(mission: Mission) -> None:
    res = _run(mission, "- polling_station_closed: N-0003\n")
    assert res.mission.station_by_id["N-0003"].status == "closed"
    t1 = res.plan.route("T001")
    assert "voting:N-0003" not in _keys(t1)
    change = next(t for t in res.teams if t.team_id == "T001")
    assert change.status == "changed"
    assert "N-0003" in change.removed
    assert "N-0003 closed" in change.why
    _untouched_kept(mission, res, "T002", "T003", "T004")
    assert res.plan.revision == 2 and res.plan.parent == 1


def test_refill_takes_a_nearby_unobserved_station(mission: Mission) -> None:
    res = _run(mission, "- polling_station_closed: N-0003\n")
    t1 = next(t for t in res.teams if t.team_id == "T001")
    base_plan = mission.current_plan
    assert base_plan is not None
    planned = {v.ps_id for _, _, v in base_plan.visits()}
    assert t1.added, "the freed time is used for another station"
    assert all(ps not in planned for ps in t1.added)


def test_moved_station_is_visited_at_its_new_place(mission: Mission) -> None:
    res = _run(mission, "- polling_station_moved: {ps_id: N-0004, lat: 51.03, lon: 71.05}\n")
    visit = next(v for v in res.plan.route("T001").visits if v.ps_id == "N-0004")  # type: ignore[union-attr]
    assert (visit.lat, visit.lon) == (51.03, 71.05)
    assert res.mission.station_by_id["N-0004"].lat == 51.03
    assert _status(res)["T001"] == "changed"
    _untouched_kept(mission, res, "T002", "T003", "T004")


def test_shifted_hours_retime_the_team(mission: Mission) -> None:
    res = _run(mission, "- voting_hours: {ps_id: W-0007, close_time: '18:00'}\n")
    count = next(v for v in res.plan.route("T002").visits if v.phase == "counting")  # type: ignore[union-attr]
    s = res.mission.settings
    assert count.depart == 18 * 60 + s.count_duration_min
    t2 = next(t for t in res.teams if t.team_id == "T002")
    assert "counting:W-0007" in t2.retimed
    assert res.mission.station_by_id["W-0007"].close_time == 18 * 60
    _untouched_kept(mission, res, "T001", "T003", "T004")


def test_visit_that_no_longer_fits_its_hours_is_moved_or_dropped(mission: Mission) -> None:
    # T001 reaches N-0006 at about 10:44; if it closes at 10:30 the visit cannot stay
    # there (it may come back earlier in the day, where it fits)
    res = _run(
        mission, "- voting_hours: {ps_id: N-0006, open_time: '06:00', close_time: '10:30'}\n"
    )
    t1 = res.plan.route("T001")
    assert t1 is not None
    assert all(v.depart <= 10 * 60 + 30 for v in t1.visits if v.ps_id == "N-0006")
    assert _status(res)["T001"] == "changed"


def test_unavailable_team_removed_and_neighbour_takes_stops(mission: Mission) -> None:
    res = _run(mission, "- team_unavailable: T002\n")
    assert res.plan.route("T002") is None
    assert res.mission.team_by_id["T002"].available is False
    status = _status(res)
    assert status["T002"] == "removed"
    # the only neighbour in the West region takes some of T002's stations
    t4 = next(t for t in res.teams if t.team_id == "T004")
    lost = {"W-0003", "W-0004", "W-0005", "W-0006", "W-0007"}
    assert set(t4.added) & lost
    assert res.helpers == ("T004",)
    _untouched_kept(mission, res, "T001", "T003")


def test_added_team_gets_a_day_in_a_free_dec() -> None:
    m = planned_mission(n_teams=2)
    res = _run(m, "- team_added: {team_id: T009, base_id: BN, members: 'A B; C D'}\n")
    route = res.plan.route("T009")
    assert route is not None
    phases = [v.phase for v in route.visits]
    assert phases[0] == "opening" and phases[-2:] == ["counting", "tabulation"]
    assert route.visits[-1].dec_id == "N-D02"  # the DEC no team tabulated
    assert _status(res)["T009"] == "added"
    assert res.mission.team_by_id["T009"].members == ("A B", "C D")
    _untouched_kept(m, res, "T001", "T002")


def test_blocked_area_is_avoided_and_remembered(mission: Mission) -> None:
    area = "[[71.25, 51.08], [71.42, 51.08], [71.42, 51.18], [71.25, 51.18]]"
    res = _run(mission, f"- area_blocked: {{polygon: {area}}}\n")
    shape = blocked_areas(res.mission)[0]
    t3 = res.plan.route("T003")
    assert t3 is not None and t3.visits
    from shapely.geometry import LineString, Point

    pts = [(t3.start_lon, t3.start_lat)] + [(v.lon, v.lat) for v in t3.visits]
    assert not any(shape.contains(Point(p)) for p in pts)
    assert not any(shape.intersects(LineString([a, b])) for a, b in itertools.pairwise(pts))
    assert _status(res)["T003"] == "changed"
    _untouched_kept(mission, res, "T001", "T002", "T004")


def test_priority_dec_gets_more_eyes(mission: Mission) -> None:
    def in_dec(plan: Plan) -> int:
        return sum(1 for _, _, v in plan.visits() if v.phase == "voting" and v.dec_id == "N-D02")

    res = _run(mission, "- priority: {dec_id: N-D02, weight: 3}\n")
    assert all(p.priority == 3 for p in res.mission.polling_stations if p.dec_id == "N-D02")
    assert in_dec(res.plan) > in_dec(mission.current_plan)  # type: ignore[arg-type]
    _untouched_kept(mission, res, "T002", "T004")


def test_pin_gives_the_stop_to_the_team_and_marks_it(mission: Mission) -> None:
    # N-0012 is T003's voting visit; pin it to T001
    res = _run(mission, "- pin: {team_id: T001, ps_id: N-0012, phase: voting}\n")
    t1 = res.plan.route("T001")
    assert t1 is not None
    pinned = [v for v in t1.visits if v.pinned]
    assert [(v.phase, v.ps_id) for v in pinned] == [("voting", "N-0012")]
    assert "voting:N-0012" not in _keys(res.plan.route("T003"))
    assert set(_status(res)) >= {"T001", "T003"}
    _untouched_kept(mission, res, "T002", "T004")


def test_pinned_count_moves_the_tabulation_with_it(mission: Mission) -> None:
    res = _run(mission, "- pin: {team_id: T001, ps_id: N-0001, phase: counting}\n")
    t1 = res.plan.route("T001")
    assert t1 is not None
    assert [(v.phase, v.key, v.pinned) for v in t1.visits[-2:]] == [
        ("counting", "N-0001", True),
        ("tabulation", "DEC:N-D01", False),
    ]


# ----------------------------------------------------------------- pins never move


def test_pinned_stops_stay_put_through_later_replans(mission: Mission) -> None:
    first = _run(mission, "- pin: {team_id: T003, ps_id: N-0011, phase: voting}\n")
    # now make T003's neighbour lose its day and close stations around: the pin stays
    second = _run(
        first.mission,
        "- team_unavailable: T001\n- polling_station_closed: N-0012\n"
        "- priority: {dec_id: N-D01, weight: 4}\n",
    )
    t3 = second.plan.route("T003")
    assert t3 is not None
    assert ("voting", "N-0011", True) in [(v.phase, v.ps_id, v.pinned) for v in t3.visits]
    assert second.plan.parent == first.plan.revision


def test_neighbours_never_swap_out_a_pinned_visit(mission: Mission) -> None:
    first = _run(mission, "- pin: {team_id: T004, ps_id: W-0010, phase: voting}\n")
    second = _run(first.mission, "- team_unavailable: T002\n")
    t4 = second.plan.route("T004")
    assert t4 is not None
    assert any(v.ps_id == "W-0010" and v.pinned for v in t4.visits)


# ----------------------------------------------------------------- idempotence, chains


def test_same_changes_twice_change_nothing_more(mission: Mission, data_dir: Path) -> None:
    changes: list[Change] = read_changes(data_dir / "changes" / "all_kinds.yaml")
    first = replan(mission, changes)
    assert validate_plan(first.mission, first.plan) == []
    second = replan(first.mission, changes)
    assert not second.is_new_revision
    assert second.plan == first.plan
    assert second.mission.plans == first.mission.plans
    assert second.mission.polling_stations == first.mission.polling_stations
    assert second.mission.teams == first.mission.teams
    assert len(second.mission.change_log) == len(first.mission.change_log)
    assert all(t.status == "unchanged" for t in second.teams)
    assert not any(a.effective for a in second.applied)


def test_replan_after_replan(mission: Mission) -> None:
    first = _run(mission, "- polling_station_closed: N-0003\n")
    second = _run(first.mission, "- team_unavailable: T004\n")
    assert [p.revision for p in second.mission.plans] == [1, 2, 3]
    assert second.plan.parent == 2
    assert second.plan.route("T004") is None
    # what the first replan decided for T001 is kept (T001 is not touched again)
    assert second.plan.route("T001") == first.plan.route("T001")
    kinds = [r.kind for r in second.mission.change_log]
    assert kinds == ["polling_station_closed", "replan", "team_unavailable", "replan"]


def test_all_kinds_at_once_give_a_valid_plan_and_a_change_log(
    mission: Mission, data_dir: Path
) -> None:
    changes = read_changes(data_dir / "changes" / "all_kinds.yaml")
    res = replan(mission, changes, source="all_kinds.yaml")
    assert validate_plan(res.mission, res.plan) == []
    logged = [r.kind for r in res.mission.change_log if r.plan_revision == res.plan.revision]
    assert logged[-1] == "replan"
    assert "team_unavailable" in logged and "pin" in logged
    notes = res.revision_notes()
    assert set(notes) == set(res.changed_teams)
    assert all(n.startswith("Revision 2, ") and n.endswith("revision 1") for n in notes.values())
    # T009 finds no free station left in its region: said, not hidden
    assert any("T009" in w for w in res.warnings)
    assert "T009" in res.plan.unassigned_teams


def test_unknown_ids_refused_before_anything_changes(mission: Mission) -> None:
    with pytest.raises(InputError) as err:
        replan(mission, parse_changes_text("- team_unavailable: T404\n"), source="c.yaml")
    assert str(err.value.problems[0]) == "c.yaml:1:team_id: unknown team T404"


def test_no_plan_yet_is_a_clear_error() -> None:
    with pytest.raises(PlanningError, match="no plan yet"):
        replan(tiny_mission(), parse_changes_text("- team_unavailable: T001\n"))


@pytest.mark.slow
def test_wide_replan_reoptimises_only_the_touched_base(mission: Mission) -> None:
    changes = parse_changes_text(
        "- polling_station_closed: N-0003\n- pin: {team_id: T003, ps_id: N-0011}\n"
    )
    res = replan(mission, changes, wide=True, time_limit_s=3)
    assert validate_plan(res.mission, res.plan) == []
    assert "voting:N-0003" not in _keys(res.plan.route("T001"))
    t3 = res.plan.route("T003")
    assert t3 is not None and any(v.ps_id == "N-0011" and v.pinned for v in t3.visits)
    # West teams (the other base) are kept exactly
    _untouched_kept(mission, res, "T002", "T004")


def test_a_team_counting_in_a_dec_takes_over_its_tabulation_when_the_tabulator_goes() -> None:
    m = planned_mission()
    base = m.current_plan
    assert base is not None
    # T003 ends its day at a count in the town DEC, which T001 follows to tabulation
    t3 = time_route(
        m,
        "T003",
        (51.25, 71.4),
        [StopRef("opening", "N-0009"), StopRef("voting", "N-0011"), StopRef("counting", "N-0008")],
    )
    routes = tuple(t3 if r.team_id == "T003" else r for r in base.routes)
    m = m.with_plan(Plan(routes=routes, created="2026-11-24T11:00:00+00:00"))
    assert validate_plan(m, m.current_plan) == []  # type: ignore[arg-type]
    res = _run(m, "- team_unavailable: T001\n")
    after = res.plan.route("T003")
    assert after is not None
    assert (after.visits[-1].phase, after.visits[-1].dec_id) == ("tabulation", "N-D01")
    t3_change = next(t for t in res.teams if t.team_id == "T003")
    assert "tabulation:N-D01" in t3_change.added
    assert "N-D01" in t3_change.why


def test_neighbour_takes_over_a_priority_dec_count_and_tabulation(mission: Mission) -> None:
    res = _run(mission, "- priority: {dec_id: N-D02, weight: 3}\n- team_unavailable: T003\n")
    t1 = res.plan.route("T001")
    assert t1 is not None
    count, tab = t1.visits[-2], t1.visits[-1]
    assert (count.dec_id, tab.phase, tab.dec_id) == ("N-D02", "tabulation", "N-D02")
    assert res.helpers == ("T001",)
    _untouched_kept(mission, res, "T002", "T004")


def test_a_pin_that_cannot_fit_changes_nothing_and_says_why(mission: Mission) -> None:
    # a station that closes at 07:00 cannot be T001's count: its opening comes first
    text = (
        "- voting_hours: {ps_id: N-0013, open_time: '06:00', close_time: '07:00'}\n"
        "- pin: {team_id: T001, ps_id: N-0013, phase: counting}\n"
    )
    res = _run(mission, text)
    assert _status(res)["T001"] == "unchanged"
    pin = next(a for a in res.applied if a.change.kind == "pin")
    assert not pin.effective and pin.note == "could not be placed"
    assert any("could not be placed (" in w for w in res.warnings)
    again = replan(res.mission, parse_changes_text(text))
    assert not again.is_new_revision


def test_priority_dec_nobody_follows_gets_a_count_and_tabulation() -> None:
    m = planned_mission(n_teams=2)  # nobody counts or tabulates in the rural DECs
    res = _run(m, "- priority: {dec_id: N-D02, weight: 3}\n")
    t1 = res.plan.route("T001")
    assert t1 is not None
    assert (t1.visits[-1].phase, t1.visits[-1].dec_id) == ("tabulation", "N-D02")
    assert "near priority N-D02" in next(t.why for t in res.teams if t.team_id == "T001")
    _untouched_kept(m, res, "T002")
