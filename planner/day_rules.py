"""The named rules of the day model, each once, and the stop and error types.

See :mod:`planner.day` for the rules in words; import from there.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.errors import PlanningError
from planner.model import Phase, PollingStation, Settings, Visit

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
