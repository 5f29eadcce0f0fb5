"""Stage 4 of a solve: every route timed by the day model (``planner/day.py``),
voting stops dropped until it fits; DECs left without tabulation handed on; the
regions balanced; the plan assembled."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import UTC, datetime

from planner.day import InfeasibleRoute, StopRef, stops_of, time_route
from planner.errors import PlanningError
from planner.model import Mission, Plan, TeamRoute
from planner.solver.anchors import Anchors
from planner.solver.balance import balance_regions
from planner.solver.robust import make_robust
from planner.solver.start import Kept, Teams
from planner.travel import TravelProvider

__all__ = ["assemble_plan", "time_routes"]


def time_routes(
    mission: Mission,
    teams: Teams,
    kept: Kept,
    *,
    anchors: Mapping[str, Anchors],
    voting: Mapping[str, list[str]],
    prizes: Mapping[str, int],
    travel: TravelProvider,
) -> tuple[list[TeamRoute], list[str]]:
    """The planned teams' timed routes, and the teams that got none."""
    new_routes: list[TeamRoute] = []
    unassigned: list[str] = []
    for team in teams.available:
        a = anchors.get(team.team_id)
        if a is None:
            unassigned.append(team.team_id)
            continue
        route = _timed(
            mission,
            a,
            voting.get(team.team_id, []),
            prizes=prizes,
            travel=travel,
            pinned=kept.pinned_voting,
            pinned_fixed=kept.pinned_fixed.get(team.team_id, set()),
        )
        if route is None:
            unassigned.append(team.team_id)
        else:
            new_routes.append(route)
    return _hand_on_tabulation(mission, teams.kept, new_routes, travel), unassigned


def assemble_plan(
    mission: Mission,
    teams: Teams,
    new_routes: list[TeamRoute],
    unassigned: list[str],
    *,
    prizes: Mapping[str, int],
    travel: TravelProvider,
    base_plan: Plan | None,
    full_plan: bool,
    seed: int,
    should_stop: Callable[[], bool] = lambda: False,
) -> Plan:
    """Balance the regions, give every new day the slack the count needs (the
    rehearsal judges), and make the :class:`Plan` (raises if no team has a day)."""
    balanced = balance_regions(
        mission,
        [*teams.kept, *new_routes],
        editable={r.team_id for r in new_routes},
        prizes=prizes,
        travel=travel,
    )
    balanced = make_robust(  # slack where the rehearsal says a count is at risk
        mission,
        balanced,
        editable={r.team_id for r in new_routes},
        prizes=prizes,
        travel=travel,
        should_stop=should_stop,
    )
    all_routes = sorted(balanced, key=lambda r: r.team_id)
    if not all_routes:
        raise PlanningError("no team could be given a feasible day (check settings and hours)")
    unassigned = [
        *unassigned,
        *(t.team_id for t in mission.teams if t.team_id in teams.replan and not t.available),
    ]
    if full_plan:
        unassigned += [t.team_id for t in mission.teams if not t.available]
    return Plan(
        routes=tuple(all_routes),
        parent=base_plan.revision if base_plan is not None else 0,
        created=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        seed=seed,
        label="re-plan" if base_plan is not None else "plan",
        unassigned_teams=tuple(sorted(set(unassigned))),
    )


def _timed(
    mission: Mission,
    a: Anchors,
    voting: list[str],
    *,
    prizes: Mapping[str, int],
    travel: TravelProvider,
    pinned: Mapping[str, Sequence[str]],
    pinned_fixed: Collection[str] = (),
) -> TeamRoute | None:
    """The team's day timed by the day model; voting stops dropped until it fits.

    ``pinned_fixed`` are the keys (``Visit.key``) of a re-planned team's pinned opening,
    count or DEC that were kept: they stay marked as pinned.
    """
    pins = set(pinned.get(a.team_id, ()))
    visits = list(voting)
    tab = bool(a.tabulation_dec)
    tab_key = f"DEC:{a.tabulation_dec}"
    while True:
        stops = [
            StopRef("opening", a.opening, pinned=a.opening in pinned_fixed),
            *(StopRef("voting", x, pinned=x in pins) for x in visits),
            StopRef("counting", a.counting, pinned=a.counting in pinned_fixed),
        ]
        if tab:
            stops.append(
                StopRef("tabulation", dec_id=a.tabulation_dec, pinned=tab_key in pinned_fixed)
            )
        try:
            return time_route(mission, a.team_id, a.start, stops, travel=travel)
        except InfeasibleRoute as err:
            droppable = [i for i, x in enumerate(visits) if x not in pins]
            if tab and err.seq == len(stops):  # the DEC (too late, too long a day)
                tab = False
            elif droppable:
                j = err.seq - 2  # index into visits of the failing stop
                if not (0 <= j < len(visits) and visits[j] not in pins):
                    j = min(droppable, key=lambda i: (prizes.get(visits[i], 0), i))
                del visits[j]
            elif tab:
                tab = False
            else:
                return None


def _hand_on_tabulation(
    mission: Mission, kept: Sequence[TeamRoute], routes: list[TeamRoute], travel: TravelProvider
) -> list[TeamRoute]:
    """A DEC left without tabulation (its team could not stay late enough) is taken
    over by another team that counts in the same DEC and can, if there is one."""
    covered = {v.dec_id for r in [*kept, *routes] for v in r.phase_visits("tabulation")}
    out = list(routes)
    for i, r in enumerate(out):
        counting = r.phase_visits("counting")
        if r.phase_visits("tabulation") or not counting or counting[0].dec_id in covered:
            continue
        dec_id = counting[0].dec_id
        stops = [*stops_of(r), StopRef("tabulation", dec_id=dec_id)]
        try:
            out[i] = time_route(
                mission, r.team_id, (r.start_lat, r.start_lon), stops, travel=travel
            )
        except InfeasibleRoute:
            continue
        covered.add(dec_id)
    return out
