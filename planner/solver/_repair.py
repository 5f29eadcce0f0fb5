"""Greedy insertion: fill routes with the best-value stops that still fit.

Used to build the start routes and as the repair step of the large-neighbourhood
search. The feasibility test itself lives in ``heuristics.Route``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from planner.solver.heuristics import INF, BoolArray, Instance, IntArray, Route


def prize_of(inst: Instance, routes: Sequence[Route]) -> int:
    return int(sum(int(inst.prize[x]) for r in routes for x in r.nodes))


def repair(
    inst: Instance,
    routes: list[Route],
    visited: BoolArray,
    *,
    rng: np.random.Generator | None = None,
    noise: float = 0.0,
    power: float = 1.0,
    pool: IntArray | None = None,
) -> list[int]:
    """Greedy insertion of unvisited candidates until none fits; returns the inserted.

    Required stops go first. Then the stop with the best ``prize ** power / (added
    time + 1)`` (times random noise when ``rng``) goes in. ``pool`` limits the stops
    tried (a focused repair); None tries every candidate, using the routes' cached
    insertion tables.
    """
    found = _insertions(inst, routes, visited, pool)
    if found is None:
        return []
    nodes, alive, cost, gap, required, allowed = found
    value = inst.prize[nodes].astype(np.float64) ** power
    value[required] = 1e12
    if rng is not None and noise > 0:
        value = value * (1.0 + noise * rng.random(len(nodes)))
    inserted: list[int] = []
    width = len(nodes)
    while True:
        score = np.where((cost < INF) & alive, value / (cost + 1.0), -1.0)
        flat = int(np.argmax(score))
        k, j = divmod(flat, width)
        if score[k, j] < 0:
            break
        node = int(nodes[j])
        routes[k].insert(node, int(gap[k, j]))
        visited[node] = True
        alive[j] = False
        inserted.append(node)
        # Only the stops still unvisited: cheaper than the route's full table, which
        # is computed later only if this version of the route survives.
        cols = np.flatnonzero(allowed[k] & alive)
        cost[k] = INF
        if len(cols):
            cost[k, cols], gap[k, cols] = routes[k].best_insertion(nodes[cols])
    return inserted


def _insertions(
    inst: Instance, routes: list[Route], visited: BoolArray, pool: IntArray | None
) -> tuple[IntArray, BoolArray, IntArray, IntArray, BoolArray, BoolArray] | None:
    """The stops to try and their cheapest insertion per route (None: nothing to try).

    Returns (nodes, alive, added time, gap, required, allowed) with one column per stop.
    """
    if pool is None:
        nodes = inst.cand_nodes
        alive = ~visited[nodes]
        if not alive.any():
            return None
        tables = [r.table() for r in routes]
        cost = np.stack([t[0] for t in tables])
        gap = np.stack([t[1] for t in tables])
        return nodes, alive, cost, gap, inst.cand_value_required, inst.cand_allowed
    nodes = pool[~visited[pool]]
    if len(nodes) == 0:
        return None
    alive = np.ones(len(nodes), dtype=bool)
    cost = np.full((len(routes), len(nodes)), INF, dtype=np.int64)
    gap = np.zeros((len(routes), len(nodes)), dtype=np.int64)
    allowed = inst.allowed[:, nodes]
    for k, r in enumerate(routes):
        cols = np.flatnonzero(allowed[k])
        if len(cols):
            cost[k, cols], gap[k, cols] = r.best_insertion(nodes[cols])
    required = np.isin(nodes, list(inst.required_of)) if inst.required_of else alive & False
    return nodes, alive, cost, gap, required, allowed
