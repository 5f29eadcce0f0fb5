"""One way to run every long job off the GUI thread, with progress and Cancel.

A :class:`Job` wraps a plain function ``fn(progress, should_stop) -> result`` (the
planner's use cases take exactly these two callbacks); :class:`WorkerRunner` runs it
on a QThread and keeps the thread until it ends. :class:`ProgressArea` is the status
bar's label, bar and Cancel button, shared by every job the user waits for.

Threads (docs/architecture.md, "Threads"): the :class:`Job` itself stays on the GUI
thread, so every signal it emits is emitted there and whatever is connected to it,
a lambda included, runs there. Only a private :class:`_Worker` lives on the worker
thread; it calls ``fn`` and hands progress, the result or the error to the Job by
queued signals. ``fn`` must work on plain data (the mission, the plan, paths), never
touch a widget, and return plain data. While the thread runs, cyclic garbage is
collected on the GUI thread only (:mod:`ui.gui_gc`).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from planner.errors import Cancelled, PlannerError
from ui import gui_gc
from ui.i18n import error_text

JobFn = Callable[[Callable[[Any], None], Callable[[], bool]], Any]
translate = QCoreApplication.translate


class Job(QObject):
    """Runs ``fn(progress, should_stop)`` once on a worker; its signals are GUI-thread ones."""

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: JobFn, name: str = "") -> None:
        super().__init__()
        self.name = name
        self._fn = fn
        self._cancel = threading.Event()
        self.error: BaseException | None = None  # what made it fail (for details)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelling(self) -> bool:
        return self._cancel.is_set()

    # the worker's queued signals arrive here, on the GUI thread
    @Slot(object)
    def _progressed(self, value: Any) -> None:
        self.progressed.emit(value)

    @Slot(object)
    def _finished(self, result: Any) -> None:
        if self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.finished.emit(result)

    @Slot(str, object)
    def _failed(self, message: str, error: BaseException) -> None:
        self.error = error
        self.failed.emit(message)

    @Slot()
    def _cancelled(self) -> None:
        self.cancelled.emit()


class _Worker(QObject):
    """A job's function on the worker thread; reports to the Job by queued signals."""

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str, object)
    cancelled = Signal()

    def __init__(self, fn: JobFn, cancel: threading.Event, name: str) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = cancel
        self._name = name

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.progressed.emit, self._cancel.is_set)
        except Cancelled:
            self.cancelled.emit()
        except PlannerError as exc:
            self.failed.emit(error_text(exc), exc)
        except OSError as exc:
            self.failed.emit(error_text(exc), exc)  # what happened, what to do; the OS's words
        except Exception as exc:  # a bug in a job must not kill the window
            traceback.print_exc()
            self.failed.emit(
                translate("MainWindow", "{job} failed unexpectedly: {error}").format(
                    job=self._name or translate("MainWindow", "the job"), error=repr(exc)
                ),
                exc,
            )
        else:
            self.finished.emit(result)


class WorkerRunner(QObject):
    """Starts jobs on their own QThread and cleans up when they end."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads: list[tuple[QThread, Job, _Worker]] = []

    def start(self, job: Job) -> Job:
        thread = QThread(self)
        worker = _Worker(job._fn, job._cancel, job.name)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # receivers on the GUI thread: these connections are queued
        worker.progressed.connect(job._progressed)
        worker.finished.connect(job._finished)
        worker.failed.connect(job._failed)
        worker.cancelled.connect(job._cancelled)
        # quit from the worker's own thread (thread-safe), so that wait() cannot block on it
        for signal in (worker.finished, worker.failed, worker.cancelled):
            signal.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        # the worker object ends on its own thread, as the thread ends
        thread.finished.connect(worker.deleteLater)
        thread.finished.connect(self._reap)
        self._threads.append((thread, job, worker))
        gui_gc.watch(thread)
        thread.start()
        return job

    @Slot()
    def _reap(self) -> None:
        ended = self.sender()
        for entry in list(self._threads):
            thread, job, _worker = entry
            if thread is ended or thread.isFinished():
                thread.wait()  # past its last line of Python: returns at once
                self._threads.remove(entry)
                job.deleteLater()
                thread.deleteLater()

    def wait(self, timeout_ms: int = 60000) -> None:
        for thread, _job, _worker in list(self._threads):
            thread.wait(timeout_ms)

    @property
    def busy(self) -> bool:
        return any(not t.isFinished() for t, _, _ in self._threads)


class ProgressArea:
    """The status bar's progress label, bar (0-1000) and Cancel button."""

    def __init__(self, bar: QStatusBar) -> None:
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(translate("MainWindow", "Cancel"))
        self._on_cancel: Callable[[], None] | None = None
        self.cancel_button.clicked.connect(self._cancel)
        for w in (self.label, self.bar, self.cancel_button):
            bar.addPermanentWidget(w)
            w.hide()

    def begin(self, text: str, on_cancel: Callable[[], None], tip: str = "") -> None:
        self._on_cancel = on_cancel
        self.bar.setRange(0, 1000)  # planning may have left it busy (0, 0)
        self.bar.setValue(0)
        self.label.setText(text)
        self.cancel_button.setToolTip(tip)
        self.cancel_button.setEnabled(True)
        for w in (self.label, self.bar, self.cancel_button):
            w.show()

    def show_fraction(self, fraction: float, text: str = "") -> None:
        self.bar.setValue(round(max(0.0, min(1.0, fraction)) * 1000))
        if text:
            self.label.setText(text)

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(translate("MainWindow", "Cancelling…"))

    def end(self) -> None:
        self._on_cancel = None
        for w in (self.label, self.bar, self.cancel_button):
            w.hide()

    def _cancel(self) -> None:
        if self._on_cancel is not None:
            self._on_cancel()
