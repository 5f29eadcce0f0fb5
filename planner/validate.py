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

from planner.i18n import msg, phase_name
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
                self.add(
                    tid, 0, "duplicate-route", msg("team {team} has more than one route", team=tid)
                )
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
                    msg(
                        "available team {team} has no stops and is not listed as unassigned",
                        team=team.team_id,
                    ),
                )
        self.check_exclusivity()
        return self.out

    def check_team(self, route: TeamRoute) -> None:
        tid = route.team_id
        team = self.m.team_by_id.get(tid)
        if team is None:
            self.add(tid, 0, "unknown-team", msg("the mission has no team {team!r}", team=tid))
            return
        if not team.available and route.visits:
            self.add(
                tid,
                0,
                "team-unavailable",
                msg("team {team} is unavailable but has stops", team=tid),
            )
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
                msg(
                    "the route starts at ({lat:.5f}, {lon:.5f}), not at the team's overnight "
                    "location ({team_lat:.5f}, {team_lon:.5f})",
                    lat=route.start_lat,
                    lon=route.start_lon,
                    team_lat=team.lat,
                    team_lon=team.lon,
                ),
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
                self.add(
                    tid,
                    seq,
                    "phase-order",
                    msg(
                        "a second {phase} stop ({stop})",
                        phase=phase_name(v.phase),
                        stop=_stop_name(v),
                    ),
                )
            elif seq > 1 and _RANK[v.phase] < _RANK[visits[seq - 2].phase]:
                self.add(
                    tid,
                    seq,
                    "phase-order",
                    msg(
                        "{phase} at {stop} comes after {previous}",
                        phase=phase_name(v.phase),
                        stop=_stop_name(v),
                        previous=phase_name(visits[seq - 2].phase),
                    ),
                )
        for phase in ("opening", "counting"):
            if counts[phase] == 0:
                self.add(
                    tid,
                    0,
                    f"{phase}-missing",
                    msg("the day has no {phase} stop", phase=phase_name(phase)),
                )
        self._check_tabulation(route, counts["tabulation"])

    def _check_tabulation(self, route: TeamRoute, n_tabulation: int) -> None:
        """A tabulation stop where the day allows one, at the counting station's DEC."""
        tid = route.team_id
        visits = route.visits
        counting = next((v for v in visits if v.phase == "counting"), None)
        if counting is not None and n_tabulation == 0:
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
                        msg(
                            "the day ends at the count at {station}, and no team follows its "
                            "protocol to DEC {dec} ({reachable})",
                            station=counting.ps_id,
                            dec=dec_id,
                            reachable=reachable,
                        ),
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
                    msg(
                        "tabulation at DEC {dec}, but the counting station {station} belongs to "
                        "DEC {station_dec}",
                        dec=v.dec_id,
                        station=counting.ps_id,
                        station_dec=dec_id,
                    ),
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
        return msg(
            "leaving the count at {leave} and driving {minutes} min it could stay until {done}",
            leave=_hm(leave),
            minutes=minutes,
            done=_hm(done),
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
                msg(
                    "the stop at {place} is at ({lat:.5f}, {lon:.5f}); {place} is at "
                    "({place_lat:.5f}, {place_lon:.5f})",
                    place=label,
                    lat=v.lat,
                    lon=v.lon,
                    place_lat=lat,
                    place_lon=lon,
                ),
            )
        region = self.m.region_by_id.get(region_id)
        if region is None:
            self.add(
                tid,
                seq,
                "unknown-region",
                msg("{place} is in unknown region {region!r}", place=label, region=region_id),
            )
            return None
        self._check_base(tid, seq, label, region_id)
        dec_id = v.dec_id if v.phase == "tabulation" else self.m.station_by_id[v.ps_id].dec_id
        return _Place(label, region_id, region.utc_offset_min, opens, closes, dec_id)

    def _dec_of(self, tid: str, seq: int, v: Visit) -> _Found | None:
        """The tabulation stop's DEC: label, region, position (no hours)."""
        dec = self.m.dec_by_id.get(v.dec_id)
        if dec is None:
            self.add(tid, seq, "unknown-dec", msg("the mission has no DEC {dec!r}", dec=v.dec_id))
            return None
        label = msg("DEC {dec}", dec=dec.dec_id)
        if v.region_id != dec.region_id:
            self.add(
                tid,
                seq,
                "station-area",
                msg(
                    "{place} is in region {region}, the stop says {stop_region}",
                    place=label,
                    region=dec.region_id,
                    stop_region=v.region_id,
                ),
            )
        return label, dec.region_id, dec.lat, dec.lon, 0, 0

    def _station_of(self, tid: str, seq: int, v: Visit) -> _Found | None:
        """The stop's polling station: label, region, position, hours."""
        ps = self.m.station_by_id.get(v.ps_id)
        if ps is None:
            self.add(
                tid,
                seq,
                "unknown-station",
                msg("the mission has no polling station {station!r}", station=v.ps_id),
            )
            return None
        label = msg("{station} (No. {pec})", station=ps.ps_id, pec=ps.pec_number)
        if ps.status != "open":
            self.add(tid, seq, "station-closed", msg("{station} is closed", station=label))
        if not ps.located or ps.lat is None or ps.lon is None:
            self.add(
                tid,
                seq,
                "station-unlocated",
                msg("{station} has no location to drive to", station=label),
            )
            lat, lon = v.lat, v.lon
        else:
            lat, lon = ps.lat, ps.lon
        if v.region_id != ps.region_id or v.dec_id != ps.dec_id:
            self.add(
                tid,
                seq,
                "station-area",
                msg(
                    "{station} is in {region}/{dec}, the stop says {stop_region}/{stop_dec}",
                    station=label,
                    region=ps.region_id,
                    dec=ps.dec_id,
                    stop_region=v.region_id,
                    stop_dec=v.dec_id,
                ),
            )
        return label, ps.region_id, lat, lon, ps.open_time, ps.close_time

    def _check_base(self, tid: str, seq: int, label: str, region_id: str) -> None:
        team = self.m.team_by_id.get(tid)
        if team is None:
            return
        base = self.m.base_by_id.get(team.base_id)
        if base is None or region_id not in base.region_ids:
            covers = ", ".join(base.region_ids) if base else msg("nothing (unknown base)")
            self.add(
                tid,
                seq,
                "outside-base",
                msg(
                    "{place} is in region {region}; the team's base {base} covers {covers}",
                    place=label,
                    region=region_id,
                    base=team.base_id,
                    covers=covers,
                ),
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
                msg(
                    "leaves {stop} at {time}, after the latest end of the day {latest}",
                    stop=_stop_name(last),
                    time=_hm(last.depart),
                    latest=_hm(s.latest_end),
                ),
            )

    def _phase_problems(self, v: Visit, p: _Place) -> list[tuple[str, str]]:
        """(rule, message) for each rule of its phase the stop breaks."""
        s = self.s
        a, d = v.arrive, v.depart
        at = p.label
        out: list[tuple[str, str]] = []
        if v.phase == "opening":
            out += self._opening_problems(v, p)
        elif v.phase == "voting":
            out += self._voting_problems(v, p)
        elif v.phase == "counting":
            out += self._counting_problems(v, p)
        elif d - a < s.tabulation_observation_min:
            out.append(
                (
                    "tabulation-short",
                    msg(
                        "stays at {place} {arrive}-{depart}, less than {minutes} min",
                        place=at,
                        arrive=_hm(a),
                        depart=_hm(d),
                        minutes=s.tabulation_observation_min,
                    ),
                )
            )
        return out

    def _opening_problems(self, v: Visit, p: _Place) -> list[tuple[str, str]]:
        s = self.s
        a, d = v.arrive, v.depart
        at = p.label
        out: list[tuple[str, str]] = []
        latest = p.open_time - s.arrive_before_open_min
        if a > latest:
            out.append(
                (
                    "opening-late",
                    msg(
                        "arrives {time} at {place}, after {latest} = {minutes} min before "
                        "it opens at {open}",
                        time=_hm(a),
                        place=at,
                        latest=_hm(latest),
                        minutes=s.arrive_before_open_min,
                        open=_hm(p.open_time),
                    ),
                )
            )
        until = p.open_time + s.opening_observation_min
        if d < until:
            out.append(
                (
                    "opening-short",
                    msg(
                        "leaves at {place} {time}, before {until} (opening {open} + {minutes} min)",
                        place=at,
                        time=_hm(d),
                        until=_hm(until),
                        open=_hm(p.open_time),
                        minutes=s.opening_observation_min,
                    ),
                )
            )
        return out

    def _counting_problems(self, v: Visit, p: _Place) -> list[tuple[str, str]]:
        s = self.s
        a, d = v.arrive, v.depart
        at = p.label
        out: list[tuple[str, str]] = []
        latest = p.close_time - s.arrive_before_close_min
        if a > latest:
            out.append(
                (
                    "counting-late",
                    msg(
                        "arrives {time} at {place}, after {latest} = {minutes} min before "
                        "it closes at {close}",
                        time=_hm(a),
                        place=at,
                        latest=_hm(latest),
                        minutes=s.arrive_before_close_min,
                        close=_hm(p.close_time),
                    ),
                )
            )
        until = p.close_time + s.count_duration_min
        if d < until:
            out.append(
                (
                    "counting-short",
                    msg(
                        "leaves the count at {place} {time}, before {until} (closing "
                        "{close} + {minutes} min)",
                        place=at,
                        time=_hm(d),
                        until=_hm(until),
                        close=_hm(p.close_time),
                        minutes=s.count_duration_min,
                    ),
                )
            )
        return out

    def _voting_problems(self, v: Visit, p: _Place) -> list[tuple[str, str]]:
        s = self.s
        a, d = v.arrive, v.depart
        at = p.label
        out: list[tuple[str, str]] = []
        start = max(a, p.open_time)
        if d - start < s.voting_observation_min:
            out.append(
                (
                    "voting-short",
                    msg(
                        "observes at {place} from {start} to {end}, less than {minutes} min",
                        place=at,
                        start=_hm(start),
                        end=_hm(d),
                        minutes=s.voting_observation_min,
                    ),
                )
            )
        if d > p.close_time or a >= p.close_time:
            out.append(
                (
                    "window",
                    msg(
                        "observes voting at {place} {start}-{end}, but the station is open "
                        "{open}-{close}",
                        place=at,
                        start=_hm(start),
                        end=_hm(d),
                        open=_hm(p.open_time),
                        close=_hm(p.close_time),
                    ),
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
                msg(
                    "leaves the overnight location at {time}, before {earliest}",
                    time=_hm(route.depart_start),
                    earliest=_hm(s.earliest_departure),
                ),
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
                msg(
                    "{minutes} min of driving in the day, more than the limit of {limit} min",
                    minutes=route.driving_min,
                    limit=s.max_driving_min,
                ),
            )
        if visits:
            self._check_duty_limits(route, offsets[-1])

    def _check_duty_limits(self, route: TeamRoute, last_offset: int | None) -> None:
        """The working day and the night driving, the drive home included."""
        s = self.s
        tid = route.team_id
        last = route.visits[-1]
        worked, night, home = self._duty(route, last.lat, last.lon, last.depart, offset=last_offset)
        seq = len(route.visits)
        if 0 < s.max_working_day_min < worked:
            self.add(
                tid,
                seq,
                "working-day",
                msg(
                    "a working day of {minutes} min with the {home} min drive home, more "
                    "than the limit of {limit} min",
                    minutes=worked,
                    home=home,
                    limit=s.max_working_day_min,
                ),
            )
        if 0 < s.max_night_driving_min < night:
            self.add(
                tid,
                seq,
                "night-driving",
                msg(
                    "{minutes} min of driving after {night_from} with the drive home, more "
                    "than the limit of {limit} min",
                    minutes=night,
                    night_from=_hm(s.night_from),
                    limit=s.max_night_driving_min,
                ),
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
                msg(
                    "the leg to {stop} says {minutes} min, {km:.1f} km; the travel model gives "
                    "{want_minutes} min, {want_km:.1f} km",
                    stop=_stop_name(v),
                    minutes=v.travel_min,
                    km=v.travel_km,
                    want_minutes=want_min,
                    want_km=want_km,
                ),
            )
        if v.travel_min > s.max_leg_min:
            self.add(
                tid,
                seq,
                "leg-too-long",
                msg(
                    "the drive to {stop} takes {minutes} min, more than {limit} min",
                    stop=_stop_name(v),
                    minutes=v.travel_min,
                    limit=s.max_leg_min,
                ),
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
            prev_depart, shift = route.depart_start, 0
            prev_name: str = msg("the overnight location")
        else:
            prev = visits[i - 1]
            prev_depart, prev_name = prev.depart, _stop_name(prev)
            o_prev, o_here = offsets[i - 1], offsets[i]
            shift = o_here - o_prev if o_prev is not None and o_here is not None else 0
        earliest = prev_depart + v.travel_min + shift
        if v.arrive < earliest:
            zone = msg(" ({shift:+d} min time zone)", shift=shift) if shift else ""
            self.add(
                tid,
                seq,
                "leg-too-short",
                msg(
                    "arrives {time} at {stop}, but leaves {previous} {leave} with {minutes} "
                    "min to drive{zone}: {earliest} at the earliest",
                    time=_hm(v.arrive),
                    stop=_stop_name(v),
                    previous=prev_name,
                    leave=_hm(prev_depart),
                    minutes=v.travel_min,
                    zone=zone,
                    earliest=_hm(earliest),
                ),
            )
        elif lunch_gap == seq and route.lunch_start is not None:
            with_lunch = route.lunch_start + s.lunch_break_min + v.travel_min + shift
            if v.arrive < with_lunch:
                self.add(
                    tid,
                    seq,
                    "lunch-gap",
                    msg(
                        "lunch {start}-{end} and {minutes} min of driving do not fit before "
                        "arriving {time} at {stop}",
                        start=_hm(route.lunch_start),
                        end=_hm(route.lunch_start + s.lunch_break_min),
                        minutes=v.travel_min,
                        time=_hm(v.arrive),
                        stop=_stop_name(v),
                    ),
                )

    def check_lunch(self, route: TeamRoute, offsets: Sequence[int | None]) -> int | None:
        """Check the break's presence and window; return the stop it comes before."""
        s = self.s
        tid = route.team_id
        if s.lunch_break_min <= 0:
            return None
        ls = route.lunch_start
        if ls is None:
            self.add(
                tid,
                0,
                "lunch-missing",
                msg("no {minutes} min lunch break", minutes=s.lunch_break_min),
            )
            return None
        if not s.lunch_earliest <= ls <= s.lunch_latest:
            self.add(
                tid,
                0,
                "lunch-window",
                msg(
                    "lunch starts {time}, outside {earliest}-{latest}",
                    time=_hm(ls),
                    earliest=_hm(s.lunch_earliest),
                    latest=_hm(s.lunch_latest),
                ),
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
            msg(
                "lunch at {time} does not fall between two stops (it overlaps a stop, or "
                "comes before the first or after the last)",
                time=_hm(ls),
            ),
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
                        msg(
                            "team {team} already observes tabulation at DEC {dec}",
                            team=first_tid,
                            dec=key,
                        ),
                    )
                else:
                    self.add(
                        tid,
                        seq,
                        "shared-station",
                        msg(
                            "{station} is already observed at {phase} by team {team}",
                            station=key,
                            phase=phase_name(phase),
                            team=first_tid,
                        ),
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
                        msg(
                            "the team is already at {station} (stop {seq})",
                            station=v.ps_id,
                            seq=first_seq[v.ps_id],
                        ),
                    )
                else:
                    first_seq[v.ps_id] = seq


def _stop_name(v: Visit) -> str:
    return v.ps_id if v.ps_id else msg("DEC {dec}", dec=v.dec_id)


def validate_plan(
    mission: Mission, plan: Plan, *, travel: TravelProvider | None = None
) -> list[Violation]:
    """Every rule ``plan`` breaks, in plan order then exclusivity; ``[]`` = valid.

    ``travel`` is what the legs are compared with (default: the mission's provider,
    :func:`planner.travel.provider_for`).
    """
    provider = travel if travel is not None else provider_for(mission.settings)
    return _Checker(mission, plan, provider).run()
