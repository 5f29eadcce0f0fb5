"""The main window's views and docks, its saved layout, and how items are described.

Built once by :class:`ui.main_window.MainWindow` (kept apart so that the window class
is about behaviour: it composes views and controllers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.model import Mission, format_hhmm
from ui import app_settings
from ui.map_view import MapView
from ui.table_models import SORT_ROLE, StationsModel, TeamsModel
from ui.widgets.coverage_panel import CoveragePanel
from ui.widgets.mission_browser import MissionBrowser
from ui.widgets.timeline import TeamDayPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


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


def build_views(window: MainWindow, tiles: bool | None) -> None:
    """The map, the mission browser, the tables, the team's day and coverage, docked."""
    window.map = MapView(window, tiles=app_settings.map_tiles_enabled() if tiles is None else tiles)
    window.map.picked.connect(lambda kind, ident: window.select(kind, ident, source="map"))
    window.map.failed.connect(lambda msg: window.statusBar().showMessage(f"Map: {msg}", 10000))
    window.setCentralWidget(window.map)

    window.browser = MissionBrowser()
    window.browser.activated.connect(lambda k, i: window.select(k, i, source="browser"))
    window.browser_dock = window.add_dock(
        window.browser, "Mission", Qt.DockWidgetArea.LeftDockWidgetArea
    )

    window.stations_model = StationsModel()
    window.stations_view, window.stations_proxy = _table(window.stations_model)
    window.teams_model = TeamsModel()
    window.teams_view, window.teams_proxy = _table(window.teams_model)
    window.station_search = QLineEdit(placeholderText="Filter stations…")
    window.station_search.setClearButtonEnabled(True)
    window.station_search.textChanged.connect(window.stations_proxy.setFilterFixedString)
    stations_page = QWidget()
    lay = QVBoxLayout(stations_page)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(window.station_search)
    lay.addWidget(window.stations_view)
    window.day = TeamDayPanel()
    window.tabs = QTabWidget()
    window.tabs.addTab(window.day, "Team's day")
    window.tabs.addTab(window.teams_view, "Teams")
    window.tabs.addTab(stations_page, "Polling stations")
    window.tables_dock = window.add_dock(
        window.tabs, "Tables", Qt.DockWidgetArea.BottomDockWidgetArea
    )
    window.stations_view.selectionModel().currentRowChanged.connect(
        lambda cur, _prev: window._table_picked("station", window.stations_proxy, cur)
    )
    window.teams_view.selectionModel().currentRowChanged.connect(
        lambda cur, _prev: window._table_picked("team", window.teams_proxy, cur)
    )
    window.day.stop_selected.connect(window._stop_picked)

    window.coverage = CoveragePanel()
    window.coverage.region_activated.connect(lambda r: window.select("region", r, source="cov"))
    window.coverage_dock = window.add_dock(
        window.coverage, "Coverage", Qt.DockWidgetArea.RightDockWidgetArea
    )


def restore_layout(window: MainWindow) -> None:
    s = app_settings.store()
    geometry = s.value("window/geometry")
    state = s.value("window/state")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        screen = window.screen().availableGeometry()
        window.resize(int(screen.width() * 0.85), int(screen.height() * 0.85))
        window.resizeDocks(
            [window.browser_dock, window.coverage_dock],
            [int(screen.width() * 0.18), int(screen.width() * 0.22)],
            Qt.Orientation.Horizontal,
        )
        window.resizeDocks(
            [window.tables_dock], [int(screen.height() * 0.3)], Qt.Orientation.Vertical
        )
    if state is not None:
        window.restoreState(state)


def save_layout(window: MainWindow) -> None:
    s = app_settings.store()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    s.sync()


def describe(m: Mission, kind: str, ident: str) -> str:
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


def select_row(view: QTableView, proxy: QSortFilterProxyModel, model: Any, ident: str) -> None:
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


def status_text(m: Mission) -> str:
    """The status bar's summary of the mission and its plan."""
    plan = m.current_plan
    text = (
        f"{len(m.regions)} regions · {len(m.decs)} DECs · "
        f"{len(m.polling_stations):,} stations · {len(m.available_teams)}/{len(m.teams)} teams"
    )
    if plan is not None:
        voting = sum(len(r.phase_visits("voting")) for r in plan.routes)
        text += f" · plan rev. {plan.revision}: {len(plan.routes)} routes, {voting:,} visits"
    return text
