"""The moves of a re-plan: the edits a plan being repaired allows (drop visits until
the day works, replace an opening or count, insert, swap), every one checked by the
day model (:func:`planner.day.time_route`) and kept clear of blocked areas.

:mod:`planner.replan.core` decides which teams to touch; this module only edits one team
at a time, never a team it was not asked to edit. The state it edits is a
:class:`~planner.replan.workspace.Workspace`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from planner.day import InfeasibleRoute, StopRef, counting_deadline, stops_of, time_route
from planner.model import PollingStation, TeamRoute
from planner.replan.workspace import (
    NEAR_KM,
    Workspace,
    distance_km,
    route_centre,
    station_value,
)
from planner.travel import great_circle_km

__all__ = [
    "NEAR_KM",
    "TRIES_PER_ROUND",
    "Workspace",
    "distance_km",
    "insert_visits",
    "make_feasible",
    "replace_anchor",
    "route_centre",
    "station_value",
    "swap_in",
]

#: How many of the best-ranked insertions are tried with the day model per round.
TRIES_PER_ROUND = 10


def insert_visits(
    ws: Workspace,
    team_id: str,
    *,
    only: Iterable[str] | None = None,
    max_add: int = 30,
    radius_km: float = NEAR_KM,
) -> list[str]:
    """Add voting visits to the team's day by cheapest feasible insertion.

    Candidates are free stations near its stops (or only those in ``only``),
    ranked by value per minute the insertion costs; the best few are checked
    with the day model and the first that fits is taken; repeat until none fits.
    """
    added: list[str] = []
    only_list = list(only) if only is not None else None
    for _ in range(max_add):
        route = ws.routes.get(team_id)
        if route is None or not route.visits:
            break
        got = _insert_one(ws, route, only_list, radius_km)
        if got is None:
            break
        added.append(got)
    return added


def _insert_one(
    ws: Workspace, route: TeamRoute, only: list[str] | None, radius_km: float
) -> str | None:
    visits = route.visits
    phases = [v.phase for v in visits]
    first = 1 if phases and phases[0] == "opening" else 0
    last = phases.index("counting") if "counting" in phases else len(visits)
    if last < first:
        return None
    pts = [(route.start_lat, route.start_lon)] + [(v.lat, v.lon) for v in visits]
    cands = ws.near(pts[1:] or pts, route.team_id, radius_km, only=only)
    if not cands:
        return None
    options = _ranked_insertions(ws, route, cands, pts, first=first, last=last)
    stops = stops_of(route)
    start = (route.start_lat, route.start_lon)
    for _, gap, k in options[:TRIES_PER_ROUND]:
        ps = cands[k][1]
        trial = [*stops[:gap], StopRef("voting", ps.ps_id), *stops[gap:]]
        new = ws.timed(route.team_id, start, trial)
        if new is not None:
            ws.set_route(replace(new, note=route.note))
            return ps.ps_id
    return None


def _slack(ws: Workspace, route: TeamRoute, last: int) -> tuple[int, list[int], int]:
    """Time the route could absorb: the margin before the count, waiting at stops
    from each gap on, waiting for lunch (a necessary condition only)."""
    visits = route.visits
    counting = visits[last] if last < len(visits) else None
    margin = 0
    if counting is not None:
        ps_c = ws.mission.station_by_id[counting.ps_id]
        margin = counting_deadline(ps_c.close_time, ws.s) - counting.arrive
    waits = [0] * (len(visits) + 1)
    for k in range(len(visits) - 1, -1, -1):
        v = visits[k]
        wait = 0
        if v.phase == "voting" and v.ps_id:
            ps_v = ws.mission.station_by_id[v.ps_id]
            wait = max(0, ps_v.open_time - v.arrive)
        waits[k] = waits[k + 1] + wait
    lunch_wait = 0
    if route.lunch_start is not None:
        before = [v.depart for v in visits if v.depart <= route.lunch_start]
        lunch_wait = route.lunch_start - max(before) if before else 0
    return margin, waits, lunch_wait


def _ranked_insertions(
    ws: Workspace,
    route: TeamRoute,
    cands: list[tuple[float, PollingStation]],
    pts: list[tuple[float, float]],
    *,
    first: int,
    last: int,
) -> list[tuple[float, int, int]]:
    """(-value per minute, gap, candidate) of every insertion that might fit, best first."""
    s = ws.s
    visits = route.visits
    margin, waits, lunch_wait = _slack(ws, route, last)
    drive_left = s.max_driving_min - route.driving_min
    c_lat = np.array([c[1].lat for c in cands], dtype=np.float64)
    c_lon = np.array([c[1].lon for c in cands], dtype=np.float64)
    values = np.array([ws.voting_value(c[1]) for c in cands])
    options: list[tuple[float, int, int]] = []
    for gap in range(first, last + 1):  # insert before visits[gap]
        if gap == 0 and first == 0 and not visits:
            continue
        a = pts[gap]  # previous place (start or visit gap-1)
        if gap >= len(visits):
            continue
        b = (visits[gap].lat, visits[gap].lon)
        d_ab = ws.minutes(great_circle_km(a[0], a[1], b[0], b[1]))
        d_ac = ws.minutes(great_circle_km(a[0], a[1], c_lat, c_lon))
        d_cb = ws.minutes(great_circle_km(c_lat, c_lon, b[0], b[1]))
        extra = d_ac + d_cb - d_ab
        delay = extra + s.voting_observation_min
        room = margin + waits[gap] + lunch_wait
        ok = (delay <= room + 5) & (extra <= drive_left + 5)
        score = values / np.maximum(delay, 1.0)
        options.extend((-float(score[j]), gap, int(j)) for j in np.nonzero(ok)[0])
    options.sort()
    return options


def swap_in(
    ws: Workspace, team_id: str, candidates: Iterable[str], *, min_gain: float = 1.10
) -> list[tuple[str, str]]:
    """Replace lower-valued voting visits by more valuable candidates (in place).

    Returns (added, dropped) pairs. Pinned visits are never replaced.
    """
    done: list[tuple[str, str]] = []
    for cid in candidates:
        route = ws.routes.get(team_id)
        ps = ws.mission.station_by_id.get(cid)
        if route is None or ps is None or cid in ws.used or cid not in ws.index:
            continue
        if not ws.free_of_blocks[ws.index[cid]] or ps.region_id not in ws.regions_of(team_id):
            continue
        gain_of = ws.voting_value(ps)
        stops = stops_of(route)
        scored = []
        for k, v in enumerate(route.visits):
            if v.phase != "voting" or v.pinned:
                continue
            own = ws.mission.station_by_id[v.ps_id]
            worth = ws.voting_value(own, own=True)
            if gain_of >= worth * min_gain:
                d = float(great_circle_km(v.lat, v.lon, ps.lat or 0.0, ps.lon or 0.0))
                scored.append((d, k, v.ps_id))
        scored.sort()
        for _, k, old_id in scored[:4]:
            trial = [*stops[:k], StopRef("voting", cid), *stops[k + 1 :]]
            new = ws.timed(team_id, (route.start_lat, route.start_lon), trial)
            if new is not None:
                ws.set_route(replace(new, note=route.note))
                done.append((cid, old_id))
                break
    return done


def replace_anchor(
    ws: Workspace,
    team_id: str,
    start: tuple[float, float],
    stops: list[StopRef],
    phase: str,
    *,
    candidates: Sequence[PollingStation] | None = None,
    tries: int = 12,
    tabulation: bool = False,
) -> list[StopRef] | None:
    """``stops`` with a new opening (or count + tabulation) that the day allows.

    Candidates: the given stations, else free stations near the team's other stops
    (for a count, first in DECs no other team tabulates). The nearest that makes
    the day feasible wins. ``tabulation``: the count must be followed to its DEC
    (a pinned tabulation), even if another team tabulates there now.
    """
    others = [
        x for x in stops if x.phase not in (phase, "tabulation" if phase == "counting" else "")
    ]
    pts: list[tuple[float, float]] = []
    for x in others:
        ps = ws.mission.station_by_id.get(x.ps_id)
        if ps is not None and ps.lat is not None and ps.lon is not None:
            pts.append((ps.lat, ps.lon))
    pts = pts or [start]
    if candidates is None:
        pool = [ps for _, ps in ws.near(pts, team_id, radius_km=80.0)]
    else:
        pool = list(candidates)
    # A count in a DEC no other team tabulates (the team follows its protocol
    # there) is worth more; a count in a DEC another team already follows ends
    # the day at the station (the validator accepts that).
    free = [p for p in pool if ws.tab_holder(p.dec_id, team_id) == team_id]
    taken = [p for p in pool if ws.tab_holder(p.dec_id, team_id) != team_id]
    for group in (free, taken) if phase == "counting" else (pool,):
        for ps in group[:tries]:
            if phase == "opening":
                trial = [StopRef("opening", ps.ps_id), *others]
            elif tabulation or ws.tab_holder(ps.dec_id, team_id) == team_id:
                trial = [
                    *others,
                    StopRef("counting", ps.ps_id),
                    StopRef("tabulation", dec_id=ps.dec_id),
                ]
            else:
                trial = [*others, StopRef("counting", ps.ps_id)]
            if ws.timed(team_id, start, trial) is not None:
                return trial
    return None


def make_feasible(
    ws: Workspace, team_id: str, start: tuple[float, float], stops: list[StopRef]
) -> tuple[TeamRoute | None, list[str], int]:
    """Drop voting visits (never pinned ones) until the day works.

    Returns (route, dropped ps_ids, failing seq). When the opening, the count or the
    tabulation itself cannot work (dropping visits would not help) the route is None
    and the failing 1-based seq says which anchor to replace (0: the whole day).
    """
    dropped: list[str] = []
    stops = list(stops)
    for _ in range(len(stops) + 1):
        ws.calls += 1
        try:
            route = time_route(ws.mission, team_id, start, stops, travel=ws.travel)
        except InfeasibleRoute as err:
            victim = _victim(ws, stops, err.seq)
            if victim is None:
                return None, dropped, err.seq
            dropped.append(stops[victim].ps_id)
            del stops[victim]
            continue
        seq = ws.crossing(route)
        if not seq:
            return route, dropped, 0
        victim = _victim(ws, stops, seq, blocked=True)
        if victim is None:
            return None, dropped, seq
        dropped.append(stops[victim].ps_id)
        del stops[victim]
    return None, dropped, 0


def _victim(ws: Workspace, stops: list[StopRef], seq: int, *, blocked: bool = False) -> int | None:
    """Which voting visit to drop when stop ``seq`` (1-based; 0 = whole day) fails.

    None when dropping a visit cannot help: the opening or the tabulation fails on
    its own, or nothing is left to drop.
    """
    voting = [k for k, x in enumerate(stops) if x.phase == "voting" and not x.pinned]
    if not voting:
        return None
    if seq <= 0:
        # a day-wide limit: drop the visit least worth its place
        def worth(k: int) -> float:
            return ws.voting_value(ws.mission.station_by_id[stops[k].ps_id], own=True)

        return min(voting, key=worth)
    k = seq - 1
    if k in voting:
        return k
    phase = stops[k].phase if k < len(stops) else ""
    return _victim_before(voting, k, phase, blocked=blocked)


def _victim_before(voting: list[int], k: int, phase: str, *, blocked: bool) -> int | None:
    """The voting visit to drop when the anchor at index ``k`` fails (None: none helps)."""
    if blocked:
        # the leg into stop k crosses the area: drop the voting visit before it, or
        # the stop itself is the problem (an anchor: replaced by the caller)
        if phase in ("opening", "tabulation") or (k - 1) not in voting:
            return None
        return k - 1
    if phase != "counting":
        return None
    before = [j for j in voting if j < k]
    return before[-1] if before else None
