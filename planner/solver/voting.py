"""Voting visits: one prize-collecting TOPTW per base, solved by the routing core.

Each team is a vehicle that starts at its opening station (free from ``open +
opening_observation_min``) and ends at its counting station (by ``close -
arrive_before_close_min``), with the lunch break as the vehicle's break and the
driving budget left after the first and last legs as ``max_travel``. Stations are
customers with their own hours (converted to one reference time zone per part),
service ``voting_observation_min`` and a prize from ``objective.py``. Legs longer
than ``max_leg_min`` are made impossible.

Pruning: each team may visit only the ``candidates_per_team`` feasible stations with
the smallest detour from its opening-to-counting path (``allowed`` in the problem), so
teams stay in their area and the model stays small. A station's detour is reduced by
``value_minutes`` per unit of extra value (prize / weight_station - 1), so a rural
or special station a little further away still makes the list. Parts (bases) are independent and
are solved in parallel worker processes; results are merged in base order, so the plan
does not depend on which process finishes first.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from planner.errors import Cancelled
from planner.model import Mission, PollingStation
from planner.solver._watchdog import watch_parent
from planner.solver.anchors import Anchors
from planner.solver.core import RoutingProblem, VehicleSpec
from planner.travel import TravelProvider

__all__ = [
    "Part",
    "Routes",
    "Solved",
    "build_part",
    "open_pool",
    "run_part",
    "solve_parts",
    "split_part",
]

IMPOSSIBLE = 1_000_000  # minutes: a leg the team may not drive


@dataclass(frozen=True, slots=True)
class Part:
    """One independent routing problem (the teams of one base) and how to map it back."""

    key: str
    problem: RoutingProblem
    node_ps: tuple[str, ...]  # ps_id of each customer node ("" for depot nodes)
    team_ids: tuple[str, ...]  # vehicle k is team_ids[k]
    initial: tuple[tuple[int, ...], ...] | None = None

    @property
    def size(self) -> int:
        return self.problem.n


def build_part(
    mission: Mission,
    key: str,
    anchors: Sequence[Anchors],
    candidates: Sequence[PollingStation],
    prizes: Mapping[str, int],
    *,
    travel: TravelProvider,
    first_legs: Mapping[str, int],
    last_legs: Mapping[str, int],
    required: Mapping[str, Sequence[str]] | None = None,
    initial: Mapping[str, Sequence[str]] | None = None,
    candidates_per_team: int = 60,
    value_minutes: float = 40.0,
) -> Part | None:
    """The TOPTW of ``anchors``' teams over ``candidates`` (see module docstring).

    ``first_legs``/``last_legs`` are each team's minutes from its overnight location to
    the opening station and from the counting station to its DEC (charged to the
    driving limit). ``required`` voting stops (team -> ps_ids) must stay on the team's
    route; ``initial`` routes seed the search.
    """
    if not anchors:
        return None
    s = mission.settings
    required = required or {}
    initial = initial or {}
    st = mission.station_by_id
    offsets = {r.region_id: r.utc_offset_min for r in mission.regions}
    ref = offsets.get(st[anchors[0].opening].region_id, 0)

    def to_ref(p: PollingStation, t: int) -> int:
        return t - offsets.get(p.region_id, ref) + ref

    cand = [p for p in candidates if prizes.get(p.ps_id, 0) > 0 or _is_required(p, required)]
    depot_ps: list[str] = []
    for a in anchors:
        depot_ps += [a.opening, a.counting]
    points = [st[x] for x in depot_ps] + cand
    coords = [(p.lat, p.lon) for p in points]
    nd = len(depot_ps)
    nc = len(cand)

    def minutes(rows: Sequence[int], cols: Sequence[int]) -> npt.NDArray[np.int64]:
        """Travel minutes between ``points`` by index, as the routing core sees them.

        Only the legs from and to the teams' depots are needed to choose each team's
        candidates, and then the legs among the chosen ones: never the whole square
        (100,000 stations: 35 million legs per base, a minute of arithmetic)."""
        got = travel.matrix([coords[i] for i in rows], [coords[j] for j in cols])  # type: ignore[misc]
        out = got.minutes.astype(np.int64)
        out[np.equal.outer(np.asarray(rows), np.asarray(cols))] = 0
        out[out > s.max_leg_min] = IMPOSSIBLE
        return out

    every = range(nd + nc)
    from_depot = minutes(range(nd), every)  # from_depot[o, j] = m[o, j]
    to_depot = minutes(every, range(nd))  # to_depot[j, c] = m[j, c]
    obs = s.voting_observation_min
    tw_open = np.array([to_ref(p, p.open_time) for p in cand], dtype=np.int64)
    tw_close = np.array([to_ref(p, p.close_time) - obs for p in cand], dtype=np.int64)
    ps_index = {p.ps_id: nd + j for j, p in enumerate(cand)}
    prize_arr = np.array([prizes.get(p.ps_id, 0) for p in cand], dtype=np.float64)
    unit = max(1.0, float(s.weight_station))
    vehicles: list[VehicleSpec] = []
    allowed: list[set[int]] = [set() for _ in range(nc)]
    for k, a in enumerate(anchors):
        o, c = 2 * k, 2 * k + 1
        po, pc = st[a.opening], st[a.counting]
        depart = to_ref(po, po.open_time) + s.opening_observation_min
        latest = to_ref(pc, pc.close_time) - s.arrive_before_close_min
        budget = s.max_driving_min - first_legs.get(a.team_id, 0) - last_legs.get(a.team_id, 0)
        offset_k = offsets.get(po.region_id, ref) - ref
        req = tuple(ps_index[x] for x in required.get(a.team_id, ()) if x in ps_index)
        vehicles.append(
            VehicleSpec(
                start=o,
                end=c,
                depart_earliest=depart,
                arrive_latest=latest,
                max_travel=max(0, budget),
                required=req,
                break_min=s.lunch_break_min,
                break_earliest=s.lunch_earliest - offset_k,
                break_latest=s.lunch_latest - offset_k,
            )
        )
        if nc == 0:
            continue
        to_j = from_depot[o, nd:]
        from_j = to_depot[nd:, c]
        begin = np.maximum(depart + to_j, tw_open)
        ok = (begin <= tw_close) & (begin + obs + from_j <= latest) & (to_j + from_j <= budget)
        ok &= (to_j < IMPOSSIBLE) & (from_j < IMPOSSIBLE)
        detour = (to_j + from_j - from_depot[o, c]).astype(np.float64)
        detour -= value_minutes * (prize_arr / unit - 1.0)
        idx = np.flatnonzero(ok)
        order = idx[np.lexsort((idx, detour[idx]))][:candidates_per_team]
        for j in order:
            allowed[int(j)].add(k)
        for node in req:
            allowed[node - nd].add(k)
    keep = [j for j in range(nc) if allowed[j]]
    new_index = {nd + j: nd + i for i, j in enumerate(keep)}
    sel = list(range(nd)) + [nd + j for j in keep]
    travel_m = minutes(sel, sel).astype(np.int32)
    node_ps = tuple([""] * nd + [cand[j].ps_id for j in keep])
    horizon = int(max([v.arrive_latest for v in vehicles] + [0])) + 1
    problem = RoutingProblem(
        travel=travel_m,
        prize=tuple([0] * nd + [prizes.get(cand[j].ps_id, 0) for j in keep]),
        service=tuple([0] * nd + [obs] * len(keep)),
        tw_open=tuple([0] * nd + [int(tw_open[j]) for j in keep]),
        tw_close=tuple([horizon] * nd + [int(tw_close[j]) for j in keep]),
        vehicles=tuple(
            VehicleSpec(
                start=v.start,
                end=v.end,
                depart_earliest=v.depart_earliest,
                arrive_latest=v.arrive_latest,
                max_travel=v.max_travel,
                required=tuple(new_index[x] for x in v.required),
                break_min=v.break_min,
                break_earliest=v.break_earliest,
                break_latest=v.break_latest,
            )
            for v in vehicles
        ),
        allowed=tuple([None] * nd + [frozenset(allowed[j]) for j in keep]),
    )
    index = {ps: i for i, ps in enumerate(node_ps) if ps}
    init = None
    if initial:
        init = tuple(
            tuple(index[x] for x in initial.get(a.team_id, ()) if x in index) for a in anchors
        )
    return Part(key, problem, node_ps, tuple(a.team_id for a in anchors), init)


def split_part(part: Part) -> list[Part]:
    """``part`` cut into independent areas: groups of teams that share no station.

    Two teams are in one area when some station is allowed to both (directly or
    through other teams). Areas are solved separately with exactly the same result
    space, but smaller models search faster and spread better over the workers.
    Areas are keyed ``<base>#<n>`` in order of their first team.
    """
    prob = part.problem
    nv = len(prob.vehicles)
    parent = list(range(nv))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    allowed = prob.allowed or tuple([None] * prob.n)
    for group in allowed:
        if group:
            first, *rest = sorted(group)
            for k in rest:
                parent[find(k)] = find(first)
    areas: dict[int, list[int]] = {}
    for k in range(nv):
        areas.setdefault(find(k), []).append(k)
    if len(areas) <= 1:
        return [part]
    out: list[Part] = []
    for n, ks in enumerate(sorted(areas.values(), key=lambda ks: ks[0])):
        kset = set(ks)
        nodes = [x for k in ks for x in (prob.vehicles[k].start, prob.vehicles[k].end)]
        nodes += [i for i, g in enumerate(allowed) if g is not None and g and min(g) in kset]
        index = {old: new for new, old in enumerate(nodes)}
        vmap = {k: i for i, k in enumerate(ks)}
        sub = RoutingProblem(
            travel=prob.travel[np.ix_(nodes, nodes)],
            prize=tuple(prob.prize[i] for i in nodes),
            service=tuple(prob.service[i] for i in nodes),
            tw_open=tuple(prob.tw_open[i] for i in nodes),
            tw_close=tuple(prob.tw_close[i] for i in nodes),
            vehicles=tuple(
                VehicleSpec(
                    start=index[v.start],
                    end=index[v.end],
                    depart_earliest=v.depart_earliest,
                    arrive_latest=v.arrive_latest,
                    max_travel=v.max_travel,
                    required=tuple(index[x] for x in v.required),
                    break_min=v.break_min,
                    break_earliest=v.break_earliest,
                    break_latest=v.break_latest,
                )
                for v in (prob.vehicles[k] for k in ks)
            ),
            allowed=tuple(
                None if allowed[i] is None else frozenset(vmap[k] for k in allowed[i] or ())
                for i in nodes
            ),
        )
        init = None
        if part.initial is not None:
            init = tuple(tuple(index[x] for x in part.initial[k] if x in index) for k in ks)
        out.append(
            Part(
                f"{part.key}#{n + 1}",
                sub,
                tuple(part.node_ps[i] for i in nodes),
                tuple(part.team_ids[k] for k in ks),
                init,
            )
        )
    return out


def _is_required(p: PollingStation, required: Mapping[str, Sequence[str]]) -> bool:
    return any(p.ps_id in r for r in required.values())


# --------------------------------------------------------------------------- running


#: Wall-clock safety cap of a part's search, as a multiple of its time share.
CLOCK_CAP_FACTOR = 4.0


def _flag_checker(flag: str) -> Callable[[], bool]:
    """``should_stop`` for a worker process: true once the parent created ``flag``."""
    last = [0.0]

    def stop() -> bool:
        now = time.monotonic()
        if now - last[0] < 0.1:
            return False
        last[0] = now
        return bool(flag) and Path(flag).exists()

    return stop


def run_part(
    part: Part,
    time_limit_s: float,
    seed: int,
    flag: str = "",
    *,
    should_stop: Callable[[], bool] | None = None,
    deadline: float | None = None,
) -> tuple[tuple[tuple[int, ...], ...], bool]:
    """Routes of one part by the routing core (in a worker process or inline).

    The flag is True when the core's wall-clock cap ended the search before its
    work limit (the result may then depend on the machine's load). ``deadline``
    (``time.time()``) is the whole plan's hard stop: the search ends by then.
    """
    from planner.solver.routing import solve_routing

    asked = should_stop or _flag_checker(flag)
    late = [False]

    def stop() -> bool:
        if deadline is not None and time.time() >= deadline:
            late[0] = True  # the plan's hard stop: keep the best routes found so far
            return True
        return asked()

    sol = solve_routing(
        part.problem,
        time_limit_s=time_limit_s,
        # The plan must not depend on the machine's load: the work budget decides,
        # the clock only stops a search on a machine several times too slow.
        clock_cap_s=CLOCK_CAP_FACTOR * time_limit_s + 1.0,
        seed=seed,
        initial_routes=part.initial,
        should_stop=stop,
    )
    return sol.routes, bool(sol.stats.get("stopped_by_clock", 0.0)) or late[0]


Routes = tuple[tuple[int, ...], ...]
Solved = dict[str, tuple[Routes, bool]]


def open_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for :func:`solve_parts` (spawned: safe next to a GUI's threads);
    each ends by itself when this process dies (:mod:`planner.solver._watchdog`)."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=watch_parent,
        initargs=(os.getpid(),),
    )


def solve_parts(
    parts: Sequence[Part],
    limits: Mapping[str, float],
    *,
    seed: int,
    workers: int,
    should_stop: Callable[[], bool],
    flag: str,
    on_done: Callable[[Part, tuple[tuple[int, ...], ...]], None],
    pool: ProcessPoolExecutor | None = None,
    deadline: float | None = None,
) -> Solved:
    """Routes of every part (key -> (routes, capped)); raises Cancelled when asked to stop.

    ``deadline`` (``time.time()``): no search runs past it (see :func:`run_part`).

    Each part's seed is derived from ``seed`` and its position, never from timing.
    ``pool`` (see :func:`open_pool`) is reused when given, else one is started here.
    """
    seeds = {p.key: seed * 1009 + i for i, p in enumerate(parts)}
    out: Solved = {}

    def inline(todo: Sequence[Part]) -> Solved:
        for p in todo:
            if should_stop():
                raise Cancelled("planning cancelled")
            out[p.key] = run_part(
                p, limits[p.key], seeds[p.key], should_stop=should_stop, deadline=deadline
            )
            if should_stop():
                raise Cancelled("planning cancelled")
            on_done(p, out[p.key][0])
        return out

    if workers <= 1 or len(parts) <= 1:
        return inline(parts)
    # Longest first keeps both workers busy to the end.
    order = sorted(parts, key=lambda p: (-limits[p.key], p.key))
    own = pool is None
    try:
        with open_pool(workers) if own else contextlib.nullcontext(pool) as executor:
            assert executor is not None
            futures: dict[Future[tuple[tuple[tuple[int, ...], ...], bool]], Part] = {
                executor.submit(
                    run_part, p, limits[p.key], seeds[p.key], flag, deadline=deadline
                ): p
                for p in order
            }
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for f in sorted(done, key=lambda f: futures[f].key):
                    p = futures[f]
                    out[p.key] = f.result()
                    on_done(p, out[p.key][0])
                if should_stop():
                    Path(flag).write_text("stop\n", encoding="utf-8")
                    for f in pending:
                        f.cancel()
                    raise Cancelled("planning cancelled")
    except (BrokenProcessPool, OSError):
        # Worker processes could not run here (e.g. a script without a
        # ``__main__`` guard): the remaining parts are solved in this process,
        # with the same seeds and limits, so the plan is the same.
        return inline([p for p in order if p.key not in out])
    return out
