"""The robust check for the days a re-plan changed (docs/planning.md §8).

A re-plan re-times and refills the touched teams' days; those days get the same check
as a new plan's (:func:`planner.solver.robust.make_robust`): each its own count
margin, voting stops removed where even the planned margin does not give the count
target, stops the team would skip in nearly every replay taken out. A day the
re-plan did not change keeps its route, and its count margin, exactly: its printed
sheet stays valid.
"""

from __future__ import annotations

from dataclasses import replace

from planner.model import Mission, Plan
from planner.rehearsal import station_prizes_of
from planner.replan.moves import Workspace
from planner.replan.result import same_day
from planner.solver.robust import make_robust
from planner.travel import TravelProvider

__all__ = ["robust_days"]


def robust_days(mission: Mission, base: Plan, ws: Workspace, travel: TravelProvider) -> None:
    """Make the changed days in ``ws`` robust (in place); unchanged ones keep the
    base plan's count margin."""
    changed = []
    for team_id, route in list(ws.routes.items()):
        old = base.route(team_id)
        if old is not None and same_day(old, route):
            if route.count_margin_min != old.count_margin_min:
                ws.set_route(replace(route, count_margin_min=old.count_margin_min))
            continue
        changed.append(team_id)
    if not changed or mission.settings.count_target_probability <= 0:
        return
    routes = [ws.routes[t] for t in changed]
    prizes = station_prizes_of(mission)
    for route in make_robust(mission, routes, editable=set(changed), prizes=prizes, travel=travel):
        ws.set_route(route)
