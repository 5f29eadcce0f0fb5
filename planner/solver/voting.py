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
or special station a little further away still makes the list. Only the legs from
and to the teams' openings and counts are computed to choose the candidates, then the
legs among the chosen ones: never the whole square of a base's stations (100,000
stations: 35 million legs per base). Parts (bases) are independent and are solved in
parallel worker processes (:mod:`planner.solver.run_parts`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from planner.day import counting_deadline, opening_end
from planner.leave_by import safe_count_legs
from planner.model import Mission, PollingStation
from planner.solver.anchors import Anchors
from planner.solver.core import RoutingProblem, VehicleSpec
from planner.travel import TravelProvider

__all__ = ["Part", "build_part", "split_part"]

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
    clock = _Clock(offsets, offsets.get(st[anchors[0].opening].region_id, 0))
    cand = [p for p in candidates if prizes.get(p.ps_id, 0) > 0 or _is_required(p, required)]
    depot_ps = [x for a in anchors for x in (a.opening, a.counting)]
    grid = _grid(
        mission,
        clock,
        [st[x] for x in depot_ps],
        cand,
        prizes=prizes,
        travel=travel,
        value_minutes=value_minutes,
    )
    nd = grid.nd
    ps_index = {p.ps_id: nd + j for j, p in enumerate(cand)}
    vehicles: list[VehicleSpec] = []
    allowed: list[set[int]] = [set() for _ in range(len(cand))]
    for k, a in enumerate(anchors):
        budget = s.max_driving_min - first_legs.get(a.team_id, 0) - last_legs.get(a.team_id, 0)
        req = tuple(ps_index[x] for x in required.get(a.team_id, ()) if x in ps_index)
        v = _vehicle(mission, clock, k, a, budget=budget, required=req)
        vehicles.append(v)
        if cand:
            for j in _candidates_of(grid, v, budget, candidates_per_team):
                allowed[int(j)].add(k)
            for node in v.required:
                allowed[node - nd].add(k)
    problem, node_ps = _problem(grid, cand, prizes, vehicles, allowed)
    team_ids = tuple(a.team_id for a in anchors)
    return Part(key, problem, node_ps, team_ids, _initial(node_ps, team_ids, initial))


def _initial(
    node_ps: Sequence[str], team_ids: Sequence[str], initial: Mapping[str, Sequence[str]]
) -> tuple[tuple[int, ...], ...] | None:
    """Each team's initial voting stops as nodes (None: no initial routes)."""
    if not initial:
        return None
    index = {ps: i for i, ps in enumerate(node_ps) if ps}
    return tuple(tuple(index[x] for x in initial.get(t, ()) if x in index) for t in team_ids)


@dataclass(frozen=True, slots=True)
class _Clock:
    """One reference time zone per part (that of its first team's opening station)."""

    offsets: Mapping[str, int]  # region -> minutes east of UTC
    ref: int

    def to_ref(self, p: PollingStation, t: int) -> int:
        return t - self.offsets.get(p.region_id, self.ref) + self.ref

    def shift(self, region_id: str) -> int:
        return self.offsets.get(region_id, self.ref) - self.ref


def _vehicle(
    mission: Mission, clock: _Clock, k: int, a: Anchors, *, budget: int, required: tuple[int, ...]
) -> VehicleSpec:
    """Team ``k``: from its opening (after the observation) to its count (by its deadline)."""
    s = mission.settings
    po, pc = mission.station_by_id[a.opening], mission.station_by_id[a.counting]
    offset_k = clock.shift(po.region_id)
    return VehicleSpec(
        start=2 * k,
        end=2 * k + 1,
        depart_earliest=opening_end(clock.to_ref(po, po.open_time), s),
        arrive_latest=counting_deadline(clock.to_ref(pc, pc.close_time), s),
        max_travel=max(0, budget),
        required=required,
        break_min=s.lunch_break_min,
        break_earliest=s.lunch_earliest - offset_k,
        break_latest=s.lunch_latest - offset_k,
        max_stops=max(s.max_voting_visits, len(required)) if s.max_voting_visits > 0 else None,
    )


def _grid(
    mission: Mission,
    clock: _Clock,
    depots: list[PollingStation],
    cand: list[PollingStation],
    *,
    prizes: Mapping[str, int],
    travel: TravelProvider,
    value_minutes: float,
) -> _Grid:
    s = mission.settings
    coords = [(p.lat, p.lon) for p in [*depots, *cand]]
    nd = len(depots)

    def minutes(rows: Sequence[int], cols: Sequence[int]) -> npt.NDArray[np.int64]:
        """Minutes between nodes (depots first, then candidates) by index, as the
        routing core sees them: IMPOSSIBLE beyond the longest leg, and drives to a
        count (odd depot nodes) made safe under the delay model."""
        got = travel.matrix([coords[i] for i in rows], [coords[j] for j in cols])  # type: ignore[misc]
        out = got.minutes.astype(np.int64)
        out[np.equal.outer(np.asarray(rows), np.asarray(cols))] = 0
        out[out > s.max_leg_min] = IMPOSSIBLE
        counts = [k for k, j in enumerate(cols) if j < nd and j % 2 == 1]
        if counts:
            sub = out[:, counts]
            out[:, counts] = np.where(sub < IMPOSSIBLE, safe_count_legs(sub, s), sub)
        return out

    every = range(len(coords))
    obs = s.voting_observation_min
    prize_arr = np.array([prizes.get(p.ps_id, 0) for p in cand], dtype=np.float64)
    return _Grid(
        from_depot=minutes(range(nd), every),
        to_depot=minutes(every, range(nd)),
        legs=minutes,
        nd=nd,
        tw_open=np.array([clock.to_ref(p, p.open_time) for p in cand], dtype=np.int64),
        tw_close=np.array([clock.to_ref(p, p.close_time) - obs for p in cand], dtype=np.int64),
        obs=obs,
        value=value_minutes * (prize_arr / max(1.0, float(s.weight_station)) - 1.0),
    )


@dataclass(frozen=True, slots=True)
class _Grid:
    """The legs from and to the depots (nodes: depots first, then candidates), how to
    get any other legs, and the candidates' windows."""

    from_depot: npt.NDArray[np.int64]  # [depot, node] minutes, IMPOSSIBLE beyond the longest
    to_depot: npt.NDArray[np.int64]  # [node, depot] minutes (to a count: made safe)
    legs: Callable[[Sequence[int], Sequence[int]], npt.NDArray[np.int64]]  # rows x cols
    nd: int  # depot nodes (opening, counting per team)
    tw_open: npt.NDArray[np.int64]
    tw_close: npt.NDArray[np.int64]  # latest start of the observation
    obs: int  # voting observation minutes
    value: npt.NDArray[np.float64]  # minutes of detour a candidate is worth


def _candidates_of(grid: _Grid, v: VehicleSpec, budget: int, limit: int) -> list[int]:
    """The ``limit`` candidates (columns) that fit the team's day with the least
    detour for their value."""
    nd, o, c = grid.nd, v.start, v.end
    latest = v.arrive_latest
    to_j = grid.from_depot[o, nd:]
    from_j = grid.to_depot[nd:, c]
    begin = np.maximum(v.depart_earliest + to_j, grid.tw_open)
    ok = (
        (begin <= grid.tw_close) & (begin + grid.obs + from_j <= latest) & (to_j + from_j <= budget)
    )
    ok &= (to_j < IMPOSSIBLE) & (from_j < IMPOSSIBLE)
    detour = (to_j + from_j - grid.from_depot[o, c]).astype(np.float64)
    detour -= grid.value
    idx = np.flatnonzero(ok)
    order = idx[np.lexsort((idx, detour[idx]))][:limit]
    return [int(j) for j in order]


def _problem(
    grid: _Grid,
    cand: Sequence[PollingStation],
    prizes: Mapping[str, int],
    vehicles: Sequence[VehicleSpec],
    allowed: Sequence[set[int]],
) -> tuple[RoutingProblem, tuple[str, ...]]:
    """The routing problem over the candidates some team may take, and each node's station."""
    nd = grid.nd
    keep = [j for j in range(len(cand)) if allowed[j]]
    new_index = {nd + j: nd + i for i, j in enumerate(keep)}
    sel = list(range(nd)) + [nd + j for j in keep]
    node_ps = tuple([""] * nd + [cand[j].ps_id for j in keep])
    horizon = int(max([v.arrive_latest for v in vehicles] + [0])) + 1
    problem = RoutingProblem(
        travel=grid.legs(sel, sel).astype(np.int32),
        prize=tuple([0] * nd + [prizes.get(cand[j].ps_id, 0) for j in keep]),
        service=tuple([0] * nd + [grid.obs] * len(keep)),
        tw_open=tuple([0] * nd + [int(grid.tw_open[j]) for j in keep]),
        tw_close=tuple([horizon] * nd + [int(grid.tw_close[j]) for j in keep]),
        vehicles=tuple(
            replace(v, required=tuple(new_index[x] for x in v.required)) for v in vehicles
        ),
        allowed=tuple([None] * nd + [frozenset(allowed[j]) for j in keep]),
    )
    return problem, node_ps


def split_part(part: Part) -> list[Part]:
    """``part`` cut into independent areas: groups of teams that share no station.

    Two teams are in one area when some station is allowed to both (directly or
    through other teams). Areas are solved separately with exactly the same result
    space, but smaller models search faster and spread better over the workers.
    Areas are keyed ``<base>#<n>`` in order of their first team.
    """
    prob = part.problem
    allowed = prob.allowed or tuple([None] * prob.n)
    areas = _areas(len(prob.vehicles), allowed)
    if len(areas) <= 1:
        return [part]
    return [
        _sub_part(part, f"{part.key}#{n + 1}", ks, allowed)
        for n, ks in enumerate(sorted(areas, key=lambda ks: ks[0]))
    ]


def _areas(nv: int, allowed: Sequence[frozenset[int] | None]) -> list[list[int]]:
    """Groups of vehicles linked by a node allowed to several (union-find)."""
    parent = list(range(nv))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in allowed:
        if group:
            first, *rest = sorted(group)
            for k in rest:
                parent[find(k)] = find(first)
    areas: dict[int, list[int]] = {}
    for k in range(nv):
        areas.setdefault(find(k), []).append(k)
    return list(areas.values())


def _sub_part(
    part: Part, key: str, ks: list[int], allowed: Sequence[frozenset[int] | None]
) -> Part:
    """The part of ``part`` with vehicles ``ks`` and the nodes only they may visit."""
    prob = part.problem
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
            replace(
                v,
                start=index[v.start],
                end=index[v.end],
                required=tuple(index[x] for x in v.required),
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
    return Part(
        key,
        sub,
        tuple(part.node_ps[i] for i in nodes),
        tuple(part.team_ids[k] for k in ks),
        init,
    )


def _is_required(p: PollingStation, required: Mapping[str, Sequence[str]]) -> bool:
    return any(p.ps_id in r for r in required.values())
