"""The moves of a re-plan: the working state of a plan being repaired and the edits
it allows (drop, replace an opening or count, insert, swap), every one checked by the
day model (:func:`planner.day.time_route`) and kept clear of blocked areas.

:mod:`planner.replan.core` decides which teams to touch; this module only edits one team
at a time, never a team it was not asked to edit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from planner.day import InfeasibleRoute, StopRef, stops_of, time_route
from planner.model import Mission, PollingStation, Settings, TeamRoute
from planner.travel import TravelProvider, great_circle_km

#: Stations further than this from every stop of a team are not considered for it.
NEAR_KM = 35.0
#: How many of the best-ranked insertions are tried with the day model per round.
TRIES_PER_ROUND = 10


def station_value(s: Settings, ps: PollingStation) -> float:
    """What one voting visit at ``ps`` is worth, by the mission's coverage weights.

    The same ingredients the planner values (docs/planning.md): a base value per
    station, bonuses for rural and special stations and for size, times the
    station's priority. Diminishing returns per DEC are applied by the caller.
    """
    bonus = 1.0
    if ps.settlement == "rural":
        bonus += s.weight_rural
    if ps.is_special:
        bonus += s.weight_special
    bonus += s.weight_voters * min(ps.voters / 3000.0, 1.0)
    return s.weight_station * bonus * ps.priority


class Workspace:
    """Routes being repaired, with who observes what, for fast look-ups."""

    def __init__(
        self,
        mission: Mission,
        routes: Iterable[TeamRoute],
        travel: TravelProvider,
        blocked: Sequence[BaseGeometry] = (),
    ) -> None:
        self.mission = mission
        self.s = mission.settings
        self.travel = travel
        self.routes: dict[str, TeamRoute] = {r.team_id: r for r in routes}
        self.blocked = shapely.union_all(list(blocked)) if blocked else None
        if self.blocked is not None:
            shapely.prepare(self.blocked)
        pool = [p for p in mission.polling_stations if p.status == "open" and p.located]
        self.pool = pool
        self.lat = np.array([p.lat for p in pool], dtype=np.float64)
        self.lon = np.array([p.lon for p in pool], dtype=np.float64)
        self.index = {p.ps_id: i for i, p in enumerate(pool)}
        self.free_of_blocks = np.ones(len(pool), dtype=bool)
        if self.blocked is not None and pool:
            self.free_of_blocks = ~shapely.contains_xy(self.blocked, self.lon, self.lat)
        self.used: dict[str, str] = {}  # ps_id -> team observing it (any phase)
        self.tab_dec: dict[str, str] = {}  # dec_id -> team tabulating there
        self.dec_visits: Counter[str] = Counter()
        self.reserved_dec: dict[str, str] = {}  # dec_id -> team a pin gives its tabulation
        self.reserved_ps: dict[str, str] = {}  # ps_id -> team a pin gives it to
        for r in self.routes.values():
            self._claim(r)
        self.calls = 0  # time_route calls, for the benchmark
        self.strict_legs = True  # False: only stops inside a blocked area are refused

    # ------------------------------------------------------------------ bookkeeping

    def _claim(self, route: TeamRoute) -> None:
        for v in route.visits:
            if v.ps_id:
                self.used[v.ps_id] = route.team_id
                if v.phase == "voting":
                    self.dec_visits[v.dec_id] += 1
            elif v.phase == "tabulation":
                self.tab_dec[v.dec_id] = route.team_id

    def _release(self, route: TeamRoute) -> None:
        for v in route.visits:
            if v.ps_id:
                if self.used.get(v.ps_id) == route.team_id:
                    del self.used[v.ps_id]
                if v.phase == "voting":
                    self.dec_visits[v.dec_id] -= 1
            elif v.phase == "tabulation" and self.tab_dec.get(v.dec_id) == route.team_id:
                del self.tab_dec[v.dec_id]

    def set_route(self, route: TeamRoute) -> None:
        old = self.routes.get(route.team_id)
        if old is not None:
            self._release(old)
        self.routes[route.team_id] = route
        self._claim(route)

    def drop_route(self, team_id: str) -> TeamRoute | None:
        old = self.routes.pop(team_id, None)
        if old is not None:
            self._release(old)
        return old

    def tab_taken(self, dec_id: str) -> bool:
        return dec_id in self.tab_dec or dec_id in self.reserved_dec

    def tab_holder(self, dec_id: str, default: str = "") -> str:
        """The team that follows (or by a pin will follow) the DEC to tabulation."""
        return self.reserved_dec.get(dec_id) or self.tab_dec.get(dec_id, default)

    # ------------------------------------------------------------------ checks

    def regions_of(self, team_id: str) -> frozenset[str]:
        team = self.mission.team_by_id.get(team_id)
        base = self.mission.base_by_id.get(team.base_id) if team else None
        return frozenset(base.region_ids) if base else frozenset()

    def blocked_point(self, lat: float, lon: float) -> bool:
        return self.blocked is not None and bool(shapely.contains_xy(self.blocked, lon, lat))

    def crossing(self, route: TeamRoute) -> int:
        """1-based stop whose leg (or which itself) lies in a blocked area; 0 if none."""
        if self.blocked is None:
            return 0
        prev = (route.start_lon, route.start_lat)
        # A team that sleeps inside a blocked area still has to get out: its first
        # leg is not held against it (the re-plan warns about it instead).
        skip_first = self.blocked_point(route.start_lat, route.start_lon)
        for seq, v in enumerate(route.visits, start=1):
            here = (v.lon, v.lat)
            leg = (
                LineString([prev, here])
                if self.strict_legs and prev != here and not (seq == 1 and skip_first)
                else None
            )
            if self.blocked_point(v.lat, v.lon) or (
                leg is not None and self.blocked.intersects(leg)
            ):
                return seq
            prev = here
        return 0

    def timed(
        self, team_id: str, start: tuple[float, float], stops: Sequence[StopRef]
    ) -> TeamRoute | None:
        """The timed route if the day model and the blocked areas allow it, else None."""
        self.calls += 1
        try:
            route = time_route(self.mission, team_id, start, stops, travel=self.travel)
        except InfeasibleRoute:
            return None
        return None if self.crossing(route) else route

    def why(self, team_id: str, start: tuple[float, float], stops: Sequence[StopRef]) -> str:
        """Why ``stops`` does not work (for warnings), or ``""``."""
        try:
            route = time_route(self.mission, team_id, start, stops, travel=self.travel)
        except InfeasibleRoute as err:
            return err.reason
        seq = self.crossing(route)
        return f"stop {seq} or the drive to it is in a blocked area" if seq else ""

    # ------------------------------------------------------------------ values

    def voting_value(self, ps: PollingStation, *, own: bool = False) -> float:
        """Value of a voting visit at ``ps`` given the visits already in its DEC."""
        n = self.dec_visits[ps.dec_id] - (1 if own else 0)
        return station_value(self.s, ps) * self.s.dec_decay ** max(n, 0)

    def dec_priority(self, dec_id: str) -> float:
        prios = [p.priority for p in self.mission.polling_stations if p.dec_id == dec_id]
        return max(prios, default=1.0)

    def anchor_value(self, phase: str, ps: PollingStation) -> float:
        """Value of an opening, or of a count with the tabulation at its DEC."""
        if phase == "opening":
            return self.s.weight_opening * ps.priority
        return (
            self.s.weight_counting * ps.priority
            + self.s.weight_tabulation_dec * self.dec_priority(ps.dec_id)
        )

    # ------------------------------------------------------------------ geometry

    def near(
        self,
        points: Sequence[tuple[float, float]],
        team_id: str,
        radius_km: float = NEAR_KM,
        *,
        only: Iterable[str] | None = None,
    ) -> list[tuple[float, PollingStation]]:
        """Free stations of the team's regions within ``radius_km`` of any point, nearest first."""
        if not points or not self.pool:
            return []
        regions = self.regions_of(team_id)
        if only is not None:
            idx = np.array([self.index[i] for i in only if i in self.index], dtype=np.int64)
        else:
            idx = np.arange(len(self.pool))
        if idx.size == 0:
            return []
        pts = np.asarray(points, dtype=np.float64)
        dist = great_circle_km(
            pts[:, :1], pts[:, 1:2], self.lat[idx][None, :], self.lon[idx][None, :]
        ).min(axis=0)
        order = np.argsort(dist, kind="stable")
        out = []
        for k in order:
            if dist[k] > radius_km:
                break
            ps = self.pool[int(idx[k])]
            if (
                ps.ps_id in self.used
                or self.reserved_ps.get(ps.ps_id, team_id) != team_id
                or ps.region_id not in regions
                or not self.free_of_blocks[int(idx[k])]
            ):
                continue
            out.append((float(dist[k]), ps))
        return out

    def _minutes(self, km: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """A quick estimate of driving minutes, only to rank insertions."""
        road = km * self.s.circuity
        return road / self.s.speed_rural_kmh * 60.0 + np.where(road > 0.05, 5.0, 0.0)

    # ------------------------------------------------------------------ edits

    def insert(
        self,
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
            route = self.routes.get(team_id)
            if route is None or not route.visits:
                break
            got = self._insert_one(route, only_list, radius_km)
            if got is None:
                break
            added.append(got)
        return added

    def _insert_one(self, route: TeamRoute, only: list[str] | None, radius_km: float) -> str | None:
        s = self.s
        visits = route.visits
        stops = stops_of(route)
        phases = [v.phase for v in visits]
        first = 1 if phases and phases[0] == "opening" else 0
        last = phases.index("counting") if "counting" in phases else len(visits)
        if last < first:
            return None
        pts = [(route.start_lat, route.start_lon)] + [(v.lat, v.lon) for v in visits]
        cands = self.near(pts[1:] or pts, route.team_id, radius_km, only=only)
        if not cands:
            return None
        # Time the route could absorb: waiting at stops after the gap, lunch waiting,
        # and the margin before the count (a necessary condition only).
        counting = visits[last] if last < len(visits) else None
        margin = 0
        if counting is not None:
            ps_c = self.mission.station_by_id[counting.ps_id]
            margin = ps_c.close_time - s.arrive_before_close_min - counting.arrive
        waits = [0] * (len(visits) + 1)
        for k in range(len(visits) - 1, -1, -1):
            v = visits[k]
            wait = 0
            if v.phase == "voting" and v.ps_id:
                ps_v = self.mission.station_by_id[v.ps_id]
                wait = max(0, ps_v.open_time - v.arrive)
            waits[k] = waits[k + 1] + wait
        lunch_wait = 0
        if route.lunch_start is not None:
            before = [v.depart for v in visits if v.depart <= route.lunch_start]
            lunch_wait = route.lunch_start - max(before) if before else 0
        drive_left = s.max_driving_min - route.driving_min
        c_lat = np.array([c[1].lat for c in cands], dtype=np.float64)
        c_lon = np.array([c[1].lon for c in cands], dtype=np.float64)
        values = np.array([self.voting_value(c[1]) for c in cands])
        options: list[tuple[float, int, int]] = []
        for gap in range(first, last + 1):  # insert before visits[gap]
            if gap == 0 and first == 0 and not visits:
                continue
            a = pts[gap]  # previous place (start or visit gap-1)
            if gap >= len(visits):
                continue
            b = (visits[gap].lat, visits[gap].lon)
            d_ab = self._minutes(great_circle_km(a[0], a[1], b[0], b[1]))
            d_ac = self._minutes(great_circle_km(a[0], a[1], c_lat, c_lon))
            d_cb = self._minutes(great_circle_km(c_lat, c_lon, b[0], b[1]))
            extra = d_ac + d_cb - d_ab
            delay = extra + s.voting_observation_min
            room = margin + waits[gap] + lunch_wait
            ok = (delay <= room + 5) & (extra <= drive_left + 5)
            score = values / np.maximum(delay, 1.0)
            options.extend((-float(score[j]), gap, int(j)) for j in np.nonzero(ok)[0])
        options.sort()
        start = (route.start_lat, route.start_lon)
        for _, gap, k in options[:TRIES_PER_ROUND]:
            ps = cands[k][1]
            trial = [*stops[:gap], StopRef("voting", ps.ps_id), *stops[gap:]]
            new = self.timed(route.team_id, start, trial)
            if new is not None:
                self.set_route(replace(new, note=route.note))
                return ps.ps_id
        return None

    def swap_in(
        self, team_id: str, candidates: Iterable[str], *, min_gain: float = 1.10
    ) -> list[tuple[str, str]]:
        """Replace lower-valued voting visits by more valuable candidates (in place).

        Returns (added, dropped) pairs. Pinned visits are never replaced.
        """
        done: list[tuple[str, str]] = []
        for cid in candidates:
            route = self.routes.get(team_id)
            ps = self.mission.station_by_id.get(cid)
            if route is None or ps is None or cid in self.used or cid not in self.index:
                continue
            if not self.free_of_blocks[self.index[cid]] or ps.region_id not in self.regions_of(
                team_id
            ):
                continue
            gain_of = self.voting_value(ps)
            stops = stops_of(route)
            scored = []
            for k, v in enumerate(route.visits):
                if v.phase != "voting" or v.pinned:
                    continue
                own = self.mission.station_by_id[v.ps_id]
                worth = self.voting_value(own, own=True)
                if gain_of >= worth * min_gain:
                    d = float(great_circle_km(v.lat, v.lon, ps.lat or 0.0, ps.lon or 0.0))
                    scored.append((d, k, v.ps_id))
            scored.sort()
            for _, k, old_id in scored[:4]:
                trial = [*stops[:k], StopRef("voting", cid), *stops[k + 1 :]]
                new = self.timed(team_id, (route.start_lat, route.start_lon), trial)
                if new is not None:
                    self.set_route(replace(new, note=route.note))
                    done.append((cid, old_id))
                    break
        return done

    def replace_anchor(
        self,
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
            ps = self.mission.station_by_id.get(x.ps_id)
            if ps is not None and ps.lat is not None and ps.lon is not None:
                pts.append((ps.lat, ps.lon))
        pts = pts or [start]
        if candidates is None:
            pool = [ps for _, ps in self.near(pts, team_id, radius_km=80.0)]
        else:
            pool = list(candidates)
        # A count in a DEC no other team tabulates (the team follows its protocol
        # there) is worth more; a count in a DEC another team already follows ends
        # the day at the station (the validator accepts that).
        free = [p for p in pool if self.tab_holder(p.dec_id, team_id) == team_id]
        taken = [p for p in pool if self.tab_holder(p.dec_id, team_id) != team_id]
        for group in (free, taken) if phase == "counting" else (pool,):
            for ps in group[:tries]:
                if phase == "opening":
                    trial = [StopRef("opening", ps.ps_id), *others]
                elif tabulation or self.tab_holder(ps.dec_id, team_id) == team_id:
                    trial = [
                        *others,
                        StopRef("counting", ps.ps_id),
                        StopRef("tabulation", dec_id=ps.dec_id),
                    ]
                else:
                    trial = [*others, StopRef("counting", ps.ps_id)]
                if self.timed(team_id, start, trial) is not None:
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


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(great_circle_km(a[0], a[1], b[0], b[1]))


def route_centre(route: TeamRoute) -> tuple[float, float]:
    if not route.visits:
        return route.start_lat, route.start_lon
    lat = sum(v.lat for v in route.visits) / len(route.visits)
    lon = sum(v.lon for v in route.visits) / len(route.visits)
    return lat, lon
