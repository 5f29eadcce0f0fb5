"""How the day model times a resolved day: driving limits, the schedule of each stop,
the lunch break and the duty of care. Part of :mod:`planner.day`; import from there.
"""

from __future__ import annotations

from planner.day_rules import (
    InfeasibleRoute,
    counting_deadline,
    counting_end,
    driving_allowed,
    leg_allowed,
    lunch_start_after,
    opening_deadline,
    opening_end,
    tabulation_end,
    voting_departure,
)
from planner.day_stops import _Place
from planner.i18n import duration as _duration
from planner.i18n import msg
from planner.model import Mission, Settings, TeamRoute, Visit
from planner.presentation import format_hhmm as _hm
from planner.travel import TravelProvider


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
