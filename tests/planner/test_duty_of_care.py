"""Duty of care in the day model: the drive home counts towards the working day,
night driving is limited; the planner drops the DEC, not the voting visits."""

from __future__ import annotations

import pytest

from planner.day import InfeasibleRoute, StopRef, time_route
from planner.model import Plan, Settings
from planner.solver import solve
from planner.validate import validate_plan
from tests.factories import tiny_mission

N_SEAT = (51.0, 71.0)
FAR = (51.0, 71.55)  # ~50 km of road east of the town: a long drive home


def _day() -> list[StopRef]:
    return [
        StopRef("opening", "N-0001"),
        StopRef("voting", "N-0002"),
        StopRef("counting", "N-0004"),
        StopRef("tabulation"),
    ]


def test_drive_home_counts_towards_the_working_day() -> None:
    free = tiny_mission(settings=Settings(max_working_day_min=0, max_night_driving_min=0))
    near = time_route(free, "T001", N_SEAT, _day())
    far = time_route(free, "T001", FAR, _day())
    worked_near = near.visits[-1].depart - near.depart_start  # home is next door
    limit = worked_near + 30
    m = tiny_mission(settings=Settings(max_working_day_min=limit, max_night_driving_min=0))
    time_route(m, "T001", N_SEAT, _day())  # within the limit
    assert far.visits[-1].depart - far.depart_start < limit + 60  # the stops alone fit...
    with pytest.raises(InfeasibleRoute) as exc:  # ...the drive home does not
        time_route(m, "T001", FAR, _day())
    assert exc.value.seq == 4
    assert "drive home" in exc.value.reason
    assert "working day" in exc.value.reason


def test_night_driving_is_limited() -> None:
    m = tiny_mission(settings=Settings(max_night_driving_min=30, max_working_day_min=0))
    time_route(m, "T001", N_SEAT, _day())  # short drives after the count
    with pytest.raises(InfeasibleRoute) as exc:
        time_route(m, "T001", FAR, _day())
    assert "of driving after 22:00" in exc.value.reason


def test_planner_drops_the_dec_not_the_voting_visits_for_a_short_working_day() -> None:
    loose = solve(tiny_mission(n_teams=2), time_limit_s=1, workers=1)
    m = tiny_mission(n_teams=2, settings=Settings(max_working_day_min=17 * 60 + 30))
    tight = solve(m, time_limit_s=1, workers=1)
    assert any(r.phase_visits("tabulation") for r in loose.routes)
    assert not any(r.phase_visits("tabulation") for r in tight.routes)
    for r in tight.routes:
        assert r.phase_visits("counting")
        assert len(r.phase_visits("voting")) >= 3


def test_validator_checks_the_working_day_and_night_driving() -> None:
    free = tiny_mission(settings=Settings(max_working_day_min=0, max_night_driving_min=0))
    route = time_route(free, "T001", FAR, _day())
    plan = Plan(routes=(route,), unassigned_teams=("T002", "T003"))
    assert [v.rule for v in validate_plan(free, plan)] == []
    tight = tiny_mission(settings=Settings(max_working_day_min=600, max_night_driving_min=30))
    rules = {v.rule for v in validate_plan(tight, plan)}
    assert {"working-day", "night-driving"} <= rules
