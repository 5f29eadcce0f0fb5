"""Rehearsal (planner.rehearsal): replaying a plan under the delay model."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.model import Mission, Plan, Settings
from planner.rehearsal import (
    DelayModel,
    TeamDay,
    count_margin,
    leave_by,
    prepare_team,
    rehearse,
    rehearse_team,
    station_prizes_of,
)
from planner.solver import solve
from tests.factories import tiny_mission


@pytest.fixture(scope="module")
def mission() -> Mission:
    return tiny_mission(n_teams=4, stations_per_dec=10)


@pytest.fixture(scope="module")
def plan(mission: Mission) -> Plan:
    return solve(mission, time_limit_s=1.0, seed=0, workers=1)


def _days(mission: Mission, plan: Plan) -> list[TeamDay]:
    prizes = station_prizes_of(mission)
    return [prepare_team(mission, r, prizes) for r in plan.routes if r.visits]


def test_zero_delay_reproduces_the_plan_exactly(mission: Mission, plan: Plan) -> None:
    for day in _days(mission, plan):
        res = rehearse_team(day, mission.settings, DelayModel(), 5, 0, trace=True)
        assert res.arrive is not None and res.depart is not None
        local = np.array(day.shift[1:])
        planned_arrive = [v.arrive for v in day.route.visits]
        planned_depart = [v.depart for v in day.route.visits]
        for run in range(5):
            assert (res.arrive[run] + local).tolist() == planned_arrive
            assert (res.depart[run] + local).tolist() == planned_depart
        assert res.expected_visits == res.planned_visits
        assert res.p_count == 1.0
        assert res.p_full_day == 1.0
    whole = rehearse(mission, plan, runs=20, delay=DelayModel())
    assert whole.expected_visits == whole.planned_visits > 0
    assert whole.count_share == 1.0
    assert whole.dropped == ()


def test_delays_cost_visits_and_the_same_seed_gives_the_same_figures(
    mission: Mission, plan: Plan
) -> None:
    slow = DelayModel(drive_median=1.3, drive_spread=0.3, visit_extra_min=25, refused=0.05)
    a = rehearse(mission, plan, runs=300, seed=4, delay=slow)
    b = rehearse(mission, plan, runs=300, seed=4, delay=slow)
    c = rehearse(mission, plan, runs=300, seed=5, delay=slow)
    assert a.expected_visits == b.expected_visits
    assert [t.completed for t in a.teams] == [t.completed for t in b.teams]
    assert a.expected_visits != c.expected_visits
    assert a.expected_visits < a.planned_visits
    assert a.dropped  # the late teams skipped stops, listed most-skipped first
    shares = [share for _ps, share in a.dropped]
    assert shares == sorted(shares, reverse=True)


def _bounded_draws(
    day: TeamDay, runs: int, budget: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drives that each run late by at most ``budget`` minutes (from any earlier stop),
    visits that overrun by anything up to three hours, a fifth of them refused."""
    n = len(day.phase)
    longest = np.maximum(day.travel.max(axis=0), 1).astype(np.float64)
    ratio = np.ones((runs, n + 1))
    ratio[:, :n] = 1.0 + rng.random((runs, n)) * budget / longest
    extra = rng.exponential(60.0, (runs, n)).clip(max=180.0)
    refused = rng.random((runs, n)) < 0.2
    return ratio, extra, refused


def test_skip_rule_never_misses_a_count_that_the_slack_protects(
    mission: Mission, plan: Plan
) -> None:
    # The plan arrives arrive_before_close_min (30) before closing; on the day, the
    # sheet keeps the team's own count margin (chosen by the robust check, at most
    # that). A team that follows its sheet (check before driving on, skip in the
    # drop order, leave by the "leave by" time) is late at most by the delays of its
    # last two drives; when every drive is at most half the margin late, it always
    # reaches the count: with the route's own margin and with the planned one.
    s = mission.settings
    prizes = station_prizes_of(mission)
    rng = np.random.default_rng(1)
    margins = set()
    for route in plan.routes:
        for r in (route, replace(route, count_margin_min=None)):
            day = prepare_team(mission, r, prizes)
            margin = count_margin(r, s)
            margins.add(margin)
            draws = _bounded_draws(day, 400, margin / 2, rng)
            res = rehearse_team(day, s, DelayModel(), 0, 0, draws=draws)
            assert res.p_count == 1.0, (r.team_id, margin)
            assert 0 < res.expected_visits <= res.planned_visits
    assert s.arrive_before_close_min in margins and len(margins) > 1


def test_without_the_rule_such_delays_would_miss_counts(mission: Mission, plan: Plan) -> None:
    # The same kind of delays, with overruns the team does not cut and no margin:
    # the check above is not vacuous, the rule is what protects the count.
    s = replace(mission.settings, arrive_before_close_min=0, count_target_probability=0.0)
    m = replace(mission, settings=s)
    late = rehearse(m, plan, runs=400, delay=DelayModel(1.5, 0.3, 30.0, 0.0))
    assert late.count_share < 1.0


def _forward_ok(m: Mission, day: TeamDay, j: int, leave: int) -> bool:
    """The rest of the planned day, timed by the day model's rules (docs/planning.md
    §2) from leaving route stop ``j`` at ``leave`` (local time): in time for the count?"""
    s = m.settings
    vs = day.route.visits
    t = leave
    for k in range(j + 1, len(vs) + 1):
        v, prev = vs[k - 1], vs[k - 2]
        if day.lunch_gap == k - 1:  # the planned break follows stop k - 1
            t = max(t, s.lunch_earliest) + s.lunch_break_min
        offset = m.region_by_id[v.region_id].utc_offset_min
        arrive = t + v.travel_min + offset - m.region_by_id[prev.region_id].utc_offset_min
        ps = m.station_by_id[v.ps_id]
        if v.phase == "counting":
            return arrive <= ps.close_time - s.arrive_before_close_min
        begin = max(arrive, ps.open_time)
        if begin + s.voting_observation_min > ps.close_time:
            return False
        t = begin + s.voting_observation_min
    return False


def test_leave_by_is_the_latest_departure_the_day_model_allows() -> None:
    # Without the robust margin the "leave by" time is exactly the day model's latest
    # departure: leaving then still reaches the count 30 min before it closes,
    # leaving a minute later does not.
    m = tiny_mission(n_teams=3, settings=Settings(count_target_probability=0.0))
    plan = solve(m, time_limit_s=1.0, seed=1, workers=1)
    checked = 0
    for day in _days(m, plan):
        for j, when in leave_by(day).items():
            assert when >= day.route.visits[j - 1].depart
            assert _forward_ok(m, day, j, when)
            assert not _forward_ok(m, day, j, when + 1)
            checked += 1
    assert checked > 0


def test_leave_by_with_the_robust_margin_is_no_later(mission: Mission, plan: Plan) -> None:
    plain = replace(mission, settings=replace(mission.settings, count_target_probability=0.0))
    prizes = station_prizes_of(mission)
    for route in plan.routes:
        robust = leave_by(prepare_team(mission, route, prizes))
        loose = leave_by(prepare_team(plain, route, prizes))
        assert robust.keys() == loose.keys()
        assert all(robust[j] <= loose[j] for j in robust)
        for j, when in robust.items():  # the plan itself keeps its own leave-by times
            assert route.visits[j - 1].depart <= when
