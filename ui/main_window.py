"""The main window: mission browser, map, tables, the team's day, coverage.

The window holds one immutable :class:`Mission`. Every change (a plan, an edit, an
import, new settings) builds a new Mission and goes through :meth:`set_mission`,
which puts it on the undo stack; views are refreshed from the mission alone.
Long work (planning, saving) runs in worker threads (:mod:`ui.workers`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEventLoop,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.io.mission import new_mission, open_mission, record, save_mission
from planner.model import Mission, Plan, format_hhmm
from ui import app_settings, recovery
from ui.map_view import MapView
from ui.plan_edits import EditRefused, EditResult
from ui.table_models import ID_ROLE, SORT_ROLE, StationsModel, TeamsModel
from ui.undo import MissionCommand
from ui.widgets.changes_panel import ChangesPanel
from ui.widgets.coverage_panel import CoveragePanel
from ui.widgets.mission_browser import MissionBrowser
from ui.widgets.timeline import TeamDayPanel
from ui.window_menus import build_menus
from ui.workers import SaveWorker, SolveFn, SolveWorker, default_solver

MISSION_FILTER = "STO Planner missions (*.gpkg);;All files (*)"
AUTOSAVE_MS = 3 * 60 * 1000


def _table(model: Any) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    # rows come in the mission's order; sorting (on a header click) is done only when
    # asked, so that reloading 9,725 stations after an edit stays instant
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


class MainWindow(QMainWindow):
    mission_changed = Signal(object)
    plan_started = Signal()
    plan_finished = Signal(object)  # the Plan stored, or None when cancelled/failed
    saved = Signal(object)  # the Path written
    save_failed = Signal(str)
    selected = Signal(str, str)
    # menus and actions (built by ui.window_menus.build_menus)
    recent_menu: QMenu
    view_menu: QMenu
    act_new: QAction
    act_open: QAction
    act_save: QAction
    act_save_as: QAction
    act_import: QAction
    act_export: QAction
    act_print: QAction
    act_undo: QAction
    act_redo: QAction
    act_find: QAction
    act_settings: QAction
    act_plan: QAction
    act_cancel: QAction
    act_pin: QAction
    act_remove: QAction
    act_up: QAction
    act_down: QAction
    act_add: QAction
    act_unavailable: QAction
    act_tiles: QAction

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
        # what is on disk (or, for the demo/new mission, what there is nothing to lose of)
        self._saved_mission: Mission | None = mission
        self.path = path
        self.untitled_name = title or "Untitled mission"
        self._solve = solve
        self.recovery_dir = recovery_dir or recovery.default_dir()
        self._autosaved: Mission | None = None
        self._autosave_original: Path | None = None
        self._plan_base: Mission = mission
        self._threads: list[tuple[QThread, Any]] = []
        self._solve_worker: SolveWorker | None = None
        self._syncing = False
        self.last_violations: list[Any] = []
        self.plan_time_limit = 30.0
        self.plan_seed = 0
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._on_undo_index)

        self.map = MapView(self, tiles=app_settings.map_tiles_enabled() if tiles is None else tiles)
        self.map.picked.connect(lambda kind, ident: self.select(kind, ident, source="map"))
        self.map.failed.connect(lambda msg: self.statusBar().showMessage(f"Map: {msg}", 10000))
        self.setCentralWidget(self.map)

        self.browser = MissionBrowser()
        self.browser.activated.connect(lambda k, i: self.select(k, i, source="browser"))
        self.browser_dock = self.add_dock(
            self.browser, "Mission", Qt.DockWidgetArea.LeftDockWidgetArea
        )

        self.stations_model = StationsModel()
        self.stations_view, self.stations_proxy = _table(self.stations_model)
        self.teams_model = TeamsModel()
        self.teams_view, self.teams_proxy = _table(self.teams_model)
        self.station_search = QLineEdit(placeholderText="Filter stations…")
        self.station_search.setClearButtonEnabled(True)
        self.station_search.textChanged.connect(self.stations_proxy.setFilterFixedString)
        stations_page = QWidget()
        lay = QVBoxLayout(stations_page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.station_search)
        lay.addWidget(self.stations_view)
        self.day = TeamDayPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.day, "Team's day")
        self.tabs.addTab(self.teams_view, "Teams")
        self.tabs.addTab(stations_page, "Polling stations")
        self.tables_dock = self.add_dock(
            self.tabs, "Tables", Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.stations_view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._table_picked("station", self.stations_proxy, cur)
        )
        self.teams_view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._table_picked("team", self.teams_proxy, cur)
        )
        self.day.stop_selected.connect(self._stop_picked)

        self.coverage = CoveragePanel()
        self.coverage.region_activated.connect(lambda r: self.select("region", r, source="cov"))
        self.coverage_dock = self.add_dock(
            self.coverage, "Coverage", Qt.DockWidgetArea.RightDockWidgetArea
        )

        self._build_status_bar()
        self._build_actions()
        self._connect_edit_buttons()
        # last-minute changes: enter, see the teams touched, apply, undo (docs/replanning.md)
        self.changes_panel = ChangesPanel(self)
        self.changes_dock = self.attach_panel(self.changes_panel, "Changes")
        self.tabifyDockWidget(self.coverage_dock, self.changes_dock)
        self.coverage_dock.raise_()
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(autosave_ms)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self._restore_layout()
        self._refresh()

    # ------------------------------------------------------------------ public API
    @property
    def mission(self) -> Mission:
        return self._mission

    @property
    def plan(self) -> Plan | None:
        return self._mission.current_plan

    @property
    def is_dirty(self) -> bool:
        return self._mission is not self._saved_mission

    @property
    def is_planning(self) -> bool:
        return self._solve_worker is not None

    def set_mission(self, mission: Mission, *, description: str) -> None:
        """Replace the mission (undoable). Panels use this to apply their changes."""
        if mission is self._mission:
            return
        self.undo_stack.push(MissionCommand(self._apply, self._mission, mission, description))

    def add_dock(
        self,
        widget: QWidget,
        title: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
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
        self.path = path
        self.untitled_name = "Untitled mission"
        self._saved_mission = None if dirty else mission
        self._autosaved = None
        if path is not None:
            app_settings.remember_mission(path)
            self._fill_recent()
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
        self.map.show_mission(m, m.current_plan)
        self._update_title()
        self._update_status()
        self._update_actions()
        self.mission_changed.emit(m)

    @Slot(int)
    def _on_undo_index(self, _index: int) -> None:
        self._update_title()

    def _update_title(self) -> None:
        name = self.path.name if self.path else self.untitled_name
        self.setWindowTitle(f"{name}[*] — STO Planner")
        self.setWindowModified(self.is_dirty)

    def _update_status(self) -> None:
        m = self._mission
        plan = m.current_plan
        text = (
            f"{len(m.regions)} regions · {len(m.decs)} DECs · "
            f"{len(m.polling_stations):,} stations · {len(m.available_teams)}/{len(m.teams)} teams"
        )
        if plan is not None:
            voting = sum(len(r.phase_visits("voting")) for r in plan.routes)
            text += f" · plan rev. {plan.revision}: {len(plan.routes)} routes, {voting:,} visits"
        self.mission_label.setText(text)

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
                self._select_row(
                    self.stations_view, self.stations_proxy, self.stations_model, ident
                )
                teams = (
                    [t for t, _s, v in self.plan.visits() if v.ps_id == ident] if self.plan else []
                )
                if teams:
                    self._show_team(teams[0])
                    self.day.select_stop(ident)
            elif kind == "team":
                self._select_row(self.teams_view, self.teams_proxy, self.teams_model, ident)
                self._show_team(ident)
            self.statusBar().showMessage(self._describe(kind, ident), 8000)
        finally:
            self._syncing = False
        self.selected.emit(kind, ident)

    def _show_team(self, team_id: str) -> None:
        self.day.set_team(self._mission, team_id)
        self._update_edit_buttons()

    def _select_row(
        self, view: QTableView, proxy: QSortFilterProxyModel, model: Any, ident: str
    ) -> None:
        row = model.row_of(ident)
        if row < 0:
            return
        index = proxy.mapFromSource(model.index(row, 0))
        if index.isValid():
            view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            view.scrollTo(index)

    def _table_picked(self, kind: str, proxy: QSortFilterProxyModel, current: QModelIndex) -> None:
        if current.isValid() and not self._syncing:
            self.select(kind, str(proxy.mapToSource(current).data(ID_ROLE)), source="table")

    def _stop_picked(self, key: str) -> None:
        self._update_edit_buttons()
        if self._syncing:
            return
        if key.startswith("DEC:"):
            self.map.select("dec", key[4:])
        else:
            self.map.select("station", key)

    def _describe(self, kind: str, ident: str) -> str:
        m = self._mission
        if kind == "station" and ident in m.station_by_id:
            p = m.station_by_id[ident]
            return (
                f"{p.ps_id} {p.name}, {p.address} — {p.settlement}, {p.kind}, {p.voters:,} "
                f"voters, open {format_hhmm(p.open_time)}–{format_hhmm(p.close_time)}"
            )
        if kind == "team" and ident in m.team_by_id:
            t = m.team_by_id[ident]
            return f"Team {t.team_id} ({t.base_id}): {'; '.join(t.members)}"
        if kind == "dec" and ident in m.dec_by_id:
            return f"DEC {ident} {m.dec_by_id[ident].name}"
        return f"{kind} {ident}"

    # ------------------------------------------------------------------ status bar
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.mission_label = QLabel()
        bar.addPermanentWidget(self.mission_label)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop planning (Esc)")
        self.cancel_button.clicked.connect(self.cancel_plan)
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            bar.addPermanentWidget(w)
            w.hide()

    # ------------------------------------------------------------------ actions
    def _build_actions(self) -> None:
        build_menus(self)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in app_settings.recent_missions():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def _update_actions(self) -> None:
        planning = self.is_planning
        self.act_plan.setEnabled(not planning)
        self.act_cancel.setEnabled(planning)
        has_plan = self.plan is not None
        self.act_export.setEnabled(has_plan and not planning)
        self.act_print.setEnabled(has_plan and not planning)
        # the plan being made is for the mission as it was: no other change meanwhile
        for action in (
            self.act_new,
            self.act_open,
            self.act_import,
            self.act_settings,
            self.act_pin,
            self.act_remove,
            self.act_up,
            self.act_down,
            self.act_add,
            self.act_unavailable,
        ):
            action.setEnabled(not planning)
        self.recent_menu.setEnabled(not planning and bool(self.recent_menu.actions()))
        self._update_edit_buttons()

    def _connect_edit_buttons(self) -> None:
        b = self.day.buttons
        b["pin"].clicked.connect(self.pin_selected)
        b["remove"].clicked.connect(self.remove_selected)
        b["up"].clicked.connect(lambda: self.move_selected(-1))
        b["down"].clicked.connect(lambda: self.move_selected(1))
        b["add"].clicked.connect(self.add_station_dialog)
        b["unavailable"].clicked.connect(self.toggle_team_available)

    def _update_edit_buttons(self) -> None:
        team = self._mission.team_by_id.get(self.day.team_id)
        self.day.buttons["unavailable"].setText(
            "Team available" if team is not None and not team.available else "Team unavailable"
        )
        if self.is_planning:
            for button in self.day.buttons.values():
                button.setEnabled(False)

    # ------------------------------------------------------------------ files
    def confirm_discard(self) -> bool:
        """Ask before unsaved changes are lost; True when it is fine to go on."""
        if not self.is_dirty:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "The mission has changes that are not saved. Save them?",
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

    def new_file(self) -> None:
        if self.confirm_discard():
            self.load_mission(new_mission(), None)

    def open_file(self) -> None:
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open mission", start, MISSION_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        if not self.confirm_discard():
            return False
        try:
            mission = open_mission(path)
        except PlannerError as exc:
            QMessageBox.warning(self, "Cannot open the mission", str(exc))
            return False
        self.load_mission(mission, path)
        self.statusBar().showMessage(f"Opened {path}", 5000)
        return True

    def save(self, *, wait: bool = False) -> bool:
        if self.path is None:
            return self.save_as(wait=wait)
        return self._save_to(self.path, wait=wait)

    def save_as(self, *, wait: bool = False) -> bool:
        start = str(self.path) if self.path else "mission.gpkg"
        name, _ = QFileDialog.getSaveFileName(self, "Save mission as", start, MISSION_FILTER)
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
        mission = self._mission
        if wait:
            self.statusBar().showMessage(f"Saving {path}…")
            try:
                save_mission(mission, path)
            except PlannerError as exc:
                self._save_failed(str(exc))
                return False
            self._saved(mission, path)
            return True
        worker = SaveWorker(mission, path, "save")
        worker.finished.connect(self._on_save_done)
        worker.failed.connect(self._on_save_error)
        self.statusBar().showMessage(f"Saving {path}…")
        self._start(worker)
        return True

    @Slot(str, object, object)
    def _on_save_done(self, purpose: str, mission: Mission, path: Path) -> None:
        if purpose == "autosave":
            self._autosaved = mission
            recovery.write_note(self.recovery_dir, self._autosave_original)
        else:
            self._saved(mission, path)

    @Slot(str, str)
    def _on_save_error(self, purpose: str, message: str) -> None:
        if purpose == "autosave":
            self.statusBar().showMessage(f"Autosave failed: {message}", 8000)
        else:
            self._save_failed(message)

    def _saved(self, mission: Mission, path: Path) -> None:
        self._saved_mission = mission
        recovery.discard(self.recovery_dir, path)
        app_settings.remember_mission(path)
        self._fill_recent()
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        self.saved.emit(path)

    def _save_failed(self, message: str) -> None:
        self.statusBar().showMessage("Save failed", 5000)
        self.save_failed.emit(message)
        QMessageBox.critical(self, "Could not save", message)

    def autosave(self) -> None:
        """Write unsaved changes to the recovery file (off the GUI thread)."""
        if not self.is_dirty or self._autosaved is self._mission:
            return
        self.recovery_dir.mkdir(parents=True, exist_ok=True)
        target = recovery.recovery_path(self.recovery_dir, self.path)
        self._autosave_original = self.path
        worker = SaveWorker(self._mission, target, "autosave")
        worker.finished.connect(self._on_save_done)
        worker.failed.connect(self._on_save_error)
        self._start(worker)

    def _start(self, worker: Any) -> QThread:
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        worker.failed.connect(thread.quit)
        if hasattr(worker, "cancelled"):
            worker.cancelled.connect(thread.quit)
        self._threads.append((thread, worker))
        thread.finished.connect(self._reap_threads)
        thread.start()
        return thread

    @Slot()
    def _reap_threads(self) -> None:
        for entry in list(self._threads):
            thread, worker = entry
            if thread.isFinished():
                self._threads.remove(entry)
                worker.deleteLater()
                thread.deleteLater()

    def wait_for_workers(self, timeout_ms: int = 60000) -> None:
        for thread, _worker in list(self._threads):
            thread.wait(timeout_ms)

    # ------------------------------------------------------------------ import/export
    def import_layer(self) -> None:
        from ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self._mission, self)
        if dialog.exec() and dialog.result_mission is not None:
            self.set_mission(dialog.result_mission, description=dialog.description)
            self.statusBar().showMessage(dialog.description, 8000)

    def export_outputs(self, folder: Path | None = None) -> list[Path]:
        plan = self.plan
        if plan is None:
            return []
        if folder is None:
            name = QFileDialog.getExistingDirectory(self, "Export outputs into folder")
            if not name:
                return []
            folder = Path(name)
        from planner.app import export_outputs
        from sheets_qt.printer import print_sheets_blocking

        self.statusBar().showMessage(f"Writing outputs to {folder}…")

        def progress(_stage: str, message: str, **_kw: object) -> None:
            self.statusBar().showMessage(message)
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

        # the route sheets are printed by Qt WebEngine, which must run on this thread
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = export_outputs(
                self._mission, plan, folder, printer=print_sheets_blocking, progress=progress
            )
        except (PlannerError, OSError) as exc:
            QMessageBox.critical(self, "Export failed", str(exc))
            return []
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(f"Wrote {len(written)} files to {folder}", 8000)
        return list(written)

    def print_sheets(self) -> None:
        plan = self.plan
        if plan is None:
            return
        try:
            from ui.printing import print_route_sheets
        except ImportError:
            QMessageBox.information(self, "Printing", "Route sheet printing is not available.")
            return
        team_ids = [self.day.team_id] if self.day.team_id else [r.team_id for r in plan.routes]
        print_route_sheets(self, self._mission, plan, team_ids)

    # ------------------------------------------------------------------ settings/about
    def edit_settings(self) -> None:
        from ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._mission.settings, self)
        if dialog.exec() and dialog.settings != self._mission.settings:
            changed = {
                k: v
                for k, v in dialog.settings.to_pairs()
                if (k, v) not in self._mission.settings.to_pairs()
            }
            mission = record(replace(self._mission, settings=dialog.settings), "settings", changed)
            self.set_mission(mission, description="Change mission settings")

    def set_map_tiles(self, on: bool) -> None:
        app_settings.set_map_tiles(on)
        self.map.set_tiles(on, self.plan)

    def about(self) -> None:
        from ui.dialogs.simple import show_about

        show_about(self)

    # ------------------------------------------------------------------ planning
    def plan_dialog(self) -> None:
        from ui.dialogs.simple import PlanOptionsDialog

        dialog = PlanOptionsDialog(self.plan_time_limit, self.plan_seed, self)
        if dialog.exec():
            self.plan_time_limit = dialog.time_limit.value()
            self.plan_seed = dialog.seed.value()
            self.start_plan(time_limit_s=self.plan_time_limit, seed=self.plan_seed)

    def start_plan(self, *, time_limit_s: float = 30.0, seed: int = 0) -> None:
        if self.is_planning:
            return
        solve = self._solve or default_solver()
        worker = SolveWorker(solve, self._mission, time_limit_s=time_limit_s, seed=seed)
        self._plan_base = self._mission
        worker.progressed.connect(self._on_progress)
        worker.finished.connect(self._on_planned)
        worker.cancelled.connect(self._on_plan_cancelled)
        worker.failed.connect(self._on_plan_failed)
        self._solve_worker = worker
        self.progress_bar.setValue(0)
        self.progress_label.setText("Planning…")
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            w.show()
        self.cancel_button.setEnabled(True)
        self._update_actions()
        self._start(worker)
        self.plan_started.emit()

    def cancel_plan(self) -> None:
        if self._solve_worker is not None:
            self._solve_worker.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Cancelling…")

    @Slot(object)
    def _on_progress(self, p: Any) -> None:
        fraction = getattr(p, "fraction", None)
        if isinstance(fraction, (int, float)):
            self.progress_bar.setValue(round(max(0.0, min(1.0, fraction)) * 1000))
        parts = [str(getattr(p, "stage", "") or "")]
        done, total = getattr(p, "teams_done", None), getattr(p, "teams_total", None)
        if total:
            parts.append(f"teams {done}/{total}")
        for attr, label in (
            ("openings", "openings"),
            ("voting_visits", "visits"),
            ("counts", "counts"),
            ("tabulation_decs", "DECs"),
        ):
            value = getattr(p, attr, None)
            if isinstance(value, int) and value:
                parts.append(f"{value:,} {label}")
        message = getattr(p, "message", "")
        self.progress_label.setText(" · ".join(x for x in parts if x))
        if message:
            self.progress_label.setToolTip(str(message))

    def _plan_over(self, message: str) -> None:
        self._solve_worker = None
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            w.hide()
        self._update_actions()
        self.day.set_team(self._mission, self.day.team_id)
        self.statusBar().showMessage(message, 10000)
        if message != "planned":
            self.plan_finished.emit(None)

    @Slot()
    def _on_plan_cancelled(self) -> None:
        self._plan_over("Planning cancelled")

    @Slot(str)
    def _on_plan_failed(self, message: str) -> None:
        self._plan_over("Planning failed")
        QMessageBox.warning(self, "Planning failed", message)

    @Slot(object)
    def _on_planned(self, plan: Plan) -> None:
        base = self._plan_base
        if self._mission is not base:  # e.g. undone or changed by a panel meanwhile
            self._plan_over("Plan discarded: the mission changed while planning")
            QMessageBox.information(
                self,
                "Plan not stored",
                "The mission was changed while the plan was being made, so the new plan "
                "no longer fits it. Plan again.",
            )
            return
        self._solve_worker = None
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            w.hide()
        violations = self._validate(base, plan)
        self.last_violations = violations
        mission = base.with_plan(plan)
        revision = mission.plans[-1].revision
        teams = len(plan.routes)
        visits = sum(len(r.phase_visits("voting")) for r in plan.routes)
        mission = record(
            mission,
            "plan",
            {
                "seed": plan.seed,
                "teams": teams,
                "voting_visits": visits,
                "violations": len(violations),
            },
            revision,
        )
        self.set_mission(mission, description=f"Plan mission (revision {revision})")
        self._update_actions()
        check = "no rule broken" if not violations else f"{len(violations)} rule(s) broken"
        self.statusBar().showMessage(
            f"Planned {teams} teams, {visits:,} voting visits; checked: {check}", 15000
        )
        if violations:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "The plan breaks rules",
                f"The check found {len(violations)} problem(s) in the new plan.",
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setDetailedText("\n".join(str(getattr(v, "message", v)) for v in violations[:200]))
            box.setModal(False)
            box.show()
        self.plan_finished.emit(mission.current_plan)

    def _validate(self, mission: Mission, plan: Plan) -> list[Any]:
        try:
            from planner.validate import validate_plan
        except ImportError:
            return []
        try:
            return list(validate_plan(mission, plan))
        except PlannerError as exc:
            return [str(exc)]

    # ------------------------------------------------------------------ manual edits
    def _selected_stop(self) -> tuple[str, str] | None:
        route = self.day.model.route
        row = self.day.selected_row()
        if route is None or not 0 <= row < len(route.visits):
            return None
        return route.team_id, route.visits[row].key

    def apply_edit(self, make: Callable[[], EditResult], *, confirm: bool = False) -> bool:
        """Run an edit; refused edits are explained, accepted ones go on the undo stack."""
        if self.is_planning:
            return False
        try:
            result = make()
        except EditRefused as exc:
            self.statusBar().showMessage(f"Not possible: {exc.reason}", 10000)
            QMessageBox.information(self, "Edit not possible", exc.reason)
            return False
        if confirm:
            effects = result.consequences()
            text = result.description + (":\n• " + "\n• ".join(effects) if effects else ".")
            answer = QMessageBox.question(self, "Apply this change?", text)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        key = self._selected_stop()
        self.set_mission(result.mission, description=result.description)
        self._show_team(result.team_id)
        if key is not None:
            self.day.select_stop(key[1])
        self.statusBar().showMessage(result.description, 5000)
        return True

    def pin_selected(self) -> None:
        from ui.plan_edits import pin_stop

        sel = self._selected_stop()
        if sel is None or self.plan is None:
            return
        route = self.plan.route(sel[0])
        pinned = any(v.key == sel[1] and v.pinned for v in route.visits) if route else False
        self.apply_edit(lambda: pin_stop(self._mission, sel[0], sel[1], not pinned))

    def remove_selected(self) -> None:
        from ui.plan_edits import remove_stop

        sel = self._selected_stop()
        if sel is not None:
            self.apply_edit(lambda: remove_stop(self._mission, *sel), confirm=True)

    def move_selected(self, offset: int) -> None:
        from ui.plan_edits import move_stop

        sel = self._selected_stop()
        if sel is not None:
            self.apply_edit(lambda: move_stop(self._mission, sel[0], sel[1], offset))

    def add_station_dialog(self) -> None:
        from ui.dialogs.simple import ChooseStationDialog
        from ui.plan_edits import add_station, candidate_stations

        team_id = self.day.team_id
        if not team_id or self.plan is None or self.plan.route(team_id) is None:
            return
        dialog = ChooseStationDialog(
            self._mission, candidate_stations(self._mission, team_id), self
        )
        if dialog.exec() and dialog.chosen():
            ps_id = dialog.chosen()
            self.apply_edit(lambda: add_station(self._mission, team_id, ps_id), confirm=True)

    def toggle_team_available(self) -> None:
        from ui.plan_edits import set_team_available

        team = self._mission.team_by_id.get(self.day.team_id)
        if team is None:
            return
        self.apply_edit(
            lambda: set_team_available(self._mission, team.team_id, not team.available),
            confirm=team.available,
        )

    # ------------------------------------------------------------------ layout, close
    def _restore_layout(self) -> None:
        s = app_settings.store()
        geometry = s.value("window/geometry")
        state = s.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            self.resize(int(screen.width() * 0.85), int(screen.height() * 0.85))
            self.resizeDocks(
                [self.browser_dock, self.coverage_dock],
                [int(screen.width() * 0.18), int(screen.width() * 0.22)],
                Qt.Orientation.Horizontal,
            )
            self.resizeDocks(
                [self.tables_dock], [int(screen.height() * 0.3)], Qt.Orientation.Vertical
            )
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        s = app_settings.store()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.confirm_discard():
            event.ignore()
            return
        if self._solve_worker is not None:
            self._solve_worker.cancel()
        self._autosave_timer.stop()
        self.wait_for_workers()
        self.save_layout()
        self.map.dispose()
        event.accept()
