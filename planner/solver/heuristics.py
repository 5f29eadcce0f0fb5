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
``max_travel``, ``max_stops``, ``allowed`` and the break (see ``_evaluate`` for its semantics).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from planner.solver.core import RoutingProblem, VehicleSpec

INF = 1 << 30
NEG = -INF
# Neighbours per node kept for the focused repair of the large-neighbourhood search.
NEAR = 25

IntArray = npt.NDArray[np.signedinteger[Any]]
BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


class Instance:
    """The problem as numpy arrays, built once per solve."""

    # size: one array per field of the problem
    def __init__(self, problem: RoutingProblem) -> None:
        self.problem = problem
        n = problem.n
        self.n = n
        # int32 keeps the vectorised insertion fast; solve_routing checks that times
        # stay far below 2**30 so that sums never overflow.
        self.travel: IntArray = np.ascontiguousarray(problem.travel, dtype=np.int32)
        self.travel_t: IntArray = np.ascontiguousarray(self.travel.T)
        self.open: IntArray = np.asarray(problem.tw_open, dtype=np.int32)
        self.close: IntArray = np.asarray(problem.tw_close, dtype=np.int32)
        self.service: IntArray = np.asarray(problem.service, dtype=np.int32)
        self.prize: IntArray = np.asarray(problem.prize, dtype=np.int64)
        self.open_list: list[int] = [int(x) for x in problem.tw_open]
        self.close_list: list[int] = [int(x) for x in problem.tw_close]
        self.service_list: list[int] = [int(x) for x in problem.service]
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
        self.max_stops = [
            INF if v.max_stops is None else int(v.max_stops) for v in problem.vehicles
        ]
        # Stops worth considering: customers with a prize, or required.
        cand = (~self.is_depot) & ((self.prize > 0) | np.isin(np.arange(n), list(self.required_of)))
        cand &= allowed.any(axis=0)
        self.candidates: BoolArray = cand
        self.cand_nodes: IntArray = np.flatnonzero(cand).astype(np.int64)
        # Per vehicle: which candidate columns it may take, and those nodes.
        self.cand_allowed: BoolArray = allowed[:, self.cand_nodes]
        self.cand_cols = [np.flatnonzero(self.cand_allowed[k]) for k in range(nv)]
        self.cand_value_required: BoolArray = np.isin(self.cand_nodes, list(self.required_of))
        # For each node, its nearest candidate nodes (travel both ways): the stops worth
        # trying again after stops around it were dropped.
        size = len(self.cand_nodes)
        k_near = min(NEAR, size)
        self.near: IntArray = np.zeros((n, k_near), dtype=np.int64)
        if k_near:
            both = self.travel[:, self.cand_nodes] + self.travel[self.cand_nodes, :].T
            part = np.argpartition(both, k_near - 1, axis=1)[:, :k_near]
            self.near = self.cand_nodes[part]
        # Work done so far, in rough microseconds of this machine (see solve_routing:
        # the search stops after a fixed amount of work, which keeps it deterministic).
        self.work = 0.0


class Route:
    """One vehicle's route with its insertion look-up arrays (see module docstring)."""

    __slots__ = (
        "_table",
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
        for name in (
            "_table",
            "dep_b",
            "dep_nb",
            "lat_b",
            "lat_nb",
            "pred",
            "succ",
            "t_pq",
            "travelled",
        ):
            setattr(other, name, getattr(self, name))
        return other

    def refresh(self) -> None:
        inst, v = self.inst, self.inst.vehicles[self.k]
        seq = [v.start, *self.nodes, v.end]
        m = len(seq) - 1  # number of gaps
        pred = np.array(seq[:-1], dtype=np.int64)
        succ = np.array(seq[1:], dtype=np.int64)
        t_pq = inst.travel[pred, succ]
        legs: list[int] = t_pq.tolist()
        dep_nb, dep_b = _departures(inst, v, seq, legs)
        lat_nb, lat_b = _latest_starts(inst, v, seq, legs)
        self.dep_nb: IntArray = np.array(dep_nb, dtype=np.int32)
        self.dep_b: IntArray = np.array(dep_b, dtype=np.int32)
        self.lat_nb: IntArray = np.array(lat_nb, dtype=np.int32)
        self.lat_b: IntArray = np.array(lat_b, dtype=np.int32)
        self.pred: IntArray = pred
        self.succ: IntArray = succ
        self.t_pq: IntArray = t_pq
        self.travelled = sum(legs)
        self._table: tuple[IntArray, IntArray] | None = None
        inst.work += 6.0 + 1.3 * m

    def table(self) -> tuple[IntArray, IntArray]:
        """Best insertion (added time, gap) of every candidate node; INF where not allowed.

        Computed once per version of the route and shared by its clones.
        """
        if self._table is None:
            inst = self.inst
            size = len(inst.cand_nodes)
            cost = np.full(size, INF, dtype=np.int64)
            gap = np.zeros(size, dtype=np.int64)
            cols = inst.cand_cols[self.k]
            if len(cols):
                cost[cols], gap[cols] = self.best_insertion(inst.cand_nodes[cols])
            self._table = (cost, gap)
        return self._table

    def feasible(self) -> bool:
        """Is the route as it stands feasible (used after removals, which keep it so)?"""
        v = self.inst.vehicles[self.k]
        if self.travelled > self.inst.max_travel[self.k]:
            return False
        if len(self.nodes) > self.inst.max_stops[self.k]:
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
        if len(self.nodes) >= inst.max_stops[self.k]:  # the route is full
            return np.full(len(nodes), INF, dtype=np.int64), np.zeros(len(nodes), dtype=np.int64)
        # Gather rows first, then columns: much cheaper than 2-D fancy indexing.
        t_pj = inst.travel[self.pred][:, nodes]
        t_jq = inst.travel_t[self.succ][:, nodes]
        open_j, close_j, srv_j = inst.open[nodes], inst.close[nodes], inst.service[nodes]
        dep = self.dep_nb[:, None]
        s_nb = np.maximum(dep + t_pj, open_j)
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
        max_travel = inst.max_travel[self.k]
        if max_travel < INF:
            feas &= t_pj + t_jq <= (max_travel - self.travelled) + self.t_pq[:, None]
        # Time the insertion consumes: how much later we reach the next node.
        shift = np.where(feas, arrive_q - (self.dep_nb + self.t_pq)[:, None], INF)
        np.maximum(shift, 0, out=shift)
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


def _departures(
    inst: Instance, v: VehicleSpec, seq: list[int], legs: list[int]
) -> tuple[list[int], list[int]]:
    """Forwards: earliest departure from seq[i] without / with the break taken (INF: late)."""
    open_, close, service = inst.open_list, inst.close_list, inst.service_list
    m = len(seq) - 1
    dep_nb = [0] * m
    dep_b = [0] * m
    length, b_lo, b_hi = v.break_min, v.break_earliest, v.break_latest
    has_break = length > 0
    t = v.depart_earliest
    tb = INF
    if has_break and max(t, b_lo) <= b_hi:
        tb = max(t, b_lo) + length
    dep_nb[0], dep_b[0] = t, tb
    for i in range(1, m):
        node = seq[i]
        leg = legs[i - 1]
        if t < INF:
            st = t + leg
            st = max(st, open_[node])
            t = st + service[node] if st <= close[node] else INF
        if tb < INF:
            st = max(tb + leg, open_[node])
            tb = st + service[node] if st <= close[node] else INF
        if has_break and t < INF and max(t, b_lo) <= b_hi:
            tb = min(tb, max(t, b_lo) + length)
        dep_nb[i], dep_b[i] = t, tb
    return dep_nb, dep_b


def _latest_starts(
    inst: Instance, v: VehicleSpec, seq: list[int], legs: list[int]
) -> tuple[list[int], list[int]]:
    """Backwards: latest service start at seq[i] (i = 1..m) keeping the rest feasible,
    with the break still to take / already taken (NEG: impossible)."""
    open_, close, service = inst.open_list, inst.close_list, inst.service_list
    m = len(seq) - 1
    length, b_lo, b_hi = v.break_min, v.break_earliest, v.break_latest
    has_break = length > 0
    lat_nb = [0] * m
    lat_b = [0] * m
    late = v.arrive_latest
    late_b = NEG
    if has_break and b_lo + length <= v.arrive_latest:
        late_b = min(b_hi, v.arrive_latest - length)
    lat_nb[m - 1], lat_b[m - 1] = late, late_b
    for i in range(m - 1, 0, -1):
        node = seq[i]
        leg = legs[i]
        srv = service[node]
        lo, hi = open_[node], close[node]
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
    return lat_nb, lat_b
