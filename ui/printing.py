"""Printing route sheets on a real printer through the system print dialog.

PDF exports are printed by :mod:`sheets_qt` (shared with the command line); this
module only adds the dialog and :class:`QWebEngineView`'s printer path.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent

from planner.errors import PlannerError
from planner.export.route_sheet import route_sheets_html
from planner.model import Mission, Plan
from sheets_qt.engine import PRINT_TIMEOUT_S, Waiter, ensure_app, load_and_wait, page_layout
from sheets_qt.printer import write_route_sheets_pdf

__all__ = ["print_route_sheets", "write_route_sheets_pdf"]


def print_route_sheets(
    parent: Any,
    mission: Mission,
    plan: Plan,
    team_ids: Sequence[str] | None = None,
    *,
    printer: Any = None,
    page_size: str = "A4",
) -> bool:
    """Print route sheets through the system print dialog; False if the user cancels.

    Pass ``printer`` (a configured QPrinter) to skip the dialog, e.g. in tests.
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWebEngineWidgets import QWebEngineView

    ensure_app()
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(page_size))
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("MainWindow", "Print route sheets"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    html = route_sheets_html(mission, plan, team_ids=team_ids, page_size=page_size)
    with tempfile.TemporaryDirectory(prefix="sto-print-") as tmp:
        html_file = Path(tmp) / "route_sheets.html"
        html_file.write_text(html, encoding="utf-8")
        view = QWebEngineView()
        try:
            load_and_wait(view.page(), html_file)
            waiter = Waiter()
            view.printFinished.connect(lambda ok: waiter.put("ok", ok))
            view.print(printer)
            what = QCoreApplication.translate("MainWindow", "printing the route sheets")
            ok = waiter.wait("ok", PRINT_TIMEOUT_S, what)
        finally:
            view.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if not ok:
        raise PlannerError(
            QCoreApplication.translate(
                "MainWindow", "the printer reported an error while printing the route sheets"
            )
        )
    return True
