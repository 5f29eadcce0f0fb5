"""Export from the window: every output file, with progress, Cancel and "Open folder".

Two stages, neither of which blocks the window:

1. a worker thread writes the data files (:func:`planner.app.write_data_outputs`) and
   prepares the route sheets (alternates, each team's HTML: seconds on a big plan);
2. on the GUI thread (Qt WebEngine lives there), a :class:`sheets_qt.job.PrintJob`
   prints the sheets with asynchronous callbacks, only those not already cached.

At the end a message says how many files were written, with a button that opens
the folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.app import SheetRequest, sheet_requests, write_data_outputs
from planner.errors import PlannerError
from planner.i18n import localized
from ui.controllers.runner import Job, ProgressArea, WorkerRunner
from ui.i18n import error_text, number

if TYPE_CHECKING:
    from sheets_qt.job import PrintJob
    from ui.main_window import MainWindow

translate = QCoreApplication.translate


class ExportController(QObject):
    started = Signal()
    finished = Signal(object)  # list[Path] written, or None when cancelled/failed

    def __init__(self, window: MainWindow, runner: WorkerRunner, progress: ProgressArea) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.progress = progress
        self.folder: Path | None = None
        self.job: Job | None = None
        self.print_job: PrintJob | None = None
        self.message_box: QMessageBox | None = None
        self._written: list[Path] = []

    @property
    def busy(self) -> bool:
        return self.job is not None or self.print_job is not None

    def export(self, folder: Path | None = None) -> bool:
        """Start writing every output into ``folder`` (asks for it when None)."""
        window = self.window
        plan = window.plan
        if plan is None or self.busy or window.is_busy:
            return False
        if folder is None:
            name = QFileDialog.getExistingDirectory(
                window, translate("MainWindow", "Export outputs into folder")
            )
            if not name:
                return False
            folder = Path(name)
        mission = window.mission
        self.folder = folder

        def run(
            progress: Callable[[Any], None], should_stop: Callable[[], bool]
        ) -> tuple[list[Path], list[SheetRequest]]:
            def say(_stage: str, message: str, **_kw: object) -> None:
                progress(message)

            written = write_data_outputs(
                mission, plan, folder, say, should_stop=should_stop, tiles=window.map.tiles
            )
            requests = sheet_requests(mission, plan, folder)
            for request in requests:
                progress(
                    translate("MainWindow", "Preparing the route sheets of {n} teams").format(
                        n=number(len(request.teams))
                    )
                )
                request.prepare()
                if should_stop():
                    break
                request.render()
            return written, requests

        job = Job(run, translate("MainWindow", "The export"))
        job.progressed.connect(lambda message: self.progress.label.setText(localized(message)))
        job.finished.connect(self._print)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.job = job
        self._written = []
        self.progress.begin(
            translate("MainWindow", "Writing outputs to {folder}…").format(folder=folder),
            self.cancel,
            translate("MainWindow", "Stop the export"),
        )
        window.update_actions()
        self.runner.start(job)
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        if self.print_job is not None:
            self.print_job.cancel()
        self.progress.cancelling()

    def _print(self, result: tuple[list[Path], list[SheetRequest]]) -> None:
        self.job = None
        self._written, requests = result
        try:
            from sheets_qt.job import PrintJob
        except ImportError as exc:  # Qt WebEngine missing from this installation
            self._failed(
                translate(
                    "MainWindow", "Route sheets need Qt WebEngine, which is not available: {error}"
                ).format(error=exc)
            )
            return
        job = PrintJob(requests, parent=self)
        job.progressed.connect(self._on_print_progress)
        job.finished.connect(self._done)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.print_job = job
        job.start()

    def _on_print_progress(self, done: int, total: int, message: str) -> None:
        self.progress.show_fraction(
            done / total if total else 1.0,
            translate("MainWindow", "Route sheets: {message}").format(message=message),
        )

    def _end(self) -> None:
        if self.print_job is not None:
            self.print_job.deleteLater()
        self.job = self.print_job = None
        self.progress.end()
        self.window.update_actions()

    def _done(self, paths: list[Path]) -> None:
        written = [*self._written, *paths]
        self._end()
        folder = self.folder
        assert folder is not None
        n = number(len(written))
        self.window.statusBar().showMessage(
            translate("MainWindow", "Wrote {n} files to {folder}").format(n=n, folder=folder),
            15000,
        )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            translate("MainWindow", "Export finished"),
            translate("MainWindow", "Wrote {n} files to {folder}.").format(n=n, folder=folder),
            QMessageBox.StandardButton.Close,
            self.window,
        )
        open_button = box.addButton(
            translate("MainWindow", "Open folder"), QMessageBox.ButtonRole.ActionRole
        )
        open_button.clicked.connect(lambda: self.open_folder(folder))
        box.setModal(False)
        box.show()
        self.message_box = box
        self.finished.emit(written)

    @staticmethod
    def open_folder(folder: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _failed(self, message: str) -> None:
        self._end()
        self.window.statusBar().showMessage(translate("MainWindow", "Export failed"), 10000)
        QMessageBox.critical(self.window, translate("MainWindow", "Export failed"), message)
        self.finished.emit(None)

    def _cancelled(self) -> None:
        self._end()
        self.window.statusBar().showMessage(translate("MainWindow", "Export cancelled"), 10000)
        self.finished.emit(None)

    # ------------------------------------------------------------------ printer
    def print_sheets(self) -> None:
        window = self.window
        plan = window.plan
        if plan is None:
            return
        try:
            from ui.printing import print_route_sheets
        except ImportError:
            QMessageBox.information(
                window,
                translate("MainWindow", "Printing"),
                translate("MainWindow", "Route sheet printing is not available."),
            )
            return
        team_ids = [window.day.team_id] if window.day.team_id else [r.team_id for r in plan.routes]
        try:
            print_route_sheets(window, window.mission, plan, team_ids)
        except PlannerError as exc:  # the printer failed: say so, the window goes on
            QMessageBox.critical(
                window, translate("MainWindow", "Printing failed"), error_text(exc)
            )
