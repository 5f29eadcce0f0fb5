"""``changes.csv``: what a re-plan did to each team's day (one row per team).

Columns: ``team_id``; ``status`` (``changed``, ``unchanged``, ``removed``,
``added``); ``stops_added``, ``stops_removed``, ``stops_retimed`` (stops separated by
``;`` — a voting visit by its ps_id, other stops as ``opening:PS``, ``counting:PS``,
``tabulation:DEC``); ``revision`` (the plan revision the row describes) and
``parent_revision`` (the one it replaces); ``reason`` (why the team was touched).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from planner.export.csv_safe import csv_text
from planner.export.safe_paths import write_atomic
from planner.replan.core import ReplanResult, TeamChange

COLUMNS = (
    "team_id",
    "status",
    "stops_added",
    "stops_removed",
    "stops_retimed",
    "revision",
    "parent_revision",
    "reason",
)


def changes_rows(teams: Sequence[TeamChange], revision: int, parent: int) -> list[dict[str, str]]:
    """The rows of ``changes.csv`` as text, in the order given."""
    return [
        {
            "team_id": t.team_id,
            "status": t.status,
            "stops_added": ";".join(t.added),
            "stops_removed": ";".join(t.removed),
            "stops_retimed": ";".join(t.retimed),
            "revision": str(revision),
            "parent_revision": str(parent),
            "reason": t.why,
        }
        for t in teams
    ]


def changes_csv(result: ReplanResult) -> str:
    """The file's text; cells a spreadsheet would run as formulas are defused."""
    parent = result.plan.parent if result.is_new_revision else result.base_plan.parent
    return csv_text(COLUMNS, changes_rows(result.teams, result.plan.revision, parent))


def write_changes_csv(result: ReplanResult, path: Path) -> Path:
    """Write ``changes.csv`` (UTF-8, comma-separated, header row), whole."""
    return write_atomic(path, changes_csv(result))
