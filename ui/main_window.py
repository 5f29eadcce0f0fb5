"""The main window: mission browser, map, tables, the team's day, coverage.

The window holds one immutable :class:`Mission`. Every change (a plan, an edit, an
import, new settings) builds a new Mission and goes through :meth:`set_mission`,
which puts it on the undo stack; views are refreshed from the mission alone.
Long work (planning, saving) runs in worker threads (:mod:`ui.workers`).
"""

# size: arch-app splits MainWindow into document/planning/edit/export controllers
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
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
from planner.model import Mission, Plan
from ui import app_settings, recovery
from ui.i18n import QT_TRANSLATE_NOOP, clock, number
from ui.map_view import MapView
from ui.plan_edits import EditRefused, EditResult
from ui.table_models import ID_ROLE, SORT_ROLE, StationsModel, TeamsModel
from ui.undo import MissionCommand
from ui.widgets.changes_panel import ChangesPanel
from ui.widgets.coverage_panel import CoveragePanel
from ui.widgets.mission_browser import MissionBrowser
from ui.widgets.observers_view import ObserversView
from ui.widgets.timeline import TeamDayPanel
from ui.window_menus import build_menus
from ui.workers import SaveWorker, SolveFn, SolveWorker, default_solver

MISSION_FILTER = QT_TRANSLATE_NOOP("MainWindow", "STO Planner missions (*.gpkg);;All files (*)")
AUTOSAVE_MS = 3 * 60 * 1000
translate = QCoreApplication.translate


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


def _fit_columns(view: QTableView, *, stretch: int) -> None:
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)


def mission_filter() -> str:
    return translate("MainWindow", MISSION_FILTER)


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
    act_guide: QAction
    act_uncovered: QAction
    language_actions: Any

    def __init__(  # noqa: PLR0915  # size: composition root; arch-app splits MainWindow into controllers
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
        self.untitled_name = title or translate("MainWindow", "Untitled mission")
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
        self.map.failed.connect(
            lambda msg: self.statusBar().showMessage(
                translate("MainWindow", "Map: {message}").format(message=msg), 10000
            )
        )
        self.setCentralWidget(self.map)

        self.browser = MissionBrowser()
        self.browser.activated.connect(lambda k, i: self.select(k, i, source="browser"))
        self.browser_dock = self.add_dock(
            self.browser,
            QT_TRANSLATE_NOOP("MainWindow", "Mission"),
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )

        self.stations_model = StationsModel()
        self.stations_view, self.stations_proxy = _table(self.stations_model)
        self.teams_model = TeamsModel()
        self.teams_view, self.teams_proxy = _table(self.teams_model)
        _fit_columns(self.teams_view, stretch=2)  # Members gets the room
        self.station_search = QLineEdit(placeholderText=translate("MainWindow", "Filter stations…"))
        self.station_search.setClearButtonEnabled(True)
        self.station_search.textChanged.connect(self.stations_proxy.setFilterFixedString)
        stations_page = QWidget()
        lay = QVBoxLayout(stations_page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.station_search)
        lay.addWidget(self.stations_view)
        self.day = TeamDayPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.day, translate("MainWindow", "Team's day"))
        self.tabs.addTab(self.teams_view, translate("MainWindow", "Teams"))
        self.tabs.addTab(stations_page, translate("MainWindow", "Polling stations"))
        self.tables_dock = self.add_dock(
            self.tabs,
            QT_TRANSLATE_NOOP("MainWindow", "Tables"),
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.stations_view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._table_picked("station", self.stations_proxy, cur)
        )
        self.teams_view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._table_picked("team", self.teams_proxy, cur)
        )
        self.day.stop_selected.connect(self._stop_picked)
        # double-click or Enter on a team opens its day
        for signal in (self.teams_view.activated, self.teams_view.doubleClicked):
            signal.connect(lambda _i: self.tabs.setCurrentWidget(self.day))

        self.coverage = CoveragePanel()
        self.coverage.region_activated.connect(lambda r: self.select("region", r, source="cov"))
        self.coverage_dock = self.add_dock(
            self.coverage,
            QT_TRANSLATE_NOOP("MainWindow", "Coverage"),
            Qt.DockWidgetArea.RightDockWidgetArea,
        )

        # what the plan does not observe: linked from the coverage panel's shortfalls
        from ui.widgets.uncovered_view import UncoveredView

        self.uncovered = UncoveredView()
        self.uncovered.activated.connect(lambda k, i: self.select(k, i, source="uncovered"))
        self.uncovered.show_on_map.connect(self.map.set_uncovered)
        self.uncovered_dock = self.add_dock(
            self.uncovered,
            QT_TRANSLATE_NOOP("MainWindow", "Uncovered"),
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.coverage.uncovered_requested.connect(self.show_uncovered)

        self._build_status_bar()
        self._build_actions()
        self._connect_edit_buttons()
        # last-minute changes: enter, see the teams touched, apply, undo (docs/replanning.md)
        self.changes_panel = ChangesPanel(self)
        self.changes_dock = self.attach_panel(
            self.changes_panel, QT_TRANSLATE_NOOP("MainWindow", "Changes")
        )
        self.tabifyDockWidget(self.coverage_dock, self.changes_dock)
        self.tabifyDockWidget(self.coverage_dock, self.uncovered_dock)
        self.observers_view = ObserversView(self)  # roster and teams (docs/teams.md)
        self.observers_dock = self.attach_panel(
            self.observers_view, QT_TRANSLATE_NOOP("MainWindow", "Observers")
        )
        self.tabifyDockWidget(self.coverage_dock, self.observers_dock)
        self.coverage_dock.raise_()
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(autosave_ms)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self._restore_layout()
        self._refresh()
        from ui.layout import fit_columns_from_sample

        fit_columns_from_sample(self.stations_view, stretch=-1)  # names on one line

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
        self.path = path
        self.untitled_name = translate("MainWindow", "Untitled mission")
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
        self.uncovered.set_mission(m)
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
        text = translate(
            "MainWindow", "{regions} regions · {decs} DECs · {stations} stations · {teams} teams"
        ).format(
            regions=number(len(m.regions)),
            decs=number(len(m.decs)),
            stations=number(len(m.polling_stations)),
            teams=f"{number(len(m.available_teams))}/{number(len(m.teams))}",
        )
        if plan is not None:
            voting = sum(len(r.phase_visits("voting")) for r in plan.routes)
            text += " · " + translate(
                "MainWindow", "plan rev. {rev}: {routes} routes, {visits} visits"
            ).format(rev=plan.revision, routes=number(len(plan.routes)), visits=number(voting))
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
            return translate(
                "MainWindow",
                "{id} {name}, {address} — {area}, {kind}, {voters} voters, open {hours}",
            ).format(
                id=p.ps_id,
                name=p.name,
                address=p.address,
                area=translate("Tables", p.settlement),
                kind=translate("Tables", p.kind),
                voters=number(p.voters),
                hours=f"{clock(p.open_time)}–{clock(p.close_time)}",
            )
        if kind == "team" and ident in m.team_by_id:
            t = m.team_by_id[ident]
            return translate("MainWindow", "Team {team} ({base}): {members}").format(
                team=t.team_id, base=t.base_id, members="; ".join(t.members)
            )
        if kind == "dec" and ident in m.dec_by_id:
            return translate("Tables", "DEC {name}").format(
                name=f"{ident} {m.dec_by_id[ident].name}"
            )
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
        self.cancel_button = QPushButton(translate("MainWindow", "Cancel"))
        self.cancel_button.setToolTip(translate("MainWindow", "Stop planning (Esc)"))
        self.cancel_button.clicked.connect(self.cancel_plan)
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            bar.addPermanentWidget(w)
            w.hide()
        from ui.plan_progress import PlanProgress

        self.plan_progress = PlanProgress(self.progress_label, self.progress_bar)

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
            translate("TeamDay", "Team available")
            if team is not None and not team.available
            else translate("TeamDay", "Team unavailable")
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

    def new_file(self) -> None:
        if self.confirm_discard():
            self.load_mission(new_mission(), None)

    def open_file(self) -> None:
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(
            self, translate("MainWindow", "Open mission"), start, mission_filter()
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        if not self.confirm_discard():
            return False
        try:
            mission = open_mission(path)
        except PlannerError as exc:
            QMessageBox.warning(self, translate("MainWindow", "Cannot open the mission"), str(exc))
            return False
        self.load_mission(mission, path)
        self.statusBar().showMessage(translate("App", "Opened {path}").format(path=path), 5000)
        return True

    def save(self, *, wait: bool = False) -> bool:
        if self.path is None:
            return self.save_as(wait=wait)
        return self._save_to(self.path, wait=wait)

    def save_as(self, *, wait: bool = False) -> bool:
        start = str(self.path) if self.path else "mission.gpkg"
        name, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Save mission as"), start, mission_filter()
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
        mission = self._mission
        if wait:
            self.statusBar().showMessage(
                translate("MainWindow", "Saving {path}…").format(path=path)
            )
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
        self.statusBar().showMessage(translate("MainWindow", "Saving {path}…").format(path=path))
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
            self.statusBar().showMessage(
                translate("MainWindow", "Autosave failed: {message}").format(message=message), 8000
            )
        else:
            self._save_failed(message)

    def _saved(self, mission: Mission, path: Path) -> None:
        self._saved_mission = mission
        recovery.discard(self.recovery_dir, path)
        app_settings.remember_mission(path)
        self._fill_recent()
        self._update_title()
        self.statusBar().showMessage(
            translate("MainWindow", "Saved {path}").format(path=path), 5000
        )
        self.saved.emit(path)

    def _save_failed(self, message: str) -> None:
        self.statusBar().showMessage(translate("MainWindow", "Save failed"), 5000)
        self.save_failed.emit(message)
        QMessageBox.critical(self, translate("MainWindow", "Could not save"), message)

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
        self.observers_view.cancel()
        self.observers_view.wait()
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
            name = QFileDialog.getExistingDirectory(
                self, translate("MainWindow", "Export outputs into folder")
            )
            if not name:
                return []
            folder = Path(name)
        from cli.outputs import write_outputs

        self.statusBar().showMessage(
            translate("MainWindow", "Writing outputs to {folder}…").format(folder=folder)
        )

        def progress(_stage: str, message: str, **_kw: object) -> None:
            self.statusBar().showMessage(message)
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

        # the route sheets are printed by Qt WebEngine, which must run on this thread
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write_outputs(self._mission, plan, folder, progress)
        except (PlannerError, OSError) as exc:
            QMessageBox.critical(self, translate("MainWindow", "Export failed"), str(exc))
            return []
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(
            translate("MainWindow", "Wrote {n} files to {folder}").format(
                n=number(len(written)), folder=folder
            ),
            8000,
        )
        return list(written)

    def print_sheets(self) -> None:
        plan = self.plan
        if plan is None:
            return
        try:
            from ui.printing import print_route_sheets
        except ImportError:
            QMessageBox.information(
                self,
                translate("MainWindow", "Printing"),
                translate("MainWindow", "Route sheet printing is not available."),
            )
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
            self.set_mission(
                mission, description=translate("MainWindow", "Change mission settings")
            )

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
        self.plan_progress.start(time_limit_s)
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
            self.progress_label.setText(translate("MainWindow", "Cancelling…"))

    @Slot(object)
    def _on_progress(self, p: Any) -> None:
        self.plan_progress.update(p)

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
        self._plan_over(translate("MainWindow", "Planning cancelled"))

    @Slot(str)
    def _on_plan_failed(self, message: str) -> None:
        self._plan_over(translate("MainWindow", "Planning failed"))
        QMessageBox.warning(self, translate("MainWindow", "Planning failed"), message)

    # size: stores a finished plan; arch split moves it to the planning controller
    @Slot(object)
    def _on_planned(self, plan: Plan) -> None:
        base = self._plan_base
        if self._mission is not base:  # e.g. undone or changed by a panel meanwhile
            self._plan_over(
                translate("MainWindow", "Plan discarded: the mission changed while planning")
            )
            QMessageBox.information(
                self,
                translate("MainWindow", "Plan not stored"),
                translate(
                    "MainWindow",
                    "The mission was changed while the plan was being made, so the new plan "
                    "no longer fits it. Plan again.",
                ),
            )
            return
        self._solve_worker = None
        self.plan_progress.finished()
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
        self.set_mission(
            mission,
            description=translate("MainWindow", "Plan mission (revision {rev})").format(
                rev=revision
            ),
        )
        self._update_actions()
        check = (
            translate("MainWindow", "no rule broken")
            if not violations
            else translate("MainWindow", "{n} rule(s) broken").format(n=number(len(violations)))
        )
        self.statusBar().showMessage(
            translate(
                "MainWindow", "Planned {teams} teams, {visits} voting visits; checked: {check}"
            ).format(teams=number(teams), visits=number(visits), check=check),
            15000,
        )
        if violations:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                translate("MainWindow", "The plan breaks rules"),
                translate("MainWindow", "The check found {n} problem(s) in the new plan.").format(
                    n=number(len(violations))
                ),
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
            self.statusBar().showMessage(
                translate("MainWindow", "Not possible: {reason}").format(reason=exc.reason), 10000
            )
            QMessageBox.information(self, translate("MainWindow", "Edit not possible"), exc.reason)
            return False
        if confirm:
            effects = result.consequences()
            text = result.description + (":\n• " + "\n• ".join(effects) if effects else ".")
            answer = QMessageBox.question(self, translate("MainWindow", "Apply this change?"), text)
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
        from ui.dialogs.team_unavailable import TeamUnavailableDialog
        from ui.plan_edits import set_team_available

        team = self._mission.team_by_id.get(self.day.team_id)
        if team is not None and not team.available:
            self.apply_edit(lambda: set_team_available(self._mission, team.team_id, True))
            return
        # pick the team (pre-filled from the selection) and see what its absence uncovers
        dialog = TeamUnavailableDialog(self._mission, self.day.team_id, self)
        if not dialog.exec() or not dialog.team_id():
            return
        team_id = dialog.team_id()
        if self.apply_edit(lambda: set_team_available(self._mission, team_id, False)):
            self._show_team(team_id)

    # ------------------------------------------------------------------ layout, close
    def _restore_layout(self) -> None:
        s = app_settings.store()
        geometry = s.value("window/geometry")
        state = s.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            # a laptop screen is used whole; a large one leaves room around the window
            share = 1.0 if screen.width() < 1600 or screen.height() < 900 else 0.85
            self.resize(int(screen.width() * share), int(screen.height() * share))
            self.fit_docks()
        if state is not None:
            self.restoreState(state)

    def fit_docks(self) -> None:
        """Size the docks for the window: side panels readable, six rows of a day."""
        from ui.layout import dock_sizes

        sizes = dock_sizes(self.width(), self.height())
        self.resizeDocks(
            [self.browser_dock, self.coverage_dock],
            [sizes.browser, sizes.coverage],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks([self.tables_dock], [sizes.tables], Qt.Orientation.Vertical)

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
