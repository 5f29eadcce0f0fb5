"""Re-plan after last-minute changes, disturbing as few teams as possible.

:func:`replan` applies changes (:mod:`planner.replan.changes`) to a mission and repairs its
current plan:

* every team that no change touches keeps its day exactly (same stops, same times);
* a touched team (it visits a closed, moved or re-timed station, crosses a blocked
  area, receives or gives up a pinned stop) drops what became impossible, gets a new
  opening or count nearby if it lost one, is re-timed by the day model and refilled
  from nearby unobserved stations by cheapest feasible insertion;
* an unavailable team's route is removed; at most :data:`NEIGHBOURS` neighbouring
  teams take over its most valuable stops (a more valuable opening or count, a
  priority DEC's tabulation, its voting visits) where their own day stays feasible;
* a priority change lets up to :data:`PRIORITY_HELPERS` nearby teams add or swap in
  stations of that DEC;
* an added team gets a day of its own in a DEC no team tabulates;
* pinned stops never move;
* every changed day gets the robust check of a new plan (its count margin, slack
  where the count is at risk: :mod:`planner.replan.robust_days`).

With ``wide=True`` the planner re-optimises every team of the touched teams' bases
(:func:`planner.solver.solve` with ``base_plan``/``replan_teams``). See
docs/replanning.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from shapely.geometry.base import BaseGeometry

from planner.day import stops_of
from planner.errors import PlanningError
from planner.i18n import join, msg
from planner.io.mission import now_iso, record
from planner.model import Mission, Plan, TeamRoute, Visit
from planner.replan.affected import affected_teams, new_areas, preview, touched_by
from planner.replan.changes import (
    Applied,
    Change,
    Pin,
    PriorityChange,
    TeamAdded,
    apply_changes,
    blocked_areas,
    check_changes,
    record_changes,
)
from planner.replan.moves import Workspace, insert_visits
from planner.replan.neighbours import (
    NEIGHBOUR_KM,
    NEIGHBOURS,
    PRIORITY_HELPERS,
    adopt_orphans,
    new_day,
    priority_help,
    take_over,
)
from planner.replan.observer_changes import team_notes
from planner.replan.pins import judge_pins, pin_failed, pin_warning
from planner.replan.repair import place_pins, repair_day
from planner.replan.result import ReplanResult, TeamChange, TeamStatus, diff_route, stop_label
from planner.replan.robust_days import robust_days
from planner.replan.wide import widen
from planner.travel import TravelProvider, provider_for

__all__ = [
    "NEIGHBOURS",
    "NEIGHBOUR_KM",
    "PRIORITY_HELPERS",
    "ReplanResult",
    "TeamChange",
    "TeamStatus",
    "affected_teams",
    "diff_route",
    "preview",
    "replan",
    "stop_label",
    "touched_by",
]


@dataclass(frozen=True, slots=True)
class _Options:
    wide: bool
    time_limit_s: float
    seed: int


@dataclass(slots=True)
class _Work:
    """The outcome of one pass of repairs."""

    ws: Workspace
    why: dict[str, list[str]]
    lost: list[str]
    touched: list[str]
    helping: dict[str, str]
    helpers: list[str]
    warnings: list[str]


def _work(
    before: Mission,
    after: Mission,
    *,
    applied: Sequence[Applied],
    base: Plan,
    changes: Sequence[Change],
    provider: TravelProvider,
    areas: list[BaseGeometry],
    opts: _Options,
) -> _Work:
    """One pass of repairs on a fresh copy of the base plan (see :func:`replan`)."""
    ws = Workspace(after, base.routes, provider, areas)
    why = affected_teams(before, after, base, ws, changes)
    lost = sorted(t for t, reasons in why.items() if "team unavailable" in reasons)
    touched = sorted(t for t in why if t not in lost)
    warnings: list[str] = []
    lost_stops = _drop_lost(ws, lost, warnings)
    _repair_touched(ws, after, why=why, touched=touched, changes=changes, warnings=warnings)
    helping = _ask_helpers(
        ws, base, applied=applied, lost=lost, touched=touched, lost_stops=lost_stops
    )
    helpers = sorted(helping)
    added = _add_teams(ws, applied, why, warnings)
    for t, reason in adopt_orphans(ws, warnings).items():
        helping[t] = join([helping[t], reason]) if t in helping else reason
    if opts.wide:
        widen(
            ws,
            after,
            base=base,
            teams=set(touched) | set(helpers) | set(added),
            time_limit_s=opts.time_limit_s,
            seed=opts.seed,
            warnings=warnings,
        )
    return _Work(ws, why, lost, touched, helping, helpers, warnings)


def _drop_lost(ws: Workspace, lost: Sequence[str], warnings: list[str]) -> list[Visit]:
    """Remove the unavailable teams' days; their stops (for neighbours to take over)."""
    lost_stops: list[Visit] = []
    for t in lost:
        old = ws.drop_route(t)
        if old is not None:
            lost_stops.extend(old.visits)
            warnings.extend(
                msg(
                    "{team} is unavailable: its pinned stop {stop} cannot be kept",
                    team=t,
                    stop=stop_label(v),
                )
                for v in old.visits
                if v.pinned
            )
    return lost_stops


def _repair_touched(
    ws: Workspace,
    after: Mission,
    *,
    why: dict[str, list[str]],
    touched: Sequence[str],
    changes: Sequence[Change],
    warnings: list[str],
) -> None:
    """Place the pins, repair every touched team's day, then refill it."""
    pins = [c for c in changes if isinstance(c, Pin) and c.team_id in why]
    pending = {t: stops_of(ws.routes[t]) for t in touched if t in ws.routes}
    place_pins(ws, pins, pending, after, warnings)
    # teams receiving a pinned stop choose their new count first
    pinned_first = sorted(touched, key=lambda t: (t not in {p.team_id for p in pins}, t))
    for t in pinned_first:
        if t in pending:
            repair_day(ws, t, pending[t], warnings)
    for t in touched:
        if t in ws.routes:
            insert_visits(ws, t)


def _ask_helpers(
    ws: Workspace,
    base: Plan,
    *,
    applied: Sequence[Applied],
    lost: Sequence[str],
    touched: Sequence[str],
    lost_stops: Sequence[Visit],
) -> dict[str, str]:
    """Neighbours take over lost teams' stops; teams near a priority add its stations.

    Returns helper -> why it was asked.
    """
    helping: dict[str, str] = {}
    busy = set(lost) | set(touched)
    for t in lost:
        for h in take_over(ws, base.route(t), lost_stops, busy | set(helping)):
            helping.setdefault(h, msg("neighbour of {team} (unavailable)", team=t))
    for c in applied:
        if c.effective and isinstance(c.change, PriorityChange):
            what = c.change.dec_id or c.change.ps_id
            for h in priority_help(ws, c.change, busy | set(helping)):
                helping.setdefault(h, msg("near priority {place}", place=what))
    return helping


def _add_teams(
    ws: Workspace, applied: Sequence[Applied], why: dict[str, list[str]], warnings: list[str]
) -> list[str]:
    """A day for every added team that has none yet."""
    added = [
        a.change.team_id
        for a in applied
        if a.effective and isinstance(a.change, TeamAdded) and a.change.team_id not in ws.routes
    ]
    for t in added:
        why.setdefault(t, []).append(msg("team added"))
        new_day(ws, t, warnings)
    return added


def replan(
    mission: Mission,
    changes: Sequence[Change],
    *,
    travel: TravelProvider | None = None,
    wide: bool = False,
    time_limit_s: float = 10.0,
    seed: int = 0,
    source: str = "",
    on_progress: Callable[[str], None] | None = None,
) -> ReplanResult:
    """Apply ``changes`` to ``mission`` and repair its current plan (see module doc).

    Raises :class:`~planner.errors.InputError` (ids unknown, ``source`` named as the
    file) before anything is changed, and :class:`PlanningError` when the mission has
    no plan yet.
    """
    t0 = time.perf_counter()
    say = on_progress or (lambda _msg: None)
    base = mission.current_plan
    if base is None:
        raise PlanningError(msg("the mission has no plan yet: make one with `plan` first"))
    check_changes(mission, changes, source)
    after, applied = apply_changes(mission, changes)
    provider = travel if travel is not None else provider_for(after.settings)
    areas = blocked_areas(after) + new_areas(applied)
    opts = _Options(wide=wide, time_limit_s=time_limit_s, seed=seed)
    w = _repairs(mission, after, applied, base, changes, provider=provider, areas=areas, opts=opts)
    robust_days(after, base, w.ws, provider)  # each changed day its count margin and slack
    lost, touched = len(w.lost), len(w.touched)
    say(msg("{lost} teams lost, {touched} teams touched directly", lost=lost, touched=touched))
    teams = _team_changes(base, w, applied, after)
    applied = judge_pins(applied, w.ws, base)
    stats = {
        "seconds": time.perf_counter() - t0,
        "time_route_calls": float(w.ws.calls),
        "lost": float(len(w.lost)),
        "touched": float(len(w.touched)),
        "helpers": float(len(w.helpers)),
    }
    found = (tuple(teams), tuple(applied), tuple(w.touched), tuple(w.helpers), tuple(w.warnings))
    if not any(tc.status != "unchanged" for tc in teams):
        out = after
        if any(a.effective for a in applied):
            out = record_changes(after, applied, base.revision, source)
        return ReplanResult(out, base, base, *found, stats)
    stored, new_plan = _store(after, base, w, teams, applied, source=source, wide=wide)
    n_changed = sum(t.status != "unchanged" for t in teams)
    say(msg("revision {revision}: {n} teams changed", revision=new_plan.revision, n=n_changed))
    return ReplanResult(stored, new_plan, base, *found, stats)


def _repairs(
    mission: Mission,
    after: Mission,
    applied: Sequence[Applied],
    base: Plan,
    changes: Sequence[Change],
    *,
    provider: TravelProvider,
    areas: list[BaseGeometry],
    opts: _Options,
) -> _Work:
    """The repairs; a pin that cannot be placed changes nothing: the re-plan is made
    again without it (so applying the same file again does not move things twice)."""

    def work(these: Sequence[Change]) -> _Work:
        return _work(
            mission,
            after,
            applied=applied,
            base=base,
            changes=these,
            provider=provider,
            areas=areas,
            opts=opts,
        )

    w = work(changes)
    failed = [a.change for a in judge_pins(applied, w.ws, base) if pin_failed(a)]
    if not failed:
        return w
    w0 = w
    w = work([c for c in changes if c not in failed])
    w.warnings.extend(pin_warning(w0.ws, base, c) for c in failed)
    return w


def _new_routes(base: Plan, ws: Workspace) -> list[TeamRoute]:
    """The repaired routes: the base plan's order, then added teams by id."""
    routes = [ws.routes[r.team_id] for r in base.routes if r.team_id in ws.routes]
    known = {r.team_id for r in routes}
    return routes + [ws.routes[t] for t in sorted(ws.routes) if t not in known]


def _team_changes(
    base: Plan, w: _Work, applied: Sequence[Applied], after: Mission
) -> list[TeamChange]:
    """What changed for each team, and why (its own changes, why it helped, and what
    happened to its observers)."""
    routed = set(w.ws.routes)
    order = [r.team_id for r in base.routes] + sorted(routed - {r.team_id for r in base.routes})
    teams = [
        diff_route(t, base.route(t), w.ws.routes.get(t), join(w.why.get(t, []))) for t in order
    ]
    observers = team_notes(applied, {t.team_id for t in after.teams})  # who went where
    return [
        replace(
            tc,
            why=join([tc.why, w.helping.get(tc.team_id, ""), observers.get(tc.team_id, "")]),
        )
        for tc in teams
    ]


def _store(
    after: Mission,
    base: Plan,
    w: _Work,
    teams: Sequence[TeamChange],
    applied: Sequence[Applied],
    *,
    source: str,
    wide: bool,
) -> tuple[Mission, Plan]:
    """The mission with the new plan, the changes and the re-plan recorded."""
    routes = _new_routes(base, w.ws)
    routed = {r.team_id for r in routes}
    unassigned = tuple(t.team_id for t in after.teams if t.available and t.team_id not in routed)
    plan = Plan(
        routes=tuple(routes),
        parent=base.revision,
        created=now_iso(),
        seed=base.seed,
        label=f"re-plan of revision {base.revision}: {sum(a.effective for a in applied)} changes",
        unassigned_teams=unassigned,
    )
    stored = after.with_plan(plan)
    new_plan = stored.plans[-1]
    stored = record_changes(stored, applied, new_plan.revision, source)
    stored = record(
        stored,
        "replan",
        {
            "parent": base.revision,
            "changed_teams": [t.team_id for t in teams if t.status == "changed"],
            "removed_teams": [t.team_id for t in teams if t.status == "removed"],
            "added_teams": [t.team_id for t in teams if t.status == "added"],
            "wide": wide,
        },
        new_plan.revision,
    )
    return stored, new_plan
