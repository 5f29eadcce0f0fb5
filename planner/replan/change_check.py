"""Check changes against a mission before applying them: one checker per change kind
(:data:`_CHECKERS`), every problem reported at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import Point

from planner.errors import InputError, Problem
from planner.i18n import msg
from planner.model import Mission, Team, format_hhmm
from planner.replan import observer_input
from planner.replan.change_apply import blocked_areas
from planner.replan.change_types import (
    AreaBlocked,
    Change,
    Pin,
    PriorityChange,
    StationClosed,
    StationMoved,
    TeamAdded,
    TeamUnavailable,
    VotingHours,
)


@dataclass
class _Checks:
    """What the checkers share: the mission, teams as the file leaves them, stations
    closed (before or by the file) and the problems found."""

    mission: Mission
    file: str
    teams: dict[str, Team]
    closed: set[str]
    problems: list[Problem] = field(default_factory=list)

    def bad(self, c: Change, column: str, message: str) -> None:
        self.problems.append(Problem(self.file, c.line, column, message))

    def station(self, c: Change, ps_id: str) -> bool:
        if ps_id not in self.mission.station_by_id:
            self.bad(c, "ps_id", msg("unknown polling station {ps_id}", ps_id=ps_id))
            return False
        return True


def _team_unavailable(k: _Checks, c: TeamUnavailable) -> None:
    if c.team_id not in k.teams:
        k.bad(c, "team_id", msg("unknown team {team_id}", team_id=c.team_id))


def _team_added(k: _Checks, c: TeamAdded) -> None:
    if c.base_id not in k.mission.base_by_id:
        k.bad(c, "base_id", msg("unknown base {base_id}", base_id=c.base_id))
    old = k.teams.get(c.team_id)
    if old is not None and old.base_id != c.base_id:
        k.bad(
            c,
            "team_id",
            msg(
                "team {team_id} exists already, at base {base_id}",
                team_id=c.team_id,
                base_id=old.base_id,
            ),
        )
    k.teams[c.team_id] = Team(c.team_id, c.base_id, c.members)


def _station_closed(k: _Checks, c: StationClosed) -> None:
    k.station(c, c.ps_id)


def _station_moved(k: _Checks, c: StationMoved) -> None:
    if k.station(c, c.ps_id) and k.mission.station_by_id[c.ps_id].kind == "abroad":
        k.bad(c, "ps_id", msg("{ps_id} is abroad: it has no position to move", ps_id=c.ps_id))


def _voting_hours(k: _Checks, c: VotingHours) -> None:
    if not k.station(c, c.ps_id):
        return
    ps = k.mission.station_by_id[c.ps_id]
    opens = ps.open_time if c.open_time is None else c.open_time
    closes = ps.close_time if c.close_time is None else c.close_time
    if closes <= opens:
        column = "open_time" if c.close_time is None else "close_time"
        k.bad(
            c,
            column,
            msg(
                "{ps_id} would close at {closes}, before it opens at {opens}",
                ps_id=c.ps_id,
                closes=format_hhmm(closes),
                opens=format_hhmm(opens),
            ),
        )


def _priority(k: _Checks, c: PriorityChange) -> None:
    if c.dec_id and c.dec_id not in k.mission.dec_by_id:
        k.bad(c, "dec_id", msg("unknown DEC {dec_id}", dec_id=c.dec_id))
    if c.ps_id:
        k.station(c, c.ps_id)


def _pin(k: _Checks, c: Pin) -> None:
    mission = k.mission
    team = k.teams.get(c.team_id)
    if team is None:
        k.bad(c, "team_id", msg("unknown team {team_id}", team_id=c.team_id))
    if c.dec_id and c.dec_id not in mission.dec_by_id:
        k.bad(c, "dec_id", msg("unknown DEC {dec_id}", dec_id=c.dec_id))
    if not (c.ps_id and k.station(c, c.ps_id)):
        return
    region = mission.station_by_id[c.ps_id].region_id
    base = mission.base_by_id.get(team.base_id) if team is not None else None
    if base is not None and region not in base.region_ids:
        k.bad(
            c,
            "ps_id",
            msg(
                "{ps_id} is in region {region}, which the base of team {team_id} ({base_id}) "
                "does not cover",
                ps_id=c.ps_id,
                region=region,
                team_id=c.team_id,
                base_id=base.base_id,
            ),
        )
    if c.ps_id in k.closed:
        k.bad(c, "ps_id", msg("{ps_id} is closed: it cannot be pinned", ps_id=c.ps_id))
    elif not mission.station_by_id[c.ps_id].located:
        k.bad(c, "ps_id", msg("{ps_id} has no position a team can drive to", ps_id=c.ps_id))


#: Change type -> its checker (blocked areas need none; observer changes are checked
#: by :mod:`observer_input`).
_CHECKERS: dict[type[Any], Callable[[_Checks, Any], None]] = {
    TeamUnavailable: _team_unavailable,
    TeamAdded: _team_added,
    StationClosed: _station_closed,
    StationMoved: _station_moved,
    VotingHours: _voting_hours,
    PriorityChange: _priority,
    Pin: _pin,
}


def check_changes(mission: Mission, changes: Sequence[Change], file: str = "") -> None:
    """Refuse changes naming unknown teams, stations, DECs or bases (all at once)."""
    closed = {p.ps_id for p in mission.polling_stations if p.status == "closed"}
    closed |= {c.ps_id for c in changes if isinstance(c, StationClosed)}  # in any order
    k = _Checks(mission, file, dict(mission.team_by_id), closed)
    for c in changes:
        checker = _CHECKERS.get(type(c))
        if checker is not None:
            checker(k, c)
    _check_pins_in_blocked_areas(k, changes)
    # A pin on a team made unavailable anywhere in the file is a contradiction.
    gone = {c.team_id for c in changes if isinstance(c, TeamUnavailable)}
    for c in changes:
        if isinstance(c, Pin) and c.team_id in gone:
            k.bad(
                c,
                "team_id",
                msg("team {team_id} is pinned but also made unavailable", team_id=c.team_id),
            )
    k.problems += observer_input.check(mission, changes, file)
    if k.problems:
        raise InputError(k.problems)


def _check_pins_in_blocked_areas(k: _Checks, changes: Sequence[Change]) -> None:
    """A pin on a station inside a blocked area (known or in this file) cannot work."""
    mission = k.mission
    areas = blocked_areas(mission) + [c.geometry for c in changes if isinstance(c, AreaBlocked)]
    for c in changes:
        if isinstance(c, Pin) and c.ps_id in mission.station_by_id and areas:
            ps = mission.station_by_id[c.ps_id]
            if ps.lat is not None and ps.lon is not None:
                spot = Point(ps.lon, ps.lat)
                if any(a.contains(spot) for a in areas):
                    k.bad(
                        c,
                        "ps_id",
                        msg("{ps_id} is in a blocked area: it cannot be pinned", ps_id=c.ps_id),
                    )
