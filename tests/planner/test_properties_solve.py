"""Property tests: every plan ``solve`` makes on a small random mission passes the
validator, gives every available team an opening and a count, and observes no
station twice in one phase."""

from __future__ import annotations

import dataclasses
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model import Mission
from planner.solver import solve
from planner.validate import validate_plan
from tests.planner.test_properties_validate import missions

FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def changed_missions(draw: st.DrawFn) -> Mission:
    """A random tiny mission with what happens in real ones: an unavailable team, a
    closed station, shifted voting hours, a team with its own overnight location."""
    m = draw(missions())
    stations = list(m.polling_stations)
    located = [i for i, p in enumerate(stations) if p.located]
    if draw(st.booleans()):
        i = draw(st.sampled_from(located))
        stations[i] = dataclasses.replace(stations[i], status="closed")
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.sampled_from(located))
        opens = draw(st.sampled_from([360, 420, 480, 540]))
        closes = draw(st.sampled_from([1140, 1200, 1260]))
        stations[i] = dataclasses.replace(stations[i], open_time=opens, close_time=closes)
    teams = list(m.teams)
    if len(teams) > 1 and draw(st.booleans()):
        teams[-1] = dataclasses.replace(teams[-1], available=False)
    if draw(st.booleans()):
        base = m.base_by_id[teams[0].base_id]
        dlat, dlon = draw(st.floats(-0.2, 0.2)), draw(st.floats(-0.2, 0.2))
        teams[0] = dataclasses.replace(teams[0], lat=base.lat + dlat, lon=base.lon + dlon)
    return dataclasses.replace(m, polling_stations=tuple(stations), teams=tuple(teams))


@FAST
@given(m=changed_missions(), seed=st.integers(0, 1000), more_teams=st.booleans())
def test_solved_plans_always_pass_the_validator(m: Mission, seed: int, more_teams: bool) -> None:
    if more_teams:  # more teams than DECs: some teams must leave tabulation to others
        extra = tuple(
            dataclasses.replace(t, team_id=f"X{t.team_id}", lat=None, lon=None) for t in m.teams
        )
        m = dataclasses.replace(m, teams=(*m.teams, *extra))
    plan = solve(m, time_limit_s=0.2, seed=seed, workers=1)
    assert [str(v) for v in validate_plan(m, plan)] == []
    for team in m.available_teams:
        route = plan.route(team.team_id)
        assert route is not None, f"{team.team_id} has no route"
        phases = [v.phase for v in route.visits]
        assert phases.count("opening") == 1 and phases.count("counting") == 1, phases
    per_phase = Counter((v.phase, v.key) for _, _, v in plan.visits())
    assert max(per_phase.values()) == 1
