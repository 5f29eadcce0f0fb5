"""Small dialogs: plan options, choosing a station to add, the About box."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner import __version__
from planner.model import Mission
from ui.i18n import number
from ui.table_models import ID_ROLE, SimpleTableModel

translate = QCoreApplication.translate


class PlanOptionsDialog(QDialog):
    """Time limit and seed for a planning run, each explained in the dialog itself."""

    def __init__(self, time_limit_s: float, seed: int, parent: QWidget | None = None) -> None:
        from ui.plan_progress import expected_text

        super().__init__(parent)
        self.setWindowTitle(translate("PlanOptions", "Plan the mission"))
        self.time_limit = QDoubleSpinBox()
        self.time_limit.setRange(1.0, 3600.0)
        self.time_limit.setDecimals(0)
        self.time_limit.setSuffix(translate("PlanOptions", " s"))
        self.time_limit.setValue(time_limit_s)
        self.time_limit.setToolTip(
            translate("PlanOptions", "How long the planner may search. More time, better plans.")
        )
        self.expected = QLabel(expected_text(time_limit_s))
        self.expected.setWordWrap(True)
        self.time_limit.valueChanged.connect(lambda v: self.expected.setText(expected_text(v)))
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.seed.setValue(seed)
        self.seed_help = QLabel(
            translate(
                "PlanOptions",
                "The seed picks one of many equally good plans. The same mission, time "
                "limit and seed always give the same plan; another seed gives an "
                "alternative to compare.",
            )
        )
        self.seed_help.setWordWrap(True)
        self.seed.setToolTip(self.seed_help.text())
        form = QFormLayout()
        form.addRow(translate("PlanOptions", "Search time"), self.time_limit)
        form.addRow("", self.expected)
        form.addRow(translate("PlanOptions", "Seed"), self.seed)
        form.addRow("", self.seed_help)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("PlanOptions", "Plan"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())


class ChooseStationDialog(QDialog):
    """Pick one of the candidate stations (nearest to the team's route first)."""

    def __init__(
        self, mission: Mission, candidates: list[tuple[str, float]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ChooseStation", "Add a polling station"))
        self.search = QLineEdit(placeholderText=translate("ChooseStation", "Filter…"))
        self.model = SimpleTableModel((translate("ChooseStation", "Station"),))
        rows = []
        for ps_id, km in candidates:
            st = mission.station_by_id[ps_id]
            rows.append(
                (
                    translate(
                        "ChooseStation", "{id}  {name} — {area}, {kind}, {km} km from the route"
                    ).format(
                        id=ps_id,
                        name=st.name,
                        area=translate("Tables", st.settlement),
                        kind=translate("Tables", st.kind),
                        km=number(km, 1),
                    ),
                )
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


def about_html() -> str:
    return translate(
        "About",
        """
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
""",
    )


def show_about(parent: QWidget | None) -> None:
    from html import escape

    from ui.logfile import log_file

    path = escape(str(log_file()))
    log = "<p>{}<br>{}</p>".format(
        translate("About", "Log file (send it to support if something goes wrong):"), path
    )
    QMessageBox.about(
        parent,
        translate("About", "About STO Planner"),
        about_html().format(version=__version__) + log,
    )
