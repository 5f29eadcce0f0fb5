"""The day model: time a team's sequence of stops, or say why it cannot work.

:func:`time_route` is the one place where a team's day is timed. The solver times
every final route with it, the re-planner and the GUI call it to check edits. The
rules (all parameters are mission :class:`~planner.model.Settings`; see
``docs/planning.md``):

* Stops come in phase order: at most one **opening** (first), any number of
  **voting** visits, at most one **counting** station, at most one **tabulation**
  stop (last, right after counting, at the DEC of the counting station). A team is
  at a station once (not twice in one phase, nor in two phases). Closed stations
  and stations without a location (abroad) cannot be visited.
* The team leaves its overnight location at ``depart_start`` (local time of the first
  stop's region), not before ``earliest_departure``, as late as still works: it is at
  its first stop exactly when that stop needs it.
* **Opening**: be there ``arrive_before_open_min`` before that station's own
  ``open_time`` (``arrive <= open - arrive_before_open_min``); stay until
  ``open + opening_observation_min``.
* **Voting**: arrive, wait if the station has not opened, observe
  ``voting_observation_min`` from ``max(arrive, open)``; leave no later than ``close``.
* **Counting**: ``arrive <= close - arrive_before_close_min``; stay until
  ``close + count_duration_min``.
* **Tabulation**: at the counting station's DEC, arrive after the count (drive from the
  station), stay ``tabulation_observation_min``, leave no later than ``latest_end``.
* Every leg ``<= max_leg_min``; all legs together ``<= max_driving_min`` (the drive
  home after the last stop is not part of it).
* **Duty of care**: from leaving the overnight location to being back there after
  the last stop (the drive home included) at most ``max_working_day_min``; driving
  after ``night_from`` (the drive home included) at most ``max_night_driving_min``
  (0 = no limit). A day that breaks either fails at its last stop.
* **Lunch** (when ``lunch_break_min > 0``): exactly one break, taken between two
  consecutive stops *k* and *k+1*: ``visit_k.depart <= lunch_start``,
  ``lunch_earliest <= lunch_start <= lunch_latest`` and
  ``lunch_start + lunch_break_min + travel_min(k+1) <= visit_{k+1}.arrive``, where
  ``lunch_start`` and the window are in the local time of stop *k*'s region (and a
  leg that crosses a time-zone border adds the offset difference to the right side).
  Of the gaps where the break fits, the one that delays the team least is chosen
  (earliest arrival at the counting station; ties: the earlier gap).
* Times are local minutes of each stop's own region (``Region.utc_offset_min``): a leg
  from a UTC+6 stop to a UTC+5 stop arrives at ``depart + travel - 60`` local time.
* ``Visit.arrive`` is when the team gets there (it may then wait); ``Visit.depart``
  when it leaves.
"""

# size: the one day model: every rule of a team's day in one file, on purpose (issue 10)
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planner.errors import PlanningError
from planner.i18n import duration as _duration
from planner.i18n import msg, phase_name
from planner.model import (
    PHASES,
    Mission,
    Phase,
    PollingStation,
    Settings,
    TeamRoute,
    Visit,
)
from planner.presentation import format_hhmm as _hm
from planner.travel import TravelProvider, provider_for

__all__ = [
    "InfeasibleRoute",
    "StopRef",
    "can_reach_opening",
    "counting_deadline",
    "counting_end",
    "driving_allowed",
    "leg_allowed",
    "lunch_start_after",
    "opening_deadline",
    "opening_end",
    "stops_of",
    "tabulation_end",
    "time_route",
    "visit_still_fits",
    "voting_departure",
]


# --------------------------------------------------------------------------- the rules
# Each rule of the day once; time_route and everyone who needs a quick check
# (anchors, re-plan, alternates) ask these instead of restating them.


def opening_deadline(open_time: int, s: Settings) -> int:
    """Latest arrival at the opening station (local minutes)."""
    return open_time - s.arrive_before_open_min


def opening_end(open_time: int, s: Settings) -> int:
    """When the team leaves the opening station."""
    return open_time + s.opening_observation_min


def voting_departure(arrive: int, open_time: int, s: Settings) -> int:
    """When a voting visit that arrives at ``arrive`` ends (it waits for the opening)."""
    return max(arrive, open_time) + s.voting_observation_min


def counting_deadline(close_time: int, s: Settings) -> int:
    """Latest arrival at the counting station."""
    return close_time - s.arrive_before_close_min


def counting_end(close_time: int, s: Settings) -> int:
    """When the count is over and the team leaves the counting station."""
    return close_time + s.count_duration_min


def tabulation_end(arrive: int, s: Settings) -> int:
    """When the team leaves the DEC, having arrived at ``arrive``."""
    return arrive + s.tabulation_observation_min


def leg_allowed(minutes: int, s: Settings) -> bool:
    """Whether one leg is within the longest drive allowed."""
    return minutes <= s.max_leg_min


def driving_allowed(minutes: int, s: Settings) -> bool:
    """Whether a day's driving in total is within the limit."""
    return minutes <= s.max_driving_min


def can_reach_opening(open_time: int, leg: int, s: Settings) -> bool:
    """Whether a team leaving no earlier than ``earliest_departure`` is at a station
    that opens at ``open_time``, ``leg`` minutes away, in time to observe the opening."""
    return leg_allowed(leg, s) and opening_deadline(open_time, s) - leg >= s.earliest_departure


def lunch_start_after(ready: int, s: Settings) -> int | None:
    """When the lunch break starts for a team free from ``ready`` (None: too late)."""
    start = max(ready, s.lunch_earliest)
    return start if start <= s.lunch_latest else None


def visit_still_fits(ps: PollingStation, v: Visit, s: Settings) -> bool:
    """Whether a timed visit still works with the station's (possibly new) hours."""
    if v.phase == "opening":
        return v.arrive <= opening_deadline(ps.open_time, s)
    if v.phase == "voting":
        return voting_departure(v.arrive, ps.open_time, s) <= min(v.depart, ps.close_time)
    if v.phase == "counting":
        return v.arrive <= counting_deadline(ps.close_time, s) and v.depart >= counting_end(
            ps.close_time, s
        )
    return True


@dataclass(frozen=True, slots=True)
class StopRef:
    """One planned stop before it is timed: a station (or, for tabulation, a DEC)."""

    phase: Phase
    ps_id: str = ""  # station for opening/voting/counting
    dec_id: str = ""  # DEC for tabulation (ps_id empty); empty = the counting station's
    pinned: bool = False

    @property
    def key(self) -> str:
        return self.ps_id if self.ps_id else f"DEC:{self.dec_id}"


class InfeasibleRoute(PlanningError):
    """A route that breaks the day model: ``seq`` is the 1-based stop (0 = the whole route)."""

    def __init__(self, team_id: str, seq: int, reason: str) -> None:
        self.team_id = team_id
        self.seq = seq
        self.reason = reason
        where = f"stop {seq}" if seq else "route"
        super().__init__(f"team {team_id}, {where}: {reason}")


@dataclass(frozen=True, slots=True)
class _Place:
    """A stop resolved against the mission."""

    ref: StopRef
    label: str
    ps_id: str
    dec_id: str
    region_id: str
    offset: int  # minutes east of UTC
    lat: float
    lon: float
    open_time: int
    close_time: int


def stops_of(route: TeamRoute) -> list[StopRef]:
    """The stops of a timed route (to edit and re-time it)."""
    return [
        StopRef(v.phase, ps_id=v.ps_id, dec_id=v.dec_id if not v.ps_id else "", pinned=v.pinned)
        for v in route.visits
    ]


_Bad = Callable[[str], InfeasibleRoute]


def _resolve(mission: Mission, team_id: str, stops: Sequence[StopRef]) -> list[_Place]:
    """Check each stop exists and can be visited, and the phases come in order."""
    places: list[_Place] = []
    seen: dict[str, int] = {}  # ps_id -> seq
    counting: _Place | None = None
    for seq, ref in enumerate(stops, start=1):

        def bad(reason: str, seq: int = seq) -> InfeasibleRoute:
            return InfeasibleRoute(team_id, seq, reason)

        prev_phase = places[-1].ref.phase if places else None
        _check_order(ref, seq, len(stops), prev_phase, has_counting=counting is not None, bad=bad)
        if ref.phase == "tabulation":
            assert counting is not None  # _check_order made sure
            places.append(_dec_place(mission, ref, counting, bad))
            continue
        place = _station_place(mission, ref, seen, seq, bad)
        if ref.phase == "counting":
            counting = place
        places.append(place)
    return places


def _check_order(
    ref: StopRef, seq: int, n: int, prev_phase: str | None, *, has_counting: bool, bad: _Bad
) -> None:
    """Phases in order: opening first, voting, one count, tabulation right after it."""
    if ref.phase not in PHASES:
        raise bad(msg("unknown phase {phase!r}", phase=ref.phase))
    if ref.phase == "opening" and seq != 1:
        raise bad(msg("the opening station must be the first stop of the day"))
    if ref.phase == "voting" and prev_phase not in (None, "opening", "voting"):
        raise bad(
            msg("a voting visit cannot come after {phase}", phase=phase_name(prev_phase or ""))
        )
    if ref.phase == "counting" and prev_phase not in (None, "opening", "voting"):
        raise bad(msg("a team observes only one count"))
    if ref.phase == "tabulation":
        if prev_phase != "counting" or not has_counting:
            raise bad(msg("tabulation must follow the counting station directly"))
        if seq != n:
            raise bad(msg("tabulation must be the last stop of the day"))


def _dec_place(mission: Mission, ref: StopRef, counting: _Place, bad: _Bad) -> _Place:
    """The tabulation stop: the counting station's DEC."""
    dec_id = ref.dec_id or counting.dec_id
    dec = mission.dec_by_id.get(dec_id)
    if dec is None:
        raise bad(msg("unknown DEC {dec!r}", dec=dec_id))
    if dec_id != counting.dec_id:
        raise bad(
            msg(
                "tabulation at DEC {dec}, but the counting station {station} belongs to "
                "DEC {station_dec}",
                dec=dec_id,
                station=counting.label,
                station_dec=counting.dec_id,
            )
        )
    region = mission.region_by_id.get(dec.region_id)
    if region is None:
        raise bad(
            msg("DEC {dec} is in unknown region {region!r}", dec=dec_id, region=dec.region_id)
        )
    return _Place(
        ref,
        msg("DEC {dec} ({name})", dec=dec_id, name=dec.name),
        "",
        dec_id,
        dec.region_id,
        region.utc_offset_min,
        dec.lat,
        dec.lon,
        0,
        0,
    )


def _station_place(
    mission: Mission, ref: StopRef, seen: dict[str, int], seq: int, bad: _Bad
) -> _Place:
    """An opening, voting or counting stop: an open, located station, once a day."""
    ps = mission.station_by_id.get(ref.ps_id)
    if ps is None:
        raise bad(msg("unknown polling station {station!r}", station=ref.ps_id))
    label = msg("{station} (No. {pec})", station=ps.ps_id, pec=ps.pec_number)
    if ps.status == "closed":
        raise bad(msg("{station} is closed", station=label))
    if not ps.located or ps.lat is None or ps.lon is None:
        raise bad(msg("{station} has no location a team can drive to", station=label))
    if ps.ps_id in seen:
        raise bad(
            msg("{station} is already stop {seq} of this team", station=label, seq=seen[ps.ps_id])
        )
    seen[ps.ps_id] = seq
    region = mission.region_by_id.get(ps.region_id)
    if region is None:
        raise bad(
            msg("{station} is in unknown region {region!r}", station=label, region=ps.region_id)
        )
    return _Place(
        ref,
        label,
        ps.ps_id,
        ps.dec_id,
        ps.region_id,
        region.utc_offset_min,
        ps.lat,
        ps.lon,
        ps.open_time,
        ps.close_time,
    )


def time_route(
    mission: Mission,
    team_id: str,
    start: tuple[float, float],
    stops: Sequence[StopRef],
    *,
    travel: TravelProvider | None = None,
) -> TeamRoute:
    """Time ``stops`` for team ``team_id`` leaving ``start`` (lat, lon) by the day model.

    Returns the timed :class:`TeamRoute`; raises :class:`InfeasibleRoute` naming the
    first stop that cannot work and why, in words a user understands.
    """
    s = mission.settings
    team = mission.team_by_id.get(team_id)
    if team is None:
        raise InfeasibleRoute(team_id, 0, msg("no team {team!r} in the mission", team=team_id))
    if not stops:
        return TeamRoute(team_id, start[0], start[1], s.earliest_departure)
    places = _resolve(mission, team_id, stops)
    provider = travel if travel is not None else provider_for(s)
    legs: list[tuple[int, float]] = []
    prev = start
    for place in places:
        here = (place.lat, place.lon)
        legs.append(provider.leg(prev, here))
        prev = here
    _check_driving(team_id, places, legs, s)
    # The route must work without the break before the break is placed: that gives
    # the clearest reason when it does not.
    plain = _schedule(mission, team_id, start, places, legs, lunch_gap=None)
    if s.lunch_break_min <= 0:
        _duty_of_care(mission, plain, places, provider)
        return plain
    best = _with_lunch(mission, team_id, start, places, legs)
    _duty_of_care(mission, best, places, provider)
    return best


def _check_driving(
    team_id: str, places: list[_Place], legs: list[tuple[int, float]], s: Settings
) -> None:
    """Every leg within the longest allowed, the day's driving within the limit."""
    total = 0
    for seq, (place, (minutes, _km)) in enumerate(zip(places, legs, strict=True), start=1):
        if not leg_allowed(minutes, s):
            raise InfeasibleRoute(
                team_id,
                seq,
                msg(
                    "the drive to {place} takes {time}, longer than the longest leg allowed "
                    "({limit})",
                    place=place.label,
                    time=_duration(minutes),
                    limit=_duration(s.max_leg_min),
                ),
            )
        total += minutes
    if not driving_allowed(total, s):
        raise InfeasibleRoute(
            team_id,
            0,
            msg(
                "{time} of driving in the day, more than the limit of {limit}",
                time=_duration(total),
                limit=_duration(s.max_driving_min),
            ),
        )


def _with_lunch(
    mission: Mission,
    team_id: str,
    start: tuple[float, float],
    places: list[_Place],
    legs: list[tuple[int, float]],
) -> TeamRoute:
    """The day with its break in the gap that delays the team least (see module doc)."""
    s = mission.settings
    best: TeamRoute | None = None
    best_key: tuple[int, int] | None = None
    worst_err: InfeasibleRoute | None = None
    for gap in range(1, len(places)):
        try:
            route = _schedule(mission, team_id, start, places, legs, lunch_gap=gap)
        except InfeasibleRoute as err:
            if worst_err is None or err.seq > worst_err.seq:
                worst_err = err
            continue
        key = (_delay_key(route), gap)
        if best_key is None or key < best_key:
            best, best_key = route, key
    if best is not None:
        return best
    window = f"{_hm(s.lunch_earliest)}-{_hm(s.lunch_latest)}"
    reason = msg(
        "no room for the {time} lunch break starting {window} between two stops",
        time=_duration(s.lunch_break_min),
        window=window,
    )
    if worst_err is not None:
        raise InfeasibleRoute(
            team_id,
            worst_err.seq,
            msg("{reason} (with it: {why})", reason=reason, why=worst_err.reason),
        )
    raise InfeasibleRoute(
        team_id, 0, msg("{reason} (a day with a break needs two stops)", reason=reason)
    )


def _delay_key(route: TeamRoute) -> int:
    """Arrival at the counting station (else the last departure): lower = less delay."""
    for v in route.visits:
        if v.phase == "counting":
            return v.arrive
    return route.visits[-1].depart


def _schedule(
    mission: Mission,
    team_id: str,
    start: tuple[float, float],
    places: list[_Place],
    legs: list[tuple[int, float]],
    *,
    lunch_gap: int | None,
) -> TeamRoute:
    """Earliest-time schedule; the lunch break (if any) after stop ``lunch_gap`` (1-based)."""
    s = mission.settings
    first = places[0]
    depart_start = _depart_start(first, legs[0][0], s)
    visits: list[Visit] = []
    lunch_start: int | None = None
    t = depart_start  # local time of prev_offset
    prev_offset = first.offset
    for seq, (place, (minutes, km)) in enumerate(zip(places, legs, strict=True), start=1):
        shift = place.offset - prev_offset
        if lunch_gap is not None and seq == lunch_gap + 1:
            lunch_start = lunch_start_after(t, s)
            if lunch_start is None:
                raise InfeasibleRoute(
                    team_id,
                    seq - 1,
                    msg(
                        "leaves {place} at {time}, after the latest lunch start {latest}",
                        place=places[seq - 2].label,
                        time=_hm(t),
                        latest=_hm(s.lunch_latest),
                    ),
                )
            t = lunch_start + s.lunch_break_min
        arrive = t + minutes + shift
        depart = _stay(mission, team_id, seq, place, arrive)
        visits.append(
            Visit(
                phase=place.ref.phase,
                ps_id=place.ps_id,
                dec_id=place.dec_id,
                region_id=place.region_id,
                lat=place.lat,
                lon=place.lon,
                arrive=arrive,
                depart=depart,
                travel_min=minutes,
                travel_km=round(km, 1),
                pinned=place.ref.pinned,
            )
        )
        t = depart
        prev_offset = place.offset
    return TeamRoute(
        team_id=team_id,
        start_lat=start[0],
        start_lon=start[1],
        depart_start=depart_start,
        visits=tuple(visits),
        lunch_start=lunch_start,
    )


def _depart_start(first: _Place, leg0: int, s: Settings) -> int:
    """Leave as late as still works: at the first stop exactly when it needs the team."""
    ph = first.ref.phase
    if ph == "opening":
        wanted = opening_deadline(first.open_time, s)
    elif ph == "voting":
        wanted = first.open_time
    else:  # counting first (no opening, no voting)
        wanted = counting_deadline(first.close_time, s)
    return max(s.earliest_departure, wanted - leg0)


def _stay(mission: Mission, team_id: str, seq: int, place: _Place, arrive: int) -> int:
    """When the team leaves ``place`` having arrived at ``arrive``; raises if it cannot."""
    s = mission.settings
    phase = place.ref.phase
    if phase == "opening":
        latest = opening_deadline(place.open_time, s)
        if arrive > latest:
            raise InfeasibleRoute(
                team_id,
                seq,
                msg(
                    "arrives {time} at {place}, after {latest} = {minutes} min before it opens",
                    time=_hm(arrive),
                    place=place.label,
                    latest=_hm(latest),
                    minutes=s.arrive_before_open_min,
                ),
            )
        return opening_end(place.open_time, s)
    if phase == "voting":
        leave = voting_departure(arrive, place.open_time, s)
        if leave > place.close_time:
            raise InfeasibleRoute(
                team_id,
                seq,
                msg(
                    "arrives {time} at {place} and would leave {leave}, after it closes at "
                    "{close} ({minutes} min observation)",
                    time=_hm(arrive),
                    place=place.label,
                    leave=_hm(leave),
                    close=_hm(place.close_time),
                    minutes=s.voting_observation_min,
                ),
            )
        return leave
    return _stay_evening(mission, team_id, seq, place, arrive)


def _stay_evening(mission: Mission, team_id: str, seq: int, place: _Place, arrive: int) -> int:
    """:func:`_stay` for the counting station and the DEC."""
    s = mission.settings
    if place.ref.phase == "counting":
        latest = counting_deadline(place.close_time, s)
        if arrive > latest:
            raise InfeasibleRoute(
                team_id,
                seq,
                msg(
                    "arrives {time} at {place}, after {latest} = {minutes} min before it closes",
                    time=_hm(arrive),
                    place=place.label,
                    latest=_hm(latest),
                    minutes=s.arrive_before_close_min,
                ),
            )
        return counting_end(place.close_time, s)
    # tabulation
    leave = tabulation_end(arrive, s)
    if leave > s.latest_end:
        raise InfeasibleRoute(
            team_id,
            seq,
            msg(
                "arrives {time} at {place} and would leave {leave}, after the latest end of "
                "the day {latest}",
                time=_hm(arrive),
                place=place.label,
                leave=_hm(leave),
                latest=_hm(s.latest_end),
            ),
        )
    return leave


def _duty_of_care(
    mission: Mission, route: TeamRoute, places: list[_Place], provider: TravelProvider
) -> None:
    """The working day (leaving the overnight location to being back, the drive home
    from the last stop included) and the driving after ``night_from`` (the drive home
    included) within their limits (0 = no limit)."""
    s = mission.settings
    if not route.visits or (s.max_working_day_min <= 0 and s.max_night_driving_min <= 0):
        return
    last = route.visits[-1]
    home, _km = provider.leg((last.lat, last.lon), (route.start_lat, route.start_lon))
    back = last.depart + home - (places[-1].offset - places[0].offset)  # first stop's time
    seq = len(route.visits)
    worked = back - route.depart_start
    if 0 < s.max_working_day_min < worked:
        raise InfeasibleRoute(
            route.team_id,
            seq,
            msg(
                "a working day of {time} with the {home} drive home, longer than the limit "
                "of {limit}",
                time=_duration(worked),
                home=_duration(home),
                limit=_duration(s.max_working_day_min),
            ),
        )
    night = max(0, last.depart + home - max(last.depart, s.night_from))
    for v in route.visits:
        night += max(0, v.arrive - max(v.arrive - v.travel_min, s.night_from))
    if 0 < s.max_night_driving_min < night:
        raise InfeasibleRoute(
            route.team_id,
            seq,
            msg(
                "{time} of driving after {night_from} with the drive home, more than the "
                "limit of {limit}",
                time=_duration(night),
                night_from=_hm(s.night_from),
                limit=_duration(s.max_night_driving_min),
            ),
        )
