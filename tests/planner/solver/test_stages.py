"""The stages of solve one by one (planner/solver/pipeline.py): who is planned, what a
re-planned team keeps, the anchors, the routing parts, the timing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.errors import PlanningError
from planner.model import Mission, Plan
from planner.solver import solve
from planner.solver.deploy import usable_stations
from planner.solver.finish import time_routes
from planner.solver.objective import station_prizes
from planner.solver.progress import plan_counts
from planner.solver.run_parts import run_part
from planner.solver.start import kept_stops, place_teams, teams_to_plan
from planner.solver.voting import build_part, split_part
from planner.travel import EstimatedTravel
from tests.factories import tiny_mission


@pytest.fixture(scope="module")
def mission() -> Mission:
    return tiny_mission(n_teams=4)


@pytest.fixture(scope="module")
def plan(mission: Mission) -> Plan:
    return solve(mission, time_limit_s=1.0, seed=1)


def test_a_full_plan_plans_every_available_team_and_keeps_nothing(mission: Mission) -> None:
    teams = teams_to_plan(mission, None, None)
    assert [t.team_id for t in teams.available] == ["T001", "T002", "T003", "T004"]
    assert teams.kept == [] and not teams.taken.opening


def test_a_replan_keeps_the_other_teams_routes_and_their_stations(
    mission: Mission, plan: Plan
) -> None:
    teams = teams_to_plan(mission, plan, ["T001"])
    assert [t.team_id for t in teams.available] == ["T001"]
    assert sorted(r.team_id for r in teams.kept) == ["T002", "T003", "T004"]
    t2 = plan.route("T002")
    assert t2 is not None
    assert t2.phase_visits("opening")[0].ps_id in teams.taken.opening


def test_nothing_to_plan_is_a_clear_error() -> None:
    m = tiny_mission()
    m = replace(m, teams=tuple(replace(t, available=False) for t in m.teams))
    with pytest.raises(PlanningError, match="no available team"):
        teams_to_plan(m, None, None)


def test_a_replanned_team_keeps_its_feasible_stops_and_pins(mission: Mission, plan: Plan) -> None:
    t1 = plan.route("T001")
    assert t1 is not None
    first_voting = t1.phase_visits("voting")[0]
    pinned = replace(
        plan,
        routes=tuple(
            replace(r, visits=tuple(replace(v, pinned=v == first_voting) for v in r.visits))
            if r.team_id == "T001"
            else r
            for r in plan.routes
        ),
    )
    teams = teams_to_plan(mission, pinned, ["T001"])
    kept = kept_stops(mission, teams, pinned, ["T001"])
    assert kept.fixed_opening["T001"] == t1.phase_visits("opening")[0].ps_id
    assert kept.fixed_counting["T001"] == t1.phase_visits("counting")[0].ps_id
    assert kept.keep_voting["T001"] == [v.ps_id for v in t1.phase_visits("voting")]
    assert kept.pinned_voting["T001"] == [first_voting.ps_id]
    assert kept.to_deploy == []  # it starts where it slept


def test_anchors_give_each_team_its_own_opening_count_and_dec(mission: Mission) -> None:
    travel = EstimatedTravel(mission.settings)
    teams = teams_to_plan(mission, None, None)
    anchors = place_teams(mission, teams, kept_stops(mission, teams, None, None), travel)
    assert sorted(anchors) == ["T001", "T002", "T003", "T004"]
    openings = [a.opening for a in anchors.values()]
    counts = [a.counting for a in anchors.values()]
    decs = [a.tabulation_dec for a in anchors.values()]
    assert len(set(openings)) == len(set(counts)) == len(set(decs)) == 4
    st = mission.station_by_id
    assert all(st[a.counting].dec_id == a.tabulation_dec for a in anchors.values())


def test_parts_route_and_time_into_days_of_the_day_model(mission: Mission) -> None:
    """build_part -> run_part -> time_routes, by hand: the stages fit together."""
    travel = EstimatedTravel(mission.settings)
    teams = teams_to_plan(mission, None, None)
    kept = kept_stops(mission, teams, None, None)
    anchors = place_teams(mission, teams, kept, travel)
    stations = usable_stations(mission)
    prizes = station_prizes(mission.settings, stations)
    voting: dict[str, list[str]] = {}
    for base in mission.bases:
        ids = [t.team_id for t in mission.teams if t.base_id == base.base_id]
        cands = [p for p in stations if p.region_id in base.region_ids]
        part = build_part(
            mission,
            base.base_id,
            [anchors[t] for t in ids],
            cands,
            prizes,
            travel=travel,
            first_legs={},
            last_legs={},
        )
        assert part is not None
        for sub in split_part(part):
            routes, _capped = run_part(sub, 0.3, seed=1)
            for k, team in enumerate(sub.team_ids):
                voting[team] = [sub.node_ps[n] for n in routes[k]]
    assert all(voting[t] for t in anchors)
    routes, unassigned = time_routes(
        mission, teams, kept, anchors=anchors, voting=voting, prizes=prizes, travel=travel
    )
    assert unassigned == [] and len(routes) == 4
    for r in routes:
        # the day model may drop visits that do not fit, never reorder or add any
        timed = iter(voting[r.team_id])
        assert all(v.ps_id in timed for v in r.phase_visits("voting"))
        assert r.phase_visits("voting")


def test_plan_counts_are_the_plans_figures(plan: Plan) -> None:
    openings, voting, counts, decs = plan_counts(plan)
    assert openings == counts == 4 and decs == 4
    assert voting == sum(len(r.phase_visits("voting")) for r in plan.routes)
