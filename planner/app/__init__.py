"""The application layer: every job a user starts, with its rules written once.

The command line (``cli/``) and the window (``ui/``) are thin callers of these use
cases; neither imports the other, and nothing here imports Qt.

==================  ============================================================
use case            rules it owns
==================  ============================================================
plan_mission        solve, validate (a plan breaking a rule is refused: nothing
                    stored), record the revision and change log, save if asked
replan_mission      apply CHANGES, repair the plan, the same validate/refuse/
                    store/save rules
apply_edit          a manual edit, checked by the day model and the validator
export_outputs      every output file; route sheets through an injected
                    :class:`SheetPrinter` (Qt WebEngine lives in ``sheets_qt``)
form_teams          (to come: pairing observers into teams, planner/app/teams.py)
==================  ============================================================
"""

from planner.app.edits import (
    EditRefused,
    EditResult,
    add_station,
    apply_edit,
    candidate_stations,
    move_stop,
    pin_stop,
    remove_stop,
    set_team_available,
)
from planner.app.outputs import (
    SheetPrinter,
    SheetRequest,
    export_outputs,
    sheet_requests,
    sheet_revisions,
    write_data_outputs,
)
from planner.app.planning import (
    PlanOutcome,
    PlanRefused,
    ReplanOutcome,
    plan_mission,
    replan_mission,
)

__all__ = [
    "EditRefused",
    "EditResult",
    "PlanOutcome",
    "PlanRefused",
    "ReplanOutcome",
    "SheetPrinter",
    "SheetRequest",
    "add_station",
    "apply_edit",
    "candidate_stations",
    "export_outputs",
    "move_stop",
    "pin_stop",
    "plan_mission",
    "remove_stop",
    "replan_mission",
    "set_team_available",
    "sheet_requests",
    "sheet_revisions",
    "write_data_outputs",
]
