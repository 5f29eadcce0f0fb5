"""Stages 1-2 of a solve: who is planned, what a re-planned team keeps, where each
team starts and which opening, count and DEC it gets (``deploy.py``, ``anchors.py``)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from planner.errors import PlanningError
from planner.i18n import msg
from planner.model import Mission, Plan, Team, TeamRoute
from planner.solver.anchors import Anchors, Taken, choose_anchors
from planner.solver.deploy import Deployment, deploy, usable_stations
from planner.travel import TravelProvider

__all__ = ["Kept", "Teams", "kept_stops", "place_teams", "teams_to_plan"]


@dataclass(frozen=True, slots=True)
class Teams:
    """The teams of this solve: routes kept exactly, and the teams to plan."""

    kept: list[TeamRoute]  # routes of teams not re-planned, kept exactly
    available: list[Team]  # teams to plan (available ones only)
    replan: set[str]  # the ids asked to be re-planned (empty for a full plan)
    taken: Taken  # stations and DECs of the kept routes


@dataclass(slots=True)
class Kept:
    """What re-planned teams keep of their old day (empty for a full plan)."""

    fixed_opening: dict[str, str] = field(default_factory=dict)
    fixed_counting: dict[str, str] = field(default_factory=dict)
    keep_voting: dict[str, list[str]] = field(default_factory=dict)
    pinned_voting: dict[str, list[str]] = field(default_factory=dict)
    pinned_fixed: dict[str, set[str]] = field(default_factory=dict)  # Visit.key of pins
    starts: dict[str, Deployment] = field(default_factory=dict)
    to_deploy: list[Team] = field(default_factory=list)


def teams_to_plan(
    mission: Mission, base_plan: Plan | None, replan_teams: Collection[str] | None
) -> Teams:
    """Which routes are kept and which teams are planned; raises if there is nothing."""
    kept: list[TeamRoute] = []
    plan_ids: list[str]
    replan = set(replan_teams or ())
    if base_plan is not None and replan_teams is not None:
        kept = [r for r in base_plan.routes if r.team_id not in replan]
        plan_ids = sorted(t for t in replan if t in mission.team_by_id)
    else:
        plan_ids = [t.team_id for t in mission.teams]
    available = [mission.team_by_id[t] for t in plan_ids if mission.team_by_id[t].available]
    if not available and not kept:
        raise PlanningError(msg("no available team to plan: mark at least one team available"))
    taken = Taken()
    for r in kept:
        for v in r.visits:
            if v.phase == "tabulation":
                taken.tabulation.add(v.dec_id)
            else:
                getattr(taken, v.phase).add(v.ps_id)
    return Teams(kept, available, replan, taken)


def kept_stops(
    mission: Mission, teams: Teams, base_plan: Plan | None, replan_teams: Collection[str] | None
) -> Kept:
    """Re-planned teams keep their still-feasible stops (pinned ones always)."""
    base_routes = {r.team_id: r for r in base_plan.routes} if base_plan else {}
    usable = {p.ps_id for p in usable_stations(mission)}
    out = Kept()
    for team in teams.available:
        old = base_routes.get(team.team_id) if replan_teams is not None else None
        if old is None or not old.visits:
            out.to_deploy.append(team)
            continue
        home = next((v.dec_id for v in old.visits if v.phase == "counting"), "")
        out.starts[team.team_id] = Deployment(
            team.team_id, team.base_id, home, old.start_lat, old.start_lon, False
        )
        for v in old.visits:
            ok = v.ps_id in usable and v.ps_id not in getattr(teams.taken, v.phase, set())
            if v.phase == "opening" and ok:
                out.fixed_opening[team.team_id] = v.ps_id
            elif v.phase == "counting" and ok:
                out.fixed_counting[team.team_id] = v.ps_id
            elif v.phase == "voting" and ok:
                out.keep_voting.setdefault(team.team_id, []).append(v.ps_id)
                if v.pinned:
                    out.pinned_voting.setdefault(team.team_id, []).append(v.ps_id)
            if v.pinned and v.phase != "voting":
                out.pinned_fixed.setdefault(team.team_id, set()).add(v.key)
    return out


def _quiet(message: str) -> None:
    return None


def place_teams(
    mission: Mission,
    teams: Teams,
    kept: Kept,
    travel: TravelProvider,
    *,
    say: Callable[[str], None] = _quiet,
) -> dict[str, Anchors]:
    """Deploy the teams without a start and choose every team's anchors (``say``
    tells when the choice of openings and counts begins).

    A kept voting stop that became the team's count is dropped from ``kept.keep_voting``.
    """
    taken = teams.taken
    kept_decs = taken.tabulation | {d.home_dec for d in kept.starts.values()}
    starts = kept.starts
    starts.update(deploy(mission, kept.to_deploy, taken_decs=kept_decs))
    say(msg("choosing opening and counting stations"))
    anchors = choose_anchors(
        mission,
        [starts[t.team_id] for t in teams.available if t.team_id in starts],
        travel,
        taken,
        fixed_opening=kept.fixed_opening,
        fixed_counting=kept.fixed_counting,
        avoid=kept.keep_voting,
        pinned=kept.pinned_voting,
    )
    for team_id, anc in anchors.items():
        if team_id in kept.keep_voting:
            kept.keep_voting[team_id] = [x for x in kept.keep_voting[team_id] if x != anc.counting]
    return anchors
