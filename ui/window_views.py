"""The main window's views and docks, its saved layout, and how items are described.

Built once by :class:`ui.main_window.MainWindow` (kept apart so that the window class
is about behaviour: it composes views and controllers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.model import Mission
from ui import app_settings
from ui.i18n import QT_TRANSLATE_NOOP, clock, number
from ui.layout import dock_sizes
from ui.map_view import MapView
from ui.table_models import SORT_ROLE, StationsModel, TeamsModel
from ui.widgets.coverage_panel import CoveragePanel
from ui.widgets.mission_browser import MissionBrowser
from ui.widgets.timeline import TeamDayPanel
from ui.widgets.uncovered_view import UncoveredView

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate


class WindowViews:
    """The views and docks of the main window, built by :func:`build_views`."""

    map: MapView
    browser: MissionBrowser
    browser_dock: QDockWidget
    stations_model: StationsModel
    stations_view: QTableView
    stations_proxy: QSortFilterProxyModel
    teams_model: TeamsModel
    teams_view: QTableView
    teams_proxy: QSortFilterProxyModel
    station_search: QLineEdit
    day: TeamDayPanel
    tabs: QTabWidget
    tables_dock: QDockWidget
    coverage: CoveragePanel
    coverage_dock: QDockWidget
    uncovered: UncoveredView
    uncovered_dock: QDockWidget


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


# size: one statement per view and dock, read top to bottom
def build_views(window: MainWindow, tiles: bool | None) -> None:
    """The map, the mission browser, the tables, the team's day and coverage, docked."""
    window.map = MapView(window, tiles=app_settings.map_tiles_enabled() if tiles is None else tiles)
    window.map.picked.connect(lambda kind, ident: window.select(kind, ident, source="map"))
    window.map.failed.connect(
        lambda msg: window.statusBar().showMessage(
            translate("MainWindow", "Map: {message}").format(message=msg), 10000
        )
    )
    window.setCentralWidget(window.map)

    window.browser = MissionBrowser()
    window.browser.activated.connect(lambda k, i: window.select(k, i, source="browser"))
    window.browser_dock = window.add_dock(
        window.browser,
        QT_TRANSLATE_NOOP("MainWindow", "Mission"),
        Qt.DockWidgetArea.LeftDockWidgetArea,
    )

    window.stations_model = StationsModel()
    window.stations_view, window.stations_proxy = _table(window.stations_model)
    window.teams_model = TeamsModel()
    window.teams_view, window.teams_proxy = _table(window.teams_model)
    _fit_columns(window.teams_view, stretch=2)  # Members gets the room
    window.station_search = QLineEdit(placeholderText=translate("MainWindow", "Filter stations…"))
    window.station_search.setClearButtonEnabled(True)
    window.station_search.textChanged.connect(window.stations_proxy.setFilterFixedString)
    stations_page = QWidget()
    lay = QVBoxLayout(stations_page)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(window.station_search)
    lay.addWidget(window.stations_view)
    window.day = TeamDayPanel()
    window.tabs = QTabWidget()
    window.tabs.addTab(window.day, translate("MainWindow", "Team's day"))
    window.tabs.addTab(window.teams_view, translate("MainWindow", "Teams"))
    window.tabs.addTab(stations_page, translate("MainWindow", "Polling stations"))
    window.tables_dock = window.add_dock(
        window.tabs,
        QT_TRANSLATE_NOOP("MainWindow", "Tables"),
        Qt.DockWidgetArea.BottomDockWidgetArea,
    )
    window.stations_view.selectionModel().currentRowChanged.connect(
        lambda cur, _prev: window._table_picked("station", window.stations_proxy, cur)
    )
    window.teams_view.selectionModel().currentRowChanged.connect(
        lambda cur, _prev: window._table_picked("team", window.teams_proxy, cur)
    )
    window.day.stop_selected.connect(window._stop_picked)
    # double-click or Enter on a team opens its day
    for signal in (window.teams_view.activated, window.teams_view.doubleClicked):
        signal.connect(lambda _i: window.tabs.setCurrentWidget(window.day))

    window.coverage = CoveragePanel()
    window.coverage.region_activated.connect(lambda r: window.select("region", r, source="cov"))
    window.coverage_dock = window.add_dock(
        window.coverage,
        QT_TRANSLATE_NOOP("MainWindow", "Coverage"),
        Qt.DockWidgetArea.RightDockWidgetArea,
    )

    # what the plan does not observe: linked from the coverage panel's shortfalls
    window.uncovered = UncoveredView()
    window.uncovered.activated.connect(lambda k, i: window.select(k, i, source="uncovered"))
    window.uncovered.show_on_map.connect(window.map.set_uncovered)
    window.uncovered_dock = window.add_dock(
        window.uncovered,
        QT_TRANSLATE_NOOP("MainWindow", "Uncovered"),
        Qt.DockWidgetArea.RightDockWidgetArea,
    )
    window.coverage.uncovered_requested.connect(window.show_uncovered)


def restore_layout(window: MainWindow) -> None:
    s = app_settings.store()
    geometry = s.value("window/geometry")
    state = s.value("window/state")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        screen = window.screen().availableGeometry()
        # a laptop screen is used whole; a large one leaves room around the window
        share = 1.0 if screen.width() < 1600 or screen.height() < 900 else 0.85
        window.resize(int(screen.width() * share), int(screen.height() * share))
        fit_docks(window)
    if state is not None:
        window.restoreState(state)


def fit_docks(window: MainWindow) -> None:
    """Size the docks for the window: side panels readable, six rows of a day."""
    sizes = dock_sizes(window.width(), window.height())
    window.resizeDocks(
        [window.browser_dock, window.coverage_dock],
        [sizes.browser, sizes.coverage],
        Qt.Orientation.Horizontal,
    )
    window.resizeDocks([window.tables_dock], [sizes.tables], Qt.Orientation.Vertical)


def save_layout(window: MainWindow) -> None:
    s = app_settings.store()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    s.sync()


def describe(m: Mission, kind: str, ident: str) -> str:
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
        return translate("Tables", "DEC {name}").format(name=f"{ident} {m.dec_by_id[ident].name}")
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
    return text
