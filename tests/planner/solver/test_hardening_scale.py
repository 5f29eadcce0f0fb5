"""Issue 11, scale: the time limit holds with many stations, and preparing the routing
problems does not grow with the square of a base's stations."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import pytest

from planner.solver import solve
from planner.solver.rounds import _limits
from planner.solver.voting import Part
from planner.travel import EstimatedTravel, LatLon, TravelMatrix
from tests.factories import tiny_mission


class CountingTravel:
    """The built-in estimate, recording the size of every matrix asked for."""

    def __init__(self) -> None:
        self.inner = EstimatedTravel(tiny_mission().settings)
        self.cells: list[int] = []

    def matrix(self, origins: Sequence[LatLon], destinations: Sequence[LatLon]) -> TravelMatrix:
        self.cells.append(len(origins) * len(destinations))
        return self.inner.matrix(origins, destinations)

    def leg(self, a: LatLon, b: LatLon) -> tuple[int, float]:
        return self.inner.leg(a, b)


def test_routing_problems_never_ask_for_the_whole_square() -> None:
    mission = tiny_mission(n_teams=2, stations_per_dec=150)  # 600 stations, 300 a base
    travel = CountingTravel()
    plan = solve(mission, time_limit_s=0.5, seed=0, workers=1, travel=travel)
    assert plan.routes
    per_base = 300 + 2  # the old way: every station of a base against every other
    assert max(travel.cells) < per_base**2 / 4


def test_many_parts_share_the_budget_instead_of_each_taking_the_floor() -> None:
    class P:
        def __init__(self, key: str) -> None:
            self.key, self.size, self.team_ids = key, 60, ("T",)

    parts = [P(f"B#{i}") for i in range(400)]
    limits = _limits(parts, 4.8, 2)  # type: ignore[arg-type]
    assert sum(limits.values()) <= 4.8 * 2 + 1e-9
    few = _limits(parts[:3], 4.8, 2)  # type: ignore[arg-type]
    assert all(v >= 0.1 for v in few.values())


def test_a_part_stops_at_the_plans_hard_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.solver import run_parts

    captured: list[Part] = []
    real = run_parts.run_part

    def grab(part: Part, *args: Any, **kwargs: Any) -> Any:
        captured.append(part)
        return real(part, *args, **kwargs)

    monkeypatch.setattr(run_parts, "run_part", grab)
    solve(tiny_mission(n_teams=2, stations_per_dec=40), time_limit_s=0.3, seed=0, workers=1)
    part = max(captured, key=lambda p: p.size)
    t0 = time.monotonic()
    routes, capped = real(part, 600.0, 0, deadline=time.time() + 0.5)  # 600 s of work
    assert capped and time.monotonic() - t0 < 5.0
    assert len(routes) == len(part.team_ids)


def test_building_the_routing_problems_reports_progress_per_base() -> None:
    mission = tiny_mission(n_teams=2, stations_per_dec=20)
    seen: list[tuple[str, str]] = []
    solve(
        mission,
        time_limit_s=0.3,
        seed=0,
        workers=1,
        on_progress=lambda p: seen.append((p.stage, p.message)),
    )
    messages = [m for _s, m in seen]
    first_routing = next(i for i, (stage, _m) in enumerate(seen) if stage == "routing")
    assert "choosing opening and counting stations" in messages[:first_routing]
    bases = sorted(b.base_id for b in mission.bases)
    for base in bases:
        assert f"routing problem of base {base}" in messages[:first_routing]


def test_a_second_round_skipped_for_time_is_reported_as_cut_short(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.solver import rounds

    calls: list[int] = []
    real = rounds.solve_parts

    def counting(parts: Sequence[Part], *args: Any, **kwargs: Any) -> Any:
        calls.append(len(parts))
        return real(parts, *args, **kwargs)

    monkeypatch.setattr(rounds, "solve_parts", counting)
    mission = tiny_mission(n_teams=2, stations_per_dec=20)
    done: list[int] = []

    def run() -> None:
        calls.clear()
        done.clear()
        solve(
            mission,
            time_limit_s=1.0,  # long enough for a second round
            seed=0,
            workers=1,
            on_progress=lambda p: done.append(p.search_capped) if p.stage == "done" else None,
        )

    monkeypatch.setattr(rounds, "ROUND2_MAX_OVERRUN", 1e9)  # however loaded the machine
    run()
    assert len(calls) == 2 and done == [0]  # both rounds, nothing cut short
    monkeypatch.setattr(rounds, "ROUND2_MAX_OVERRUN", -1e9)  # any first round overran
    run()
    assert len(calls) == 1 and done == [calls[0]]  # one round; every part reported
