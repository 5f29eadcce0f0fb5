"""Which teams a change touches directly (before any repair), and a preview of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shapely.geometry.base import BaseGeometry

from planner.day import visit_still_fits
from planner.i18n import msg, phase_name
from planner.model import Mission, Phase, Plan, TeamRoute
from planner.replan.changes import (
    Applied,
    AreaBlocked,
    Change,
    Pin,
    apply_changes,
    blocked_areas,
    check_changes,
)
from planner.replan.workspace import Workspace
from planner.travel import TravelProvider, provider_for

__all__ = ["affected_teams", "new_areas", "preview", "touched_by"]


def affected_teams(
    before: Mission, after: Mission, plan: Plan, ws: Workspace, changes: Sequence[Change] = ()
) -> dict[str, list[str]]:
    """team_id -> why its day must be repaired (direct effects of the changes)."""
    why: dict[str, list[str]] = {}

    def touch(team: str, reason: str) -> None:
        why.setdefault(team, [])
        if reason not in why[team]:
            why[team].append(reason)

    for r in plan.routes:
        for reason in _route_reasons(before, after, r, ws):
            touch(r.team_id, reason)
    holder = {(v.phase, v.key): t for t, _, v in plan.visits()}
    any_holder = {v.key: t for t, _, v in plan.visits()}
    for c in changes:
        if isinstance(c, Pin):
            for team, reason in _pin_touches(after, plan, c, holder, any_holder):
                touch(team, reason)
    return why


def _route_reasons(before: Mission, after: Mission, r: TeamRoute, ws: Workspace) -> list[str]:
    """Why the changed mission breaks this day: team gone, stations closed, moved,
    re-timed, a blocked area on the way."""
    team = after.team_by_id.get(r.team_id)
    if team is None or not team.available:
        return [msg("team unavailable")] if r.visits else []
    out: list[str] = []
    for v in r.visits:
        if not v.ps_id:
            continue
        ps, old = after.station_by_id.get(v.ps_id), before.station_by_id.get(v.ps_id)
        if ps is None or ps.status != "open" or not ps.located:
            out.append(msg("{station} closed", station=v.ps_id))
        elif (ps.lat, ps.lon) != (v.lat, v.lon):
            out.append(msg("{station} moved", station=v.ps_id))
        elif (
            old is not None and (old.open_time, old.close_time) != (ps.open_time, ps.close_time)
        ) or not visit_still_fits(ps, v, after.settings):
            out.append(msg("{station} hours changed", station=v.ps_id))
    if ws.crossing(r):
        out.append(msg("blocked area on its route"))
    return out


def _pin_touches(
    after: Mission,
    plan: Plan,
    c: Pin,
    holder: Mapping[tuple[Phase, str], str],
    any_holder: Mapping[str, str],
) -> list[tuple[str, str]]:
    """(team, why) for the team receiving a pinned stop and the teams giving it up."""
    route = plan.route(c.team_id)
    if route is not None and any(
        v.phase == c.phase and v.key == c.key and v.pinned for v in route.visits
    ):
        return []  # already pinned: nothing to do
    out: list[tuple[str, str]] = [
        (
            c.team_id,
            msg("pin {stop} ({phase})", stop=c.ps_id or c.dec_id, phase=phase_name(c.phase)),
        )
    ]
    other = holder.get((c.phase, c.key)) or any_holder.get(c.key)
    if other and other != c.team_id:
        out.append(
            (other, msg("gives {stop} to {team} (pin)", stop=c.ps_id or c.dec_id, team=c.team_id))
        )
    if c.phase in ("counting", "tabulation"):
        dec_id = c.dec_id or after.station_by_id[c.ps_id].dec_id
        tab = holder.get(("tabulation", f"DEC:{dec_id}"))
        if tab and tab != c.team_id:
            out.append(
                (tab, msg("gives DEC {dec} tabulation to {team} (pin)", dec=dec_id, team=c.team_id))
            )
    return out


def new_areas(applied: Sequence[Applied]) -> list[BaseGeometry]:
    return [a.change.geometry for a in applied if a.effective and isinstance(a.change, AreaBlocked)]


def preview(mission: Mission, changes: Sequence[Change]) -> list[list[str]]:
    """For each change, the teams of the current plan it touches directly.

    Each change is judged on its own against the mission as it is. An unavailable
    team's neighbours and a priority's helpers are decided only when
    re-planning; they are not listed. Raises InputError like :func:`replan`.
    """
    plan = mission.current_plan
    check_changes(mission, changes)
    if plan is None:
        return [[] for _ in changes]
    provider = provider_for(mission.settings)
    return [touched_by(mission, change, travel=provider) for change in changes]


def touched_by(
    mission: Mission, change: Change, *, travel: TravelProvider | None = None
) -> list[str]:
    """The teams of the current plan one (already checked) change touches directly."""
    plan = mission.current_plan
    if plan is None:
        return []
    after, applied = apply_changes(mission, [change])
    provider = travel if travel is not None else provider_for(mission.settings)
    ws = Workspace(after, plan.routes, provider, blocked_areas(after) + new_areas(applied))
    return sorted(affected_teams(mission, after, plan, ws, [change]))
