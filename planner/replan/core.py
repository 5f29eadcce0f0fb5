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
* pinned stops never move.

With ``wide=True`` the planner re-optimises every team of the touched teams' bases
(:func:`planner.solver.solve` with ``base_plan``/``replan_teams``). See
docs/replanning.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from shapely.geometry.base import BaseGeometry

from planner.day import StopRef, stops_of
from planner.errors import PlanningError
from planner.io.mission import now_iso, record
from planner.model import Dec, Mission, Plan, PollingStation, TeamRoute, Visit
from planner.replan.changes import (
    Applied,
    AreaBlocked,
    Change,
    Pin,
    PriorityChange,
    TeamAdded,
    apply_changes,
    blocked_areas,
    check_changes,
    record_changes,
)
from planner.replan.moves import Workspace, distance_km, make_feasible, route_centre
from planner.replan.observer_changes import team_notes
from planner.travel import TravelProvider, provider_for

#: Neighbouring teams that may take over an unavailable team's stops.
NEIGHBOURS = 2
#: Teams near a priority DEC that may add its stations.
PRIORITY_HELPERS = 2
#: Neighbours further than this (between the centres of their days) are not asked.
NEIGHBOUR_KM = 150.0

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


# --------------------------------------------------------------------------- diff


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
    elif _same_day(old, new):
        status = "unchanged"
    else:
        status = "changed"
    return TeamChange(team_id, status, added, removed, retimed, why)


def _same_day(a: TeamRoute, b: TeamRoute) -> bool:
    return (a.start_lat, a.start_lon, a.depart_start, a.visits, a.lunch_start) == (
        b.start_lat,
        b.start_lon,
        b.depart_start,
        b.visits,
        b.lunch_start,
    )


# --------------------------------------------------------------------------- who is touched


def _visit_still_fits(ps: PollingStation, v: Visit, m: Mission) -> bool:
    s = m.settings
    if v.phase == "opening":
        return v.arrive <= ps.open_time - s.arrive_before_open_min
    if v.phase == "voting":
        return max(v.arrive, ps.open_time) + s.voting_observation_min <= min(
            v.depart, ps.close_time
        )
    if v.phase == "counting":
        return (
            v.arrive <= ps.close_time - s.arrive_before_close_min
            and v.depart >= ps.close_time + s.count_duration_min
        )
    return True


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
        team = after.team_by_id.get(r.team_id)
        if team is None or not team.available:
            if r.visits:
                touch(r.team_id, "team unavailable")
            continue
        for v in r.visits:
            if not v.ps_id:
                continue
            ps, old = after.station_by_id.get(v.ps_id), before.station_by_id.get(v.ps_id)
            if ps is None or ps.status != "open" or not ps.located:
                touch(r.team_id, f"{v.ps_id} closed")
            elif (ps.lat, ps.lon) != (v.lat, v.lon):
                touch(r.team_id, f"{v.ps_id} moved")
            elif (
                old is not None and (old.open_time, old.close_time) != (ps.open_time, ps.close_time)
            ) or not _visit_still_fits(ps, v, after):
                touch(r.team_id, f"{v.ps_id} hours changed")
        if ws.crossing(r):
            touch(r.team_id, "blocked area on its route")
    holder = {(v.phase, v.key): t for t, _, v in plan.visits()}
    any_holder = {v.key: t for t, _, v in plan.visits()}
    for c in changes:
        if not isinstance(c, Pin):
            continue
        route = plan.route(c.team_id)
        if route is not None and any(
            v.phase == c.phase and v.key == c.key and v.pinned for v in route.visits
        ):
            continue  # already pinned: nothing to do
        touch(c.team_id, f"pin {c.ps_id or c.dec_id} ({c.phase})")
        other = holder.get((c.phase, c.key)) or any_holder.get(c.key)
        if other and other != c.team_id:
            touch(other, f"gives {c.ps_id or c.dec_id} to {c.team_id} (pin)")
        if c.phase in ("counting", "tabulation"):
            dec_id = c.dec_id or after.station_by_id[c.ps_id].dec_id
            tab = holder.get(("tabulation", f"DEC:{dec_id}"))
            if tab and tab != c.team_id:
                touch(tab, f"gives DEC {dec_id} tabulation to {c.team_id} (pin)")
    return why


# --------------------------------------------------------------------------- the re-plan


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


def _pin_reason(w: _Work, base: Plan, pin: Change) -> str:
    """Why a pin does not fit its team's day (as planned before), by the day model."""
    if not isinstance(pin, Pin) or pin.phase == "tabulation":
        return ""
    r = base.route(pin.team_id)
    if r is None:
        return ""
    reason = w.ws.why(pin.team_id, (r.start_lat, r.start_lon), _pin_into(w.ws, stops_of(r), pin))
    return f" ({reason})" if reason else ""


def _pin_failed(a: Applied) -> bool:
    return isinstance(a.change, Pin) and a.note == "could not be placed"


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
    mission = before
    ws = Workspace(after, base.routes, provider, areas)
    why = affected_teams(mission, after, base, ws, changes)
    lost = sorted(t for t, reasons in why.items() if "team unavailable" in reasons)
    touched = sorted(t for t in why if t not in lost)
    warnings: list[str] = []

    lost_stops: list[Visit] = []
    for t in lost:
        old = ws.drop_route(t)
        if old is not None:
            lost_stops.extend(old.visits)
            warnings.extend(
                f"{t} is unavailable: its pinned stop {stop_label(v)} cannot be kept"
                for v in old.visits
                if v.pinned
            )

    pins = [c for c in changes if isinstance(c, Pin) and c.team_id in why]
    pending = {t: stops_of(ws.routes[t]) for t in touched if t in ws.routes}
    _place_pins(ws, pins, pending, after, warnings)
    # teams receiving a pinned stop choose their new count first
    pinned_first = sorted(touched, key=lambda t: (t not in {p.team_id for p in pins}, t))
    for t in pinned_first:
        if t in pending:
            _repair(ws, t, pending[t], warnings)
    for t in touched:
        if t in ws.routes:
            ws.insert(t)

    helping: dict[str, str] = {}  # helper -> why it was asked
    busy = set(lost) | set(touched)
    for t in lost:
        for h in _take_over(ws, base.route(t), lost_stops, busy | set(helping)):
            helping.setdefault(h, f"neighbour of {t} (unavailable)")
    for c in applied:
        if c.effective and isinstance(c.change, PriorityChange):
            what = c.change.dec_id or c.change.ps_id
            for h in _priority_help(ws, c.change, busy | set(helping)):
                helping.setdefault(h, f"near priority {what}")
    helpers = sorted(helping)

    added = [
        a.change.team_id
        for a in applied
        if a.effective and isinstance(a.change, TeamAdded) and a.change.team_id not in ws.routes
    ]
    for t in added:
        why.setdefault(t, []).append("team added")
        _new_day(ws, t, warnings)

    for t, reason in _adopt_orphans(ws, warnings).items():
        helping[t] = f"{helping[t]}; {reason}" if t in helping else reason

    if opts.wide:
        _wide(
            ws,
            after,
            base=base,
            teams=set(touched) | set(helpers) | set(added),
            time_limit_s=opts.time_limit_s,
            seed=opts.seed,
            warnings=warnings,
        )
    return _Work(ws, why, lost, touched, helping, helpers, warnings)


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
        raise PlanningError("the mission has no plan yet: make one with `plan` first")
    check_changes(mission, changes, source)
    after, applied = apply_changes(mission, changes)
    provider = travel if travel is not None else provider_for(after.settings)
    areas = blocked_areas(after) + _new_areas(applied)
    opts = _Options(wide=wide, time_limit_s=time_limit_s, seed=seed)
    w = _work(
        mission,
        after,
        applied=applied,
        base=base,
        changes=changes,
        provider=provider,
        areas=areas,
        opts=opts,
    )
    failed = [a.change for a in _judge_pins(applied, w.ws, base) if _pin_failed(a)]
    if failed:
        w0 = w
        # a pin that cannot be placed changes nothing: re-plan without it (so that
        # applying the same file again does not move things around a second time)
        keep = [c for c in changes if c not in failed]
        w = _work(
            mission,
            after,
            applied=applied,
            base=base,
            changes=keep,
            provider=provider,
            areas=areas,
            opts=opts,
        )
        w.warnings.extend(
            f"{c.describe()}: could not be placed{_pin_reason(w0, base, c)}" for c in failed
        )
    ws, why, lost, touched, helping, warnings = (
        w.ws,
        w.why,
        w.lost,
        w.touched,
        w.helping,
        w.warnings,
    )
    helpers = w.helpers
    say(f"{len(lost)} teams lost, {len(touched)} teams touched directly")

    routes = [ws.routes[r.team_id] for r in base.routes if r.team_id in ws.routes]
    known = {r.team_id for r in routes}
    routes += [ws.routes[t] for t in sorted(ws.routes) if t not in known]
    routed = {r.team_id for r in routes}
    unassigned = tuple(t.team_id for t in after.teams if t.available and t.team_id not in routed)
    teams: list[TeamChange] = []
    for t in [r.team_id for r in base.routes] + sorted(routed - {r.team_id for r in base.routes}):
        teams.append(diff_route(t, base.route(t), ws.routes.get(t), "; ".join(why.get(t, []))))
    observers = team_notes(applied, {t.team_id for t in after.teams})  # who went where
    teams = [
        replace(
            tc,
            why="; ".join(
                x for x in (tc.why, helping.get(tc.team_id, ""), observers.get(tc.team_id, "")) if x
            ),
        )
        for tc in teams
    ]
    applied = _judge_pins(applied, ws, base)
    anything = any(tc.status != "unchanged" for tc in teams)
    stats = {
        "seconds": time.perf_counter() - t0,
        "time_route_calls": float(ws.calls),
        "lost": float(len(lost)),
        "touched": float(len(touched)),
        "helpers": float(len(helpers)),
    }
    if not anything:
        out = after
        if any(a.effective for a in applied):
            out = record_changes(after, applied, base.revision, source)
        return ReplanResult(
            out,
            base,
            base,
            tuple(teams),
            tuple(applied),
            tuple(touched),
            tuple(helpers),
            tuple(warnings),
            stats,
        )
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
    n_changed = sum(t.status != "unchanged" for t in teams)
    say(f"revision {new_plan.revision}: {n_changed} teams changed")
    return ReplanResult(
        stored,
        new_plan,
        base,
        tuple(teams),
        tuple(applied),
        tuple(touched),
        tuple(helpers),
        tuple(warnings),
        stats,
    )


def _adopt_orphans(ws: Workspace, warnings: list[str]) -> dict[str, str]:
    """Make sure every DEC where a team's day ends at the count is followed to tabulation.

    A team may end its day at its count when another team follows that DEC's
    protocol. If that other team is gone (unavailable, or its count moved), one of the
    teams counting there takes the tabulation over, where its day allows it.
    """
    orphans: dict[str, list[str]] = {}
    for t in sorted(ws.routes):
        visits = ws.routes[t].visits
        if visits and visits[-1].phase == "counting" and visits[-1].dec_id not in ws.tab_dec:
            orphans.setdefault(visits[-1].dec_id, []).append(t)
    adopted: dict[str, str] = {}
    for dec_id, teams in sorted(orphans.items()):
        for t in teams:
            r = ws.routes[t]
            trial = [*stops_of(r), StopRef("tabulation", dec_id=dec_id)]
            new = ws.timed(t, (r.start_lat, r.start_lon), trial)
            if new is not None:
                ws.set_route(replace(new, note=r.note))
                adopted[t] = f"follows DEC {dec_id} to tabulation now"
                break
        else:
            # nobody can get there (a blocked area, the end of the day): count elsewhere
            for t in teams:
                r = ws.routes[t]
                _repair(ws, t, [x for x in stops_of(r) if x.phase != "counting"], warnings)
                adopted[t] = f"nobody can follow DEC {dec_id} to tabulation: counts elsewhere"
    return adopted


def _unfollowed(ws: Workspace, route: TeamRoute) -> bool:
    """Does the day end at a count in a DEC no other team follows to tabulation?"""
    last = route.visits[-1] if route.visits else None
    return (
        last is not None
        and last.phase == "counting"
        and ws.tab_holder(last.dec_id, route.team_id) == route.team_id
    )


def _new_areas(applied: Sequence[Applied]) -> list[BaseGeometry]:
    return [a.change.geometry for a in applied if a.effective and isinstance(a.change, AreaBlocked)]


def _holds(route: TeamRoute | None, pin: Pin) -> bool:
    return route is not None and any(
        v.pinned and v.phase == pin.phase and v.key == pin.key for v in route.visits
    )


def _judge_pins(applied: Sequence[Applied], ws: Workspace, base: Plan) -> list[Applied]:
    """A pin is effective when it changed the plan (not when it was already in place)."""
    out = []
    for a in applied:
        if isinstance(a.change, Pin):
            held = _holds(ws.routes.get(a.change.team_id), a.change)
            before = _holds(base.route(a.change.team_id), a.change)
            note = "already in place" if before else ("" if held else "could not be placed")
            out.append(replace(a, effective=held and not before, note=note))
        else:
            out.append(a)
    return out


# --------------------------------------------------------------------------- repairs


def _pin_into(ws: Workspace, stops: list[StopRef], pin: Pin) -> list[StopRef]:
    """``stops`` with the pinned stop in place (anchors replaced, a visit inserted)."""
    m = ws.mission
    out = [x for x in stops if x.key != pin.key or x.phase == pin.phase]
    if any(x.key == pin.key and x.phase == pin.phase for x in out):
        return [replace(x, pinned=True) if x.key == pin.key else x for x in out]
    if pin.phase == "opening":
        return [StopRef("opening", pin.ps_id, pinned=True)] + [
            x for x in out if x.phase != "opening"
        ]
    if pin.phase == "counting":
        dec = m.station_by_id[pin.ps_id].dec_id
        rest = [x for x in out if x.phase not in ("counting", "tabulation")]
        keep = any(x.phase == "tabulation" and x.pinned and x.dec_id == dec for x in out)
        return [
            *rest,
            StopRef("counting", pin.ps_id, pinned=True),
            StopRef("tabulation", dec_id=dec, pinned=keep),
        ]
    if pin.phase == "tabulation":
        counting = next((x for x in out if x.phase == "counting"), None)
        if counting is not None and m.station_by_id[counting.ps_id].dec_id == pin.dec_id:
            kept = [x for x in out if x.phase != "tabulation"]
            return [*kept, StopRef("tabulation", dec_id=pin.dec_id, pinned=True)]
        rest = [x for x in out if x.phase not in ("counting", "tabulation")]
        return [*rest, StopRef("tabulation", dec_id=pin.dec_id, pinned=True)]  # count chosen later
    # voting: where it costs the least detour
    ps = m.station_by_id[pin.ps_id]
    assert ps.lat is not None and ps.lon is not None
    slots = [k for k in range(len(out) + 1) if _voting_slot(out, k)]
    coords = [_where(m, x) for x in out]

    def detour(k: int) -> float:
        here = (ps.lat or 0.0, ps.lon or 0.0)
        a = coords[k - 1] if k > 0 else None
        b = coords[k] if k < len(coords) else None
        d = (distance_km(a, here) if a else 0.0) + (distance_km(here, b) if b else 0.0)
        return d - (distance_km(a, b) if a and b else 0.0)

    best = min(slots, key=detour) if slots else len(out)
    return [*out[:best], StopRef("voting", pin.ps_id, pinned=True), *out[best:]]


def _voting_slot(stops: list[StopRef], k: int) -> bool:
    """May a voting visit go before stops[k] (k == len: at the end)?"""
    before = stops[k - 1].phase if k > 0 else None
    after = stops[k].phase if k < len(stops) else None
    return before in (None, "opening", "voting") and after in (None, "voting", "counting")


def _where(m: Mission, x: StopRef) -> tuple[float, float]:
    if x.ps_id:
        ps = m.station_by_id[x.ps_id]
        return (ps.lat or 0.0, ps.lon or 0.0)
    d = m.dec_by_id[x.dec_id]
    return (d.lat, d.lon)


def _place_pins(
    ws: Workspace,
    pins: Sequence[Pin],
    pending: dict[str, list[StopRef]],
    after: Mission,
    warnings: list[str],
) -> None:
    """Give every pinned stop to its team, taking it from whoever had it."""
    for pin in pins:
        if pin.team_id not in pending:
            if pin.team_id in ws.routes or after.team_by_id[pin.team_id].available:
                continue  # a team without a day yet: handled when its day is made
            warnings.append(f"pin of {pin.key} to {pin.team_id}: the team is not available")
            continue
        dec = pin.dec_id or (after.station_by_id[pin.ps_id].dec_id if pin.ps_id else "")
        if pin.phase in ("counting", "tabulation"):
            ws.reserved_dec[dec] = pin.team_id
        if pin.ps_id:
            ws.reserved_ps[pin.ps_id] = pin.team_id
        for other, stops in pending.items():
            if other == pin.team_id:
                continue
            lose_count = any(x.key == pin.key and x.phase == "counting" for x in stops) or (
                pin.phase in ("counting", "tabulation")
                and any(x.phase == "tabulation" and x.dec_id == dec for x in stops)
            )
            kept = [x for x in stops if x.key != pin.key]
            if lose_count:
                kept = [x for x in kept if x.phase not in ("counting", "tabulation")]
            pending[other] = kept
        pending[pin.team_id] = _pin_into(ws, pending[pin.team_id], pin)


def _usable(ws: Workspace, x: StopRef, warnings: list[str], team_id: str) -> bool:
    if not x.ps_id:
        return True
    ps = ws.mission.station_by_id.get(x.ps_id)
    ok = (
        ps is not None
        and ps.status == "open"
        and ps.located
        and not ws.blocked_point(ps.lat or 0.0, ps.lon or 0.0)
    )
    if not ok and x.pinned:
        warnings.append(f"{team_id}: pinned stop {x.ps_id} ({x.phase}) is no longer possible")
    return ok


def _repair(ws: Workspace, team_id: str, stops: list[StopRef], warnings: list[str]) -> None:
    """Make the team's day work again with as few edits as possible."""
    old = ws.routes.get(team_id)
    if old is None:
        return
    start = (old.start_lat, old.start_lon)
    stops = [x for x in stops if _usable(ws, x, warnings, team_id)]
    # a counting station without its tabulation (or the reverse) is completed later
    if not any(x.phase == "counting" for x in stops):
        stops = [x for x in stops if x.phase != "tabulation" or x.pinned]
    if _try_repair(ws, team_id, start, stops, old.note):
        return
    if ws.blocked is not None:
        # Straight lines are a crude picture of roads: rather than lose the team,
        # accept a day whose drives cross the area (its stops stay outside) and say so.
        ws.strict_legs = False
        try:
            ok = _try_repair(ws, team_id, start, stops, old.note)
        finally:
            ws.strict_legs = True
        if ok and _try_repair(ws, team_id, start, stops_of(ws.routes[team_id]), old.note):
            return  # from there a day clear of the area was found after all
        if ok:
            warnings.append(
                f"{team_id}: no day avoiding the blocked area's roads was found; its drives "
                "cross the area (no stop inside it): check the way with its driver"
            )
            return
    reason = ws.why(team_id, start, stops) or "no opening or count it can reach"
    warnings.append(f"{team_id}: no workable day could be kept ({reason}); the team is unassigned")
    ws.drop_route(team_id)


def _try_repair(
    ws: Workspace, team_id: str, start: tuple[float, float], stops: list[StopRef], note: str
) -> bool:
    """Replace lost anchors, drop what does not fit; True when a day was set."""
    for _ in range(6):
        stops = _ensure_anchors(ws, team_id, start, stops)
        phases = {x.phase for x in stops}
        if "opening" not in phases or "counting" not in phases:
            return False
        route, _dropped, seq = make_feasible(ws, team_id, start, stops)
        if route is not None and _unfollowed(ws, route):
            # its count's DEC would be followed by nobody: follow it, or count elsewhere
            with_tab = [*stops_of(route), StopRef("tabulation", dec_id=route.visits[-1].dec_id)]
            route = ws.timed(team_id, start, with_tab)
            if route is None:
                stops = [x for x in stops if x.phase not in ("counting", "tabulation")]
                continue
        if route is not None:
            ws.set_route(replace(route, note=note))
            return True
        failing = stops[seq - 1] if 0 < seq <= len(stops) else None
        if failing is None or failing.pinned:
            return False
        if failing.phase == "opening":
            stops = [x for x in stops if x.phase != "opening"]
        elif failing.phase in ("counting", "tabulation"):
            stops = [x for x in stops if x.phase not in ("counting", "tabulation")]
        else:
            return False
    return False


def _ensure_anchors(
    ws: Workspace, team_id: str, start: tuple[float, float], stops: list[StopRef]
) -> list[StopRef]:
    """Give a day that lost its opening or count a new one nearby."""
    m = ws.mission
    phases = {x.phase for x in stops}
    if "opening" not in phases and "counting" not in phases:
        # both gone (a blocked town, say): look for a pair that works together
        kept = [x for x in stops if x.phase == "voting" and x.pinned]
        tab = next((x for x in stops if x.phase == "tabulation" and x.pinned), None)
        pair = _pair(ws, team_id, start, kept, dec_id=tab.dec_id if tab else "")
        if pair is not None:
            return pair
    if not any(x.phase == "counting" for x in stops):
        pinned_tab = next((x for x in stops if x.phase == "tabulation" and x.pinned), None)
        cands: list[PollingStation] | None = None
        if pinned_tab is not None:
            d = m.dec_by_id[pinned_tab.dec_id]
            cands = sorted(
                (
                    p
                    for p in ws.pool
                    if p.dec_id == d.dec_id
                    and p.ps_id not in ws.used
                    and ws.reserved_ps.get(p.ps_id, team_id) == team_id
                    and ws.free_of_blocks[ws.index[p.ps_id]]
                ),
                key=lambda p: distance_km((d.lat, d.lon), (p.lat or 0.0, p.lon or 0.0)),
            )
        base = [x for x in stops if x.phase != "tabulation"]
        must = pinned_tab is not None
        got = ws.replace_anchor(team_id, start, base, "counting", candidates=cands, tabulation=must)
        if got is None:
            got = ws.replace_anchor(
                team_id,
                start,
                [x for x in base if x.phase != "voting" or x.pinned],
                "counting",
                candidates=cands,
                tabulation=must,
            )
        if got is not None:
            if pinned_tab is not None:
                got = [replace(x, pinned=True) if x.phase == "tabulation" else x for x in got]
            stops = got
    if not any(x.phase == "opening" for x in stops):
        got = ws.replace_anchor(team_id, start, stops, "opening")
        if got is None:
            got = ws.replace_anchor(
                team_id, start, [x for x in stops if x.phase != "voting" or x.pinned], "opening"
            )
        if got is not None:
            stops = got
    return stops


def _pair(
    ws: Workspace,
    team_id: str,
    start: tuple[float, float],
    middle: list[StopRef],
    *,
    dec_id: str = "",
) -> list[StopRef] | None:
    """An opening and a count near ``start`` that make a feasible day around ``middle``.

    ``dec_id``: the count must be in that DEC and followed there (a pinned tabulation).
    """
    near = [p for _, p in ws.near([start], team_id, radius_km=80.0)]
    if dec_id:
        counts = [p for _, p in ws.near([start], team_id, radius_km=300.0) if p.dec_id == dec_id]
    else:
        counts = sorted(near[:12], key=lambda p: ws.tab_taken(p.dec_id))
    for c in counts[:4]:
        for o in [p for p in near if p.ps_id != c.ps_id][:4]:
            trial = [StopRef("opening", o.ps_id), *middle, StopRef("counting", c.ps_id)]
            if dec_id:
                trial.append(StopRef("tabulation", dec_id=dec_id, pinned=True))
            elif not ws.tab_taken(c.dec_id):
                trial.append(StopRef("tabulation", dec_id=c.dec_id))
            if ws.timed(team_id, start, trial) is not None:
                return trial
    return None


def _neighbours(
    ws: Workspace, centre: tuple[float, float], regions: set[str], busy: set[str], k: int
) -> list[str]:
    """The k teams nearest ``centre`` that work in ``regions`` (busy teams preferred)."""
    scored = []
    for t, r in ws.routes.items():
        if not r.visits or not (ws.regions_of(t) & regions):
            continue
        d = distance_km(centre, route_centre(r))
        if d > NEIGHBOUR_KM:
            continue
        scored.append((d * (0.5 if t in busy else 1.0), t))
    scored.sort()
    return [t for _, t in scored[:k]]


def _swap_anchor(ws: Workspace, team_id: str, phase: str, ps: PollingStation) -> bool:
    """Give the team ``ps`` as its opening (or count) if that is worth more and fits."""
    r = ws.routes.get(team_id)
    if r is None or ps.ps_id in ws.used or ps.status != "open" or not ps.located:
        return False
    if ps.region_id not in ws.regions_of(team_id):
        return False
    mine = next((v for v in r.visits if v.phase == phase), None)
    if mine is None or mine.pinned:
        return False
    if phase == "counting" and any(v.pinned and v.phase == "tabulation" for v in r.visits):
        return False  # the count carries a pinned tabulation
    own = ws.mission.station_by_id[mine.ps_id]
    if ws.anchor_value(phase, ps) <= ws.anchor_value(phase, own) * 1.05:
        return False
    if phase == "counting" and ws.tab_holder(ps.dec_id, team_id) != team_id:
        return False
    start = (r.start_lat, r.start_lon)
    got = ws.replace_anchor(team_id, start, stops_of(r), phase, candidates=[ps], tries=1)
    if got is None:
        return False
    new = ws.timed(team_id, start, got)
    if new is None:
        return False
    ws.set_route(replace(new, note=r.note))
    return True


def _take_over(
    ws: Workspace, lost: TeamRoute | None, freed: Sequence[Visit], busy: set[str]
) -> list[str]:
    """Let up to NEIGHBOURS teams take the lost team's most valuable stops."""
    if lost is None or not lost.visits:
        return []
    m = ws.mission
    regions = {v.region_id for v in lost.visits}
    helpers = _neighbours(ws, route_centre(lost), regions, busy, NEIGHBOURS)
    mine = [v for v in lost.visits if v.ps_id and v.ps_id in ws.index]
    ids = sorted(
        {v.ps_id for v in mine},
        key=lambda i: -ws.voting_value(m.station_by_id[i]),
    )
    for t in helpers:
        for v in mine:
            if v.phase in ("opening", "counting"):
                _swap_anchor(ws, t, v.phase, m.station_by_id[v.ps_id])
        ws.insert(t, only=ids, radius_km=80.0)
        ws.swap_in(t, ids)
    del freed  # the freed stops are all in `mine`; kept in the signature for clarity
    return helpers


def _priority_help(ws: Workspace, change: PriorityChange, busy: set[str]) -> list[str]:
    """Let nearby teams add (or swap in) stations a priority change made valuable."""
    m = ws.mission
    if change.dec_id:
        dec = m.dec_by_id[change.dec_id]
        centre, region = (dec.lat, dec.lon), dec.region_id
        ids = [p.ps_id for p in ws.pool if p.dec_id == change.dec_id]
        k = PRIORITY_HELPERS
    else:
        ps = m.station_by_id[change.ps_id]
        if ps.ps_id in ws.used or ps.lat is None or ps.lon is None:
            return []
        centre, region, ids, k = (ps.lat, ps.lon), ps.region_id, [ps.ps_id], 1
    ids = [i for i in ids if i not in ws.used]
    if not ids:
        return []
    ids.sort(key=lambda i: -ws.voting_value(m.station_by_id[i]))
    helpers = _neighbours(ws, centre, {region}, busy, k)
    for t in helpers:
        if change.dec_id and not ws.tab_taken(change.dec_id):
            for i in sorted(
                ids, key=lambda i: distance_km(centre, _where(m, StopRef("voting", i)))
            )[:3]:
                if _swap_anchor(ws, t, "counting", m.station_by_id[i]) or _move_count(
                    ws, t, m.station_by_id[i]
                ):
                    break
        ids = [i for i in ids if i not in ws.used]
        ws.insert(t, only=ids, radius_km=80.0)
        ws.swap_in(t, [i for i in ids if i not in ws.used])
    return helpers


def _move_count(ws: Workspace, team_id: str, ps: PollingStation) -> bool:
    """Move the team's count (and tabulation) to ``ps``, giving up voting visits to get
    there in time, when the count there is worth more than what is given up."""
    r = ws.routes.get(team_id)
    if r is None or ps.ps_id in ws.used or ws.tab_taken(ps.dec_id):
        return False
    mine = next((v for v in r.visits if v.phase == "counting"), None)
    if mine is None or mine.pinned or any(v.pinned and v.phase == "tabulation" for v in r.visits):
        return False
    if ps.region_id not in ws.regions_of(team_id):
        return False
    start = (r.start_lat, r.start_lon)
    rest = [x for x in stops_of(r) if x.phase not in ("counting", "tabulation")]
    trial = [*rest, StopRef("counting", ps.ps_id), StopRef("tabulation", dec_id=ps.dec_id)]
    new, dropped, _seq = make_feasible(ws, team_id, start, trial)
    if new is None:
        return False
    own = ws.mission.station_by_id[mine.ps_id]
    lost = sum(ws.voting_value(ws.mission.station_by_id[d], own=True) for d in dropped)
    if ws.anchor_value("counting", ps) - ws.anchor_value("counting", own) <= lost:
        return False
    ws.set_route(replace(new, note=r.note))
    return True


def _new_day(ws: Workspace, team_id: str, warnings: list[str]) -> None:
    """A day for an added team: a count in a DEC nobody tabulates (else any DEC, the
    day then ends at the count), an opening near where it sleeps, voting visits."""
    m = ws.mission
    team = m.team_by_id[team_id]
    regions = ws.regions_of(team_id)
    by_dec: dict[str, list[PollingStation]] = {}
    for p in ws.pool:
        if (
            p.region_id in regions
            and p.ps_id not in ws.used
            and ws.free_of_blocks[ws.index[p.ps_id]]
        ):
            by_dec.setdefault(p.dec_id, []).append(p)
    decs = [m.dec_by_id[d] for d in by_dec if d in m.dec_by_id]
    home = (team.lat or 0.0, team.lon or 0.0) if team.has_overnight else None

    def order(d: Dec) -> tuple[bool, float, str]:
        taken = ws.tab_taken(d.dec_id)
        if home is not None:
            return (taken, distance_km(home, (d.lat, d.lon)), d.dec_id)
        return (taken, -len(by_dec[d.dec_id]), d.dec_id)

    decs.sort(key=order)
    for dec in decs[:8]:
        start = home or (dec.lat, dec.lon)
        seat = (dec.lat, dec.lon)
        counts = sorted(by_dec[dec.dec_id], key=lambda p: distance_km(seat, _where(m, _ref(p))))
        for c in counts[:3]:
            near = [p for _, p in ws.near([start], team_id, 60.0) if p.ps_id != c.ps_id][:4]
            for o in near:
                stops = [StopRef("opening", o.ps_id), StopRef("counting", c.ps_id)]
                if not ws.tab_taken(dec.dec_id):
                    stops.append(StopRef("tabulation", dec_id=dec.dec_id))
                route = ws.timed(team_id, start, stops)
                if route is not None:
                    ws.set_route(replace(route, note="added team"))
                    ws.insert(team_id)
                    return
    warnings.append(f"{team_id}: added, but no opening and count it can reach were found")


def _ref(p: PollingStation) -> StopRef:
    return StopRef("voting", p.ps_id)


def _wide(
    ws: Workspace,
    after: Mission,
    *,
    base: Plan,
    teams: set[str],
    time_limit_s: float,
    seed: int,
    warnings: list[str],
) -> None:
    """Re-optimise every team of the touched teams' bases with the planner."""
    try:
        from planner.solver import solve
    except ImportError:
        raise PlanningError(
            "a wider re-optimisation needs the planner, which is not available"
        ) from None
    bases = {after.team_by_id[t].base_id for t in teams if t in after.team_by_id}
    # teams with pinned stops keep their repaired day: pinned stops never move
    pinned = {t for t, r in ws.routes.items() if any(v.pinned for v in r.visits)}
    wider = {t.team_id for t in after.available_teams if t.base_id in bases} - pinned
    current = replace(base, routes=tuple(ws.routes.values()))
    plan = solve(
        after,
        time_limit_s=time_limit_s,
        seed=seed,
        travel=ws.travel,
        base_plan=current,
        replan_teams=wider,
    )
    for t in wider:
        ws.drop_route(t)
    for r in plan.routes:
        if r.team_id in wider and r.visits:
            ws.set_route(r)
    # the planner does not know blocked areas: repair what crosses one
    for t in sorted(wider):
        got = ws.routes.get(t)
        if got is not None and ws.crossing(got):
            _repair(ws, t, stops_of(got), warnings)


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
    ws = Workspace(after, plan.routes, provider, blocked_areas(after) + _new_areas(applied))
    return sorted(affected_teams(mission, after, plan, ws, [change]))
