"""Alternates for voting stops: where a team can go when a station refuses access.

For each voting stop of a plan we look for two or three *unplanned* polling
stations nearby (open, located, not visited by any team in any phase) that could
replace that stop without breaking the rest of the team's day:

* the team leaves the previous stop (after its lunch break, if the break falls
  there) at the planned time, drives to the alternate, waits if the station is
  not open yet, observes it for the voting observation time and leaves before it
  closes;
* the rest of the day still works. By default the whole day is re-timed by the day
  model (:func:`planner.day.time_route`) with the alternate in place of the stop and
  must pass every rule (station hours, arrival before the count, lunch, driving
  limits); later stops may then move, and the sheet prints by how many minutes
  (``delay_min``). When the day model is not asked (``verify=False`` or a callable)
  or rejects the plan as given (e.g. a hand edit), a stricter check is used: the team
  reaches the next stop by its planned arrival (after the lunch break if the break
  falls in that gap), so no later stop moves, and the day's driving and each leg stay
  within the limits. Both checks take their rules from :mod:`planner.day`.

Times are compared in UTC so that legs across a time-zone border are right. An
alternate is offered for one stop of one team only, so two teams are never sent to
the same spare station. Nearest candidates are tried first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass

import numpy as np

from planner.day import (
    StopRef,
    driving_allowed,
    leg_allowed,
    lunch_start_after,
    time_route,
    voting_departure,
)
from planner.errors import PlannerError
from planner.model import Mission, Plan, PollingStation, TeamRoute, Visit
from planner.travel import (
    LatLon,
    TravelMatrix,
    TravelProvider,
    great_circle_km,
    provider_for,
)

#: How far (straight line) an alternate may be from the stop it replaces.
MAX_DISTANCE_KM = 40.0
#: How many nearest candidates are checked per stop before giving up.
CANDIDATES_CHECKED = 10
#: An alternate may make the next stops this much later (day model permitting).
MAX_DELAY_MIN = 60


@dataclass(frozen=True, slots=True)
class Alternate:
    """A spare station for one voting stop, with the times if the team goes there."""

    ps_id: str
    distance_km: float  # straight line from the planned station
    arrive: int  # local minutes of the alternate's region
    depart: int
    delay_min: int = 0  # how much later the next stop is reached than planned


AlternateKey = tuple[str, int]  # (team_id, seq of the voting stop, 1-based)
Verifier = Callable[[TeamRoute, int, PollingStation], bool]


def _offset(mission: Mission, region_id: str) -> int:
    region = mission.region_by_id.get(region_id)
    return region.utc_offset_min if region else 0


class _MemoTravel:
    """Remembers legs: re-timing a day with one stop swapped repeats all other legs."""

    def __init__(self, inner: TravelProvider) -> None:
        self.inner = inner
        self._legs: dict[tuple[tuple[float, float], tuple[float, float]], tuple[int, float]] = {}

    def matrix(self, origins: Sequence[LatLon], destinations: Sequence[LatLon]) -> TravelMatrix:
        return self.inner.matrix(origins, destinations)

    def leg(self, a: LatLon, b: LatLon) -> tuple[int, float]:
        key = (a, b)
        found = self._legs.get(key)
        if found is None:
            found = self._legs[key] = self.inner.leg(a, b)
        return found


class _DayModel:
    """Re-times a team's day with one stop replaced, through the planner's day model."""

    def __init__(self, mission: Mission, travel: TravelProvider) -> None:
        self.mission = mission
        self.travel = _MemoTravel(travel)
        self._as_planned: dict[str, TeamRoute | None] = {}

    def retime(self, route: TeamRoute, index: int, alt: PollingStation | None) -> TeamRoute | None:
        stops = []
        for i, v in enumerate(route.visits):
            ps_id = alt.ps_id if (alt is not None and i == index) else v.ps_id
            dec_id = v.dec_id if not ps_id else ""
            stops.append(StopRef(phase=v.phase, ps_id=ps_id, dec_id=dec_id, pinned=v.pinned))
        try:
            timed: TeamRoute = time_route(
                self.mission,
                route.team_id,
                (route.start_lat, route.start_lon),
                stops,
                travel=self.travel,
            )
        except (PlannerError, ValueError, KeyError):
            return None
        return timed

    def as_planned(self, route: TeamRoute) -> TeamRoute | None:
        """The day model's timing of the route as planned (None: it rejects it)."""
        if route.team_id not in self._as_planned:
            self._as_planned[route.team_id] = self.retime(route, -1, None)
        return self._as_planned[route.team_id]


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


def _ready_utc(mission: Mission, route: TeamRoute, index: int) -> int:
    """When (UTC minutes) the team can leave for stop ``index``: after the previous
    stop, and after the lunch break if the break falls in that gap."""
    stop = route.visits[index]
    prev = route.visits[index - 1] if index > 0 else None
    off_stop = _offset(mission, stop.region_id)
    if prev is None:
        ready_utc = route.depart_start - off_stop
        prev_local_depart = route.depart_start
    else:
        ready_utc = prev.depart - _offset(mission, prev.region_id)
        prev_local_depart = prev.depart
    lunch = route.lunch_start
    lunch_len = mission.settings.lunch_break_min
    if lunch is not None and lunch_len and prev_local_depart <= lunch < stop.arrive:
        lunch_utc = lunch - (_offset(mission, prev.region_id) if prev else off_stop)
        ready_utc = max(ready_utc, lunch_utc + lunch_len)
    return ready_utc


def _fits(
    mission: Mission,
    route: TeamRoute,
    index: int,
    cands: Sequence[PollingStation],
    travel: TravelProvider,
    *,
    max_late: int = 0,
) -> list[tuple[PollingStation, int, int]]:
    """Candidates that replace stop ``index`` and reach the next stop at most
    ``max_late`` minutes after its planned arrival (0: every other stop keeps its time).
    """
    s = mission.settings
    visits = route.visits
    stop = visits[index]
    prev: Visit | None = visits[index - 1] if index > 0 else None
    nxt: Visit | None = visits[index + 1] if index + 1 < len(visits) else None
    prev_pos = (route.start_lat, route.start_lon) if prev is None else (prev.lat, prev.lon)
    ready_utc = _ready_utc(mission, route, index)
    lunch = route.lunch_start
    lunch_len = s.lunch_break_min
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
        if not (leg_allowed(leg_in, s) and leg_allowed(leg_out, s)):
            continue
        if not driving_allowed(drive_without + leg_in + leg_out, s):
            continue
        off_c = _offset(mission, c.region_id)
        arrive = ready_utc + leg_in + off_c
        depart = voting_departure(arrive, c.open_time, s)
        if depart > c.close_time:
            continue
        if nxt is not None:
            leave_utc = depart - off_c
            if lunch_after and lunch is not None:
                lunch_start = lunch_start_after(depart, s)
                if lunch_start is None:
                    continue
                leave_utc = lunch_start - off_c + lunch_len
            if leave_utc + leg_out > nxt.arrive - _offset(mission, nxt.region_id) + max_late:
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
    memo: MutableMapping[str, tuple[Alternate, ...]] | None = None,
) -> Mapping[AlternateKey, tuple[Alternate, ...]]:
    """Up to ``per_stop`` alternates for every voting stop, nearest first.

    ``verify=True`` judges each candidate by re-timing the day with the planner's day
    model when it is available; ``False`` uses only the strict check (no later stop
    moves); a callable ``(route, index, station) -> bool`` adds your own veto to it.
    ``memo`` (with ``verify=True``) remembers each stop's answer under a digest of
    everything the answer depends on (:func:`_stop_digest`): re-timing days is the
    slow part, and after a re-plan most teams' days and candidates are the same.
    """
    travel = travel or provider_for(mission.settings)
    model = _DayModel(mission, travel) if verify is True else None
    veto: Verifier | None = verify if callable(verify) else None
    index = _Index(mission, plan)
    wanted = set(team_ids) if team_ids is not None else None
    offered: set[str] = set()
    result: dict[AlternateKey, tuple[Alternate, ...]] = {}
    for route in plan.routes:
        if wanted is not None and route.team_id not in wanted:
            continue
        baseline = model.as_planned(route) if model is not None else None
        day_digest = _day_digest(mission, route, per_stop) if memo is not None else ""
        for i, stop in enumerate(route.visits):
            if stop.phase != "voting":
                continue
            near = index.nearest(stop.region_id, stop.lat, stop.lon, CANDIDATES_CHECKED)
            near = [c for c in near if c.ps_id not in offered][:CANDIDATES_CHECKED]
            chosen: list[Alternate] = []
            digest = _stop_digest(day_digest, i, near) if memo is not None else ""
            if memo is not None and model is not None and digest in memo:
                chosen = list(memo[digest])
            elif model is not None and baseline is not None:
                chosen = _by_day_model(
                    mission, model, route, baseline, i, near=near, travel=travel, per_stop=per_stop
                )
                if memo is not None:
                    memo[digest] = tuple(chosen)
            else:
                chosen = _by_strict_check(
                    mission, route, i, near=near, travel=travel, veto=veto, per_stop=per_stop
                )
            offered.update(a.ps_id for a in chosen)
            result[(route.team_id, i + 1)] = tuple(chosen)
    return result


def _by_day_model(
    mission: Mission,
    model: _DayModel,
    route: TeamRoute,
    baseline: TeamRoute,
    i: int,
    *,
    near: Sequence[PollingStation],
    travel: TravelProvider,
    per_stop: int,
) -> list[Alternate]:
    """Alternates the day model accepts (later stops may move by at most MAX_DELAY_MIN)."""
    stop = route.visits[i]
    chosen: list[Alternate] = []
    # Cheap arithmetic first: only stations that delay the next stop by at most
    # MAX_DELAY_MIN are re-timed by the day model (the slow part).
    fits = _fits(mission, route, i, near, travel, max_late=MAX_DELAY_MIN) if near else []
    for c, _, _ in fits:
        timed = model.retime(route, i, c)
        if timed is None:
            continue
        alt_visit = timed.visits[i]
        delay = 0
        if i + 1 < len(timed.visits):
            delay = max(0, timed.visits[i + 1].arrive - baseline.visits[i + 1].arrive)
        chosen.append(_alternate(stop, c, alt_visit.arrive, alt_visit.depart, delay))
        if len(chosen) >= per_stop:
            break
    return chosen


def _by_strict_check(
    mission: Mission,
    route: TeamRoute,
    i: int,
    *,
    near: Sequence[PollingStation],
    travel: TravelProvider,
    veto: Verifier | None,
    per_stop: int,
) -> list[Alternate]:
    """Alternates that keep every later stop at its time (and pass ``veto``)."""
    stop = route.visits[i]
    chosen: list[Alternate] = []
    for c, arrive, depart in _fits(mission, route, i, near, travel) if near else []:
        if veto is not None and not veto(route, i, c):
            continue
        chosen.append(_alternate(stop, c, arrive, depart, 0))
        if len(chosen) >= per_stop:
            break
    return chosen


def _alternate(stop: Visit, c: PollingStation, arrive: int, depart: int, delay: int) -> Alternate:
    dist = float(great_circle_km(stop.lat, stop.lon, c.lat or 0.0, c.lon or 0.0))
    return Alternate(c.ps_id, round(dist, 1), arrive, depart, delay)


def _day_digest(mission: Mission, route: TeamRoute, per_stop: int) -> str:
    """What a team's alternates depend on besides the candidates: the day as planned,
    the data the day model reads for it (settings, regions, team, its stations and
    DECs) and the module's limits."""
    stations = [mission.station_by_id.get(v.ps_id) for v in route.visits]
    decs = [mission.dec_by_id.get(v.dec_id) for v in route.visits]
    parts = (
        MAX_DISTANCE_KM,
        CANDIDATES_CHECKED,
        MAX_DELAY_MIN,
        per_stop,
        mission.settings,
        mission.regions,
        mission.team_by_id.get(route.team_id),
        route,
        stations,
        decs,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _stop_digest(day_digest: str, index: int, near: Sequence[PollingStation]) -> str:
    """A stop's memo key: its day, its position, and the candidates in order."""
    return hashlib.sha256(repr((day_digest, index, tuple(near))).encode()).hexdigest()
