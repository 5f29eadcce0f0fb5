"""One way to run every long job off the GUI thread, with progress and Cancel.

A :class:`Job` wraps a plain function ``fn(progress, should_stop) -> result`` (the
planner's use cases take exactly these two callbacks); :class:`WorkerRunner` moves it
to a QThread and keeps the thread until it ends. :class:`ProgressArea` is the status
bar's label, bar and Cancel button, shared by every job the user waits for.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from planner.errors import Cancelled, PlannerError
from ui.i18n import error_text

JobFn = Callable[[Callable[[Any], None], Callable[[], bool]], Any]
translate = QCoreApplication.translate


class Job(QObject):
    """Runs ``fn(progress, should_stop)`` once; its signals arrive on the GUI thread."""

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

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.progressed.emit, self._cancel.is_set)
        except Cancelled:
            self.cancelled.emit()
        except PlannerError as exc:
            self.error = exc
            self.failed.emit(error_text(exc))
        except OSError as exc:
            self.error = exc
            self.failed.emit(error_text(exc))  # what happened, what to do; the OS's words
        except Exception as exc:  # a bug in a job must not kill the window
            traceback.print_exc()
            self.error = exc
            self.failed.emit(
                translate("MainWindow", "{job} failed unexpectedly: {error}").format(
                    job=self.name or translate("MainWindow", "the job"), error=repr(exc)
                )
            )
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.finished.emit(result)


class WorkerRunner(QObject):
    """Starts jobs on their own QThread and cleans up when they end."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads: list[tuple[QThread, Job]] = []

    def start(self, job: Job) -> Job:
        thread = QThread(self)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        for signal in (job.finished, job.failed, job.cancelled):
            signal.connect(thread.quit)
        self._threads.append((thread, job))
        thread.finished.connect(self._reap)
        thread.start()
        return job

    @Slot()
    def _reap(self) -> None:
        for entry in list(self._threads):
            thread, job = entry
            if thread.isFinished():
                self._threads.remove(entry)
                job.deleteLater()
                thread.deleteLater()

    def wait(self, timeout_ms: int = 60000) -> None:
        for thread, _job in list(self._threads):
            thread.wait(timeout_ms)

    @property
    def busy(self) -> bool:
        return any(not t.isFinished() for t, _ in self._threads)


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
