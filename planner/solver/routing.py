"""The routing core's public entry point: :func:`solve_routing`.

Pipeline (docs/routing-core.md): check the problem -> greedy insertion (our own,
numpy) from the caller's initial routes (OR-Tools only when required stops do not
fit greedily) -> large-neighbourhood search (our own, seeded, fixed amount of work;
optionally several in parallel) -> every route re-checked independently
(``_evaluate``) -> result. OR-Tools guided local search after the LNS was measured
and gained less than the LNS in the same time, so it is not part of the pipeline.

Determinism: with the same problem and seed the result is the same unless a
safety exit fires: the wall-clock cap (``time_limit_s``) or ``should_stop``. The
amount of work is derived from ``time_limit_s`` by a fixed rate, so on a machine
much slower (or busier) than expected the clock cap can end the search early and
the result then depends on timing; ``stats["stopped_by_clock"]`` says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np

from planner.errors import PlanningError
from planner.solver._evaluate import break_start, route_problem
from planner.solver._lns import LnsStats, improve
from planner.solver._parallel import improve_parallel
from planner.solver._repair import repair
from planner.solver.core import RoutingProblem, RoutingSolution, _never
from planner.solver.heuristics import INF, Instance, Route

__all__ = ["break_start", "check_solution", "solve_routing"]

# Work units (about microseconds of vectorised insertion tests and route updates)
# per second of time limit. The reference machine did 0.2-1.2 million a second
# depending on its load; under heavy load the clock cap ends the search instead.
WORK_PER_SECOND = 8.0e5
# Share of the time limit given to our LNS (the rest is a margin).
LNS_SHARE = 0.8


def _check_input(problem: RoutingProblem) -> None:
    n = problem.n
    if problem.travel.shape != (n, n):
        raise PlanningError(f"travel matrix is {problem.travel.shape}, expected {n} x {n}")
    for name in ("service", "tw_open", "tw_close"):
        if len(getattr(problem, name)) != n:
            raise PlanningError(f"{name} has {len(getattr(problem, name))} values, expected {n}")
    if problem.allowed is not None and len(problem.allowed) != n:
        raise PlanningError(f"allowed has {len(problem.allowed)} entries, expected {n}")
    if not problem.vehicles:
        raise PlanningError("no vehicle (team) to route")
    if n and int(np.min(problem.travel)) < 0:
        raise PlanningError("travel matrix has negative entries")
    # The search works in 32-bit integers: keep every time far below 2**30.
    limit = 1 << 27
    biggest = max(
        [
            int(np.max(problem.travel)) if n else 0,
            *problem.tw_open,
            *problem.tw_close,
            *problem.service,
        ]
        + [
            max(v.arrive_latest, v.break_latest + v.break_min, v.max_travel or 0)
            for v in problem.vehicles
        ]
    )
    if biggest >= limit or min([0, *problem.tw_open, *problem.service]) < 0:
        raise PlanningError(f"times must lie in 0..{limit - 1} (use minutes or a coarser unit)")
    depots = problem.depots()
    owner: dict[int, int] = {}
    for k, v in enumerate(problem.vehicles):
        if not (0 <= v.start < n and 0 <= v.end < n):
            raise PlanningError(f"vehicle {k}: start or end node outside 0..{n - 1}")
        for node in v.required:
            if not 0 <= node < n or node in depots:
                raise PlanningError(f"vehicle {k}: required node {node} is not a customer node")
            if node in owner and owner[node] != k:
                raise PlanningError(
                    f"node {node} is required by vehicles {owner[node]} and {k}: "
                    "a stop can be visited only once"
                )
            owner[node] = k


def check_solution(problem: RoutingProblem, routes: Sequence[Sequence[int]]) -> list[str]:
    """Every rule the routes break (empty list = feasible), independent of the search."""
    out: list[str] = []
    if len(routes) != len(problem.vehicles):
        return [f"{len(routes)} routes for {len(problem.vehicles)} vehicles"]
    seen: dict[int, int] = {}
    for k, route in enumerate(routes):
        reason = route_problem(problem, k, route)
        if reason:
            out.append(f"vehicle {k}: {reason}")
        for node in route:
            if node in seen:
                out.append(f"node {node} is visited by vehicles {seen[node]} and {k}")
            seen[node] = k
    for k, v in enumerate(problem.vehicles):
        out.extend(
            f"vehicle {k}: required node {node} is not visited"
            for node in v.required
            if node not in routes[k]
        )
    return out


def _feasible_part(inst: Instance, k: int, route: Sequence[int], taken: set[int]) -> list[int]:
    """The caller's route with every stop dropped that would break it (kept in order)."""
    problem = inst.problem
    kept: list[int] = []
    for node in route:
        if node in taken or not 0 <= node < inst.n or not inst.allowed[k, node]:
            continue
        trial = [*kept, node]
        if route_problem(problem, k, trial) is None:
            kept = trial
            taken.add(node)
    return kept


def solve_routing(
    problem: RoutingProblem,
    *,
    time_limit_s: float = 10.0,
    seed: int = 0,
    initial_routes: Sequence[Sequence[int]] | None = None,
    should_stop: Callable[[], bool] = _never,
    on_progress: Callable[[int], None] | None = None,
    workers: int = 1,
    clock_cap_s: float | None = None,
) -> RoutingSolution:
    """Best prize-collecting routes found (see the module docstring for the method).

    The search does an amount of work fixed by ``time_limit_s``; ``clock_cap_s``
    (default: ``time_limit_s``) is the wall-clock safety exit. A caller that values
    "same seed, same plan" over a strict wall time (the mission solver) gives a
    looser cap, so that only a machine several times slower than expected falls
    back on the clock.

    ``workers`` > 1 runs that many independent seeded searches in parallel processes
    and keeps the best (``_parallel``); leave it at 1 inside an already parallel
    caller such as the mission solver.

    Raises PlanningError for a malformed problem or when a required node cannot be
    placed on its vehicle's route.
    """
    started = time.monotonic()
    cap = time_limit_s if clock_cap_s is None else max(time_limit_s, clock_cap_s)
    deadline = started + max(0.05, cap)
    _check_input(problem)
    inst = Instance(problem)
    routes = _first_routes(inst, initial_routes, deadline)
    if on_progress is not None:
        on_progress(5)
    work = max(1.0, WORK_PER_SECOND * time_limit_s * LNS_SHARE)

    def progress(share: float) -> None:
        if on_progress is not None:
            on_progress(5 + int(90 * share))

    start = [list(r.nodes) for r in routes]
    best, stats = _search(
        inst,
        start,
        workers=workers,
        work=work,
        seed=seed,
        deadline=deadline,
        should_stop=should_stop,
        on_progress=progress,
    )
    final = _verified(problem, inst, best)
    prize = sum(problem.prize[x] for route in final for x in route)
    if on_progress is not None:
        on_progress(100)
    return RoutingSolution(
        routes=tuple(tuple(route) for route in final),
        prize=int(prize),
        stats=_stats(stats, seconds=time.monotonic() - started, work=inst.work),
    )


def _search(
    inst: Instance,
    start: list[list[int]],
    *,
    workers: int,
    work: float,
    seed: int,
    deadline: float,
    should_stop: Callable[[], bool],
    on_progress: Callable[[float], None],
) -> tuple[list[list[int]], LnsStats]:
    """The large-neighbourhood search, in ``workers`` processes when more than one."""
    if workers > 1:
        return improve_parallel(
            inst,
            start,
            workers=workers,
            work=work,
            seed=seed,
            deadline=deadline,
            should_stop=should_stop,
            on_progress=on_progress,
        )
    return improve(
        inst,
        start,
        work=work,
        seed=seed,
        deadline=deadline,
        should_stop=should_stop,
        on_progress=on_progress,
    )


def _first_routes(
    inst: Instance, initial_routes: Sequence[Sequence[int]] | None, deadline: float
) -> list[Route]:
    """The start of the search: the feasible part of ``initial_routes``, filled by
    cheapest insertion, with every required node placed."""
    problem = inst.problem
    taken: set[int] = set()
    start_nodes: list[list[int]] = [[] for _ in problem.vehicles]
    if initial_routes is not None:
        for k, route in enumerate(list(initial_routes)[: len(problem.vehicles)]):
            start_nodes[k] = _feasible_part(inst, k, route, taken)
    routes = [Route(inst, k, nodes) for k, nodes in enumerate(start_nodes)]
    visited = np.zeros(inst.n, dtype=bool)
    for r in routes:
        visited[r.nodes] = True
    repair(inst, routes, visited)
    missing = [node for node, k in sorted(inst.required_of.items()) if node not in routes[k].nodes]
    if missing:
        routes = _place_required(inst, routes, missing, deadline)
    return routes


def _stats(stats: LnsStats, *, seconds: float, work: float) -> dict[str, float]:
    return {
        "seconds": seconds,
        "lns_iterations": float(stats.iterations),
        "work": work,
        "lns_improvements": float(stats.improvements),
        "stopped_by_clock": float(stats.stopped_by_clock),
        "stopped_by_user": float(stats.stopped_by_user),
        "converged": float(stats.converged),
    }


def _place_required(
    inst: Instance, routes: list[Route], missing: list[int], deadline: float
) -> list[Route]:
    """Second chance for required stops that the greedy start could not place.

    First each vehicle concerned is rebuilt with its required stops alone, in
    order of their windows; if that fails, OR-Tools searches for any feasible
    routes with every required stop made mandatory (its first solution only,
    which is deterministic). PlanningError names a stop neither could place.
    """
    problem = inst.problem
    failed: list[tuple[int, int]] = []
    rebuilt = list(routes)
    for k, v in enumerate(problem.vehicles):
        if not any(node in v.required for node in missing):
            continue
        order = sorted(v.required, key=lambda x: (problem.tw_open[x], problem.tw_close[x]))
        trial = Route(inst, k)
        for node in order:
            cost, gap = trial.best_insertion(np.array([node], dtype=np.int64))
            if cost[0] >= INF:
                failed.append((node, k))
                break
            trial.insert(node, int(gap[0]))
        rebuilt[k] = trial
    if failed:
        rebuilt = _required_by_ortools(inst, deadline, failed)
    visited = np.zeros(inst.n, dtype=bool)
    for r in rebuilt:
        visited[r.nodes] = True
    repair(inst, rebuilt, visited)
    return rebuilt


def _required_by_ortools(
    inst: Instance, deadline: float, failed: list[tuple[int, int]]
) -> list[Route]:
    from planner.solver._ortools import OrToolsRun, solve_with_ortools

    problem = inst.problem
    seconds = max(0.5, min(10.0, deadline - time.monotonic()))
    for strategy in ("PARALLEL_CHEAPEST_INSERTION", "PATH_CHEAPEST_ARC"):
        run = OrToolsRun(first_solution=strategy, time_limit_s=seconds, solution_limit=1)
        found = solve_with_ortools(problem, run).routes
        if any(found) and not check_solution(problem, found):
            return [Route(inst, k, route) for k, route in enumerate(found)]
    node, k = failed[0]
    raise PlanningError(
        f"required node {node} cannot be placed on vehicle {k}'s route "
        "(its time window, the vehicle's hours, travel limit or break leave no room)"
    )


def _verified(problem: RoutingProblem, inst: Instance, routes: list[list[int]]) -> list[list[int]]:
    """The routes after an independent check; a route that fails is cut back to a feasible one."""
    out: list[list[int]] = []
    taken: set[int] = set()
    for k, route in enumerate(routes):
        if route_problem(problem, k, route) is None and not taken.intersection(route):
            out.append(list(route))
            taken.update(route)
        else:  # pragma: no cover - a bug guard: never hand out an infeasible route
            out.append(_feasible_part(inst, k, route, taken))
    for k, v in enumerate(problem.vehicles):
        for node in v.required:
            if node not in out[k]:
                raise PlanningError(f"required node {node} could not be kept on vehicle {k}")
    return out
