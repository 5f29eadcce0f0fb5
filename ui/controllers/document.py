"""The document: which mission file is open, whether it is saved, and its recovery copy.

Open, new, save (off the GUI thread unless the caller must wait), save as, autosave to
a recovery file every few minutes, and "save changes?" before anything is lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.errors import PlannerError
from planner.io.mission import new_mission, open_mission, save_mission
from planner.model import Mission
from ui import app_settings, recovery
from ui.controllers.runner import Job, WorkerRunner
from ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from ui.main_window import MainWindow

MISSION_FILTER = QT_TRANSLATE_NOOP("MainWindow", "STO Planner missions (*.gpkg);;All files (*)")
AUTOSAVE_MS = 3 * 60 * 1000
translate = QCoreApplication.translate


def mission_filter() -> str:
    return translate("MainWindow", MISSION_FILTER)


class DocumentController(QObject):
    saved = Signal(object)  # the Path written
    save_failed = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        runner: WorkerRunner,
        *,
        path: Path | None,
        recovery_dir: Path | None,
        autosave_ms: int = AUTOSAVE_MS,
        title: str = "",
    ) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.path = path
        self.untitled_name = title or translate("MainWindow", "Untitled mission")
        self.recovery_dir = recovery_dir or recovery.default_dir()
        # what is on disk (or, for the demo/new mission, what there is nothing to lose of)
        self.saved_mission: Mission | None = window.mission
        self._autosaved: Mission | None = None
        self._autosave_original: Path | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(autosave_ms)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()

    @property
    def is_dirty(self) -> bool:
        return self.window.mission is not self.saved_mission

    def mark_clean(self) -> None:
        """Treat what is shown as saved (e.g. before closing without a prompt)."""
        self.saved_mission = self.window.mission

    def title(self) -> str:
        return self.path.name if self.path else self.untitled_name

    def loaded(self, mission: Mission, path: Path | None, *, dirty: bool) -> None:
        self.path = path
        self.untitled_name = translate("MainWindow", "Untitled mission")
        self.saved_mission = None if dirty else mission
        self._autosaved = None
        if path is not None:
            app_settings.remember_mission(path)

    # ------------------------------------------------------------------ asking
    def confirm_discard(self) -> bool:
        """Ask before unsaved changes are lost; True when it is fine to go on."""
        if not self.is_dirty:
            return True
        answer = QMessageBox.question(
            self.window,
            translate("MainWindow", "Unsaved changes"),
            translate("MainWindow", "The mission has changes that are not saved. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save(wait=True)
        if answer == QMessageBox.StandardButton.Discard:
            recovery.discard(self.recovery_dir, self.path)
            return True
        return False

    # ------------------------------------------------------------------ open
    def new_file(self) -> None:
        if self.confirm_discard():
            self.window.load_mission(new_mission(), None)

    def open_file(self) -> None:
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(
            self.window, translate("MainWindow", "Open mission"), start, mission_filter()
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        if not self.confirm_discard():
            return False
        try:
            mission = open_mission(path)
        except PlannerError as exc:
            QMessageBox.warning(
                self.window, translate("MainWindow", "Cannot open the mission"), str(exc)
            )
            return False
        self.window.load_mission(mission, path)
        self.window.statusBar().showMessage(
            translate("App", "Opened {path}").format(path=path), 5000
        )
        return True

    # ------------------------------------------------------------------ save
    def save(self, *, wait: bool = False) -> bool:
        if self.path is None:
            return self.save_as(wait=wait)
        return self._save_to(self.path, wait=wait)

    def save_as(self, *, wait: bool = False) -> bool:
        start = str(self.path) if self.path else "mission.gpkg"
        name, _ = QFileDialog.getSaveFileName(
            self.window, translate("MainWindow", "Save mission as"), start, mission_filter()
        )
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != ".gpkg":
            path = path.with_suffix(".gpkg")
        return self.save_to_path(path, wait=wait)

    def save_to_path(self, path: Path, *, wait: bool = False) -> bool:
        old = self.path
        self.path = path
        ok = self._save_to(path, wait=wait)
        if not ok and wait:
            self.path = old
        elif old != path:
            recovery.discard(self.recovery_dir, old)
        return ok

    def _save_to(self, path: Path, *, wait: bool) -> bool:
        mission = self.window.mission
        self.window.statusBar().showMessage(
            translate("MainWindow", "Saving {path}…").format(path=path)
        )
        if wait:
            try:
                save_mission(mission, path)
            except PlannerError as exc:
                self._save_failed(str(exc))
                return False
            self._saved(mission, path)
            return True
        self._start_save(mission, path, "save")
        return True

    def _start_save(self, mission: Mission, path: Path, purpose: str) -> None:
        def save(_progress: Any, _stop: Any) -> tuple[Mission, Path]:
            save_mission(mission, path)
            return mission, path

        name = (
            translate("MainWindow", "The autosave of {file}")
            if purpose == "autosave"
            else translate("MainWindow", "Saving {file}")
        )
        job = Job(save, name.format(file=path.name))
        job.finished.connect(lambda result: self._on_save_done(purpose, *result))
        job.failed.connect(lambda message: self._on_save_error(purpose, message))
        self.runner.start(job)

    def autosave(self) -> None:
        """Write unsaved changes to the recovery file (off the GUI thread)."""
        mission = self.window.mission
        if not self.is_dirty or self._autosaved is mission:
            return
        self.recovery_dir.mkdir(parents=True, exist_ok=True)
        target = recovery.recovery_path(self.recovery_dir, self.path)
        self._autosave_original = self.path
        self._start_save(mission, target, "autosave")

    def _on_save_done(self, purpose: str, mission: Mission, path: Path) -> None:
        if purpose == "autosave":
            self._autosaved = mission
            recovery.write_note(self.recovery_dir, self._autosave_original)
        else:
            self._saved(mission, path)

    def _on_save_error(self, purpose: str, message: str) -> None:
        if purpose == "autosave":
            self.window.statusBar().showMessage(
                translate("MainWindow", "Autosave failed: {message}").format(message=message), 8000
            )
        else:
            self._save_failed(message)

    def _saved(self, mission: Mission, path: Path) -> None:
        self.saved_mission = mission
        recovery.discard(self.recovery_dir, path)
        app_settings.remember_mission(path)
        self.window.fill_recent()
        self.window.update_title()
        self.window.statusBar().showMessage(
            translate("MainWindow", "Saved {path}").format(path=path), 5000
        )
        self.saved.emit(path)

    def _save_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(translate("MainWindow", "Save failed"), 5000)
        self.save_failed.emit(message)
        QMessageBox.critical(self.window, translate("MainWindow", "Could not save"), message)
