"""Large-neighbourhood search over routes: drop some stops, re-insert greedily.

Every iteration removes a handful of stops with one of four rules (random,
related = close in space and time, a segment of one route, worst value per
minute), then repairs with the noisy greedy insertion of ``heuristics.repair``.
Half the time the dropped stops may not come back in the first repair pass, which
makes the "swap a visited stop for an unvisited one" move. A new solution is
accepted by simulated annealing on (prize, then less travel); the best is kept.

All choices come from one seeded generator and the loop runs a fixed amount of
work (counted insertion evaluations), so the same problem and seed give the same
routes. The wall-clock deadline and ``should_stop`` are only safety exits.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from planner.solver._repair import prize_of, repair
from planner.solver.heuristics import Instance, Route

# Drop rules: random, related, segment, worst (+ time slice with several routes).
RULES = 5
# Largest number of stops one iteration drops.
MAX_DROP = 25
# Share of iterations whose repair tries every unvisited stop (the others try only
# the dropped stops and their nearest neighbours, which is several times cheaper).
FULL_REPAIR = 1.0
ACCEPT = "anneal"
# Stop early after this many iterations without a new best (or when every stop
# is visited): saves time on easy problems, never depends on the clock.
STALL = 30000
# Simulated annealing: starting temperature as a share of the mean prize.
START_TEMPERATURE = 2.0


@dataclass(slots=True)
class LnsStats:
    iterations: int = 0
    improvements: int = 0
    converged: bool = False
    stopped_by_clock: bool = False
    stopped_by_user: bool = False


def _value(inst: Instance, routes: list[Route]) -> tuple[int, int]:
    return prize_of(inst, routes), -sum(r.travelled for r in routes)


def _snapshot(routes: list[Route]) -> list[list[int]]:
    return [list(r.nodes) for r in routes]


def _restore(inst: Instance, nodes: list[list[int]]) -> list[Route]:
    return [Route(inst, k, route) for k, route in enumerate(nodes)]


def _choose_drop(
    inst: Instance, routes: list[Route], rng: np.random.Generator, visited_nodes: list[int]
) -> set[int]:
    removable = [x for x in visited_nodes if x not in inst.required_of]
    if not removable:
        return set()
    cap = max(2, min(len(removable) // 3, MAX_DROP))
    count = int(rng.integers(1, min(cap, len(removable)) + 1))
    rule = int(rng.integers(0, RULES if len(routes) > 1 else 4))
    arr = np.array(removable, dtype=np.int64)
    if rule == 0:  # random stops
        return {int(x) for x in rng.choice(arr, size=count, replace=False)}
    if rule == 1:  # related: near a random seed stop in space and time
        seed = int(rng.choice(arr))
        gap = inst.travel[seed, arr] + np.abs(inst.open[arr] - inst.open[seed]) // 2
        order = np.argsort(gap + rng.random(len(arr)), kind="stable")
        return {int(x) for x in arr[order[:count]]}
    if rule == 4:  # a time slice: in every route, the stops served around one moment
        busy = [r for r in routes if r.nodes]
        moment = int(rng.choice([int(d) for r in busy for d in r.dep_nb[1:]]))
        per_route = max(1, count // len(busy))
        out: set[int] = set()
        for r in busy:
            when = np.abs(r.dep_nb[1:].astype(np.int64) - moment)
            out.update(int(r.nodes[i]) for i in np.argsort(when, kind="stable")[:per_route])
        return out - set(inst.required_of)
    if rule == 2:  # a segment of one route
        busy = [r for r in routes if r.nodes]
        r = busy[int(rng.integers(0, len(busy)))]
        start = int(rng.integers(0, len(r.nodes)))
        seg = r.nodes[start : start + count]
        return {x for x in seg if x not in inst.required_of}
    # worst: least prize per minute of detour, with noise
    parts = []
    for r in routes:
        if not r.nodes:
            continue
        seq = np.array([inst.vehicles[r.k].start, *r.nodes, inst.vehicles[r.k].end])
        a, x, b = seq[:-2], seq[1:-1], seq[2:]
        detour = (
            inst.travel[a, x].astype(np.int64)
            + inst.travel[x, b]
            - inst.travel[a, b]
            + inst.service[x]
        )
        parts.append((x, inst.prize[x] / (np.maximum(detour, 0) + 1.0)))
    nodes = np.concatenate([p[0] for p in parts])
    worth = np.concatenate([p[1] for p in parts]) * (0.5 + rng.random(len(nodes)))
    if inst.required_of:
        worth[np.isin(nodes, list(inst.required_of))] = np.inf
    order = np.argsort(worth, kind="stable")[:count]
    return {int(nodes[o]) for o in order if np.isfinite(worth[o])}


def improve(
    inst: Instance,
    start: list[list[int]],
    *,
    work: float,
    seed: int,
    deadline: float,
    should_stop: Callable[[], bool],
    on_progress: Callable[[float], None] | None = None,
) -> tuple[list[list[int]], LnsStats]:
    """LNS from ``start`` (feasible routes) for ``work`` units; returns the best routes."""
    rng = np.random.default_rng(seed)
    stats = LnsStats()
    current = _restore(inst, start)
    cur_val = _value(inst, current)
    best, best_val = _snapshot(current), cur_val
    prizes = inst.prize[inst.candidates]
    t0 = float(np.mean(prizes)) * START_TEMPERATURE if len(prizes) else 1.0
    done = 0.0
    work_at_start = inst.work
    last_report = -1
    ceiling = int(inst.prize[inst.candidates].sum())
    since_best = 0
    while done < work:
        converged = best_val[0] >= ceiling or since_best >= STALL
        if _should_end(stats, converged=converged, should_stop=should_stop, deadline=deadline):
            break
        stats.iterations += 1
        temp = max(t0 * (1.0 - done / work), 1e-3)
        visited_nodes = [x for r in current for x in r.nodes]
        drop = _choose_drop(inst, current, rng, visited_nodes)
        trial = _destroy(current, drop)
        if trial is None:
            inst.work += 30.0
            done = inst.work - work_at_start
            continue
        _rebuild(inst, trial, drop, rng)
        inst.work += 30.0 + 2.0 * len(visited_nodes)  # bookkeeping outside the insertions
        done = inst.work - work_at_start
        val = _value(inst, trial)
        if _accept(val, cur_val, best_val, temp, rng):
            current, cur_val = trial, val
        if cur_val > best_val:
            best, best_val = _snapshot(current), cur_val
            stats.improvements += 1
            since_best = 0
        else:
            since_best += 1
        if since_best and rng.random() < 0.002:
            current, cur_val = _restore(inst, best), best_val
        if on_progress is not None:
            pct = int(100 * done / work)
            if pct != last_report:
                last_report = pct
                on_progress(done / work)
    return best, stats


def _should_end(
    stats: LnsStats, *, converged: bool, should_stop: Callable[[], bool], deadline: float
) -> bool:
    """Whether the search ends now (and why, in ``stats``)."""
    if converged:
        stats.converged = True
        return True
    if should_stop():
        stats.stopped_by_user = True
        return True
    if time.monotonic() > deadline:
        stats.stopped_by_clock = True
        return True
    return False


def _destroy(current: list[Route], drop: set[int]) -> list[Route] | None:
    """Copies of the routes without ``drop`` (None: a copy became infeasible)."""
    trial = [r.clone() for r in current]
    broken = False
    for r in trial:
        if drop.intersection(r.nodes):
            r.remove(drop)
            # Dropping a stop can make a route late only when travel times break
            # the triangle inequality (floored distances, road times): skip those.
            broken = broken or not r.feasible()
    return None if broken else trial


def _rebuild(inst: Instance, trial: list[Route], drop: set[int], rng: np.random.Generator) -> None:
    """Re-insert stops into ``trial`` (half the time keeping the dropped ones out first)."""
    visited = np.zeros(inst.n, dtype=bool)
    for r in trial:
        visited[r.nodes] = True
    noise = float(rng.choice((0.0, 0.3, 1.0)))
    power = float(rng.choice((1.0, 1.5, 2.0)))
    pool = None
    if drop and rng.random() >= FULL_REPAIR:
        dropped = np.fromiter(drop, dtype=np.int64)
        pool = np.unique(np.concatenate([dropped, inst.near[dropped].ravel()]))
    if rng.random() < 0.5 and drop:
        blocked = visited.copy()
        blocked[list(drop)] = True
        repair(inst, trial, blocked, rng=rng, noise=noise, power=power, pool=pool)
        visited = blocked
        visited[list(drop)] = False
    repair(inst, trial, visited, rng=rng, noise=noise, power=power, pool=pool)


def _accept(
    val: tuple[int, int],
    cur_val: tuple[int, int],
    best_val: tuple[int, int],
    temp: float,
    rng: np.random.Generator,
) -> bool:
    """Simulated annealing (or a threshold on the best value, see ACCEPT)."""
    delta = (val[0] - cur_val[0]) + 1e-4 * (val[1] - cur_val[1])
    if ACCEPT == "threshold":
        return val[0] >= best_val[0] - temp
    return delta >= 0 or rng.random() < math.exp(delta / temp)
