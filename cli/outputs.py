"""The route-sheet printer of the command line (the outputs are written by planner.app)."""

from __future__ import annotations

from planner.app import SheetPrinter
from planner.errors import PlannerError


def sheet_printer() -> SheetPrinter:
    """Qt WebEngine's printer, run in a local event loop (no window)."""
    try:
        from sheets_qt.printer import print_sheets_blocking
    except ImportError as exc:  # Qt WebEngine missing from this installation
        raise PlannerError(
            f"route sheets need Qt WebEngine (PySide6), not available: {exc}"
        ) from exc
    return print_sheets_blocking
