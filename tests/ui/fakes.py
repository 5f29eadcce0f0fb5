"""A fast stand-in solver for GUI tests: a small greedy plan timed by the day model.

The GUI tests are about the window, not about planning quality, so this builds for
each available team: the opening at the nearest free station to its base, up to
``voting`` voting visits at the next nearest free stations, the count at the
farthest one whose DEC no other team follows, and the tabulation at that DEC; stops
that do not fit are dropped. The plan passes the plan validator.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planner.day import InfeasibleRoute, StopRef, time_route
from planner.errors import Cancelled
from planner.model import Mission, Plan, TeamRoute


@dataclass(frozen=True)
class FakeProgress:
    stage: str
    teams_done: int
    teams_total: int
    fraction: float
    message: str = ""
    voting_visits: int = 0


def _near(lat: float, lon: float, la: float | None, lo: float | None) -> float:
    assert la is not None and lo is not None
    return math.hypot(lat - la, (lon - lo) * math.cos(math.radians(lat)))


def greedy_plan(
    mission: Mission,
    *,
    voting: int = 3,
    on_progress: Callable[[Any], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    seed: int = 0,
) -> Plan:
    taken: set[str] = set()
    tabulated: set[str] = set()
    routes: list[TeamRoute] = []
    teams = mission.available_teams
    for i, team in enumerate(teams):
        if should_stop is not None and should_stop():
            raise Cancelled("cancelled")
        base = mission.base_by_id[team.base_id]
        pool = sorted(
            (
                p
                for p in mission.polling_stations
                if p.located and p.status == "open" and p.region_id in base.region_ids
            ),
            key=lambda p: _near(base.lat, base.lon, p.lat, p.lon),
        )
        free = [p for p in pool if p.ps_id not in taken]
        if len(free) < 2:
            continue
        # one team per DEC at tabulation (a rule the validator checks): count where
        # no other team follows the DEC
        counts = [p for p in reversed(free[1:]) if p.dec_id not in tabulated]
        if not counts:
            continue
        opening, counting = free[0], counts[0]
        middle = [p for p in free[1:] if p is not counting][:voting]
        stops = [StopRef("opening", ps_id=opening.ps_id)]
        stops += [StopRef("voting", ps_id=p.ps_id) for p in middle]
        stops += [StopRef("counting", ps_id=counting.ps_id), StopRef("tabulation")]
        route = None
        while route is None:
            try:
                route = time_route(mission, team.team_id, (base.lat, base.lon), stops)
            except InfeasibleRoute:
                voting_idx = [k for k, s in enumerate(stops) if s.phase == "voting"]
                if not voting_idx:
                    break
                stops.pop(voting_idx[-1])
        if route is None:
            continue
        routes.append(route)
        taken.update(v.ps_id for v in route.visits if v.ps_id)
        tabulated.update(v.dec_id for v in route.visits if v.phase == "tabulation")
        if on_progress is not None:
            on_progress(
                FakeProgress(
                    "routing",
                    i + 1,
                    len(teams),
                    (i + 1) / len(teams),
                    "",
                    sum(len(r.phase_visits("voting")) for r in routes),
                )
            )
    planned = {r.team_id for r in routes}
    unassigned = tuple(t.team_id for t in teams if t.team_id not in planned)
    return Plan(routes=tuple(routes), seed=seed, label="fake plan", unassigned_teams=unassigned)


def fake_solve(mission: Mission, **kwargs: Any) -> Plan:
    """Signature of planner.solver.solve; instant."""
    return greedy_plan(
        mission,
        on_progress=kwargs.get("on_progress"),
        should_stop=kwargs.get("should_stop"),
        seed=int(kwargs.get("seed", 0)),
    )


class BlockingSolver:
    """A solver that reports progress, then waits until released or cancelled.

    Lets a test act on the window while a solve is running.
    """

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, mission: Mission, **kwargs: Any) -> Plan:
        on_progress = kwargs["on_progress"]
        should_stop = kwargs["should_stop"]
        on_progress(FakeProgress("building", 0, len(mission.teams), 0.1, "started"))
        self.started.set()
        while not self.release.wait(0.01):
            if should_stop():
                raise Cancelled("cancelled")
        return fake_solve(mission, **kwargs)
