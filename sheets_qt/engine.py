"""Qt WebEngine basics for printing sheets: the application, the page layout, loading.

:func:`ensure_app` creates a (headless, when there is no display) QApplication if
none exists, so that the command line can print too. :func:`html_to_pdf` prints one
HTML file with a local event loop (used by the system-printer path and benchmarks);
exports go through :class:`sheets_qt.job.PrintJob`, which never waits.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Any

from planner.errors import PlannerError

LOAD_TIMEOUT_S = 120.0
PRINT_TIMEOUT_S = 600.0


def ensure_app() -> Any:
    """The running QApplication, or a new one (offscreen when there is no display).

    Also starts (once) the watchdog that ends Qt WebEngine's helper processes when
    this process is killed (:mod:`sheets_qt.reaper`).
    """
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    from sheets_qt.reaper import start_reaper

    start_reaper()
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


#: left, top, right, bottom (mm): as @page in route_sheet.html.j2; printers lose ~5 mm
PAGE_MARGINS_MM = (10.0, 11.0, 10.0, 12.0)


def page_layout(page_size: str) -> Any:
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


class Waiter:
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
        from PySide6.QtCore import QCoreApplication, QTimer

        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(self.loop.quit)
        timer.start(int(timeout_s * 1000))
        while key not in self.results:
            if not timer.isActive():
                raise PlannerError(
                    QCoreApplication.translate(
                        "PrintJob", "{what} did not finish within {seconds} s"
                    ).format(what=what, seconds=f"{timeout_s:.0f}")
                )
            self.loop.exec()
        timer.stop()
        return self.results[key]


def load_and_wait(page: Any, html_file: Path) -> None:
    """Load ``html_file`` into ``page`` and wait for it and its fonts."""
    from PySide6.QtCore import QUrl

    waiter = Waiter()
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

    ensure_app()
    pdf_path = Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = pdf_path.with_name(f".{pdf_path.name}.{os.getpid()}.printing")
    page = QWebEnginePage()
    try:
        load_and_wait(page, html_file)
        waiter = Waiter()
        page.pdfPrintingFinished.connect(lambda _path, ok: waiter.put("ok", ok))
        page.printToPdf(str(tmp), page_layout(page_size))
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
