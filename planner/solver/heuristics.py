"""Fast insertion for the routing core: feasibility in O(1) per (stop, position).

Each route keeps, for every gap between consecutive nodes, the earliest departure
from the node before the gap and the latest service start at the node after it
that still lets the rest of the route finish in time. Two variants of each are
kept when the vehicle has a break: "break not yet taken" / "break already taken"
forwards, "no break needed" / "break still to take" backwards. Inserting a stop
into a gap is then a handful of comparisons, evaluated with numpy for all
unvisited stops and all gaps of a route at once.

A stop may be inserted only if the route stays feasible in every respect the
core knows: windows on the start of service, the vehicle's end deadline,
``max_travel``, ``allowed`` and the break (see ``_evaluate`` for its semantics).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from planner.solver.core import RoutingProblem

INF = 1 << 50
NEG = -INF

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


class Instance:
    """The problem as numpy arrays, built once per solve."""

    def __init__(self, problem: RoutingProblem) -> None:
        self.problem = problem
        n = problem.n
        self.n = n
        self.travel: IntArray = np.asarray(problem.travel, dtype=np.int64)
        self.open: IntArray = np.asarray(problem.tw_open, dtype=np.int64)
        self.close: IntArray = np.asarray(problem.tw_close, dtype=np.int64)
        self.service: IntArray = np.asarray(problem.service, dtype=np.int64)
        self.prize: IntArray = np.asarray(problem.prize, dtype=np.int64)
        self.vehicles = problem.vehicles
        nv = len(problem.vehicles)
        depots = problem.depots()
        self.is_depot: BoolArray = np.zeros(n, dtype=bool)
        self.is_depot[list(depots)] = True
        allowed: BoolArray = np.ones((nv, n), dtype=bool)
        allowed[:, self.is_depot] = False
        if problem.allowed is not None:
            for node, group in enumerate(problem.allowed):
                if group is not None:
                    allowed[:, node] = False
                    allowed[[k for k in group if 0 <= k < nv], node] = True
        self.required_of: dict[int, int] = {}
        for k, v in enumerate(problem.vehicles):
            for node in v.required:
                self.required_of[node] = k
        for node, k in self.required_of.items():
            allowed[:, node] = False
            allowed[k, node] = True
        self.allowed = allowed
        self.max_travel = [
            INF if v.max_travel is None else int(v.max_travel) for v in problem.vehicles
        ]
        # Stops worth considering: customers with a prize, or required.
        cand = (~self.is_depot) & ((self.prize > 0) | np.isin(np.arange(n), list(self.required_of)))
        cand &= allowed.any(axis=0)
        self.candidates: BoolArray = cand
        # Work done so far, in rough microseconds of this machine (see solve_routing:
        # the search stops after a fixed amount of work, which keeps it deterministic).
        self.work = 0.0


class Route:
    """One vehicle's route with its insertion look-up arrays (see module docstring)."""

    __slots__ = (
        "dep_b",
        "dep_nb",
        "inst",
        "k",
        "lat_b",
        "lat_nb",
        "nodes",
        "pred",
        "succ",
        "t_pq",
        "travelled",
    )

    def __init__(
        self, inst: Instance, k: int, nodes: Sequence[int] = (), *, refresh: bool = True
    ) -> None:
        self.inst = inst
        self.k = k
        self.nodes: list[int] = list(nodes)
        if refresh:
            self.refresh()

    def clone(self) -> Route:
        """A copy that can be changed independently (arrays are never changed in place)."""
        other = Route(self.inst, self.k, self.nodes, refresh=False)
        for name in ("dep_b", "dep_nb", "lat_b", "lat_nb", "pred", "succ", "t_pq", "travelled"):
            setattr(other, name, getattr(self, name))
        return other

    def refresh(self) -> None:
        inst, v = self.inst, self.inst.vehicles[self.k]
        seq = [v.start, *self.nodes, v.end]
        travel, open_, close, service = inst.travel, inst.open, inst.close, inst.service
        m = len(seq) - 1  # number of gaps
        dep_nb = [0] * m
        dep_b = [0] * m
        length, b_lo, b_hi = v.break_min, v.break_earliest, v.break_latest
        has_break = length > 0
        t = v.depart_earliest
        tb = INF
        if has_break and max(t, b_lo) <= b_hi:
            tb = max(t, b_lo) + length
        dep_nb[0], dep_b[0] = t, tb
        travelled = 0
        for i in range(1, m):
            prev, node = seq[i - 1], seq[i]
            leg = int(travel[prev, node])
            travelled += leg
            s = max(t + leg, int(open_[node]))
            t = s + int(service[node]) if t < INF and s <= close[node] else INF
            if tb < INF:
                s = max(tb + leg, int(open_[node]))
                tb = s + int(service[node]) if s <= close[node] else INF
            if has_break and t < INF and max(t, b_lo) <= b_hi:
                tb = min(tb, max(t, b_lo) + length)
            dep_nb[i], dep_b[i] = t, tb
        travelled += int(travel[seq[m - 1], seq[m]])
        # Backwards: latest service start at seq[i] (i = 1..m) keeping the rest feasible.
        lat_nb = [0] * m
        lat_b = [0] * m
        late = v.arrive_latest
        late_b = NEG
        if has_break and b_lo + length <= v.arrive_latest:
            late_b = min(b_hi, v.arrive_latest - length)
        lat_nb[m - 1], lat_b[m - 1] = late, late_b
        for i in range(m - 1, 0, -1):
            node, nxt = seq[i], seq[i + 1]
            leg = int(travel[node, nxt])
            srv = int(service[node])
            lo, hi = int(open_[node]), int(close[node])
            new = min(hi, late - leg - srv) if late > NEG else NEG
            new_b = NEG
            if has_break:
                if late_b > NEG:
                    new_b = min(hi, late_b - leg - srv)
                if late > NEG and b_lo + length + leg <= late:
                    new_b = max(new_b, min(hi, min(b_hi, late - leg - length) - srv))
            late = new if new >= lo else NEG
            late_b = new_b if new_b >= lo else NEG
            lat_nb[i - 1], lat_b[i - 1] = late, late_b
        self.dep_nb: IntArray = np.array(dep_nb, dtype=np.int64)
        self.dep_b: IntArray = np.array(dep_b, dtype=np.int64)
        self.lat_nb: IntArray = np.array(lat_nb, dtype=np.int64)
        self.lat_b: IntArray = np.array(lat_b, dtype=np.int64)
        self.pred: IntArray = np.array(seq[:-1], dtype=np.int64)
        self.succ: IntArray = np.array(seq[1:], dtype=np.int64)
        self.t_pq: IntArray = travel[self.pred, self.succ]
        self.travelled = travelled
        inst.work += 6.0 + 1.3 * m

    def feasible(self) -> bool:
        """Is the route as it stands feasible (used after removals, which keep it so)?"""
        v = self.inst.vehicles[self.k]
        if self.travelled > self.inst.max_travel[self.k]:
            return False
        if v.break_min > 0:
            return bool(self.dep_nb[0] + self.t_pq[0] <= self.lat_b[0]) or bool(
                self.dep_b[0] < INF and self.dep_b[0] + self.t_pq[0] <= self.lat_nb[0]
            )
        return bool(self.dep_nb[-1] < INF and self.dep_nb[-1] + self.t_pq[-1] <= self.lat_nb[-1])

    def best_insertion(self, nodes: IntArray) -> tuple[IntArray, IntArray]:
        """For each of ``nodes``: (added time or INF if it fits nowhere, best gap)."""
        inst = self.inst
        v = inst.vehicles[self.k]
        travel = inst.travel
        t_pj = travel[self.pred[:, None], nodes[None, :]]
        t_jq = travel[nodes[None, :], self.succ[:, None]]
        open_j, close_j, srv_j = inst.open[nodes], inst.close[nodes], inst.service[nodes]
        s_nb = np.maximum(self.dep_nb[:, None] + t_pj, open_j)
        ok_nb = s_nb <= close_j
        d_nb = s_nb + srv_j
        arrive_q = d_nb + t_jq
        lat_nb = self.lat_nb[:, None]
        if v.break_min <= 0:
            feas = ok_nb & (arrive_q <= lat_nb)
        else:
            s_b = np.maximum(self.dep_b[:, None] + t_pj, open_j)
            feas = (s_b <= close_j) & (s_b + srv_j + t_jq <= lat_nb)
            brk = np.maximum(d_nb, v.break_earliest)
            feas |= ok_nb & (brk <= v.break_latest) & (brk + v.break_min + t_jq <= lat_nb)
            feas |= ok_nb & (arrive_q <= self.lat_b[:, None])
        delta = t_pj + t_jq - self.t_pq[:, None]
        max_travel = inst.max_travel[self.k]
        if max_travel < INF:
            feas &= self.travelled + delta <= max_travel
        # Time the insertion consumes: how much later we reach the next node.
        shift = np.where(feas, arrive_q - (self.dep_nb[:, None] + self.t_pq[:, None]), INF)
        shift = np.where(feas & (shift < 0), 0, shift)
        pos = np.argmin(shift, axis=0)
        inst.work += 25.0 + 0.012 * shift.size
        best = shift[pos, np.arange(len(nodes))]
        return best, pos

    def insert(self, node: int, gap: int) -> None:
        self.nodes.insert(gap, node)
        self.refresh()

    def remove(self, drop: set[int]) -> None:
        self.nodes = [x for x in self.nodes if x not in drop]
        self.refresh()


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
) -> list[int]:
    """Greedy insertion of unvisited candidates until none fits; returns the inserted.

    Required stops go first (largest need). Then the stop with the best
    ``prize ** power / (added time + 1)`` (times random noise when ``rng``) goes in.
    """
    nv = len(routes)
    pool = np.flatnonzero(inst.candidates & ~visited)
    if len(pool) == 0:
        return []
    cost = np.full((nv, len(pool)), INF, dtype=np.int64)
    gap = np.zeros((nv, len(pool)), dtype=np.int64)
    allowed = inst.allowed[:, pool]
    for k, r in enumerate(routes):
        cols = np.flatnonzero(allowed[k])
        if len(cols):
            c, g = r.best_insertion(pool[cols])
            cost[k, cols], gap[k, cols] = c, g
    value = inst.prize[pool].astype(np.float64) ** power
    required = (
        np.isin(pool, list(inst.required_of))
        if inst.required_of
        else np.zeros(len(pool), dtype=bool)
    )
    value[required] = 1e12
    if rng is not None and noise > 0:
        value = value * (1.0 + noise * rng.random(len(pool)))
    alive = np.ones(len(pool), dtype=bool)
    inserted: list[int] = []
    while True:
        score = np.where(cost < INF, value[None, :] / (cost + 1.0), -1.0)
        score[:, ~alive] = -1.0
        flat = int(np.argmax(score))
        k, j = divmod(flat, len(pool))
        if score[k, j] < 0:
            break
        node = int(pool[j])
        routes[k].insert(node, int(gap[k, j]))
        visited[node] = True
        alive[j] = False
        inserted.append(node)
        cols = np.flatnonzero(allowed[k] & alive)
        cost[k, :] = INF
        if len(cols):
            c, g = routes[k].best_insertion(pool[cols])
            cost[k, cols], gap[k, cols] = c, g
    return inserted
