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

This module is the public face: the named rules and the stop/error types live in
:mod:`planner.day_rules`, resolving stops in :mod:`planner.day_stops`, and timing
(driving, schedule, lunch, duty of care) in :mod:`planner.day_schedule`; import
them from here.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.day_rules import (
    InfeasibleRoute,
    StopRef,
    can_reach_opening,
    counting_deadline,
    counting_end,
    driving_allowed,
    leg_allowed,
    lunch_start_after,
    opening_deadline,
    opening_end,
    tabulation_end,
    visit_still_fits,
    voting_departure,
)
from planner.day_schedule import _check_driving, _duty_of_care, _schedule, _with_lunch
from planner.day_stops import _resolve
from planner.i18n import msg
from planner.model import Mission, TeamRoute
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


def stops_of(route: TeamRoute) -> list[StopRef]:
    """The stops of a timed route (to edit and re-time it)."""
    return [
        StopRef(v.phase, ps_id=v.ps_id, dec_id=v.dec_id if not v.ps_id else "", pinned=v.pinned)
        for v in route.visits
    ]


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
