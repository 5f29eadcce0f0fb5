"""The Uncovered view: what the current plan does not observe, per phase.

Stations not observed at the opening, in voting or at the count; DECs without a
voting visit or without their tabulation observed; regions under their share
of voting visits. Counts per phase at the top, the list below (double-click to
select the item everywhere), "Show on map" rings them in red on the map, and
"Export CSV…" writes the list. The coverage panel's shortfalls link here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model import Mission
from planner.uncovered import Uncovered, UncoveredItem, to_csv, uncovered
from ui.i18n import error_text, number, phase_name
from ui.table_models import ID_ROLE, SORT_ROLE, SimpleTableModel

translate = QCoreApplication.translate
#: (kind, phase) shown by the view, in this order
VIEWS = (
    ("station", "opening"),
    ("station", "voting"),
    ("station", "counting"),
    ("dec", "voting"),
    ("dec", "tabulation"),
    ("region", "voting"),
)


def view_title(kind: str, phase: str) -> str:
    titles = {
        ("station", "opening"): translate("Uncovered", "Stations: opening not observed"),
        ("station", "voting"): translate("Uncovered", "Stations: not visited in voting"),
        ("station", "counting"): translate("Uncovered", "Stations: count not observed"),
        ("dec", "voting"): translate("Uncovered", "DECs without a voting visit"),
        ("dec", "tabulation"): translate("Uncovered", "DECs: tabulation not observed"),
        ("region", "voting"): translate("Uncovered", "Regions under their share of visits"),
    }
    return titles.get((kind, phase), f"{kind} {phase_name(phase)}")


class UncoveredView(QWidget):
    """Emits ``activated(kind, id)`` on a double-click and ``show_on_map(points)``
    (a list of ``[lat, lon]``, empty to clear) when the map should ring them."""

    activated = Signal(str, str)
    show_on_map = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = Uncovered(())
        self.mission: Mission | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.linkActivated.connect(lambda link: self.choose(*link.split(":", 1)))
        self.choice = QComboBox()
        for kind, phase in VIEWS:
            self.choice.addItem(view_title(kind, phase), f"{kind}:{phase}")
        self.choice.currentIndexChanged.connect(self._fill)
        self.on_map = QCheckBox(translate("Uncovered", "Show on map"))
        self.on_map.setToolTip(translate("Uncovered", "Ring the listed places in red on the map"))
        self.on_map.toggled.connect(self._map)
        self.export_button = QPushButton(translate("Uncovered", "Export CSV…"))
        self.export_button.setToolTip(
            translate("Uncovered", "Write everything not covered, all phases, to a CSV file")
        )
        self.export_button.clicked.connect(self._export_clicked)
        self.model = SimpleTableModel(
            (
                translate("Uncovered", "Id"),
                translate("Uncovered", "Name"),
                translate("Uncovered", "Region"),
                translate("Uncovered", "Ratio"),
            )
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_double)
        top = QHBoxLayout()
        top.addWidget(self.choice, 1)
        top.addWidget(self.on_map)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    # -------------------------------------------------------------- data
    def set_mission(self, mission: Mission) -> None:
        self.mission = mission
        self.result = uncovered(mission, mission.current_plan)
        counts = self.result.counts()
        if mission.current_plan is None:
            self.summary.setText(translate("Uncovered", "No plan yet: nothing is covered."))
        else:
            links = []
            for kind, phase in VIEWS:
                n = counts.get((kind, phase), 0)
                links.append(
                    f'<a href="{kind}:{phase}">{view_title(kind, phase)}</a>: <b>{number(n)}</b>'
                )
            self.summary.setText("<br>".join(links))
        self._fill()

    def current(self) -> tuple[str, str]:
        kind, _, phase = str(self.choice.currentData()).partition(":")
        return kind, phase

    def items(self) -> list[UncoveredItem]:
        return self.result.of(*self.current())

    def choose(self, kind: str, phase: str) -> None:
        """Show the list of (kind, phase) (used by the coverage panel's links)."""
        index = self.choice.findData(f"{kind}:{phase}")
        if index >= 0:
            self.choice.setCurrentIndex(index)

    def _fill(self) -> None:
        items = self.items()
        self.model.set_rows(
            [f"{i.kind}:{i.ident}" for i in items],
            [(i.ident, i.name, i.region_id, float(i.detail) if i.detail else None) for i in items],
        )
        self.table.setColumnHidden(3, self.current()[0] != "region")
        self._map()

    def points(self) -> list[list[float]]:
        return [[i.lat, i.lon] for i in self.items() if i.lat is not None and i.lon is not None]

    def _map(self) -> None:
        self.show_on_map.emit(self.points() if self.on_map.isChecked() else [])

    def _on_double(self, index: object) -> None:
        source = self.proxy.mapToSource(index)  # type: ignore[arg-type]
        kind, _, ident = str(source.data(ID_ROLE)).partition(":")
        self.activated.emit(kind, ident)

    # -------------------------------------------------------------- export
    def _export_clicked(self) -> None:
        self.export_csv()

    def export_csv(self, path: Path | None = None) -> Path | None:
        """Write every uncovered item (all kinds and phases) as CSV; the path written."""
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self,
                translate("Uncovered", "Export what is not covered"),
                "uncovered.csv",
                translate("Uncovered", "CSV files (*.csv)"),
            )
            if not name:
                return None
            path = Path(name)
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            tmp.write_text(to_csv(self.result.items), encoding="utf-8")
            tmp.replace(path)  # atomic: a half-written file never replaces a good one
        except OSError as exc:
            QMessageBox.warning(self, translate("Uncovered", "Export failed"), error_text(exc))
            return None
        return path
