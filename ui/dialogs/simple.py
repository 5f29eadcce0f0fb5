"""Small dialogs: plan options, choosing a station to add, the About box."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner import __version__
from planner.model import Mission
from ui.table_models import ID_ROLE, SimpleTableModel


class PlanOptionsDialog(QDialog):
    """Time limit and seed for a planning run."""

    def __init__(self, time_limit_s: float, seed: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan the mission")
        self.time_limit = QDoubleSpinBox()
        self.time_limit.setRange(1.0, 3600.0)
        self.time_limit.setDecimals(0)
        self.time_limit.setSuffix(" s")
        self.time_limit.setValue(time_limit_s)
        self.time_limit.setToolTip("How long the planner may search. More time, better plans.")
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.seed.setValue(seed)
        self.seed.setToolTip("The same mission and seed always give the same plan.")
        form = QFormLayout()
        form.addRow("Time limit", self.time_limit)
        form.addRow("Seed", self.seed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Plan")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class ChooseStationDialog(QDialog):
    """Pick one of the candidate stations (nearest to the team's route first)."""

    def __init__(
        self, mission: Mission, candidates: list[tuple[str, float]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a polling station")
        self.search = QLineEdit(placeholderText="Filter…")
        self.model = SimpleTableModel(("Station",))
        rows = []
        for ps_id, km in candidates:
            st = mission.station_by_id[ps_id]
            rows.append(
                (f"{ps_id}  {st.name} — {st.settlement}, {st.kind}, {km:.1f} km from the route",)
            )
        self.model.set_rows([ps for ps, _km in candidates], rows)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setModel(self.proxy)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        self.search.textChanged.connect(self._filter)
        self.list.doubleClicked.connect(lambda _index: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 80, fm.height() * 24)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def chosen(self) -> str:
        index = self.list.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else ""


ABOUT_HTML = """
<h3>STO Planner {version}</h3>
<p>Plans where each short-term observer team of an election observation mission goes
on election day: opening, voting visits, counting and tabulation at the DEC.</p>
<p><b>Data provenance.</b> The bundled demo mission is <i>synthetic</i>. Its
figures (16 regions, 207 DECs, 9,725 polling stations, about 190 teams, 14 bases,
time zones, shifted voting hours) follow the OSCE/ODIHR Election Observation Mission
Final Report on the early presidential election in Kazakhstan of 3 April 2011.
Station positions, names and the split of stations between districts are planning
assumptions for a demonstration, <b>not official data</b>. Regional centre
coordinates are approximate.</p>
<p>Maps are drawn with Leaflet (BSD-2-Clause) through folium (MIT), offline; map
tiles are loaded only if you turn them on. Nothing leaves this computer unless you
set a routing server.</p>
<p>Licence: MIT.</p>
"""


def show_about(parent: QWidget | None) -> None:
    from html import escape

    from ui.logfile import log_file

    path = escape(str(log_file()))
    log = f"<p>Log file (send it to support if something goes wrong):<br>{path}</p>"
    QMessageBox.about(parent, "About STO Planner", ABOUT_HTML.format(version=__version__) + log)
