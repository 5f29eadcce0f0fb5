"""Re-check a plan against every rule of the day model, independently of the solver.

:func:`validate_plan` reads the rules from the mission's settings and the stations'
own hours and re-derives every check from them; it imports nothing from
``planner.solver``, so a bug in the solver's day model cannot hide itself. Each
problem is one :class:`Violation` naming the team, the stop (1-based; 0 = the whole
route or plan), a short rule code and a sentence a user understands. The codes and
what they mean are in :data:`RULES` and in ``docs/coverage.md``.

Times are local minutes of each stop's own region. ``depart_start`` is in the local
time of the first stop's region, ``lunch_start`` in that of the stop before the
break. A leg from a UTC+6 stop to a UTC+5 stop arrives 60 minutes "earlier" on the
clock: ``next.arrive >= prev.depart + travel_min + (offset_next - offset_prev)``.
"""

# size: the independent re-check of every rule, read top to bottom; apart from day.py on purpose
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from planner.model import Mission, Plan, TeamRoute, Visit, format_hhmm
from planner.travel import TravelProvider, provider_for

__all__ = ["RULES", "Violation", "validate_plan"]

#: Every rule code the validator reports, with what it means.
RULES: dict[str, str] = {
    # the plan and its teams
    "unknown-team": "a route belongs to a team the mission does not have",
    "team-unavailable": "a team marked unavailable has stops",
    "duplicate-route": "a team has more than one route",
    "no-stops": "an available team has no stops and is not listed as unassigned",
    "start-location": "the route does not start at the team's fixed overnight location",
    # the phases of the day
    "opening-missing": "the route has no opening station",
    "counting-missing": "the route has no counting station",
    "tabulation-missing": (
        "the route has no tabulation stop although the team could reach its count's DEC "
        "in time, and no other team observes tabulation there"
    ),
    "phase-order": "stops are not opening, voting..., counting, tabulation (one of each)",
    "tabulation-dec": "tabulation is not at the DEC of the counting station",
    # the stops
    "unknown-station": "a stop names a polling station the mission does not have",
    "unknown-dec": "a tabulation stop names a DEC the mission does not have",
    "unknown-region": "a stop lies in a region the mission does not have",
    "station-closed": "a stop is at a closed polling station",
    "station-unlocated": "a stop is at a station without a location (or abroad)",
    "station-area": "a stop's region_id or dec_id differ from its station's",
    "coordinates": "a stop's coordinates differ from its station's (or DEC's)",
    "outside-base": "a stop lies in a region the team's base does not cover",
    # times at each stop
    "opening-late": "arrives later than arrive_before_open_min before the station opens",
    "opening-short": "leaves the opening before open + opening_observation_min",
    "voting-short": "observes voting less than voting_observation_min (from max(arrive, open))",
    "window": "a voting observation ends after the station closes (or starts after it)",
    "counting-late": "arrives later than arrive_before_close_min before the station closes",
    "counting-short": "leaves the count before close + count_duration_min",
    "tabulation-short": "stays at the DEC less than tabulation_observation_min",
    "late-end": "leaves the last stop after latest_end",
    # legs and driving
    "early-departure": "leaves the overnight location before earliest_departure",
    "leg-too-short": "arrives sooner than the previous departure plus the leg's travel",
    "travel-mismatch": "a leg's travel_min/travel_km disagree with the travel provider",
    "leg-too-long": "a leg is longer than max_leg_min",
    "driving-limit": "all legs together are longer than max_driving_min",
    "working-day": "leaving the overnight location to being back (drive home included) "
    "takes longer than max_working_day_min",
    "night-driving": "more than max_night_driving_min of driving after night_from "
    "(drive home included)",
    # the lunch break
    "lunch-missing": "lunch_break_min > 0 but the route has no lunch_start",
    "lunch-window": "lunch starts outside [lunch_earliest, lunch_latest]",
    "lunch-gap": "the break does not fit between two stops",
    # exclusivity across the plan
    "shared-station": "a station is observed in the same phase by two teams",
    "team-revisit": "a team comes to the same station twice",
    "shared-dec": "two teams observe tabulation at the same DEC",
}

#: Tolerances for comparing a plan's travel with the provider's (rounding).
TRAVEL_MIN_TOLERANCE = 1
TRAVEL_KM_TOLERANCE = 0.2  # plus 1 % of the leg
COORD_TOLERANCE_DEG = 1e-5  # about a metre

_RANK = {"opening": 0, "voting": 1, "counting": 2, "tabulation": 3}


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: team, stop (1-based; 0 = whole route/plan), rule code, text."""

    team_id: str
    seq: int
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"stop {self.seq}" if self.seq else "route"
        return f"{self.team_id} {where}: {self.message} [{self.rule}]"


@dataclass(frozen=True, slots=True)
class _Place:
    """What a stop should be, from the mission (None fields: unknown)."""

    label: str
    region_id: str
    offset: int
    open_time: int
    close_time: int
    dec_id: str


#: A stop's label, region, latitude, longitude, opening and closing time.
_Found = tuple[str, str, float, float, int, int]


def _hm(minutes: int) -> str:
    return format_hhmm(minutes)


class _Checker:
    """Collects the violations of one plan."""

    def __init__(self, mission: Mission, plan: Plan, travel: TravelProvider) -> None:
        self.m = mission
        self.s = mission.settings
        self.plan = plan
        self.travel = travel
        self.out: list[Violation] = []
        self.tabulated: dict[str, str] = {}  # DEC -> a team observing its tabulation

    def add(self, team_id: str, seq: int, rule: str, message: str) -> None:
        assert rule in RULES, rule
        self.out.append(Violation(team_id, seq, rule, message))

    # ------------------------------------------------------------------ plan level

    def run(self) -> list[Violation]:
        seen: set[str] = set()
        self.tabulated = {
            v.dec_id: tid for tid, _, v in self.plan.visits() if v.phase == "tabulation"
        }
        for route in self.plan.routes:
            tid = route.team_id
            if tid in seen:
                self.add(tid, 0, "duplicate-route", f"team {tid} has more than one route")
                continue
            seen.add(tid)
            self.check_team(route)
            if route.visits:
                self.check_route(route)
        unassigned = set(self.plan.unassigned_teams)
        for team in self.m.teams:
            if not team.available or team.team_id in unassigned:
                continue
            own = self.plan.route(team.team_id)
            if own is None or not own.visits:
                self.add(
                    team.team_id,
                    0,
                    "no-stops",
                    f"available team {team.team_id} has no stops and is not listed as unassigned",
                )
        self.check_exclusivity()
        return self.out

    def check_team(self, route: TeamRoute) -> None:
        tid = route.team_id
        team = self.m.team_by_id.get(tid)
        if team is None:
            self.add(tid, 0, "unknown-team", f"the mission has no team {tid!r}")
            return
        if not team.available and route.visits:
            self.add(tid, 0, "team-unavailable", f"team {tid} is unavailable but has stops")
        if (
            team.has_overnight
            and route.visits
            and (
                abs(route.start_lat - (team.lat or 0.0)) > COORD_TOLERANCE_DEG
                or abs(route.start_lon - (team.lon or 0.0)) > COORD_TOLERANCE_DEG
            )
        ):
            self.add(
                tid,
                0,
                "start-location",
                f"the route starts at ({route.start_lat:.5f}, {route.start_lon:.5f}), not "
                f"at the team's overnight location ({team.lat:.5f}, {team.lon:.5f})",
            )

    # ------------------------------------------------------------------ one route

    def check_route(self, route: TeamRoute) -> None:
        self.check_phases(route)
        places = [self.check_stop(route, seq, v) for seq, v in enumerate(route.visits, start=1)]
        self.check_times(route, places)
        self.check_legs(route, places)

    def check_phases(self, route: TeamRoute) -> None:
        tid = route.team_id
        visits = route.visits
        counts: dict[str, int] = defaultdict(int)
        for seq, v in enumerate(visits, start=1):
            counts[v.phase] += 1
            if v.phase != "voting" and counts[v.phase] > 1:
                self.add(tid, seq, "phase-order", f"a second {v.phase} stop ({_stop_name(v)})")
            elif seq > 1 and _RANK[v.phase] < _RANK[visits[seq - 2].phase]:
                self.add(
                    tid,
                    seq,
                    "phase-order",
                    f"{v.phase} at {_stop_name(v)} comes after {visits[seq - 2].phase}",
                )
        for phase in ("opening", "counting"):
            if counts[phase] == 0:
                self.add(tid, 0, f"{phase}-missing", f"the day has no {phase} stop")
        counting = next((v for v in visits if v.phase == "counting"), None)
        if counting is not None and counts["tabulation"] == 0:
            # One team per DEC is enough (DOMAIN.md; 123 of the 2011 teams went on to
            # their DEC): a team may end its day at the count when another team follows
            # the protocol to the same DEC (teams can outnumber a base's DECs).
            ps = self.m.station_by_id.get(counting.ps_id)
            dec_id = ps.dec_id if ps is not None else counting.dec_id
            if self.tabulated.get(dec_id, tid) == tid:
                reachable = self._tabulation_possible(route, counting, dec_id)
                if reachable:
                    self.add(
                        tid,
                        0,
                        "tabulation-missing",
                        f"the day ends at the count at {counting.ps_id}, and no team follows "
                        f"its protocol to DEC {dec_id} ({reachable})",
                    )
        for seq, v in enumerate(visits, start=1):
            if v.phase != "tabulation" or counting is None or v.dec_id not in self.m.dec_by_id:
                continue  # (an unknown DEC is reported as unknown-dec)
            ps = self.m.station_by_id.get(counting.ps_id)
            dec_id = ps.dec_id if ps is not None else counting.dec_id
            if v.dec_id != dec_id:
                self.add(
                    tid,
                    seq,
                    "tabulation-dec",
                    f"tabulation at DEC {v.dec_id}, but the counting station "
                    f"{counting.ps_id} belongs to DEC {dec_id}",
                )

    def _tabulation_possible(self, route: TeamRoute, counting: Visit, dec_id: str) -> str:
        """Why the team could have followed its protocol to the DEC ("" = it could not).

        From the count's end (closing + count duration, or a later departure) to the
        DEC, staying the tabulation minutes, within the latest end, the longest leg and
        the daily driving limit. (A day that cannot reach the DEC may end at the count.)
        """
        s = self.s
        dec = self.m.dec_by_id.get(dec_id)
        ps = self.m.station_by_id.get(counting.ps_id)
        if dec is None:
            return ""
        leave = counting.depart
        if ps is not None:
            leave = max(leave, ps.close_time + s.count_duration_min)
        minutes, _ = self.travel.leg((counting.lat, counting.lon), (dec.lat, dec.lon))
        done = leave + minutes + s.tabulation_observation_min
        region = self.m.region_by_id.get(dec.region_id)
        worked, night, _home = self._duty(
            route,
            dec.lat,
            dec.lon,
            done,
            offset=region.utc_offset_min if region is not None else None,
            extra=[(leave, leave + minutes)],
        )
        if (
            done > s.latest_end
            or minutes > s.max_leg_min
            or route.driving_min + minutes > s.max_driving_min
            or 0 < s.max_working_day_min < worked
            or 0 < s.max_night_driving_min < night
        ):
            return ""
        return (
            f"leaving the count at {_hm(leave)} and driving {minutes} min it could stay "
            f"until {_hm(done)}"
        )

    def check_stop(self, route: TeamRoute, seq: int, v: Visit) -> _Place | None:
        """Existence, status, area, coordinates, base; returns the place or None."""
        tid = route.team_id
        if v.phase == "tabulation":
            found = self._dec_of(tid, seq, v)
        else:
            found = self._station_of(tid, seq, v)
        if found is None:
            return None
        label, region_id, lat, lon, opens, closes = found
        if abs(v.lat - lat) > COORD_TOLERANCE_DEG or abs(v.lon - lon) > COORD_TOLERANCE_DEG:
            self.add(
                tid,
                seq,
                "coordinates",
                f"the stop at {label} is at ({v.lat:.5f}, {v.lon:.5f}); {label} is at "
                f"({lat:.5f}, {lon:.5f})",
            )
        region = self.m.region_by_id.get(region_id)
        if region is None:
            self.add(tid, seq, "unknown-region", f"{label} is in unknown region {region_id!r}")
            return None
        self._check_base(tid, seq, label, region_id)
        dec_id = v.dec_id if v.phase == "tabulation" else self.m.station_by_id[v.ps_id].dec_id
        return _Place(label, region_id, region.utc_offset_min, opens, closes, dec_id)

    def _dec_of(self, tid: str, seq: int, v: Visit) -> _Found | None:
        """The tabulation stop's DEC: label, region, position (no hours)."""
        dec = self.m.dec_by_id.get(v.dec_id)
        if dec is None:
            self.add(tid, seq, "unknown-dec", f"the mission has no DEC {v.dec_id!r}")
            return None
        label = f"DEC {dec.dec_id}"
        if v.region_id != dec.region_id:
            self.add(
                tid,
                seq,
                "station-area",
                f"{label} is in region {dec.region_id}, the stop says {v.region_id}",
            )
        return label, dec.region_id, dec.lat, dec.lon, 0, 0

    def _station_of(self, tid: str, seq: int, v: Visit) -> _Found | None:
        """The stop's polling station: label, region, position, hours."""
        ps = self.m.station_by_id.get(v.ps_id)
        if ps is None:
            self.add(tid, seq, "unknown-station", f"the mission has no polling station {v.ps_id!r}")
            return None
        label = f"{ps.ps_id} (No. {ps.pec_number})"
        if ps.status != "open":
            self.add(tid, seq, "station-closed", f"{label} is closed")
        if not ps.located or ps.lat is None or ps.lon is None:
            self.add(tid, seq, "station-unlocated", f"{label} has no location to drive to")
            lat, lon = v.lat, v.lon
        else:
            lat, lon = ps.lat, ps.lon
        if v.region_id != ps.region_id or v.dec_id != ps.dec_id:
            self.add(
                tid,
                seq,
                "station-area",
                f"{label} is in {ps.region_id}/{ps.dec_id}, the stop says {v.region_id}/{v.dec_id}",
            )
        return label, ps.region_id, lat, lon, ps.open_time, ps.close_time

    def _check_base(self, tid: str, seq: int, label: str, region_id: str) -> None:
        team = self.m.team_by_id.get(tid)
        if team is None:
            return
        base = self.m.base_by_id.get(team.base_id)
        if base is None or region_id not in base.region_ids:
            covers = ", ".join(base.region_ids) if base else "nothing (unknown base)"
            self.add(
                tid,
                seq,
                "outside-base",
                f"{label} is in region {region_id}; the team's base {team.base_id} covers {covers}",
            )

    def check_times(self, route: TeamRoute, places: Sequence[_Place | None]) -> None:
        """The rules of each phase against the station's own hours."""
        s = self.s
        tid = route.team_id
        for seq, (v, p) in enumerate(zip(route.visits, places, strict=True), start=1):
            if p is None:
                continue
            for rule, message in self._phase_problems(v, p):
                self.add(tid, seq, rule, message)
        last = route.visits[-1]
        if last.depart > s.latest_end:
            self.add(
                tid,
                len(route.visits),
                "late-end",
                f"leaves {_stop_name(last)} at {_hm(last.depart)}, after the latest end of "
                f"the day {_hm(s.latest_end)}",
            )

    def _phase_problems(self, v: Visit, p: _Place) -> list[tuple[str, str]]:
        """(rule, message) for each rule of its phase the stop breaks."""
        s = self.s
        a, d = v.arrive, v.depart
        at = f"at {p.label}"
        out: list[tuple[str, str]] = []
        if v.phase == "opening":
            latest = p.open_time - s.arrive_before_open_min
            if a > latest:
                out.append(
                    (
                        "opening-late",
                        f"arrives {_hm(a)} {at}, after {_hm(latest)} = "
                        f"{s.arrive_before_open_min} min before it opens at {_hm(p.open_time)}",
                    )
                )
            until = p.open_time + s.opening_observation_min
            if d < until:
                out.append(
                    (
                        "opening-short",
                        f"leaves {at} {_hm(d)}, before {_hm(until)} (opening "
                        f"{_hm(p.open_time)} + {s.opening_observation_min} min)",
                    )
                )
        elif v.phase == "voting":
            out += self._voting_problems(v, p)
        elif v.phase == "counting":
            latest = p.close_time - s.arrive_before_close_min
            if a > latest:
                out.append(
                    (
                        "counting-late",
                        f"arrives {_hm(a)} {at}, after {_hm(latest)} = "
                        f"{s.arrive_before_close_min} min before it closes at "
                        f"{_hm(p.close_time)}",
                    )
                )
            until = p.close_time + s.count_duration_min
            if d < until:
                out.append(
                    (
                        "counting-short",
                        f"leaves the count {at} {_hm(d)}, before {_hm(until)} (closing "
                        f"{_hm(p.close_time)} + {s.count_duration_min} min)",
                    )
                )
        elif d - a < s.tabulation_observation_min:
            out.append(
                (
                    "tabulation-short",
                    f"stays {at} {_hm(a)}-{_hm(d)}, less than {s.tabulation_observation_min} min",
                )
            )
        return out

    def _voting_problems(self, v: Visit, p: _Place) -> list[tuple[str, str]]:
        s = self.s
        a, d = v.arrive, v.depart
        at = f"at {p.label}"
        out: list[tuple[str, str]] = []
        start = max(a, p.open_time)
        if d - start < s.voting_observation_min:
            out.append(
                (
                    "voting-short",
                    f"observes {at} from {_hm(start)} to {_hm(d)}, less than "
                    f"{s.voting_observation_min} min",
                )
            )
        if d > p.close_time or a >= p.close_time:
            out.append(
                (
                    "window",
                    f"observes voting {at} {_hm(start)}-{_hm(d)}, but the station is open "
                    f"{_hm(p.open_time)}-{_hm(p.close_time)}",
                )
            )
        return out

    def check_legs(self, route: TeamRoute, places: Sequence[_Place | None]) -> None:
        """Legs in time (with time zones and lunch), travel figures, driving limits."""
        s = self.s
        tid = route.team_id
        visits = route.visits
        if route.depart_start < s.earliest_departure:
            self.add(
                tid,
                0,
                "early-departure",
                f"leaves the overnight location at {_hm(route.depart_start)}, before "
                f"{_hm(s.earliest_departure)}",
            )
        offsets = [p.offset if p is not None else None for p in places]
        lunch_gap = self.check_lunch(route, offsets)
        # travel figures from the provider, one matrix per route
        points = [(route.start_lat, route.start_lon)] + [(v.lat, v.lon) for v in visits]
        matrix = self.travel.matrix(points[:-1], points[1:])
        for i, v in enumerate(visits):
            self._check_travel(tid, i + 1, v, int(matrix.minutes[i, i]), float(matrix.km[i, i]))
            self._check_leg_time(route, i, offsets, lunch_gap)
        if route.driving_min > s.max_driving_min:
            self.add(
                tid,
                0,
                "driving-limit",
                f"{route.driving_min} min of driving in the day, more than the limit of "
                f"{s.max_driving_min} min",
            )
        if visits:
            last = visits[-1]
            worked, night, home = self._duty(
                route, last.lat, last.lon, last.depart, offset=offsets[-1]
            )
            seq = len(visits)
            if 0 < s.max_working_day_min < worked:
                self.add(
                    tid,
                    seq,
                    "working-day",
                    f"a working day of {worked} min with the {home} min drive home, more "
                    f"than the limit of {s.max_working_day_min} min",
                )
            if 0 < s.max_night_driving_min < night:
                self.add(
                    tid,
                    seq,
                    "night-driving",
                    f"{night} min of driving after {_hm(s.night_from)} with the drive home, "
                    f"more than the limit of {s.max_night_driving_min} min",
                )

    def _duty(
        self,
        route: TeamRoute,
        lat: float,
        lon: float,
        depart: int,
        *,
        offset: int | None,
        extra: Sequence[tuple[int, int]] = (),
    ) -> tuple[int, int, int]:
        """(working day, night driving, drive home) in minutes when the day ends by
        leaving (lat, lon) at ``depart`` (local time, UTC offset ``offset``); ``extra``
        are more drives (start, end) after the route's own legs."""
        s = self.s
        home, _km = self.travel.leg((lat, lon), (route.start_lat, route.start_lon))
        first = route.visits[0] if route.visits else None
        region = self.m.region_by_id.get(first.region_id) if first else None
        shift = offset - region.utc_offset_min if region is not None and offset is not None else 0
        worked = depart + home - shift - route.depart_start
        drives = [(v.arrive - v.travel_min, v.arrive) for v in route.visits]
        drives += [*extra, (depart, depart + home)]
        night = sum(max(0, end - max(start, s.night_from)) for start, end in drives)
        return worked, night, home

    def _check_travel(self, tid: str, seq: int, v: Visit, want_min: int, want_km: float) -> None:
        """The leg's figures against the travel provider's, and the longest leg."""
        s = self.s
        if (
            abs(v.travel_min - want_min) > TRAVEL_MIN_TOLERANCE
            or abs(v.travel_km - want_km) > TRAVEL_KM_TOLERANCE + 0.01 * want_km
        ):
            self.add(
                tid,
                seq,
                "travel-mismatch",
                f"the leg to {_stop_name(v)} says {v.travel_min} min, {v.travel_km:.1f} km; "
                f"the travel model gives {want_min} min, {want_km:.1f} km",
            )
        if v.travel_min > s.max_leg_min:
            self.add(
                tid,
                seq,
                "leg-too-long",
                f"the drive to {_stop_name(v)} takes {v.travel_min} min, more than "
                f"{s.max_leg_min} min",
            )

    def _check_leg_time(
        self, route: TeamRoute, i: int, offsets: Sequence[int | None], lunch_gap: int | None
    ) -> None:
        """Arrival at stop ``i`` (0-based) no sooner than the drive (and lunch) allow."""
        s = self.s
        tid = route.team_id
        visits = route.visits
        v = visits[i]
        seq = i + 1
        if i == 0:
            prev_depart, shift, prev_name = route.depart_start, 0, "the overnight location"
        else:
            prev = visits[i - 1]
            prev_depart, prev_name = prev.depart, _stop_name(prev)
            o_prev, o_here = offsets[i - 1], offsets[i]
            shift = o_here - o_prev if o_prev is not None and o_here is not None else 0
        earliest = prev_depart + v.travel_min + shift
        if v.arrive < earliest:
            zone = f" ({shift:+d} min time zone)" if shift else ""
            self.add(
                tid,
                seq,
                "leg-too-short",
                f"arrives {_hm(v.arrive)} at {_stop_name(v)}, but leaves {prev_name} "
                f"{_hm(prev_depart)} with {v.travel_min} min to drive{zone}: "
                f"{_hm(earliest)} at the earliest",
            )
        elif lunch_gap == seq and route.lunch_start is not None:
            with_lunch = route.lunch_start + s.lunch_break_min + v.travel_min + shift
            if v.arrive < with_lunch:
                self.add(
                    tid,
                    seq,
                    "lunch-gap",
                    f"lunch {_hm(route.lunch_start)}-"
                    f"{_hm(route.lunch_start + s.lunch_break_min)} and {v.travel_min} min "
                    f"of driving do not fit before arriving {_hm(v.arrive)} at "
                    f"{_stop_name(v)}",
                )

    def check_lunch(self, route: TeamRoute, offsets: Sequence[int | None]) -> int | None:
        """Check the break's presence and window; return the stop it comes before."""
        s = self.s
        tid = route.team_id
        if s.lunch_break_min <= 0:
            return None
        ls = route.lunch_start
        if ls is None:
            self.add(tid, 0, "lunch-missing", f"no {s.lunch_break_min} min lunch break")
            return None
        if not s.lunch_earliest <= ls <= s.lunch_latest:
            self.add(
                tid,
                0,
                "lunch-window",
                f"lunch starts {_hm(ls)}, outside {_hm(s.lunch_earliest)}-{_hm(s.lunch_latest)}",
            )
        visits = route.visits
        for k in range(1, len(visits)):  # gap between stop k and stop k+1 (1-based)
            prev, nxt = visits[k - 1], visits[k]
            o_prev, o_next = offsets[k - 1], offsets[k]
            shift = o_next - o_prev if o_prev is not None and o_next is not None else 0
            if prev.depart <= ls < nxt.arrive - shift:
                return k + 1
        self.add(
            tid,
            0,
            "lunch-gap",
            f"lunch at {_hm(ls)} does not fall between two stops (it overlaps a stop, or "
            "comes before the first or after the last)",
        )
        return None

    # ------------------------------------------------------------------ exclusivity

    def check_exclusivity(self) -> None:
        self._check_shared()
        self._check_revisits()

    def _check_shared(self) -> None:
        """No station observed in the same phase by two teams; one team per DEC."""
        by_phase: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
        for tid, seq, v in self.plan.visits():
            if v.phase == "tabulation":
                by_phase[("tabulation", v.dec_id)].append((tid, seq))
            else:
                by_phase[(v.phase, v.ps_id)].append((tid, seq))
        for (phase, key), stops in by_phase.items():
            first_tid, _ = stops[0]
            for tid, seq in stops[1:]:
                if tid == first_tid:
                    continue  # the same team twice: team-revisit (or one DEC twice)
                if phase == "tabulation":
                    self.add(
                        tid,
                        seq,
                        "shared-dec",
                        f"team {first_tid} already observes tabulation at DEC {key}",
                    )
                else:
                    self.add(
                        tid,
                        seq,
                        "shared-station",
                        f"{key} is already observed at {phase} by team {first_tid}",
                    )

    def _check_revisits(self) -> None:
        """No team at the same station twice."""
        for route in self.plan.routes:
            first_seq: dict[str, int] = {}
            for seq, v in enumerate(route.visits, start=1):
                if v.phase == "tabulation":
                    continue
                if v.ps_id in first_seq:
                    self.add(
                        route.team_id,
                        seq,
                        "team-revisit",
                        f"the team is already at {v.ps_id} (stop {first_seq[v.ps_id]})",
                    )
                else:
                    first_seq[v.ps_id] = seq


def _stop_name(v: Visit) -> str:
    return v.ps_id if v.ps_id else f"DEC {v.dec_id}"


def validate_plan(
    mission: Mission, plan: Plan, *, travel: TravelProvider | None = None
) -> list[Violation]:
    """Every rule ``plan`` breaks, in plan order then exclusivity; ``[]`` = valid.

    ``travel`` is what the legs are compared with (default: the mission's provider,
    :func:`planner.travel.provider_for`).
    """
    provider = travel if travel is not None else provider_for(mission.settings)
    return _Checker(mission, plan, provider).run()
