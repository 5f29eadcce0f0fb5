"""Coverage of the current plan: headline figures vs 2011, and per region.

Figures come from :func:`planner.coverage.coverage`. A region's ratio is its share
of voting visits over its share of stations (or voters, per the mission setting):
1.0 is exact proportion; ratios outside 0.75-1.33 are marked. Below the headline
figures, what the rehearsal (planner/rehearsal.py) expects after delays: voting
visits completed and the share of teams at their count before closing.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.coverage import REFERENCE_2011, REFERENCE_2011_SOURCE, Coverage, coverage
from planner.model import Mission
from planner.rehearsal import rehearse
from ui.table_models import ID_ROLE, SORT_ROLE, SimpleTableModel

RATIO_LOW, RATIO_HIGH = 0.75, 1.33
#: Runs of the rehearsal behind the "expected" rows (a fraction of a second for the demo).
REHEARSAL_RUNS = 200
WARN = "#c62828"

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


class CoveragePanel(QWidget):
    """Emits ``region_activated(region_id)`` when a region row is chosen."""

    region_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: Coverage | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.headline_model = SimpleTableModel(("Figure", "This plan", "2011"))
        self.headline = QTableView()
        self.headline.setModel(self.headline_model)
        self.headline.setToolTip(REFERENCE_2011_SOURCE)
        self.regions_model = SimpleTableModel(REGION_COLUMNS)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.regions_model)
        proxy.setSortRole(SORT_ROLE)
        self.regions_proxy = proxy
        self.regions = QTableView()
        self.regions.setModel(proxy)
        self.regions.setToolTip(
            "Ratio: share of voting visits / share of stations (1.00 = in proportion; "
            f"red outside {RATIO_LOW}-{RATIO_HIGH}). Rural ratio: rural share of visits / "
            "rural share of stations. Double-click a region to show it."
        )
        for table in (self.headline, self.regions):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.verticalHeader().hide()
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.headline.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.headline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.regions.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.regions.setSortingEnabled(True)
        self.regions.doubleClicked.connect(self._on_region)
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
        rows: list[tuple[object, ...]] = []
        colours: dict[tuple[int, int], str] = {}
        for row, (key, label) in enumerate(HEADLINES):
            value = summary.get(key)
            ref = REFERENCE_2011.get(key)
            rows.append((label, value, ref))
            low_ratio = isinstance(value, float) and (
                (key.startswith("region_ratio") and not RATIO_LOW <= value <= RATIO_HIGH)
                or (key == "rural_ratio" and value < 0.8)
            )
            below_2011 = ref is not None and isinstance(value, int) and value < ref
            if low_ratio or below_2011:
                colours[(row, 1)] = WARN
        keys = [k for k, _l in HEADLINES]
        if plan is not None and plan.routes:  # planned vs expected after delays
            rh = rehearse(mission, plan, runs=REHEARSAL_RUNS)
            rows.append(("Voting visits expected (rehearsal)", round(rh.expected_visits), None))
            rows.append(("Teams at the count in time", f"{rh.count_share:.1%}", None))
            keys += ["expected_voting_visits", "count_in_time_share"]
            if rh.count_share < mission.settings.count_target_probability:
                colours[(len(rows) - 1, 1)] = WARN
        self.headline_model.set_rows(keys, rows, colours)
        self.headline.resizeRowsToContents()
        height = (
            self.headline.horizontalHeader().sizeHint().height() + 2 * self.headline.frameWidth()
        )
        height += sum(self.headline.rowHeight(r) for r in range(len(rows)))
        self.headline.setFixedHeight(height)

        ratios = cov.region_ratios()
        ids, region_rows = [], []
        colours = {}
        for row, area in enumerate(cov.regions):
            ratio = ratios.get(area.area_id)
            ids.append(area.area_id)
            region_rows.append(
                (
                    (area.name or area.area_id).removesuffix(" Region"),
                    area.located_stations,
                    area.openings,
                    area.voting_visits,
                    area.counts,
                    area.tabulations,
                    ratio,
                    area.rural_ratio,
                )
            )
            if isinstance(ratio, float) and not RATIO_LOW <= ratio <= RATIO_HIGH:
                colours[(row, 6)] = WARN
        self.regions_model.set_rows(ids, region_rows, colours)

    def _on_region(self, index: QModelIndex) -> None:
        if index.isValid():
            self.region_activated.emit(str(self.regions_proxy.mapToSource(index).data(ID_ROLE)))
