"""The working state of a plan being repaired: who observes what, blocked areas, the
value of a stop, free stations near a team; every day checked by the day model
(:func:`planner.day.time_route`). The edits themselves are in :mod:`planner.replan.moves`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from planner.day import InfeasibleRoute, StopRef, time_route
from planner.i18n import msg
from planner.model import Mission, PollingStation, Settings, TeamRoute
from planner.travel import TravelProvider, great_circle_km

#: Stations further than this from every stop of a team are not considered for it.
NEAR_KM = 35.0


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
        return msg("stop {seq} or the drive to it is in a blocked area", seq=seq) if seq else ""

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

    def minutes(self, km: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """A quick estimate of driving minutes, only to rank insertions."""
        road = km * self.s.circuity
        return road / self.s.speed_rural_kmh * 60.0 + np.where(road > 0.05, 5.0, 0.0)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(great_circle_km(a[0], a[1], b[0], b[1]))


def route_centre(route: TeamRoute) -> tuple[float, float]:
    if not route.visits:
        return route.start_lat, route.start_lon
    lat = sum(v.lat for v in route.visits) / len(route.visits)
    lon = sum(v.lon for v in route.visits) / len(route.visits)
    return lat, lon
