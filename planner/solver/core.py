"""The routing problem the solver core works on: prize-collecting team orienteering
with time windows (TOPTW) over an integer travel-time matrix.

This is the contract between the mission layer (which turns teams and stations into
a :class:`RoutingProblem`) and the core (``planner/solver/_ortools.py`` and the
heuristics beside it), and also what the TOPTW benchmark adapter builds. Plain data
only: no OR-Tools types cross this boundary.

Conventions: node indices ``0..n-1``; times and travel are integer minutes (or any
integer unit: the TOPTW adapter scales distances). ``tw_open``/``tw_close`` bound the
*start* of service; a vehicle that arrives early waits. Depot nodes (vehicle starts
and ends) carry prize 0 and are never "visited" as customers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class VehicleSpec:
    """One route: where it starts and ends and its time limits.

    ``depart_earliest`` is the earliest time at the start node; ``arrive_latest``
    the latest arrival at the end node. ``max_travel`` bounds the sum of travel
    (not service or waiting), e.g. a daily driving limit; ``None`` = no bound.
    ``required`` are customer nodes this vehicle must visit (pinned stops).
    ``max_stops`` bounds the number of customer stops (None = no bound).
    ``break_min`` > 0 asks for one break of that length whose start lies in
    ``[break_earliest, break_latest]`` (a lunch break; taken where the team is).
    """

    start: int
    end: int
    depart_earliest: int
    arrive_latest: int
    max_travel: int | None = None
    required: tuple[int, ...] = ()
    break_min: int = 0
    break_earliest: int = 0
    break_latest: int = 0
    max_stops: int | None = None


@dataclass(frozen=True, slots=True)
class RoutingProblem:
    """TOPTW instance. ``allowed[i]`` restricts node i to some vehicles (None = any)."""

    travel: npt.NDArray[np.int32]  # n x n
    prize: tuple[int, ...]
    service: tuple[int, ...]
    tw_open: tuple[int, ...]
    tw_close: tuple[int, ...]
    vehicles: tuple[VehicleSpec, ...]
    allowed: tuple[frozenset[int] | None, ...] | None = None

    @property
    def n(self) -> int:
        return len(self.prize)

    def depots(self) -> frozenset[int]:
        return frozenset({v.start for v in self.vehicles} | {v.end for v in self.vehicles})


@dataclass(frozen=True, slots=True)
class RoutingSolution:
    """Customer nodes per vehicle, in visiting order (depots omitted)."""

    routes: tuple[tuple[int, ...], ...]
    prize: int
    stats: dict[str, float] = field(default_factory=dict)


def schedule(
    problem: RoutingProblem,
    vehicle: int,
    route: tuple[int, ...] | list[int],
) -> list[int] | None:
    """Earliest service start at each node of ``route`` (no break), or None if infeasible.

    Checks windows, the end-node deadline, ``max_travel`` and ``max_stops``. The break is not
    modelled here; callers that need it check it themselves.
    """
    v = problem.vehicles[vehicle]
    if v.max_stops is not None and len(route) > v.max_stops:
        return None
    t = v.depart_earliest
    prev = v.start
    travelled = 0
    starts = []
    for node in route:
        leg = int(problem.travel[prev, node])
        travelled += leg
        t = max(t + leg, problem.tw_open[node])
        if t > problem.tw_close[node]:
            return None
        starts.append(t)
        t += problem.service[node]
        prev = node
    leg = int(problem.travel[prev, v.end])
    travelled += leg
    if t + leg > v.arrive_latest:
        return None
    if v.max_travel is not None and travelled > v.max_travel:
        return None
    return starts


def _never() -> bool:
    return False


StopPredicate = Callable[[], bool]
