"""Robust planning (planner/solver/robust.py and the cap in the routing core)."""

from __future__ import annotations

from dataclasses import replace

from planner.model import Settings
from planner.rehearsal import (
    DelayModel,
    prepare_team,
    rehearse,
    rehearse_team,
    station_prizes_of,
)
from planner.solver import solve
from planner.solver.robust import CHECK_RUNS, CHECK_SEED, DEAD_SHARE
from planner.validate import validate_plan
from tests.factories import tiny_mission

#: A rough day: drives 40 % longer than estimated with a wide spread, visits 20 min
#: longer on average.
ROUGH = {
    "delay_drive_median": 1.4,
    "delay_drive_spread": 0.4,
    "delay_visit_extra_min": 20.0,
    "arrive_before_close_min": 15,
    "max_voting_visits": 0,
}


def test_cap_on_voting_visits_per_team() -> None:
    free = solve(tiny_mission(n_teams=3, settings=Settings(max_voting_visits=0)), time_limit_s=1)
    assert max(len(r.phase_visits("voting")) for r in free.routes) > 4
    m = tiny_mission(n_teams=3, settings=Settings(max_voting_visits=4))
    capped = solve(m, time_limit_s=1)
    assert all(len(r.phase_visits("voting")) <= 4 for r in capped.routes)
    assert sum(len(r.phase_visits("voting")) for r in capped.routes) >= 3 * 3
    assert validate_plan(m, capped) == []


def test_every_team_reaches_the_count_target_in_the_rehearsal() -> None:
    loose = tiny_mission(n_teams=4, settings=Settings(**ROUGH, count_target_probability=0.0))
    robust = tiny_mission(n_teams=4, settings=Settings(**ROUGH, count_target_probability=0.98))
    plan_loose = solve(loose, time_limit_s=1, workers=1)
    plan_robust = solve(robust, time_limit_s=1, workers=1)
    # judged with the same delays (the robust mission's model; the target does not
    # change the delays)
    judge_loose = rehearse(robust, plan_loose, runs=CHECK_RUNS, seed=CHECK_SEED)
    judge_robust = rehearse(robust, plan_robust, runs=CHECK_RUNS, seed=CHECK_SEED)
    assert min(t.p_count for t in judge_loose.teams) < 0.98
    assert all(t.p_count >= 0.98 for t in judge_robust.teams)
    # the slack costs a few planned visits, not the day
    assert 0 < judge_robust.planned_visits < judge_loose.planned_visits
    assert validate_plan(robust, plan_robust) == []


def test_the_robust_plan_is_what_the_teams_do_on_a_day_without_delays() -> None:
    m = tiny_mission(n_teams=4, settings=Settings(**ROUGH, count_target_probability=0.98))
    plan = solve(m, time_limit_s=1, workers=1)
    ideal = rehearse(m, plan, runs=1, delay=DelayModel())
    assert ideal.dropped == ()
    assert ideal.expected_visits == ideal.planned_visits


def test_each_team_keeps_the_count_margin_its_day_needs_and_gains_visits() -> None:
    # A plan timed to reach the count 30 min before closing; on the day, a team whose
    # last drive is short needs less of that margin, so its sheet lets it use it.
    s = Settings()  # the default delay model
    m = tiny_mission(n_teams=4, stations_per_dec=20, settings=s)
    plan = solve(m, time_limit_s=1, workers=1)
    prizes = station_prizes_of(m)
    delay = DelayModel.from_settings(s)
    margins = []
    gained = 0.0
    for r in plan.routes:
        assert r.count_margin_min is not None
        assert 0 <= r.count_margin_min <= s.arrive_before_close_min
        margins.append(r.count_margin_min)
        own = rehearse_team(prepare_team(m, r, prizes), s, delay, CHECK_RUNS, CHECK_SEED)
        planned = replace(r, count_margin_min=None)  # the flat 30 min of before
        flat = rehearse_team(prepare_team(m, planned, prizes), s, delay, CHECK_RUNS, CHECK_SEED)
        assert own.p_count >= s.count_target_probability, r.team_id
        assert own.expected_visits >= flat.expected_visits, r.team_id
        gained += own.expected_visits - flat.expected_visits
    assert min(margins) < s.arrive_before_close_min
    assert gained > 0
    assert validate_plan(m, plan) == []


def test_no_planned_stop_is_skipped_in_every_replay() -> None:
    m = tiny_mission(n_teams=4, settings=Settings(**ROUGH, count_target_probability=0.98))
    plan = solve(m, time_limit_s=1, workers=1)
    judged = rehearse(m, plan, runs=CHECK_RUNS, seed=CHECK_SEED)
    for team in judged.teams:
        assert all(share < DEAD_SHARE for share in team.skipped), team.team_id
