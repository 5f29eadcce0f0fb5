"""Manual edits now live in the application layer (:mod:`planner.app.edits`).

Kept so that widgets and tests written against ``ui.plan_edits`` keep working.
"""

from planner.app.edits import (
    EditRefused,
    EditResult,
    add_station,
    candidate_stations,
    move_stop,
    pin_stop,
    remove_stop,
    set_team_available,
)

__all__ = [
    "EditRefused",
    "EditResult",
    "add_station",
    "candidate_stations",
    "move_stop",
    "pin_stop",
    "remove_stop",
    "set_team_available",
]
