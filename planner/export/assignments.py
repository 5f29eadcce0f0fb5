"""``assignments.csv``: one row per stop, in order, per team (INTERFACES §2)."""

from __future__ import annotations

from pathlib import Path

from planner.export.csv_safe import csv_text
from planner.export.safe_paths import write_atomic
from planner.model import Plan, format_hhmm

COLUMNS = (
    "team_id",
    "seq",
    "phase",
    "ps_id",
    "dec_id",
    "region_id",
    "lat",
    "lon",
    "arrive",
    "depart",
    "travel_min",
    "travel_km",
)


def assignments_rows(plan: Plan) -> list[dict[str, str]]:
    """The rows of ``assignments.csv`` as text, teams in plan order."""
    rows = []
    for team_id, seq, v in plan.visits():
        rows.append(
            {
                "team_id": team_id,
                "seq": str(seq),
                "phase": v.phase,
                "ps_id": v.ps_id,
                "dec_id": v.dec_id,
                "region_id": v.region_id,
                "lat": f"{v.lat:.6f}",
                "lon": f"{v.lon:.6f}",
                "arrive": format_hhmm(v.arrive),
                "depart": format_hhmm(v.depart),
                "travel_min": str(v.travel_min),
                "travel_km": f"{v.travel_km:.1f}",
            }
        )
    return rows


def assignments_csv(plan: Plan) -> str:
    """The file's text; cells a spreadsheet would run as formulas are defused."""
    return csv_text(COLUMNS, assignments_rows(plan))


def write_assignments(plan: Plan, path: Path) -> Path:
    """Write ``assignments.csv`` (UTF-8, comma-separated, header row), whole."""
    return write_atomic(path, assignments_csv(plan))
