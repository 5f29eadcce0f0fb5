"""Coverage of the current plan: headline figures vs 2011, and per region.

Figures come from :func:`planner.coverage.coverage`. A region's ratio is its share
of voting visits over its share of stations (or voters, per the mission setting):
1.0 is exact proportion; ratios outside 0.75-1.33 are marked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.coverage import REFERENCE_2011, REFERENCE_2011_SOURCE, Coverage, coverage
from planner.model import Mission

RATIO_LOW, RATIO_HIGH = 0.75, 1.33
WARN = QColor("#c62828")

HEADLINES = (
    ("openings", "Openings observed"),
    ("voting_visits", "Voting visits"),
    ("distinct_voting_stations", "Stations visited in voting"),
    ("counts", "Counts observed"),
    ("tabulation_decs", "DECs at tabulation"),
    ("dec_coverage", "DECs with a voting visit"),
    ("special_voting_visits", "Special stations visited"),
    ("rural_ratio", "Rural share ratio"),
    ("region_ratio_min", "Lowest region ratio"),
    ("region_ratio_max", "Highest region ratio"),
    ("teams", "Teams with a day"),
)
REGION_COLUMNS = (
    "Region",
    "Stations",
    "Opening",
    "Voting",
    "Counting",
    "Tabulation",
    "Ratio",
    "Rural ratio",
)


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _item(value: object) -> QTableWidgetItem:
    it = QTableWidgetItem(_fmt(value))
    if isinstance(value, (int, float)):
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return it


class CoveragePanel(QWidget):
    """Emits ``region_activated(region_id)`` when a region row is chosen."""

    region_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: Coverage | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.headline = QTableWidget(len(HEADLINES), 3)
        self.headline.setHorizontalHeaderLabels(["Figure", "This plan", "2011"])
        self.headline.verticalHeader().hide()
        for row, (_key, label) in enumerate(HEADLINES):
            self.headline.setItem(row, 0, QTableWidgetItem(label))
        self.headline.setToolTip(REFERENCE_2011_SOURCE)
        self.regions = QTableWidget(0, len(REGION_COLUMNS))
        self.regions.setHorizontalHeaderLabels(list(REGION_COLUMNS))
        self.regions.verticalHeader().hide()
        self.regions.setToolTip(
            "Ratio: share of voting visits / share of stations (1.00 = in proportion; "
            f"red outside {RATIO_LOW}-{RATIO_HIGH}). Rural ratio: rural share of visits / "
            "rural share of stations."
        )
        for table in (self.headline, self.regions):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.headline.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.headline.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.headline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.regions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.regions.setSortingEnabled(True)
        self.regions.cellDoubleClicked.connect(self._on_region)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.note)
        layout.addWidget(self.headline)
        layout.addWidget(self.regions, 1)

    def set_mission(self, mission: Mission) -> None:
        plan = mission.current_plan
        cov = coverage(mission, plan)
        self.result = cov
        summary = cov.summary()
        if plan is None:
            self.note.setText("No plan yet: the figures below are what the mission holds.")
        else:
            self.note.setText(
                f"Plan revision {plan.revision}{' – ' + plan.label if plan.label else ''}: "
                f"{cov.teams_planned} of {cov.teams_available} available teams have a day."
            )
        for row, (key, _label) in enumerate(HEADLINES):
            value = summary.get(key)
            item = _item(value)
            if (
                key.startswith("region_ratio")
                and isinstance(value, float)
                and not RATIO_LOW <= value <= RATIO_HIGH
            ) or (key == "rural_ratio" and isinstance(value, float) and value < 0.8):
                item.setForeground(QBrush(WARN))
            ref = REFERENCE_2011.get(key)
            ref_item = _item(ref)
            if ref is not None and isinstance(value, int) and value < ref:
                item.setForeground(QBrush(WARN))
            self.headline.setItem(row, 1, item)
            self.headline.setItem(row, 2, ref_item)
        self.headline.resizeRowsToContents()
        height = self.headline.horizontalHeader().height() + 2 * self.headline.frameWidth()
        height += sum(self.headline.rowHeight(r) for r in range(self.headline.rowCount()))
        self.headline.setFixedHeight(height)
        self.regions.setSortingEnabled(False)
        self.regions.setRowCount(len(cov.regions))
        ratios = cov.region_ratios()
        for row, area in enumerate(cov.regions):
            ratio = ratios.get(area.area_id)
            values: tuple[object, ...] = (
                area.name or area.area_id,
                area.located_stations,
                area.openings,
                area.voting_visits,
                area.counts,
                area.tabulations,
                ratio,
                area.rural_ratio,
            )
            for col, cell in enumerate(values):
                item = _item(cell)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, area.area_id)
                if col == 6 and isinstance(cell, float) and not RATIO_LOW <= cell <= RATIO_HIGH:
                    item.setForeground(QBrush(WARN))
                self.regions.setItem(row, col, item)
        self.regions.setSortingEnabled(True)

    def _on_region(self, row: int, _col: int) -> None:
        item = self.regions.item(row, 0)
        if item is not None:
            self.region_activated.emit(str(item.data(Qt.ItemDataRole.UserRole)))
