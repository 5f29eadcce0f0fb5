"""What a re-plan did, team by team: the rows of ``changes.csv`` and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from planner.model import Mission, Plan, TeamRoute, Visit
from planner.replan.changes import Applied

__all__ = ["ReplanResult", "TeamChange", "TeamStatus", "diff_route", "same_day", "stop_label"]


TeamStatus = Literal["changed", "unchanged", "removed", "added"]


@dataclass(frozen=True, slots=True)
class TeamChange:
    """What a re-plan did to one team's day (a row of ``changes.csv``)."""

    team_id: str
    status: TeamStatus
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    retimed: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class ReplanResult:
    """The re-planned mission (changes applied and recorded, new plan stored)."""

    mission: Mission
    plan: Plan
    base_plan: Plan
    teams: tuple[TeamChange, ...]
    applied: tuple[Applied, ...]
    touched: tuple[str, ...]  # teams a change touched directly
    helpers: tuple[str, ...]  # neighbours asked to take over stops
    warnings: tuple[str, ...] = ()
    stats: dict[str, float] = field(default_factory=dict)

    @property
    def changed_teams(self) -> list[str]:
        """Teams whose sheet must be (re)printed: changed or added."""
        return [t.team_id for t in self.teams if t.status in ("changed", "added")]

    @property
    def is_new_revision(self) -> bool:
        return self.plan.revision != self.base_plan.revision

    def revision_notes(self) -> dict[str, str]:
        """team_id -> the revision line printed on its new route sheet."""
        if not self.is_new_revision:
            return {}
        when = self.plan.created.replace("T", " ")[:16] + " UTC" if self.plan.created else ""
        note = f"Revision {self.plan.revision}, {when} — replaces the sheet of revision "
        return {t: note + str(self.base_plan.revision) for t in self.changed_teams}


def stop_label(v: Visit) -> str:
    """How a stop is named in changes.csv: the ps_id for a voting visit, else phase:id."""
    if v.phase == "voting":
        return v.ps_id
    return f"{v.phase}:{v.ps_id or v.dec_id}"


def diff_route(
    team_id: str, old: TeamRoute | None, new: TeamRoute | None, why: str = ""
) -> TeamChange:
    """Stops added, removed and re-timed between two versions of a team's day."""
    if old is None and new is None:
        return TeamChange(team_id, "unchanged", why=why)
    old_v = {(v.phase, v.key): v for v in old.visits} if old else {}
    new_v = {(v.phase, v.key): v for v in new.visits} if new else {}
    added = tuple(stop_label(v) for k, v in new_v.items() if k not in old_v)
    removed = tuple(stop_label(v) for k, v in old_v.items() if k not in new_v)
    retimed = tuple(
        stop_label(v)
        for k, v in new_v.items()
        if k in old_v and (old_v[k].arrive, old_v[k].depart) != (v.arrive, v.depart)
    )
    if old is None or not old.visits:
        status: TeamStatus = "added" if new is not None and new.visits else "unchanged"
    elif new is None or not new.visits:
        status = "removed"
    elif same_day(old, new):
        status = "unchanged"
    else:
        status = "changed"
    return TeamChange(team_id, status, added, removed, retimed, why)


def same_day(a: TeamRoute, b: TeamRoute) -> bool:
    """The same day on the road (start, departure, stops and times, break)."""
    return (a.start_lat, a.start_lon, a.depart_start, a.visits, a.lunch_start) == (
        b.start_lat,
        b.start_lon,
        b.depart_start,
        b.visits,
        b.lunch_start,
    )
