"""The only module that imports OR-Tools: builds the routing model and runs a search.

Model (see docs/routing-core.md):
- one OR-Tools vehicle per :class:`VehicleSpec`, with its own start and end node;
- a "time" dimension over the matrix travel + service of the origin (registered
  with ``RegisterTransitMatrix``: the matrix lives in C++), slack = waiting, cumul
  windows on the *start* of service, the vehicle's departure and deadline on its
  start and end cumuls;
- a "travel" dimension (travel only) with per-vehicle capacity = ``max_travel``
  when any vehicle has one;
- one disjunction per optional customer whose penalty is its prize times a factor
  larger than any possible total travel, with arc cost = travel: prize comes first,
  shorter routes break ties (more room for later insertions);
- required customers get no disjunction and are pinned to their vehicle;
- ``allowed`` restricts the node's vehicle variable;
- the break becomes a time-dimension break interval of the vehicle.

Results leave this module as plain tuples of node numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.constraint_solver import pywrapcp, routing_enums_pb2
from ortools.util import optional_boolean_pb2

from planner.solver.core import RoutingProblem

_FIRST = routing_enums_pb2.FirstSolutionStrategy
_META = routing_enums_pb2.LocalSearchMetaheuristic
_BOOL = optional_boolean_pb2.OptionalBoolean


@dataclass(frozen=True, slots=True)
class OrToolsRun:
    """How one OR-Tools search is run."""

    first_solution: str = "PATH_CHEAPEST_ARC"
    metaheuristic: str = "GUIDED_LOCAL_SEARCH"
    time_limit_s: float = 10.0
    # Work limit: number of solutions the search may visit (deterministic).
    solution_limit: int | None = None
    # Orienteering-friendly operators that OR-Tools leaves off by default.
    extra_operators: bool = False


@dataclass(frozen=True, slots=True)
class OrToolsResult:
    routes: tuple[tuple[int, ...], ...]
    solutions: int
    status: int


class _Model:
    def __init__(self, problem: RoutingProblem) -> None:
        self.problem = problem
        vehicles = problem.vehicles
        n = problem.n
        starts = [v.start for v in vehicles]
        ends = [v.end for v in vehicles]
        self.manager = pywrapcp.RoutingIndexManager(n, len(vehicles), starts, ends)
        self.routing = pywrapcp.RoutingModel(self.manager)
        routing, manager = self.routing, self.manager
        depots = problem.depots()

        travel = np.asarray(problem.travel, dtype=np.int64)
        service = np.array(
            [0 if i in depots else problem.service[i] for i in range(n)], dtype=np.int64
        )
        time_matrix = travel + service[:, None]
        time_cb = routing.RegisterTransitMatrix(time_matrix.tolist())
        travel_cb = routing.RegisterTransitMatrix(travel.tolist())
        routing.SetArcCostEvaluatorOfAllVehicles(travel_cb)

        horizon = int(max([v.arrive_latest for v in vehicles] + list(problem.tw_close) + [0]))
        routing.AddDimension(time_cb, horizon, horizon, False, "time")
        self.time = routing.GetDimensionOrDie("time")
        if any(v.max_travel is not None for v in vehicles):
            big = int(travel.sum()) + 1
            caps = [big if v.max_travel is None else int(v.max_travel) for v in vehicles]
            routing.AddDimensionWithVehicleCapacity(travel_cb, 0, caps, True, "travel")
        if any(v.max_stops is not None for v in vehicles):
            ones = [0 if i in depots else 1 for i in range(n)]
            stop_cb = routing.RegisterUnaryTransitVector(ones)
            stop_caps = [n if v.max_stops is None else int(v.max_stops) for v in vehicles]
            routing.AddDimensionWithVehicleCapacity(stop_cb, 0, stop_caps, True, "stops")

        required: dict[int, int] = {}
        for k, v in enumerate(vehicles):
            for node in v.required:
                required[node] = k
        # Prize dominates travel: one prize unit is worth more than all travel.
        self.weight = int(sum(max(0, v.arrive_latest - v.depart_earliest) for v in vehicles)) + 1
        for node in range(n):
            if node in depots:
                continue
            index = manager.NodeToIndex(node)
            self.time.CumulVar(index).SetRange(problem.tw_open[node], problem.tw_close[node])
            allowed = None if problem.allowed is None else problem.allowed[node]
            # VehicleVar = -1 means "not visited".
            if node in required:
                routing.VehicleVar(index).SetValues([required[node]])
                continue
            if allowed is not None:
                routing.VehicleVar(index).SetValues([-1, *sorted(allowed)])
            routing.AddDisjunction([index], int(problem.prize[node]) * self.weight)
        self._add_vehicles(service)

    def _add_vehicles(self, service: npt.NDArray[np.int64]) -> None:
        """Each vehicle's time window at its ends, its break, a short day preferred."""
        routing, manager, vehicles = self.routing, self.manager, self.problem.vehicles
        solver = routing.solver()
        visit = [
            int(service[manager.IndexToNode(i)]) if i < routing.Size() else 0
            for i in range(routing.Size() + len(vehicles))
        ]
        for k, v in enumerate(vehicles):
            self.time.CumulVar(routing.Start(k)).SetRange(v.depart_earliest, v.arrive_latest)
            self.time.CumulVar(routing.End(k)).SetRange(v.depart_earliest, v.arrive_latest)
            if v.break_min > 0:
                brk = solver.FixedDurationIntervalVar(
                    v.break_earliest, v.break_latest, v.break_min, False, f"break{k}"
                )
                self.time.SetBreakIntervalsOfVehicle([brk], k, visit)
            routing.AddVariableMinimizedByFinalizer(self.time.CumulVar(routing.End(k)))

    def assignment_from(self, routes: Sequence[Sequence[int]]) -> pywrapcp.Assignment | None:
        indices = [[self.manager.NodeToIndex(node) for node in route] for route in routes]
        self.routing.CloseModel()
        return self.routing.ReadAssignmentFromRoutes(indices, True)

    def routes_of(self, solution: pywrapcp.Assignment) -> tuple[tuple[int, ...], ...]:
        routing, manager = self.routing, self.manager
        out = []
        for k in range(len(self.problem.vehicles)):
            index = solution.Value(routing.NextVar(routing.Start(k)))
            route = []
            while not routing.IsEnd(index):
                route.append(manager.IndexToNode(index))
                index = solution.Value(routing.NextVar(index))
            out.append(tuple(route))
        return tuple(out)


def solve_with_ortools(
    problem: RoutingProblem,
    run: OrToolsRun,
    *,
    initial_routes: Sequence[Sequence[int]] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> OrToolsResult:
    """Run one OR-Tools search; routes are () per vehicle when nothing was found."""
    model = _Model(problem)
    routing = model.routing
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = getattr(_FIRST, run.first_solution)
    params.local_search_metaheuristic = getattr(_META, run.metaheuristic)
    params.time_limit.FromMilliseconds(max(1, int(run.time_limit_s * 1000)))
    if run.solution_limit is not None:
        params.solution_limit = run.solution_limit
    if run.extra_operators:
        ops = params.local_search_operators
        on = _BOOL.BOOL_TRUE
        ops.use_extended_swap_active = on
        ops.use_relocate_and_make_active = on
        ops.use_exchange_and_make_active = on
    counter = [0]

    def at_solution() -> None:
        counter[0] += 1
        if should_stop is not None and should_stop():
            routing.solver().FinishCurrentSearch()

    routing.AddAtSolutionCallback(at_solution)
    solution = None
    if initial_routes is not None:
        start = model.assignment_from(initial_routes)
        if start is not None:
            solution = routing.SolveFromAssignmentWithParameters(start, params)
    else:
        solution = routing.SolveWithParameters(params)
    if solution is None:
        return OrToolsResult(tuple(() for _ in problem.vehicles), counter[0], routing.status())
    return OrToolsResult(model.routes_of(solution), counter[0], routing.status())
