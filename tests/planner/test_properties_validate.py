"""Property tests: on small random missions, what must always hold of plans.

* A day timed by the solver's day model (``time_route``) passes the validator, which
  reads the same rules independently (two readings of one methodology agree).
* Any single stop made to arrive or leave earlier than the rules allow is caught,
  at that team and stop.
"""

from __future__ import annotations

import dataclasses
import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.day import StopRef, time_route
from planner.errors import PlanningError
from planner.model import Mission, Plan, Settings, TeamRoute
from planner.validate import RULES, validate_plan
from tests.factories import tiny_mission

FAST = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is reproducible
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def missions(draw: st.DrawFn) -> Mission:
    """tiny_mission with random size, layout seed and day settings."""
    s = Settings(
        mission_name="random",
        arrive_before_open_min=draw(st.sampled_from([15, 30, 45])),
        opening_observation_min=draw(st.integers(30, 60)),
        voting_observation_min=draw(st.integers(20, 60)),
        count_duration_min=draw(st.integers(120, 240)),
        tabulation_observation_min=draw(st.integers(30, 120)),
        lunch_break_min=draw(st.sampled_from([0, 30, 45])),
    )
    return tiny_mission(
        n_teams=draw(st.integers(1, 4)),
        stations_per_dec=draw(st.integers(3, 8)),
        seed=draw(st.integers(0, 10_000)),
        settings=s,
    )


def random_plan(m: Mission, rng: random.Random) -> Plan:
    """Random stops per team (distinct stations per phase and DEC at tabulation),
    timed by time_route; a team whose day cannot work is left unassigned."""
    taken: set[str] = set()
    taken_decs: set[str] = set()
    routes: list[TeamRoute] = []
    unassigned: list[str] = []
    for team in m.teams:
        base = m.base_by_id[team.base_id]
        free = [
            p
            for p in m.polling_stations
            if p.region_id in base.region_ids and p.located and p.ps_id not in taken
        ]
        countable = [p for p in free if p.dec_id not in taken_decs]
        if len(free) < 2 or not countable:
            unassigned.append(team.team_id)
            continue
        counting = rng.choice(countable)
        others = [p for p in free if p.ps_id != counting.ps_id]
        rng.shuffle(others)
        chosen = others[: 1 + rng.randint(0, 4)]
        stops = [
            StopRef("opening", ps_id=chosen[0].ps_id),
            *(StopRef("voting", ps_id=p.ps_id) for p in chosen[1:]),
            StopRef("counting", ps_id=counting.ps_id),
            StopRef("tabulation", dec_id=counting.dec_id),
        ]
        start = (base.lat + rng.uniform(-0.02, 0.02), base.lon + rng.uniform(-0.02, 0.02))
        try:
            route = time_route(m, team.team_id, start, stops)
        except PlanningError:
            unassigned.append(team.team_id)
            continue
        routes.append(route)
        taken.update(p.ps_id for p in (*chosen, counting))
        taken_decs.add(counting.dec_id)
    return Plan(routes=tuple(routes), unassigned_teams=tuple(unassigned))


@FAST
@given(m=missions(), seed=st.integers(0, 2**31))
def test_days_timed_by_the_day_model_are_valid(m: Mission, seed: int) -> None:
    plan = random_plan(m, random.Random(seed))
    assume(plan.routes)
    assert [str(v) for v in validate_plan(m, plan)] == []


@FAST
@given(
    m=missions(),
    seed=st.integers(0, 2**31),
    field=st.sampled_from(["arrive", "depart"]),
    minutes=st.integers(1, 90),
    pick=st.integers(0, 10_000),
)
def test_a_stop_made_earlier_than_the_rules_allow_is_caught(
    m: Mission, seed: int, field: str, minutes: int, pick: int
) -> None:
    """Timed days are tight: each stop arrives as soon as the leg allows and stays the
    minimum, so arriving or leaving any earlier must break a rule at that stop."""
    plan = random_plan(m, random.Random(seed))
    assume(plan.routes)
    route = plan.routes[pick % len(plan.routes)]
    seq = 1 + (pick // 7) % len(route.visits)
    v = route.visits[seq - 1]
    new_value = getattr(v, field) - minutes
    changes = {field: new_value}
    if field == "depart" and new_value < v.arrive:
        changes["arrive"] = new_value  # an earlier stop entirely
    visits = list(route.visits)
    visits[seq - 1] = dataclasses.replace(v, **changes)
    broken = dataclasses.replace(
        plan,
        routes=tuple(
            dataclasses.replace(r, visits=tuple(visits)) if r is route else r for r in plan.routes
        ),
    )
    found = validate_plan(m, broken)
    assert any(x.team_id == route.team_id and x.seq in (seq, 0) for x in found), (
        f"{route.team_id} stop {seq} {field} -{minutes} min not caught: {found}"
    )


@FAST
@given(
    m=missions(),
    seed=st.integers(0, 2**31),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["ps_id", "dec_id", "region_id", "phase", "times", "drop", "copy"]),
            st.integers(0, 10_000),
            st.integers(-600, 600),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_the_validator_never_fails_on_a_garbled_plan(
    m: Mission, seed: int, edits: list[tuple[str, int, int]]
) -> None:
    """Whatever a hand edit or an old file does to a plan, validate_plan answers with
    violations (known rule codes), never with an exception."""
    plan = random_plan(m, random.Random(seed))
    assume(plan.routes)
    routes = [list(r.visits) for r in plan.routes]
    ids = [p.ps_id for p in m.polling_stations] + ["NOPE"]
    decs = [d.dec_id for d in m.decs] + ["D-NOPE"]
    for what, pick, delta in edits:
        visits = routes[pick % len(routes)]
        if not visits:
            continue
        i = pick % len(visits)
        v = visits[i]
        if what == "ps_id":
            visits[i] = dataclasses.replace(v, ps_id=ids[pick % len(ids)])
        elif what == "dec_id":
            visits[i] = dataclasses.replace(v, dec_id=decs[pick % len(decs)])
        elif what == "region_id":
            visits[i] = dataclasses.replace(v, region_id=["N", "W", "X"][pick % 3])
        elif what == "phase":
            phase = ["opening", "voting", "counting", "tabulation"][pick % 4]
            visits[i] = dataclasses.replace(v, phase=phase)
        elif what == "times":
            arrive = v.arrive + delta
            visits[i] = dataclasses.replace(v, arrive=arrive, depart=max(arrive, v.depart))
        elif what == "drop":
            del visits[i]
        else:
            routes[(pick + 1) % len(routes)].append(v)
    garbled = dataclasses.replace(
        plan,
        routes=tuple(
            dataclasses.replace(r, visits=tuple(vs))
            for r, vs in zip(plan.routes, routes, strict=True)
        ),
    )
    found = validate_plan(m, garbled)
    assert all(v.rule in RULES and v.message for v in found)
