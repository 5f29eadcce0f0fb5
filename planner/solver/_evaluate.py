"""Independent feasibility check of one route, including the optional break.

Used to re-check every route before the core returns it, whatever produced it
(our own heuristics or OR-Tools). Kept deliberately simple: one forward pass.

Break semantics (VehicleSpec.break_min > 0): one pause of ``break_min`` whose start
lies in ``[break_earliest, break_latest]``, taken where the team is: at the start
node before leaving, at a stop after its service (before driving on; waiting at the
next stop is equivalent), or at the end node after arriving (it must then finish by
``arrive_latest``). Taking the break as early as allowed is never worse, so the pass
keeps two earliest departure times: "break not yet taken" and "break taken".
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.solver.core import RoutingProblem, schedule

_INF = 1 << 60


def route_problem(problem: RoutingProblem, vehicle: int, route: Sequence[int]) -> str | None:
    """Why ``route`` is infeasible for ``vehicle`` (a sentence), or None if it is feasible.

    Checks node range, depots, repeats, ``allowed``, windows, the end deadline,
    ``max_travel`` and the break. Required nodes are checked by the caller (they
    concern the whole solution).
    """
    bad = _node_problem(problem, vehicle, route)
    if bad is not None:
        return bad
    if schedule(problem, vehicle, list(route)) is None:
        return "a time window, the end deadline or the travel limit is violated"
    if problem.vehicles[vehicle].break_min > 0 and break_start(problem, vehicle, route) is None:
        return "no place for the break"
    return None


def _node_problem(problem: RoutingProblem, vehicle: int, route: Sequence[int]) -> str | None:
    """The first node of ``route`` that cannot be in it (range, depot, repeat, allowed)."""
    n = problem.n
    depots = problem.depots()
    seen: set[int] = set()
    for node in route:
        if not 0 <= node < n:
            return f"node {node} does not exist"
        if node in depots:
            return f"node {node} is a depot"
        if node in seen:
            return f"node {node} is visited twice"
        seen.add(node)
        if problem.allowed is not None:
            allowed = problem.allowed[node]
            if allowed is not None and vehicle not in allowed:
                return f"node {node} is not allowed for vehicle {vehicle}"
    return None


def break_start(
    problem: RoutingProblem,
    vehicle: int,
    route: Sequence[int],
) -> tuple[int, int] | None:
    """Where and when the break is taken: ``(position, start)`` or None if impossible.

    ``position`` k means "after the k-th stop's service" (0 = at the start node
    before leaving, ``len(route) + 1`` = at the end node after arriving). The
    earliest feasible break is chosen. Returns ``(0, 0)``-like values only when
    the vehicle has a break; for a vehicle without one, returns ``(0, -1)``.
    """
    v = problem.vehicles[vehicle]
    if v.break_min <= 0:
        return (0, -1)
    length, earliest, latest = v.break_min, v.break_earliest, v.break_latest
    travel = problem.travel
    seq = [v.start, *route]
    # Try each place in order; the first feasible one is the earliest break.
    departs = _departures_without_break(problem, vehicle, route)
    for pos in range(len(seq) + 1):
        if pos < len(seq):
            dep = departs[pos]
            if dep >= _INF:
                return None
            start = max(dep, earliest)
            if start > latest:
                return None
            if _finish_after(problem, vehicle, route, pos, start + length):
                return (pos, start)
        else:
            # At the end node after arriving.
            last = seq[-1]
            arrive = departs[-1] + int(travel[last, v.end])
            start = max(arrive, earliest)
            if start <= latest and start + length <= v.arrive_latest and arrive < _INF:
                return (pos, start)
    return None


def _departures_without_break(
    problem: RoutingProblem,
    vehicle: int,
    route: Sequence[int],
) -> list[int]:
    v = problem.vehicles[vehicle]
    t = v.depart_earliest
    out = [t]
    prev = v.start
    for node in route:
        t = max(t + int(problem.travel[prev, node]), problem.tw_open[node])
        if t > problem.tw_close[node]:
            t = _INF
        elif t < _INF:
            t += problem.service[node]
        out.append(t)
        prev = node
    return out


def _finish_after(
    problem: RoutingProblem, vehicle: int, route: Sequence[int], pos: int, depart: int
) -> bool:
    """Can the route continue from stop ``pos`` (0 = start) leaving at ``depart``?"""
    v = problem.vehicles[vehicle]
    prev = v.start if pos == 0 else route[pos - 1]
    t = depart
    for node in route[pos:]:
        t = max(t + int(problem.travel[prev, node]), problem.tw_open[node])
        if t > problem.tw_close[node]:
            return False
        t += problem.service[node]
        prev = node
    return t + int(problem.travel[prev, v.end]) <= v.arrive_latest
