"""Route sheets to PDF and to a printer, through Qt WebEngine (the only Qt part of exports).

:func:`write_route_sheets_pdf` works from the command line as well as from the app:
it creates a (headless, when there is no display) QApplication if none exists,
loads the sheets' HTML from a temporary file (``setHtml`` is limited to 2 MB),
waits until the bundled fonts are loaded and prints with ``printToPdf``. The PDF
is written next to the target and renamed over it, so a failure never leaves half
a file. :func:`print_route_sheets` shows the system print dialog and prints the
same HTML.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from planner.errors import PlannerError
from planner.export.alternates import find_alternates
from planner.export.route_sheet import route_sheets_html
from planner.model import Mission, Plan

LOAD_TIMEOUT_S = 120.0
_SHEET_HEAD = re.compile(r"Team (\S+) · Команда")
PRINT_TIMEOUT_S = 600.0
#: left, top, right, bottom (mm): as @page in route_sheet.html.j2; printers lose ~5 mm
PAGE_MARGINS_MM = (10.0, 11.0, 10.0, 12.0)


def _ensure_app() -> Any:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    # Headless printing from the command line: keep Chromium's and Qt's harmless
    # start-up chatter (no GPU, no D-Bus) out of the user's progress output.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.rhi.*=false;qt.qpa.*=false;qt.vulkan=false")
    if "--log-level" not in os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", ""):
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --log-level=3").strip()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    return QApplication(sys.argv[:1])


def _page_layout(page_size: str) -> Any:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    size_id = (
        QPageSize.PageSizeId.Letter if page_size.upper() == "LETTER" else (QPageSize.PageSizeId.A4)
    )
    # the sheet's own margins (route_sheet.html.j2 @page): with zero margins here
    # Chromium printed edge to edge and a desktop printer cut the text off
    return QPageLayout(
        QPageSize(size_id),
        QPageLayout.Orientation.Portrait,
        QMarginsF(*PAGE_MARGINS_MM),
        QPageLayout.Unit.Millimeter,
    )


class _Waiter:
    """Runs a local Qt event loop until a slot stores a result (or a timeout).

    (A polling loop of ``processEvents(flags, ms)`` leaks references to None in
    PySide6 6.12 and eventually aborts the interpreter; a QEventLoop does not.)
    """

    def __init__(self) -> None:
        from PySide6.QtCore import QEventLoop

        self.loop = QEventLoop()
        self.results: dict[str, Any] = {}

    def put(self, key: str, value: Any) -> None:
        self.results[key] = value
        self.loop.quit()

    def wait(self, key: str, timeout_s: float, what: str) -> Any:
        from PySide6.QtCore import QTimer

        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(self.loop.quit)
        timer.start(int(timeout_s * 1000))
        while key not in self.results:
            if not timer.isActive():
                raise PlannerError(f"{what} did not finish within {timeout_s:.0f} s")
            self.loop.exec()
        timer.stop()
        return self.results[key]


def _load(page: Any, html_file: Path) -> None:
    """Load ``html_file`` into ``page`` and wait for it and its fonts."""
    from PySide6.QtCore import QUrl

    waiter = _Waiter()
    page.loadFinished.connect(lambda ok: waiter.put("loaded", ok))
    page.load(QUrl.fromLocalFile(str(html_file)))
    if not waiter.wait("loaded", LOAD_TIMEOUT_S, "loading the route sheets"):
        raise PlannerError("the route sheets could not be laid out (page failed to load)")
    # Web fonts may still be loading when the load event fires.
    for attempt in range(200):
        key = f"fonts{attempt}"
        page.runJavaScript("document.fonts.status", 0, lambda v, k=key: waiter.put(k, v))
        if waiter.wait(key, 30.0, "checking the fonts") == "loaded":
            return
        time.sleep(0.02)


def html_to_pdf(html_file: Path, pdf_path: Path, *, page_size: str = "A4") -> Path:
    """Print an HTML file to ``pdf_path`` (atomically; mode 0644 minus the umask)."""
    from PySide6.QtWebEngineCore import QWebEnginePage

    _ensure_app()
    pdf_path = Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = pdf_path.with_name(f".{pdf_path.name}.{os.getpid()}.printing")
    page = QWebEnginePage()
    try:
        _load(page, html_file)
        waiter = _Waiter()
        page.pdfPrintingFinished.connect(lambda _path, ok: waiter.put("ok", ok))
        page.printToPdf(str(tmp), _page_layout(page_size))
        ok = waiter.wait("ok", PRINT_TIMEOUT_S, "printing the route sheets")
        if not ok or not tmp.exists():
            raise PlannerError(f"{pdf_path}: the PDF could not be written")
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)
        tmp.replace(pdf_path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
        page.deleteLater()
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return pdf_path


def _team_pages(pdf: Path) -> dict[str, int]:
    """Team -> the page its sheet starts on, read back from a printed booklet."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    try:
        if doc.load(str(pdf)) != QPdfDocument.Error.None_:
            return {}
        pages: dict[str, int] = {}
        for i in range(doc.pageCount()):
            match = _SHEET_HEAD.search(doc.getAllText(i).text())
            if match:
                pages.setdefault(match.group(1), i + 1)
        return pages
    finally:
        doc.close()


def write_route_sheets_pdf(
    mission: Mission,
    plan: Plan,
    path: Path,
    *,
    team_ids: Sequence[str] | None = None,
    revision_notes: Mapping[str, str] | None = None,
    page_size: str = "A4",
) -> Path:
    """Write the route sheets of ``team_ids`` (None: every team, as a booklet) to ``path``.

    ``revision_notes`` maps a team to a line printed prominently on its sheet, e.g.
    ``"Revision 2, 2026-11-25 14:03 — replaces the sheet of rev. 1"``. A booklet is
    printed twice: the first print tells on which page each team starts, the second
    puts those pages into the table of contents.
    """
    routes = plan.routes if team_ids is None else [r for r in plan.routes if r.team_id in team_ids]
    alternates = find_alternates(mission, plan, team_ids=[r.team_id for r in routes])

    def html(toc_pages: Mapping[str, int] | None) -> str:
        return route_sheets_html(
            mission,
            plan,
            team_ids=team_ids,
            revision_notes=revision_notes,
            page_size=page_size,
            alternates=alternates,
            toc_pages=toc_pages,
        )

    with tempfile.TemporaryDirectory(prefix="sto-sheets-") as tmp:
        html_file = Path(tmp) / "route_sheets.html"
        html_file.write_text(html(None), encoding="utf-8")
        if team_ids is not None:
            return html_to_pdf(html_file, Path(path), page_size=page_size)
        first = html_to_pdf(html_file, Path(tmp) / "first.pdf", page_size=page_size)
        pages = _team_pages(first)
        if pages:
            html_file.write_text(html(pages), encoding="utf-8")
        return html_to_pdf(html_file, Path(path), page_size=page_size)


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

    _ensure_app()
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(_page_layout(page_size))
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print route sheets")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    html = route_sheets_html(mission, plan, team_ids=team_ids, page_size=page_size)
    with tempfile.TemporaryDirectory(prefix="sto-print-") as tmp:
        html_file = Path(tmp) / "route_sheets.html"
        html_file.write_text(html, encoding="utf-8")
        view = QWebEngineView()
        try:
            _load(view.page(), html_file)
            waiter = _Waiter()
            view.printFinished.connect(lambda ok: waiter.put("ok", ok))
            view.print(printer)
            ok = waiter.wait("ok", PRINT_TIMEOUT_S, "printing the route sheets")
        finally:
            view.deleteLater()
            from PySide6.QtCore import QCoreApplication, QEvent

            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if not ok:
        raise PlannerError("the printer reported an error while printing the route sheets")
    return True
