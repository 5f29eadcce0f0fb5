"""The Changes panel: enter last-minute changes, see whom they touch, re-plan, undo.

A self-contained widget. Give it the mission (:meth:`ChangesPanel.set_mission`);
it emits :attr:`ChangesPanel.mission_changed` ``(mission, description)`` with the
re-planned mission (changes applied and recorded, new plan revision stored) and,
after translate("Changes", "Undo all"), with the mission as it was before. The window that docks it
connects that signal to its own ``set_mission`` (which makes it undoable there too).

The re-plan runs off the GUI thread; the panel stays usable while it runs.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner import i18n as planner_i18n
from planner.errors import InputError, PlannerError
from planner.model import Mission
from planner.replan.changes import (
    Change,
    changes_to_yaml,
    check_changes,
    read_changes,
)
from planner.replan.core import ReplanResult, replan, touched_by
from planner.replan.describe import describe
from ui import gui_gc
from ui.i18n import error_text, planner_text
from ui.widgets.change_form import ChangeForms, touch_note, weak_attr
from ui.widgets.change_report import report_text

translate = QCoreApplication.translate

ReplanFn = Callable[..., ReplanResult]


class ReplanWorker(QObject):
    """Runs ``replan(mission, changes)`` off the GUI thread."""

    finished = Signal(object)  # ReplanResult
    failed = Signal(str)

    def __init__(self, fn: ReplanFn, mission: Mission, changes: list[Change]) -> None:
        super().__init__()
        self._fn = fn
        self._mission = mission
        self._changes = changes

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self._mission, self._changes, source="Changes panel")
        except PlannerError as exc:
            self.failed.emit(error_text(exc))
        except Exception as exc:  # a bug must not take the window down
            traceback.print_exc()
            self.failed.emit(f"re-planning failed unexpectedly: {exc!r}")
        else:
            self.finished.emit(result)


class ChangesPanel(QWidget):
    """Enter changes (a form per kind), preview, apply as a re-plan, undo the set."""

    mission_changed = Signal(object, str)  # Mission, description for the undo stack
    replanned = Signal(object)  # ReplanResult
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, replan_fn: ReplanFn = replan) -> None:
        super().__init__(parent)
        self._replan_fn = replan_fn
        self._mission: Mission | None = None
        self._changes: list[Change] = []
        self._before: Mission | None = None
        self._thread: QThread | None = None
        self._worker: ReplanWorker | None = None
        self.last_result: ReplanResult | None = None
        self._touch_cache: dict[Change, list[str]] = {}
        self._build()
        self._update()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.form = ChangeForms(weak_attr(self, "_mission"))  # no cycle through the panel
        self.kind, self.forms, self.fields = self.form.kind, self.form.forms, self.form.fields
        layout.addWidget(self.kind)
        layout.addWidget(self.forms)
        self.add_button = QPushButton(translate("Changes", "Add change"))
        self.add_button.clicked.connect(self.add_from_form)
        layout.addWidget(self.add_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(
            QLabel(translate("Changes", "<b>Changes to apply</b> (and the teams they touch)"))
        )
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.remove_button = QPushButton(translate("Changes", "Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.load_button = QPushButton(translate("Changes", "Load…"))
        self.load_button.clicked.connect(self._load_dialog)
        self.save_button = QPushButton(translate("Changes", "Save…"))
        self.save_button.clicked.connect(self._save_dialog)
        for b in (self.remove_button, self.load_button, self.save_button):
            row.addWidget(b)
        layout.addLayout(row)
        row2 = QHBoxLayout()
        self.apply_button = QPushButton(translate("Changes", "Apply and re-plan"))
        self.apply_button.clicked.connect(self.apply)
        self.undo_button = QPushButton(translate("Changes", "Undo all"))
        self.undo_button.clicked.connect(self.undo_all)
        row2.addWidget(self.apply_button)
        row2.addWidget(self.undo_button)
        layout.addLayout(row2)
        layout.addWidget(QLabel(translate("Changes", "<b>Last re-plan</b>")))
        self.result_view = QPlainTextEdit()
        self.result_view.setReadOnly(True)
        layout.addWidget(self.result_view, 1)

    # ------------------------------------------------------------------ state
    @property
    def changes(self) -> list[Change]:
        return list(self._changes)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def set_mission(self, mission: Mission) -> None:
        """The mission the changes apply to (the window calls this on every change)."""
        if mission is self._mission:
            return
        self._mission = mission
        self._touch_cache.clear()
        self.form.complete_stations(sorted(mission.station_by_id))
        self._refresh_list()
        self._update()

    def set_form(self, kind: str, **values: Any) -> None:
        """Choose a kind and fill its form (the map or a table can pre-fill it)."""
        self.form.fill(kind, **values)

    # ------------------------------------------------------------------ actions
    def add_from_form(self) -> bool:
        """Check the form's change against the mission and add it to the list."""
        try:
            change = self.form.change()
        except InputError as exc:
            self._say(planner_i18n.localized(exc.problems[0].message))
            return False
        return self.add_change(change)

    def add_change(self, change: Change) -> bool:
        if self._mission is None:
            self._say(translate("Changes", "Open a mission first."))
            return False
        try:
            check_changes(self._mission, [*self._changes, change])
        except InputError as exc:
            self._say("\n".join(planner_i18n.localized(p.message) for p in exc.problems))
            return False
        self._changes.append(change)
        self._say(
            translate("Changes", "Added: {change}").format(change=planner_text(describe(change)))
        )
        self._refresh_list()
        self._update()
        return True

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._changes):
            del self._changes[row]
            self._refresh_list()
            self._update()

    def load_file(self, path: Path) -> bool:
        try:
            changes = read_changes(path)
            if self._mission is not None:
                check_changes(self._mission, changes, str(path))
        except InputError as exc:
            self._say(error_text(exc))
            return False
        self._changes = list(changes)
        self._say(
            translate("Changes", "{n} changes read from {file}").format(
                n=len(changes), file=path.name
            )
        )
        self._refresh_list()
        self._update()
        return True

    def save_file(self, path: Path) -> None:
        path.write_text(changes_to_yaml(self._changes), encoding="utf-8")
        self._say(
            translate("Changes", "Saved {n} changes to {file}").format(
                n=len(self._changes), file=path.name
            )
        )

    def _load_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("Changes", "Load changes"),
            "",
            translate("Changes", "YAML (*.yaml *.yml)"),
        )
        if name:
            self.load_file(Path(name))

    def _save_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("Changes", "Save changes"),
            "CHANGES.yaml",
            translate("Changes", "YAML (*.yaml)"),
        )
        if name:
            self.save_file(Path(name))

    def apply(self) -> None:
        """Re-plan with the listed changes (off the GUI thread)."""
        if self._mission is None or not self._changes or self.busy:
            return
        if self._mission.current_plan is None:
            self._say(translate("Changes", "The mission has no plan yet: plan it first."))
            return
        self._before = self._mission
        worker = ReplanWorker(self._replan_fn, self._mission, list(self._changes))
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(self._done)
        worker.failed.connect(self._failed)
        # quit from the worker's own thread, so that wait() cannot block on it
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._thread_over)
        self._thread, self._worker = thread, worker
        self._say(translate("Changes", "Re-planning…"))
        self._update()
        gui_gc.watch(thread)  # the re-plan allocates: only the GUI thread collects
        thread.start()

    def wait(self, timeout_ms: int = 60000) -> None:
        if self._thread is not None:
            self._thread.wait(timeout_ms)

    def _thread_over(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        self._update()

    def _done(self, result: ReplanResult) -> None:
        self.last_result = result
        self.result_view.setPlainText(report_text(result))
        self._mission = result.mission
        self._touch_cache.clear()
        self._changes = []
        self._refresh_list()
        if result.is_new_revision:
            self._say(
                translate("Changes", "Plan revision {rev}: {n} route sheets to reprint.").format(
                    rev=result.plan.revision, n=len(result.changed_teams)
                )
            )
        else:
            self._say(
                translate("Changes", "Nothing to re-plan: every change was already in effect.")
            )
        self.mission_changed.emit(
            result.mission,
            translate("Changes", "Re-plan ({n} changes)").format(n=len(result.applied)),
        )
        self.replanned.emit(result)
        self._update()

    def _failed(self, message: str) -> None:
        self._before = None
        self._say(message)
        self.failed.emit(message)
        self._update()

    def undo_all(self) -> None:
        """Go back to the mission as it was before the last re-plan."""
        if self._before is None or self.busy:
            return
        before, self._before = self._before, None
        self._mission = before
        self._touch_cache.clear()
        if self.last_result is not None:
            self._changes = [a.change for a in self.last_result.applied]
        self.result_view.setPlainText("")
        self._say(translate("Changes", "Re-plan undone: the changes are back in the list."))
        self._refresh_list()
        self.mission_changed.emit(before, translate("Changes", "Undo re-plan"))
        self._update()

    # ------------------------------------------------------------------ display
    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _refresh_list(self) -> None:
        self.list.clear()
        for change in self._changes:
            teams = self._touched(change)
            extra = touch_note(change)
            who = ", ".join(teams) if teams else translate("Changes", "no team")
            touches = translate("Changes", "touches: {who}{extra}").format(who=who, extra=extra)
            item = QListWidgetItem(f"{planner_text(describe(change))}\n    {touches}")
            item.setData(256, teams)  # Qt.UserRole
            self.list.addItem(item)

    def _touched(self, change: Change) -> list[str]:
        """Teams a change touches (cached per mission: the list is redrawn often)."""
        if self._mission is None:
            return []
        if change not in self._touch_cache:
            try:
                self._touch_cache[change] = touched_by(self._mission, change)
            except (PlannerError, KeyError):
                self._touch_cache[change] = []
        return self._touch_cache[change]

    def touched_teams(self, row: int) -> list[str]:
        item = self.list.item(row)
        return list(item.data(256)) if item is not None else []

    def _update(self) -> None:
        has = self._mission is not None
        self.add_button.setEnabled(has and not self.busy)
        self.apply_button.setEnabled(has and bool(self._changes) and not self.busy)
        self.undo_button.setEnabled(self._before is not None and not self.busy)
        self.remove_button.setEnabled(bool(self._changes) and not self.busy)
        self.save_button.setEnabled(bool(self._changes))
