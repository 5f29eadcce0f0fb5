"""Property tests: every plan ``solve`` makes on a small random mission passes the
validator, gives every available team an opening and a count, and observes no
station twice in one phase.

Missions are drawn as a :class:`Recipe` (a short, readable description) so that a
failing example can be rebuilt by hand: ``Recipe(...).build()``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model import Mission, Settings
from planner.solver import solve
from planner.validate import validate_plan
from tests.factories import tiny_mission

# derandomize: the same examples on every run, so CI is reproducible (a local hunt
# for new failures can run with --hypothesis-seed=N and more examples).
FAST = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Recipe:
    """A tiny mission with what happens in real ones: a closed station, shifted voting
    hours, an unavailable team, a team with its own overnight location, more teams than
    DECs."""

    n_teams: int
    stations_per_dec: int
    seed: int
    day: tuple[tuple[str, int], ...]  # settings overrides
    closed: str = ""
    shifted: tuple[tuple[str, int, int], ...] = ()  # (ps_id, open, close)
    last_unavailable: bool = False
    overnight: tuple[float, float] | None = None  # offset of T001's location from its base
    doubled: bool = False  # a second team for every team

    def build(self) -> Mission:
        s = Settings(mission_name="random", **dict(self.day))
        m = tiny_mission(
            n_teams=self.n_teams,
            stations_per_dec=self.stations_per_dec,
            seed=self.seed,
            settings=s,
        )
        hours = {ps: (o, c) for ps, o, c in self.shifted}
        stations = tuple(
            dataclasses.replace(
                p,
                status="closed" if p.ps_id == self.closed else p.status,
                open_time=hours.get(p.ps_id, (p.open_time, p.close_time))[0],
                close_time=hours.get(p.ps_id, (p.open_time, p.close_time))[1],
            )
            for p in m.polling_stations
        )
        teams = list(m.teams)
        if self.last_unavailable and len(teams) > 1:
            teams[-1] = dataclasses.replace(teams[-1], available=False)
        if self.overnight is not None:
            base = m.base_by_id[teams[0].base_id]
            teams[0] = dataclasses.replace(
                teams[0], lat=base.lat + self.overnight[0], lon=base.lon + self.overnight[1]
            )
        if self.doubled:
            teams += [
                dataclasses.replace(t, team_id=f"X{t.team_id}", lat=None, lon=None) for t in teams
            ]
        return dataclasses.replace(m, polling_stations=stations, teams=tuple(teams))


@st.composite
def recipes(draw: st.DrawFn) -> Recipe:
    n = draw(st.integers(3, 8))
    regional = [f"{r}-{i:04d}" for r in "NW" for i in range(1, 2 * n + 1)]
    day = (
        ("arrive_before_open_min", draw(st.sampled_from([15, 30, 45]))),
        ("opening_observation_min", draw(st.integers(30, 60))),
        ("voting_observation_min", draw(st.integers(20, 60))),
        ("count_duration_min", draw(st.integers(120, 240))),
        ("tabulation_observation_min", draw(st.integers(30, 120))),
        ("lunch_break_min", draw(st.sampled_from([0, 30, 45]))),
    )
    shifted = tuple(
        (
            draw(st.sampled_from(regional)),
            draw(st.sampled_from([360, 420, 480, 540])),
            draw(st.sampled_from([1140, 1200, 1260])),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    overnight = (
        (draw(st.floats(-0.2, 0.2)), draw(st.floats(-0.2, 0.2))) if draw(st.booleans()) else None
    )
    return Recipe(
        n_teams=draw(st.integers(1, 4)),
        stations_per_dec=n,
        seed=draw(st.integers(0, 10_000)),
        day=day,
        closed=draw(st.sampled_from(["", *regional])),
        shifted=shifted,
        last_unavailable=draw(st.booleans()),
        overnight=overnight,
        doubled=draw(st.booleans()),
    )


def check_solved(recipe: Recipe, seed: int) -> None:
    m = recipe.build()
    plan = solve(m, time_limit_s=0.2, seed=seed, workers=1)
    assert [str(v) for v in validate_plan(m, plan)] == []
    for team in m.available_teams:
        route = plan.route(team.team_id)
        assert route is not None, f"{team.team_id} has no route"
        phases = [v.phase for v in route.visits]
        assert phases.count("opening") == 1 and phases.count("counting") == 1, phases
    per_phase = Counter((v.phase, v.key) for _, _, v in plan.visits())
    assert max(per_phase.values()) == 1


@FAST
@given(recipe=recipes(), seed=st.integers(0, 1000))
def test_solved_plans_always_pass_the_validator(recipe: Recipe, seed: int) -> None:
    check_solved(recipe, seed)


def test_found_case_tabulation_left_uncovered() -> None:
    # Found by the property test; fixed in the solver (a DEC whose team cannot stay
    # late enough is handed on to another team counting there).
    day = (
        ("arrive_before_open_min", 15),
        ("opening_observation_min", 57),
        ("voting_observation_min", 44),
        ("count_duration_min", 217),
        ("tabulation_observation_min", 83),
        ("lunch_break_min", 0),
    )
    recipe = Recipe(3, 3, 15, day, shifted=(("N-0002", 360, 1260),), doubled=True)
    check_solved(recipe, 0)
