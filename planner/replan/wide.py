"""``replan --wide``: re-optimise every team of the touched teams' bases with the
planner (:func:`planner.solver.solve` with ``base_plan``/``replan_teams``)."""

from __future__ import annotations

from dataclasses import replace

from planner.day import stops_of
from planner.errors import PlanningError
from planner.i18n import msg
from planner.model import Mission, Plan
from planner.replan.repair import repair_day
from planner.replan.workspace import Workspace

__all__ = ["widen"]


def widen(
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
            msg("a wider re-optimisation needs the planner, which is not available")
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
            repair_day(ws, t, stops_of(got), warnings)
