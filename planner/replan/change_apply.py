"""Apply checked changes to a mission's data: one function per change kind
(:data:`_APPLIERS`), each saying whether it changed anything (applying the same file
twice changes nothing more); and record the effective ones in the change log."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planner.io.mission import record
from planner.model import Mission, PollingStation, Team
from planner.replan import observer_changes
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


@dataclass(frozen=True, slots=True)
class Applied:
    """What applying one change did to the mission's data."""

    change: Change
    effective: bool  # False: already in effect (a no-op)
    note: str = ""


def blocked_areas(mission: Mission) -> list[BaseGeometry]:
    """Areas blocked by ``area_blocked`` changes recorded in the mission's change log."""
    out: list[BaseGeometry] = []
    for rec in mission.change_log:
        if rec.kind != "area_blocked":
            continue
        try:
            points = json.loads(rec.detail)["polygon"]
            out.append(Polygon([(float(x), float(y)) for x, y in points]))
        except (ValueError, KeyError, TypeError):
            continue  # a hand-edited entry that is not a polygon: ignore it
    return out


def _same_area(a: BaseGeometry, b: BaseGeometry) -> bool:
    return bool(a.symmetric_difference(b).area <= 1e-9 * max(a.area, 1e-12))


@dataclass
class _Data:
    """The mission's stations, teams and blocked areas as changes leave them."""

    stations: dict[str, PollingStation]
    teams: dict[str, Team]
    areas: list[BaseGeometry]


#: (whether the change did anything, a note on what it did)
Effect = tuple[bool, str]


def _team_unavailable(d: _Data, c: TeamUnavailable) -> Effect:
    team = d.teams[c.team_id]
    d.teams[c.team_id] = replace(team, available=False)
    return team.available, ""


def _team_added(d: _Data, c: TeamAdded) -> Effect:
    old = d.teams.get(c.team_id)
    if old is None:
        d.teams[c.team_id] = Team(
            c.team_id,
            c.base_id,
            c.members,
            True,
            c.lat,
            c.lon,
            c.driver,
            c.interpreter,
            c.phone,
        )
        return True, ""
    effective = not old.available
    d.teams[c.team_id] = replace(old, available=True)
    return effective, "team existed: made available again" if effective else "team exists"


def _station_closed(d: _Data, c: StationClosed) -> Effect:
    ps = d.stations[c.ps_id]
    d.stations[c.ps_id] = replace(ps, status="closed")
    return ps.status != "closed", ""


def _station_moved(d: _Data, c: StationMoved) -> Effect:
    ps = d.stations[c.ps_id]
    d.stations[c.ps_id] = replace(ps, lat=c.lat, lon=c.lon)
    return (ps.lat, ps.lon) != (c.lat, c.lon), ""


def _voting_hours(d: _Data, c: VotingHours) -> Effect:
    ps = d.stations[c.ps_id]
    shifted = replace(
        ps,
        open_time=ps.open_time if c.open_time is None else c.open_time,
        close_time=ps.close_time if c.close_time is None else c.close_time,
    )
    d.stations[c.ps_id] = shifted
    return shifted != ps, ""


def _priority(d: _Data, c: PriorityChange) -> Effect:
    ids = [c.ps_id] if c.ps_id else [p.ps_id for p in d.stations.values() if p.dec_id == c.dec_id]
    effective = any(d.stations[i].priority != c.weight for i in ids)
    for i in ids:
        d.stations[i] = replace(d.stations[i], priority=c.weight)
    return effective, ""


def _area_blocked(d: _Data, c: AreaBlocked) -> Effect:
    shape = c.geometry
    effective = not any(_same_area(shape, a) for a in d.areas)
    if effective:
        d.areas.append(shape)
    return effective, ""


def _pin(d: _Data, c: Pin) -> Effect:
    del d, c
    return True, ""  # decided against the plan when re-planning


#: Change type -> how it is applied (observer changes: :mod:`observer_changes`).
_APPLIERS: dict[type[Any], Callable[[_Data, Any], Effect]] = {
    TeamUnavailable: _team_unavailable,
    TeamAdded: _team_added,
    StationClosed: _station_closed,
    StationMoved: _station_moved,
    VotingHours: _voting_hours,
    PriorityChange: _priority,
    AreaBlocked: _area_blocked,
    Pin: _pin,
}


def apply_changes(mission: Mission, changes: Sequence[Change]) -> tuple[Mission, list[Applied]]:
    """The mission's data with ``changes`` applied, and what each change did.

    Does not touch plans or the change log (see :func:`record_changes`); an
    ``area_blocked`` or ``pin`` change has its effect at re-planning time.
    """
    d = _Data(
        stations={p.ps_id: p for p in mission.polling_stations},
        teams={t.team_id: t for t in mission.teams},
        areas=blocked_areas(mission),
    )
    done: list[Applied] = []
    for c in changes:
        applier = _APPLIERS.get(type(c))
        effective, note = applier(d, c) if applier is not None else (True, "")
        done.append(Applied(c, effective, note))
    new = replace(
        mission,
        polling_stations=tuple(d.stations[p.ps_id] for p in mission.polling_stations)
        + tuple(p for i, p in d.stations.items() if i not in mission.station_by_id),
        teams=tuple(d.teams[t.team_id] for t in mission.teams)
        + tuple(t for i, t in d.teams.items() if i not in mission.team_by_id),
    )
    new, by_observer = observer_changes.apply(new, changes)
    for k, (effective, note) in by_observer.items():
        done[k] = Applied(changes[k], effective, note)
    return new, done


def record_changes(
    mission: Mission, applied: Sequence[Applied], plan_revision: int, source: str = ""
) -> Mission:
    """``mission`` with one change-log entry per effective change."""
    for a in applied:
        if not a.effective:
            continue
        detail = a.change.detail()
        if source:
            detail["source"] = f"{source}:{a.change.line}" if a.change.line else source
        mission = record(mission, a.change.kind, detail, plan_revision)
    return mission
