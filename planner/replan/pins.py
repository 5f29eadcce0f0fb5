"""Judging pinned stops after a re-plan: did each pin change the plan, is it already
in place, or could it not be placed (and then why not, by the day model)?

Used by :func:`planner.replan.core.replan`: a pin that cannot be placed changes
nothing; the re-plan is made again without it and the warning says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.day import stops_of
from planner.i18n import msg
from planner.model import Plan, TeamRoute
from planner.replan.changes import Applied, Change, Pin
from planner.replan.describe import describe
from planner.replan.moves import Workspace
from planner.replan.repair import pin_into


def pin_warning(ws: Workspace, base: Plan, pin: Change) -> str:
    """A pin that could not be placed, and why it does not fit its team's day (as
    planned before) by the day model."""
    why = ""
    if isinstance(pin, Pin) and pin.phase != "tabulation" and (r := base.route(pin.team_id)):
        why = ws.why(pin.team_id, (r.start_lat, r.start_lon), pin_into(ws, stops_of(r), pin))
    if why:
        return msg("{change}: could not be placed ({reason})", change=describe(pin), reason=why)
    return msg("{change}: could not be placed", change=describe(pin))


def pin_failed(a: Applied) -> bool:
    return isinstance(a.change, Pin) and a.note == "could not be placed"


def _holds(route: TeamRoute | None, pin: Pin) -> bool:
    return route is not None and any(
        v.pinned and v.phase == pin.phase and v.key == pin.key for v in route.visits
    )


def judge_pins(applied: Sequence[Applied], ws: Workspace, base: Plan) -> list[Applied]:
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
