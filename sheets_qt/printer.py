"""Printing sheets where nobody is waiting on a window: the command line, tests, benchmarks.

:func:`print_sheets_blocking` is the :class:`planner.app.SheetPrinter` of the command
line: it runs the same :class:`sheets_qt.job.PrintJob` as the window, inside a local
Qt event loop, until the job is over.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer

from planner.app import SheetRequest
from planner.errors import Cancelled, PlannerError
from planner.model import Mission, Plan
from sheets_qt.cache import PageCache
from sheets_qt.engine import ensure_app
from sheets_qt.job import PrintJob


def print_sheets_blocking(
    request: SheetRequest,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    cache: PageCache | None = None,
) -> Path:
    """Print ``request`` to ``request.path`` and return it (a local event loop runs)."""
    ensure_app()
    request.prepare()
    request.render()
    job = PrintJob([request], cache=cache)
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def over(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    job.finished.connect(lambda paths: over("paths", paths))
    job.failed.connect(lambda message: over("failed", message))
    job.cancelled.connect(lambda: over("cancelled", True))
    if progress is not None:
        job.progressed.connect(lambda done, total, _msg: progress(done, total))
    poll = QTimer()
    if should_stop is not None:
        poll.timeout.connect(lambda: job.cancel() if should_stop() else None)
        poll.start(100)
    job.start()
    if not outcome:
        loop.exec()
    poll.stop()
    job.deleteLater()
    # delete the job's browser page now: Qt warns when the app ends with a page alive
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if "failed" in outcome:
        raise PlannerError(str(outcome["failed"]))
    if "cancelled" in outcome:
        raise Cancelled("printing cancelled")
    return request.path


def write_route_sheets_pdf(
    mission: Mission,
    plan: Plan,
    path: Path,
    *,
    team_ids: Sequence[str] | None = None,
    revision_notes: Mapping[str, str] | None = None,
    page_size: str = "A4",
    cache: PageCache | None = None,
) -> Path:
    """The route sheets of ``team_ids`` (None: every team, as a booklet) in ``path``."""
    request = SheetRequest(
        mission,
        plan,
        Path(path),
        None if team_ids is None else tuple(team_ids),
        dict(revision_notes or {}),
        page_size,
    )
    return print_sheets_blocking(request, cache=cache)
