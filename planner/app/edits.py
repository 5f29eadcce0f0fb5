"""Manual edits of a plan, checked by the day model before they are accepted (use case).

Plain functions (no Qt) from a mission to an :class:`EditResult`: the mission with
the edited plan stored as a new revision (parent = the old one) and a
``manual_edit`` entry in the change log, plus a short description for the undo
stack and what changed for the team (so the window can show it before accepting).
An edit that would break the team's day raises :class:`EditRefused` with the
reason from :func:`planner.day.time_route`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from planner.day import InfeasibleRoute, StopRef, stops_of, time_route
from planner.errors import PlannerError
from planner.i18n import msg
from planner.io.mission import record
from planner.model import Mission, Plan, TeamRoute, format_hhmm
from planner.validate import validate_plan


class EditRefused(PlannerError):
    """The edit would break a rule of the day; ``reason`` says which, in words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class EditResult:
    mission: Mission
    description: str
    team_id: str
    before: TeamRoute | None
    after: TeamRoute | None

    def consequences(self) -> list[str]:
        """What the edit changes in the team's day, for the confirmation dialog."""
        b, a = self.before, self.after
        if b is None or a is None:
            return []
        out: list[str] = []
        end_b = b.visits[-1].depart if b.visits else b.depart_start
        end_a = a.visits[-1].depart if a.visits else a.depart_start
        if end_a != end_b:
            out.append(
                msg(
                    "day ends {new} instead of {old}",
                    new=format_hhmm(end_a),
                    old=format_hhmm(end_b),
                )
            )
        if a.depart_start != b.depart_start:
            out.append(
                msg(
                    "team leaves {new} instead of {old}",
                    new=format_hhmm(a.depart_start),
                    old=format_hhmm(b.depart_start),
                )
            )
        if a.driving_min != b.driving_min:
            diff = a.driving_min - b.driving_min
            out.append(
                msg(
                    "driving {diff} min ({total} min in all)",
                    diff=f"{'+' if diff > 0 else ''}{diff}",
                    total=a.driving_min,
                )
            )
        n_b, n_a = len(b.phase_visits("voting")), len(a.phase_visits("voting"))
        if n_a != n_b:
            out.append(msg("{new} voting visits instead of {old}", new=n_a, old=n_b))
        if a.lunch_start != b.lunch_start and a.lunch_start is not None:
            out.append(msg("break at {time}", time=format_hhmm(a.lunch_start)))
        return out


def _plan(mission: Mission) -> Plan:
    plan = mission.current_plan
    if plan is None:
        raise EditRefused(msg("there is no plan yet: make one with Plan ▸ Plan mission"))
    return plan


def _route(plan: Plan, team_id: str) -> TeamRoute:
    route = plan.route(team_id)
    if route is None:
        raise EditRefused(msg("team {team} has no route in the current plan", team=team_id))
    return route


def _retime(mission: Mission, route: TeamRoute, stops: list[StopRef]) -> TeamRoute:
    try:
        timed = time_route(mission, route.team_id, (route.start_lat, route.start_lon), stops)
    except InfeasibleRoute as exc:
        raise EditRefused(exc.reason) from None
    return replace(timed, note=route.note)


def _store(
    mission: Mission,
    plan: Plan,
    new_route: TeamRoute | None,
    team_id: str,
    *,
    detail: dict[str, Any],
    description: str,
    drop_team: bool = False,
) -> EditResult:
    before = plan.route(team_id)
    if drop_team:
        routes = tuple(r for r in plan.routes if r.team_id != team_id)
    else:
        assert new_route is not None
        routes = tuple(new_route if r.team_id == team_id else r for r in plan.routes)
        if before is None:
            routes = (*routes, new_route)
    new_plan = replace(plan, routes=routes, parent=plan.revision, label="manual edit")
    edited = mission.with_plan(new_plan)
    revision = edited.plans[-1].revision
    edited = record(edited, "manual_edit", {**detail, "description": description}, revision)
    return EditResult(edited, description, team_id, before, new_route)


def _stop_index(route: TeamRoute, key: str) -> int:
    for i, v in enumerate(route.visits):
        if v.key == key:
            return i
    raise EditRefused(msg("{stop} is not a stop of team {team}", stop=key, team=route.team_id))


def pin_stop(mission: Mission, team_id: str, key: str, pinned: bool = True) -> EditResult:
    """Pin (or unpin) a stop: re-planning keeps pinned stops where they are."""
    plan = _plan(mission)
    route = _route(plan, team_id)
    i = _stop_index(route, key)
    visits = list(route.visits)
    visits[i] = replace(visits[i], pinned=pinned)
    new_route = replace(route, visits=tuple(visits))
    return _store(
        mission,
        plan,
        new_route,
        team_id,
        detail={"edit": "pin" if pinned else "unpin", "team_id": team_id, "stop": key},
        description=(
            msg("Pin {stop} for {team}", stop=key, team=team_id)
            if pinned
            else msg("Unpin {stop} for {team}", stop=key, team=team_id)
        ),
    )


def remove_stop(mission: Mission, team_id: str, key: str) -> EditResult:
    """Drop a stop from a team's day and re-time the rest."""
    plan = _plan(mission)
    route = _route(plan, team_id)
    i = _stop_index(route, key)
    stops = stops_of(route)
    removed = stops.pop(i)
    if removed.phase == "counting":
        # the tabulation follows the count's protocol: it goes with it
        stops = [s for s in stops if s.phase != "tabulation"]
    new_route = _retime(mission, route, stops)
    return _store(
        mission,
        plan,
        new_route,
        team_id,
        detail={"edit": "remove_stop", "team_id": team_id, "stop": key, "phase": removed.phase},
        description=msg("Remove {stop} from {team}", stop=key, team=team_id),
    )


def move_stop(mission: Mission, team_id: str, key: str, offset: int) -> EditResult:
    """Visit a voting stop earlier (offset -1) or later (+1)."""
    plan = _plan(mission)
    route = _route(plan, team_id)
    i = _stop_index(route, key)
    stops = stops_of(route)
    j = i + offset
    if not (0 <= j < len(stops)) or stops[i].phase != "voting" or stops[j].phase != "voting":
        raise EditRefused(msg("only voting visits can be reordered, among themselves"))
    stops[i], stops[j] = stops[j], stops[i]
    new_route = _retime(mission, route, stops)
    return _store(
        mission,
        plan,
        new_route,
        team_id,
        detail={"edit": "move_stop", "team_id": team_id, "stop": key, "offset": offset},
        description=(
            msg("Move {stop} earlier for {team}", stop=key, team=team_id)
            if offset < 0
            else msg("Move {stop} later for {team}", stop=key, team=team_id)
        ),
    )


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def candidate_stations(mission: Mission, team_id: str, limit: int = 60) -> list[tuple[str, float]]:
    """Open, located stations not yet visited in voting, nearest to the team's route first."""
    plan = _plan(mission)
    route = _route(plan, team_id)
    taken = {v.ps_id for _t, _s, v in plan.visits() if v.ps_id and v.phase == "voting"}
    own = {v.ps_id for v in route.visits}
    pts = [(route.start_lat, route.start_lon)] + [(v.lat, v.lon) for v in route.visits]
    out = []
    for p in mission.polling_stations:
        if p.status != "open" or not p.located or p.ps_id in taken or p.ps_id in own:
            continue
        assert p.lat is not None and p.lon is not None
        d = min(_distance_km(p.lat, p.lon, a, b) for a, b in pts)
        out.append((p.ps_id, d))
    out.sort(key=lambda t: t[1])
    return out[:limit]


def add_station(mission: Mission, team_id: str, ps_id: str) -> EditResult:
    """Add a voting visit where it costs the least driving and keeps the day valid.

    Every position between the opening and the counting station is tried; when none
    works, the reason given for the best-placed attempt is reported.
    """
    plan = _plan(mission)
    route = _route(plan, team_id)
    station = mission.station_by_id.get(ps_id)
    if station is None:
        raise EditRefused(msg("no polling station {station!r}", station=ps_id))
    if any(v.ps_id == ps_id for v in route.visits):
        raise EditRefused(msg("{station} is already in {team}'s day", station=ps_id, team=team_id))
    stops = stops_of(route)
    first = 1 if stops and stops[0].phase == "opening" else 0
    last = next(
        (i for i, s in enumerate(stops) if s.phase in ("counting", "tabulation")), len(stops)
    )
    best: TeamRoute | None = None
    reasons: list[str] = []
    for pos in range(first, last + 1):
        trial = [*stops[:pos], StopRef("voting", ps_id=ps_id), *stops[pos:]]
        try:
            timed = _retime(mission, route, trial)
        except EditRefused as exc:
            reasons.append(exc.reason)
            continue
        if best is None or timed.driving_min < best.driving_min:
            best = timed
    if best is None:
        reason = reasons[len(reasons) // 2] if reasons else msg("no place in the day")
        raise EditRefused(
            msg(
                "{station} does not fit into {team}'s day: {reason}",
                station=ps_id,
                team=team_id,
                reason=reason,
            )
        )
    return _store(
        mission,
        plan,
        best,
        team_id,
        detail={"edit": "add_station", "team_id": team_id, "ps_id": ps_id},
        description=msg("Add {station} to {team}", station=ps_id, team=team_id),
    )


def set_team_available(mission: Mission, team_id: str, available: bool) -> EditResult:
    """Mark a team (un)available. An unavailable team's day is dropped from the plan."""
    team = mission.team_by_id.get(team_id)
    if team is None:
        raise EditRefused(msg("no team {team!r}", team=team_id))
    teams = tuple(
        replace(t, available=available) if t.team_id == team_id else t for t in mission.teams
    )
    edited = replace(mission, teams=teams)
    description = (
        msg("Mark {team} available", team=team_id)
        if available
        else msg("Mark {team} unavailable", team=team_id)
    )
    detail = {"edit": "team_available" if available else "team_unavailable", "team_id": team_id}
    plan = edited.current_plan
    if plan is None or (available and plan.route(team_id) is None):
        edited = record(edited, "manual_edit", {**detail, "description": description})
        return EditResult(edited, description, team_id, None, None)
    if available:
        return EditResult(
            record(edited, "manual_edit", {**detail, "description": description}),
            description,
            team_id,
            None,
            None,
        )
    return _store(
        edited, plan, None, team_id, detail=detail, description=description, drop_team=True
    )


def apply_edit(make: Callable[[], EditResult]) -> EditResult:
    """Run one edit, then check the edited team's day with the plan validator.

    ``make`` builds the edit (e.g. ``lambda: remove_stop(mission, "T001", key)``);
    it raises :class:`EditRefused` when the day model says no. The same rule as for
    plans and re-plans holds here: a day that breaks a rule is refused and nothing is
    stored. Only the edited team is re-checked (the rest of the plan did not change),
    so an edit stays instant on a 190-team mission.
    """
    result = make()
    plan = result.mission.current_plan
    if plan is not None and result.after is not None:
        alone = replace(plan, routes=(result.after,))
        broken = [v for v in validate_plan(result.mission, alone) if v.team_id == result.team_id]
        if broken:
            raise EditRefused(broken[0].message)
    return result
