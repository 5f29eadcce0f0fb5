"""The main window: mission browser, map, tables, the team's day, coverage.

The window holds one immutable :class:`Mission` and composes the views and four
controllers (:mod:`ui.controllers`): the document (open/save/recover), planning
(solve in a worker), edits (the undo stack; every change goes through
:meth:`set_mission`) and export (outputs and printing). Views are refreshed from the
mission alone. The rules of planning, re-planning, editing and exporting are the
application layer's (:mod:`planner.app`), shared with the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from planner.model import Mission, Plan
from ui import app_settings
from ui.controllers.document import AUTOSAVE_MS, DocumentController
from ui.controllers.edits import EditController
from ui.controllers.export import ExportController
from ui.controllers.planning import PlanningController, SolveFn, validated_replan
from ui.controllers.runner import ProgressArea, WorkerRunner
from ui.i18n import QT_TRANSLATE_NOOP
from ui.layout import fit_columns_from_sample
from ui.table_models import ID_ROLE
from ui.widgets.changes_panel import ChangesPanel
from ui.widgets.observers_view import ObserversView
from ui.window_menus import WindowActions, build_menus
from ui.window_views import (
    WindowViews,
    build_views,
    describe,
    fit_docks,
    restore_layout,
    save_layout,
    select_row,
    status_text,
)

translate = QCoreApplication.translate


def _to(controller: str, name: str) -> Any:
    """A window method that is one of its controller's methods."""

    def call(self: MainWindow, *args: Any, **kwargs: Any) -> Any:
        return getattr(getattr(self, controller), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"``self.{controller}.{name}(...)``"
    return call


class MainWindow(QMainWindow, WindowViews, WindowActions):
    """The views are declared by :class:`WindowViews`, the actions by :class:`WindowActions`."""

    mission_changed = Signal(object)
    plan_started = Signal()
    plan_finished = Signal(object)  # the Plan stored, or None when cancelled/failed
    export_finished = Signal(object)  # the files written, or None when cancelled/failed
    saved = Signal(object)  # the Path written
    save_failed = Signal(str)
    selected = Signal(str, str)

    def __init__(
        self,
        mission: Mission,
        path: Path | None = None,
        *,
        solve: SolveFn | None = None,
        recovery_dir: Path | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        tiles: bool | None = None,
        title: str = "",
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self._mission = mission
        self._syncing = False
        self.runner = WorkerRunner(self)
        self.edits = EditController(self, self._apply)
        self.undo_stack = self.edits.undo_stack
        self.undo_stack.indexChanged.connect(self.update_title)  # the title shows unsaved changes
        self.document = DocumentController(
            self,
            self.runner,
            path=path,
            recovery_dir=recovery_dir,
            autosave_ms=autosave_ms,
            title=title,
        )
        self.document.saved.connect(self.saved)
        self.document.save_failed.connect(self.save_failed)

        build_views(self, tiles)
        self.mission_label = QLabel()
        self.statusBar().addPermanentWidget(self.mission_label)
        self.progress = ProgressArea(self.statusBar())
        self.progress_label = self.progress.label
        self.progress_bar = self.progress.bar
        self.cancel_button = self.progress.cancel_button
        self.planning = PlanningController(self, self.runner, self.progress, solve)
        self.plan_progress = self.planning.plan_progress
        self.planning.started.connect(self.plan_started)
        self.planning.finished.connect(self.plan_finished)
        self.exports = ExportController(self, self.runner, self.progress)
        self.exports.finished.connect(self.export_finished)
        build_menus(self)
        self.edits.connect_buttons()
        # last-minute changes (docs/replanning.md), re-planned as planner.app.replan_mission
        self.changes_panel = ChangesPanel(self, replan_fn=validated_replan)
        self.changes_dock = self.attach_panel(
            self.changes_panel, QT_TRANSLATE_NOOP("MainWindow", "Changes")
        )
        self.observers_view = ObserversView(self)  # roster and teams (docs/teams.md)
        self.observers_dock = self.attach_panel(
            self.observers_view, QT_TRANSLATE_NOOP("MainWindow", "Observers")
        )
        for dock in (self.changes_dock, self.uncovered_dock, self.observers_dock):
            self.tabifyDockWidget(self.coverage_dock, dock)
        self.coverage_dock.raise_()
        restore_layout(self)
        self._refresh()
        fit_columns_from_sample(self.stations_view, stretch=-1)  # names on one line

    # ------------------------------------------------------------------ public API
    @property
    def mission(self) -> Mission:
        return self._mission

    @property
    def plan(self) -> Plan | None:
        return self._mission.current_plan

    @property
    def path(self) -> Path | None:
        return self.document.path

    @property
    def recovery_dir(self) -> Path:
        return self.document.recovery_dir

    @property
    def is_dirty(self) -> bool:
        return self.document.is_dirty

    @property
    def is_planning(self) -> bool:
        return self.planning.busy

    @property
    def is_busy(self) -> bool:
        """A plan or an export is running: the mission must not change meanwhile."""
        return self.planning.busy or self.exports.busy

    @property
    def last_violations(self) -> list[Any]:
        return self.planning.last_violations

    def set_mission(self, mission: Mission, *, description: str) -> None:
        """Replace the mission (undoable). Panels use this to apply their changes."""
        self.edits.set_mission(mission, description=description)

    def add_dock(
        self,
        widget: QWidget,
        title: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        # the title in the interface language; the object name (saved layout) in English
        dock = QDockWidget(translate("MainWindow", title), self)
        dock.setObjectName("dock_" + "".join(c if c.isalnum() else "_" for c in title.lower()))
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        view_menu = getattr(self, "view_menu", None)
        if view_menu is not None:
            view_menu.addAction(dock.toggleViewAction())
        return dock

    def attach_panel(
        self,
        panel: QWidget,
        title: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        """Dock a panel that follows and edits the mission.

        The panel needs ``set_mission(mission)`` (called now and after every change)
        and a signal ``mission_changed(mission, description)``; what it emits goes on
        the undo stack like any other change.
        """
        dock = self.add_dock(panel, title, area)
        set_mission = panel.set_mission  # type: ignore[attr-defined]
        set_mission(self._mission)
        self.mission_changed.connect(set_mission)
        panel.mission_changed.connect(  # type: ignore[attr-defined]
            lambda mission, description: self.set_mission(mission, description=description)
        )
        return dock

    def load_mission(self, mission: Mission, path: Path | None, *, dirty: bool = False) -> None:
        """Show another mission (not undoable: the undo history is cleared)."""
        self.undo_stack.clear()
        self._mission = mission
        self.document.loaded(mission, path, dirty=dirty)
        if path is not None:
            self.fill_recent()
        self._refresh()

    # ------------------------------------------------------------------ refresh
    def _apply(self, mission: Mission) -> None:
        self._mission = mission
        self._refresh()

    def _refresh(self) -> None:
        m = self._mission
        self.browser.set_mission(m)
        self.stations_model.set_mission(m)
        self.teams_model.set_mission(m)
        self.day.set_team(m, self.day.team_id)
        self.coverage.set_mission(m)
        self.uncovered.set_mission(m)
        self.map.show_mission(m, m.current_plan)
        self.update_title()
        self.mission_label.setText(status_text(self._mission))
        self.update_actions()
        self.mission_changed.emit(m)

    def refresh_day(self) -> None:
        self.day.set_team(self._mission, self.day.team_id)

    def update_title(self) -> None:
        self.setWindowTitle(f"{self.document.title()}[*] — STO Planner")
        self.setWindowModified(self.is_dirty)

    # ------------------------------------------------------------------ selection
    def select(self, kind: str, ident: str, *, source: str = "") -> None:
        """Select an item everywhere: lists, tree, map, the team's day."""
        if self._syncing:
            return
        self._syncing = True
        try:
            if source != "map":
                self.map.select(kind, ident)
            if source != "browser":
                self.browser.select(kind, ident)
            if kind == "station":
                select_row(self.stations_view, self.stations_proxy, self.stations_model, ident)
                teams = (
                    [t for t, _s, v in self.plan.visits() if v.ps_id == ident] if self.plan else []
                )
                if teams:
                    self.show_team(teams[0])
                    self.day.select_stop(ident)
            elif kind == "team":
                select_row(self.teams_view, self.teams_proxy, self.teams_model, ident)
                self.show_team(ident)
            self.statusBar().showMessage(describe(self._mission, kind, ident), 8000)
        finally:
            self._syncing = False
        self.selected.emit(kind, ident)

    def show_team(self, team_id: str) -> None:
        self.day.set_team(self._mission, team_id)
        self.edits.update_buttons()

    def _table_picked(self, kind: str, proxy: QSortFilterProxyModel, current: QModelIndex) -> None:
        if current.isValid() and not self._syncing:
            self.select(kind, str(proxy.mapToSource(current).data(ID_ROLE)), source="table")

    def _stop_picked(self, key: str) -> None:
        self.edits.update_buttons()
        if self._syncing:
            return
        if key.startswith("DEC:"):
            self.map.select("dec", key[4:])
        else:
            self.map.select("station", key)

    # ------------------------------------------------------------------ actions
    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in app_settings.recent_missions():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    _fill_recent = fill_recent  # the name ui.window_menus calls

    def update_actions(self) -> None:
        busy = self.is_busy
        self.act_plan.setEnabled(not busy)
        self.act_cancel.setEnabled(busy)
        has_plan = self.plan is not None
        self.act_export.setEnabled(has_plan and not busy)
        self.act_print.setEnabled(has_plan and not busy)
        # the plan being made is for the mission as it was: no other change meanwhile
        changing: tuple[QAction, ...] = (
            self.act_new,
            self.act_open,
            self.act_import,
            self.act_settings,
            self.act_pin,
        )
        changing += (
            self.act_remove,
            self.act_up,
            self.act_down,
            self.act_add,
            self.act_unavailable,
        )
        for action in changing:
            action.setEnabled(not busy)
        self.recent_menu.setEnabled(not busy and bool(self.recent_menu.actions()))
        self.edits.update_buttons()

    # ------------------------------------------------------------------ menu commands
    # Each is its controller's method (ui.window_menus and the tests use these names).
    confirm_discard = _to("document", "confirm_discard")
    new_file = _to("document", "new_file")
    open_file = _to("document", "open_file")
    open_path = _to("document", "open_path")
    save = _to("document", "save")
    save_as = _to("document", "save_as")
    save_to_path = _to("document", "save_to_path")
    autosave = _to("document", "autosave")
    import_layer = _to("edits", "import_layer")
    edit_settings = _to("edits", "edit_settings")
    apply_edit = _to("edits", "apply")
    pin_selected = _to("edits", "pin_selected")
    remove_selected = _to("edits", "remove_selected")
    move_selected = _to("edits", "move_selected")
    add_station_dialog = _to("edits", "add_station_dialog")
    toggle_team_available = _to("edits", "toggle_team_available")
    export_outputs = _to("exports", "export")  # starts the export; export_finished tells
    print_sheets = _to("exports", "print_sheets")
    plan_dialog = _to("planning", "dialog")
    start_plan = _to("planning", "start")
    _on_progress = _to("planning", "on_progress")  # a solver's progress report

    def wait_for_workers(self, timeout_ms: int = 60000) -> None:
        self.observers_view.cancel()
        self.observers_view.wait()
        self.runner.wait(timeout_ms)
        self.changes_panel.wait(timeout_ms)

    def set_map_tiles(self, on: bool) -> None:
        app_settings.set_map_tiles(on)
        self.map.set_tiles(on, self.plan)

    def show_uncovered(self, kind: str = "dec", phase: str = "voting") -> None:
        """Open the Uncovered view at (kind, phase), its places ringed on the map."""
        self.uncovered.choose(kind, phase)
        self.uncovered_dock.show()
        self.uncovered_dock.raise_()
        self.uncovered.on_map.setChecked(True)

    def user_guide(self) -> None:
        from ui.help import show_user_guide

        show_user_guide(self)

    def about(self) -> None:
        from ui.dialogs.simple import show_about

        show_about(self)

    def cancel_plan(self) -> None:
        """Cancel what is running: a plan or an export (Esc)."""
        if self.planning.busy:
            self.planning.cancel()
        elif self.exports.busy:
            self.exports.cancel()

    # ------------------------------------------------------------------ layout, close
    def save_layout(self) -> None:
        save_layout(self)

    def fit_docks(self) -> None:
        """Size the docks for the window's size (a laptop screen: six rows of a day)."""
        fit_docks(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.confirm_discard():
            event.ignore()
            return
        if self.planning.job is not None:
            self.planning.job.cancel()
        if self.exports.busy:
            self.exports.cancel()
        self.document.release()
        self.wait_for_workers()
        save_layout(self)
        self.map.dispose()
        event.accept()
