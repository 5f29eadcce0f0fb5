"""Alternates for voting stops: where a team can go when a station refuses access.

For each voting stop of a plan we look for two or three *unplanned* polling
stations nearby (open, located, not visited by any team in any phase) that could
replace that stop without breaking the rest of the team's day:

* the team leaves the previous stop (after its lunch break, if the break falls
  there) at the planned time, drives to the alternate, waits if the station is
  not open yet, observes it for the voting observation time and leaves before it
  closes;
* it still reaches the next stop by the planned arrival time (after the lunch
  break if the break falls in that gap), so no later stop moves;
* the day's driving stays within the daily limit and no leg exceeds the longest
  leg allowed.

Times are compared in UTC so that legs across a time-zone border are right. When
the day model (:func:`planner.solver.day.time_route`) is available, every
candidate that passes this check is also re-timed by it, so an alternate is never
offered that the planner itself would reject. An alternate is offered for one
stop of one team only, so two teams are never sent to the same spare station.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from planner.errors import PlannerError
from planner.model import Mission, Plan, PollingStation, TeamRoute, Visit
from planner.travel import TravelProvider, great_circle_km, provider_for

#: How far (straight line) an alternate may be from the stop it replaces.
MAX_DISTANCE_KM = 40.0
#: How many nearest candidates are checked per stop before giving up.
CANDIDATES_CHECKED = 10


@dataclass(frozen=True, slots=True)
class Alternate:
    """A spare station for one voting stop, with the times if the team goes there."""

    ps_id: str
    distance_km: float  # straight line from the planned station
    arrive: int  # local minutes of the alternate's region
    depart: int


AlternateKey = tuple[str, int]  # (team_id, seq of the voting stop, 1-based)
Verifier = Callable[[TeamRoute, int, PollingStation], bool]


def _offset(mission: Mission, region_id: str) -> int:
    region = mission.region_by_id.get(region_id)
    return region.utc_offset_min if region else 0


def _day_model_verifier(mission: Mission, travel: TravelProvider) -> Verifier | None:
    """A check through the planner's own day model, when that module exists."""
    try:
        day = importlib.import_module("planner.solver.day")
    except ImportError:
        return None
    time_route = getattr(day, "time_route", None)
    stop_ref = getattr(day, "StopRef", None)
    if time_route is None or stop_ref is None:
        return None

    def verify(route: TeamRoute, index: int, alt: PollingStation) -> bool:
        stops = []
        for i, v in enumerate(route.visits):
            ps_id = alt.ps_id if i == index else v.ps_id
            dec_id = "" if v.ps_id or i == index else v.dec_id
            stops.append(stop_ref(phase=v.phase, ps_id=ps_id, dec_id=dec_id, pinned=v.pinned))
        try:
            time_route(
                mission,
                route.team_id,
                (route.start_lat, route.start_lon),
                stops,
                travel=travel,
            )
        except (PlannerError, ValueError, KeyError):
            return False
        return True

    return verify


class _Index:
    """Unplanned, open, located stations of each region as numpy arrays."""

    def __init__(self, mission: Mission, plan: Plan) -> None:
        planned = {v.ps_id for _, _, v in plan.visits() if v.ps_id}
        by_region: dict[str, list[PollingStation]] = {}
        for p in mission.polling_stations:
            if p.status == "open" and p.located and p.ps_id not in planned:
                by_region.setdefault(p.region_id, []).append(p)
        self.stations = by_region
        self.coords = {
            r: np.array([(p.lat, p.lon) for p in ps], dtype=np.float64)
            for r, ps in by_region.items()
        }

    def nearest(self, region_id: str, lat: float, lon: float, k: int) -> list[PollingStation]:
        pts = self.coords.get(region_id)
        if pts is None or len(pts) == 0:
            return []
        d = great_circle_km(lat, lon, pts[:, 0], pts[:, 1])
        order = np.argsort(d, kind="stable")[: k * 3]
        ps = self.stations[region_id]
        return [ps[int(i)] for i in order if d[int(i)] <= MAX_DISTANCE_KM]


def _fits(
    mission: Mission,
    route: TeamRoute,
    index: int,
    cands: Sequence[PollingStation],
    travel: TravelProvider,
) -> list[tuple[PollingStation, int, int]]:
    """Candidates that replace stop ``index`` keeping every other stop's times."""
    s = mission.settings
    visits = route.visits
    stop = visits[index]
    prev: Visit | None = visits[index - 1] if index > 0 else None
    nxt: Visit | None = visits[index + 1] if index + 1 < len(visits) else None
    off_stop = _offset(mission, stop.region_id)
    if prev is None:
        prev_pos = (route.start_lat, route.start_lon)
        ready_utc = route.depart_start - off_stop
        prev_local_depart = route.depart_start
    else:
        prev_pos = (prev.lat, prev.lon)
        ready_utc = prev.depart - _offset(mission, prev.region_id)
        prev_local_depart = prev.depart
    lunch = route.lunch_start
    lunch_len = s.lunch_break_min
    if lunch is not None and lunch_len and prev_local_depart <= lunch < stop.arrive:
        lunch_utc = lunch - (_offset(mission, prev.region_id) if prev else off_stop)
        ready_utc = max(ready_utc, lunch_utc + lunch_len)
    lunch_after = (
        lunch is not None
        and lunch_len > 0
        and nxt is not None
        and stop.depart <= lunch < nxt.arrive
    )
    pts = [(c.lat or 0.0, c.lon or 0.0) for c in cands]
    inbound = travel.matrix([prev_pos], pts)
    outbound = travel.matrix(pts, [(nxt.lat, nxt.lon)]) if nxt is not None else None
    drive_without = route.driving_min - stop.travel_min - (nxt.travel_min if nxt else 0)
    out = []
    for j, c in enumerate(cands):
        leg_in = int(inbound.minutes[0, j])
        leg_out = int(outbound.minutes[j, 0]) if outbound is not None else 0
        if leg_in > s.max_leg_min or leg_out > s.max_leg_min:
            continue
        if drive_without + leg_in + leg_out > s.max_driving_min:
            continue
        off_c = _offset(mission, c.region_id)
        arrive = ready_utc + leg_in + off_c
        start = max(arrive, c.open_time)
        depart = start + s.voting_observation_min
        if depart > c.close_time:
            continue
        if nxt is not None:
            leave_utc = depart - off_c
            if lunch_after and lunch is not None:
                lunch_start = max(depart, s.lunch_earliest)
                if lunch_start > s.lunch_latest:
                    continue
                leave_utc = lunch_start - off_c + lunch_len
            if leave_utc + leg_out > nxt.arrive - _offset(mission, nxt.region_id):
                continue
        out.append((c, arrive, depart))
    return out


def find_alternates(
    mission: Mission,
    plan: Plan,
    *,
    per_stop: int = 3,
    team_ids: Sequence[str] | None = None,
    travel: TravelProvider | None = None,
    verify: Verifier | bool | None = True,
) -> Mapping[AlternateKey, tuple[Alternate, ...]]:
    """Up to ``per_stop`` alternates for every voting stop, nearest first.

    ``verify=True`` re-times each candidate with the planner's day model when it is
    available; pass ``False`` to skip that or a callable to use your own check.
    """
    travel = travel or provider_for(mission.settings)
    verifier: Verifier | None
    if verify is True:
        verifier = _day_model_verifier(mission, travel)
    elif verify is False or verify is None:
        verifier = None
    else:
        verifier = verify
    index = _Index(mission, plan)
    wanted = set(team_ids) if team_ids is not None else None
    offered: set[str] = set()
    result: dict[AlternateKey, tuple[Alternate, ...]] = {}
    for route in plan.routes:
        if wanted is not None and route.team_id not in wanted:
            continue
        for i, stop in enumerate(route.visits):
            if stop.phase != "voting":
                continue
            near = index.nearest(stop.region_id, stop.lat, stop.lon, CANDIDATES_CHECKED)
            near = [c for c in near if c.ps_id not in offered][:CANDIDATES_CHECKED]
            chosen: list[Alternate] = []
            for c, arrive, depart in _fits(mission, route, i, near, travel) if near else []:
                if verifier is not None and not verifier(route, i, c):
                    continue
                dist = float(great_circle_km(stop.lat, stop.lon, c.lat or 0.0, c.lon or 0.0))
                chosen.append(Alternate(c.ps_id, round(dist, 1), arrive, depart))
                offered.add(c.ps_id)
                if len(chosen) >= per_stop:
                    break
            result[(route.team_id, i + 1)] = tuple(chosen)
    return result
