"""The document: which mission file is open, whether it is saved, and its recovery copy.

Open, new, save (off the GUI thread unless the caller must wait), save as, autosave to
a recovery file every few minutes, and "save changes?" before anything is lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.errors import MissionFileError, PlannerError
from planner.io.lock import real_path
from planner.io.mission import FileStamp, MissionLock, new_mission, open_mission, save_mission
from planner.model import Mission
from ui import app_settings, recovery
from ui.controllers.runner import Job, WorkerRunner
from ui.i18n import QT_TRANSLATE_NOOP, error_text

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
        # the open mission's write lock (issue 11): held while it is open, so another
        # window or program opens it read-only; the stamp makes a save refuse to
        # overwrite a file changed behind the window's back
        self.lock: MissionLock | None = None
        self.stamp: FileStamp | None = None
        self.read_only = False
        self._pending: tuple[Path, MissionLock | None, FileStamp | None, bool] | None = None
        self._hold(path)
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
        name = self.path.name if self.path else self.untitled_name
        return name + translate("Document", " (read-only)") if self.read_only else name

    def loaded(self, mission: Mission, path: Path | None, *, dirty: bool) -> None:
        self.path = path
        self.untitled_name = translate("MainWindow", "Untitled mission")
        self.saved_mission = None if dirty else mission
        self._autosaved = None
        if path is not None:
            app_settings.remember_mission(path)
        self._hold(path)

    # ------------------------------------------------------------------ lock
    def _owns(self, path: Path | None) -> bool:
        """Whether this window holds the write lock of ``path``."""
        lock = self.lock
        return (
            path is not None
            and lock is not None
            and lock.held
            and real_path(lock.mission) == real_path(path)
        )

    def _hold(self, path: Path | None) -> None:
        """Hold the lock of the mission now shown (``path``) and drop any other one.

        A path opened by :meth:`open_path` brings its lock, stamp and read-only
        choice; any other (start-up, recovery) takes the lock quietly, or is shown
        read-only when another window or program holds it."""
        pending, self._pending = self._pending, None
        if pending is not None and pending[0] == path:
            lock, stamp, read_only = pending[1:]
        elif path is None:
            lock, stamp, read_only = None, None, False
        elif self._owns(path):
            return
        else:
            lock, stamp, read_only = MissionLock(path), FileStamp.of(real_path(path)), False
            try:
                lock.acquire()
            except MissionFileError:
                lock, read_only = None, True
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock, self.stamp, self.read_only = lock, stamp, read_only

    def release(self) -> None:
        """Stop autosaving and drop the mission's lock (the window is closing)."""
        self.timer.stop()
        if self.lock is not None:
            self.lock.release()
        self.lock = None

    def _ask_read_only(self, message: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            translate("Document", "Mission in use"),
            translate("Document", "{message}\n\nOpen it read-only? (You can save a copy.)").format(
                message=message
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _lock_for_open(self, path: Path) -> tuple[MissionLock | None, bool] | None:
        """(the lock of ``path``, read-only?) or None when the user gave up."""
        if self._owns(path):
            return self.lock, False
        if not path.is_file():
            return None, False  # nothing to lock: opening says what is wrong
        lock = MissionLock(path)
        try:
            lock.acquire()
        except MissionFileError as exc:
            if not self._ask_read_only(error_text(exc)):
                return None
            return None, True
        return lock, False

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
        claim = self._lock_for_open(path)
        if claim is None:
            return False
        lock, read_only = claim
        stamp = FileStamp.of(real_path(path))  # before reading: a later change is seen
        try:
            mission = open_mission(path)
        except PlannerError as exc:
            if lock is not None and lock is not self.lock:
                lock.release()
            QMessageBox.warning(
                self.window, translate("MainWindow", "Cannot open the mission"), error_text(exc)
            )
            return False
        self._pending = (path, lock, stamp, read_only)
        self.window.load_mission(mission, path)
        self.window.statusBar().showMessage(
            translate("App", "Opened {path}").format(path=path), 5000
        )
        return True

    # ------------------------------------------------------------------ save
    def save(self, *, wait: bool = False) -> bool:
        if self.path is None or self.read_only:
            return self.save_as(wait=wait)
        return self._save_to(self.path, wait=wait, check=True)

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
        old, old_lock, old_read_only = self.path, self.lock, self.read_only
        lock = self.lock if self.lock is not None and self._owns(path) else MissionLock(path)
        try:
            lock.acquire()
        except MissionFileError as exc:
            self._save_failed(error_text(exc))
            return False
        self.path, self.lock, self.read_only = path, lock, False
        ok = self._save_to(path, wait=wait, check=False)
        if not ok and wait:
            self.path, self.lock, self.read_only = old, old_lock, old_read_only
            if lock is not old_lock:
                lock.release()
        else:
            if old_lock is not None and old_lock is not lock:
                old_lock.release()
            if old != path:
                recovery.discard(self.recovery_dir, old)
        return ok

    def _save_to(self, path: Path, *, wait: bool, check: bool = False) -> bool:
        """Save to ``path``; with ``check``, refuse when the file changed since read."""
        mission = self.window.mission
        expect: dict[str, Any] = {"expect": self.stamp} if check and self._owns(path) else {}
        self.window.statusBar().showMessage(
            translate("MainWindow", "Saving {path}…").format(path=path)
        )
        if wait:
            try:
                stamp = save_mission(mission, path, **expect)
            except PlannerError as exc:
                self._save_failed(error_text(exc))
                return False
            self._saved(mission, path, stamp)
            return True
        self._start_save(mission, path, "save", expect)
        return True

    def _start_save(
        self, mission: Mission, path: Path, purpose: str, expect: dict[str, Any] | None = None
    ) -> None:
        def save(_progress: Any, _stop: Any) -> tuple[Mission, Path, FileStamp | None]:
            return mission, path, save_mission(mission, path, **(expect or {}))

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

    def _on_save_done(
        self, purpose: str, mission: Mission, path: Path, stamp: FileStamp | None
    ) -> None:
        if purpose == "autosave":
            self._autosaved = mission
            recovery.write_note(self.recovery_dir, self._autosave_original)
        else:
            self._saved(mission, path, stamp)

    def _on_save_error(self, purpose: str, message: str) -> None:
        if purpose == "autosave":
            self.window.statusBar().showMessage(
                translate("MainWindow", "Autosave failed: {message}").format(message=message), 8000
            )
        else:
            self._save_failed(message)

    def _saved(self, mission: Mission, path: Path, stamp: FileStamp | None = None) -> None:
        self.saved_mission = mission
        if self._owns(path):
            self.stamp = stamp
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
