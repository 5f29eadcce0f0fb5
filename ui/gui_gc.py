"""Cyclic garbage is collected on the GUI thread only, while worker threads run.

CPython runs its cyclic garbage collector on whichever thread allocates when a
generation's count crosses its threshold. A worker thread running planner code
(export, planning, forming teams, re-planning) allocates far more than the GUI
thread, so it is usually the one that collects. When the garbage holds a Python-owned
Qt object (a widget or QObject whose wrapper sits in a reference cycle: a closed
panel, a dialog), collecting it runs the C++ destructor *on the worker thread*: a
widget destroyed off the GUI thread, racing with the GUI thread's own use of Qt,
aborts or crashes the application now and then (docs/architecture.md, "Threads").

So, while any worker thread runs (:func:`watch` it when it starts), automatic
collection is off and a timer on the GUI thread collects instead, generation by
generation with the interpreter's own thresholds; garbage made meanwhile waits at
most :data:`INTERVAL_MS`. Once every watched thread has finished (or its QThread
was deleted), automatic collection is on again, unless someone else had switched it
off. Nothing needs to be released by hand, so an error path cannot leave it off.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Slot
from shiboken6 import Shiboken

__all__ = ["INTERVAL_MS", "collect_due", "held", "watch"]

#: How often the GUI thread collects while automatic collection is off.
INTERVAL_MS = 100


def collect_due() -> int:
    """Collect the generations whose counts passed their thresholds, as CPython would.

    Returns the number of unreachable objects found (0 when nothing was due).
    """
    threshold, count = gc.get_threshold(), gc.get_count()
    if threshold[0] <= 0 or count[0] <= threshold[0]:
        return 0
    generation = 0
    for g in (1, 2):
        if g < len(threshold) and count[g] > threshold[g]:
            generation = g
    return gc.collect(generation)


def _running(thread: QThread) -> bool:
    return Shiboken.isValid(thread) and not thread.isFinished()


class _Collector(QObject):
    """Keeps the running worker threads; collects on a GUI-thread timer while any run."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.threads: list[QThread] = []
        self._restore = False  # automatic collection was on before the first worker
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    def watch(self, thread: QThread) -> None:
        if not self.threads:
            self._restore = gc.isenabled()
            gc.disable()
            self._timer.start()
        self.threads.append(thread)
        thread.finished.connect(self._tick)  # queued: runs here once the thread is done

    @Slot()
    def _tick(self) -> None:
        if self._restore:  # else whoever switched collection off wants it off
            collect_due()
        self.threads = [t for t in self.threads if _running(t)]
        if not self.threads and self._timer.isActive():
            self._timer.stop()
            if self._restore:
                gc.enable()


_collectors: list[_Collector] = []  # the one of the running application


def _the_collector() -> _Collector:
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("ui.gui_gc needs a running QApplication")
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("ui.gui_gc.watch must be called on the GUI thread")
    if not _collectors or not Shiboken.isValid(_collectors[0]):
        _collectors[:] = [_Collector(app)]
    return _collectors[0]


def watch(thread: QThread) -> None:
    """``thread`` runs Python code: until it has finished, only the GUI thread collects."""
    _the_collector().watch(thread)


def held() -> int:
    """How many watched threads still run (automatic collection is off while any do)."""
    if not _collectors or not Shiboken.isValid(_collectors[0]):
        return 0
    return sum(1 for t in _collectors[0].threads if _running(t))
