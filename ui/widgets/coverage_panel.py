"""Coverage of the current plan: headline figures vs 2011, and per region.

Figures come from :func:`planner.coverage.coverage`. A region's ratio is its share
of voting visits over its share of stations (or voters, per the mission setting):
1.0 is exact proportion; ratios outside 0.75-1.33 are marked. Below the headline
figures, what the rehearsal (planner/rehearsal.py) expects after delays: voting
visits completed and the share of teams at their count before closing.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
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
from planner.uncovered import uncovered
from ui.i18n import QT_TRANSLATE_NOOP, number, planner_text
from ui.table_models import ID_ROLE, SORT_ROLE, SimpleTableModel

translate = QCoreApplication.translate
RATIO_LOW, RATIO_HIGH = 0.75, 1.33
#: Runs of the rehearsal behind the "expected" rows (a fraction of a second for the demo).
REHEARSAL_RUNS = 200
WARN = "#c62828"

HEADLINES = (
    ("openings", QT_TRANSLATE_NOOP("Coverage", "Openings observed")),
    ("voting_visits", QT_TRANSLATE_NOOP("Coverage", "Voting visits")),
    ("distinct_voting_stations", QT_TRANSLATE_NOOP("Coverage", "Stations visited in voting")),
    ("counts", QT_TRANSLATE_NOOP("Coverage", "Counts observed")),
    ("tabulation_decs", QT_TRANSLATE_NOOP("Coverage", "DECs at tabulation")),
    ("dec_coverage", QT_TRANSLATE_NOOP("Coverage", "DECs with a voting visit")),
    ("special_voting_visits", QT_TRANSLATE_NOOP("Coverage", "Special stations visited")),
    ("rural_ratio", QT_TRANSLATE_NOOP("Coverage", "Rural share ratio")),
    ("region_ratio_min", QT_TRANSLATE_NOOP("Coverage", "Lowest region ratio")),
    ("region_ratio_max", QT_TRANSLATE_NOOP("Coverage", "Highest region ratio")),
    ("teams", QT_TRANSLATE_NOOP("Coverage", "Teams with a day")),
)
#: headline -> the part of the Uncovered view that explains its shortfall
SHORTFALL_VIEW = {
    "openings": ("station", "opening"),
    "voting_visits": ("station", "voting"),
    "distinct_voting_stations": ("station", "voting"),
    "counts": ("station", "counting"),
    "tabulation_decs": ("dec", "tabulation"),
    "dec_coverage": ("dec", "voting"),
    "region_ratio_min": ("region", "voting"),
}
#: short headers (the dock is narrow on a laptop), the long form in the tooltip
REGION_COLUMNS = (
    (QT_TRANSLATE_NOOP("Coverage", "Region"), QT_TRANSLATE_NOOP("Coverage", "Region")),
    (
        QT_TRANSLATE_NOOP("Coverage", "PS"),
        QT_TRANSLATE_NOOP("Coverage", "Polling stations with a location"),
    ),
    (QT_TRANSLATE_NOOP("Coverage", "Open"), QT_TRANSLATE_NOOP("Coverage", "Openings observed")),
    (QT_TRANSLATE_NOOP("Coverage", "Vote"), QT_TRANSLATE_NOOP("Coverage", "Voting visits")),
    (QT_TRANSLATE_NOOP("Coverage", "Count"), QT_TRANSLATE_NOOP("Coverage", "Counts observed")),
    (
        QT_TRANSLATE_NOOP("Coverage", "Tab."),
        QT_TRANSLATE_NOOP("Coverage", "DECs whose tabulation is observed"),
    ),
    (
        QT_TRANSLATE_NOOP("Coverage", "Ratio"),
        QT_TRANSLATE_NOOP("Coverage", "Share of voting visits / share of stations"),
    ),
    (
        QT_TRANSLATE_NOOP("Coverage", "Rural"),
        QT_TRANSLATE_NOOP("Coverage", "Rural share of visits / rural share of stations"),
    ),
)


class CoveragePanel(QWidget):
    """Emits ``region_activated(region_id)`` when a region row is chosen."""

    region_activated = Signal(str)
    uncovered_requested = Signal(str, str)  # kind, phase (see SHORTFALL_VIEW)

    # size: builds the panel, one statement per widget
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: Coverage | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.shortfall = QLabel()
        self.shortfall.setWordWrap(True)
        self.shortfall.setTextFormat(Qt.TextFormat.RichText)
        self.shortfall.linkActivated.connect(self._on_link)
        self.headline_model = SimpleTableModel(
            (
                translate("Coverage", "Figure"),
                translate("Coverage", "This plan"),
                translate("Coverage", "2011"),
            )
        )
        self.headline = QTableView()
        self.headline.setModel(self.headline_model)
        self.regions_model = SimpleTableModel(
            tuple(translate("Coverage", str(h)) for h, _t in REGION_COLUMNS),
            tuple(translate("Coverage", str(t)) for _h, t in REGION_COLUMNS),
        )
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.regions_model)
        proxy.setSortRole(SORT_ROLE)
        self.regions_proxy = proxy
        self.regions = QTableView()
        self.regions.setModel(proxy)
        self.regions.setToolTip(
            translate(
                "Coverage",
                "Ratio: share of voting visits / share of stations (1.00 = in proportion; "
                "red outside {low}-{high}). Rural ratio: rural share of visits / "
                "rural share of stations. Double-click a region to show it.",
            ).format(low=RATIO_LOW, high=RATIO_HIGH)
        )
        self.headline.setToolTip(
            planner_text(REFERENCE_2011_SOURCE)
            + "\n"
            + translate("Coverage", "Double-click a figure to list what it leaves uncovered.")
        )
        self.headline.doubleClicked.connect(self._on_headline)
        for table in (self.headline, self.regions):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.verticalHeader().hide()
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 4)
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
        layout.addWidget(self.shortfall)
        layout.addWidget(self.headline)
        layout.addWidget(self.regions, 1)

    # size: fills each table of the panel in turn
    def set_mission(self, mission: Mission) -> None:
        plan = mission.current_plan
        cov = coverage(mission, plan)
        self.result = cov
        summary = cov.summary()
        if plan is None:
            self.note.setText(
                translate("Coverage", "No plan yet: the figures below are what the mission holds.")
            )
            self.shortfall.clear()
        else:
            self.note.setText(
                translate(
                    "Coverage",
                    "Plan revision {rev}{label}: {planned} of {available} available "
                    "teams have a day.",
                ).format(
                    rev=plan.revision,
                    label=" – " + planner_text(plan.label) if plan.label else "",
                    planned=number(cov.teams_planned),
                    available=number(cov.teams_available),
                )
            )
            self.shortfall.setText(self._shortfall_text(mission))
        rows: list[tuple[object, ...]] = []
        colours: dict[tuple[int, int], str] = {}
        for row, (key, label) in enumerate(HEADLINES):
            value = summary.get(key)
            ref = REFERENCE_2011.get(key)
            rows.append((translate("Coverage", str(label)), value, ref))
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
            rows.append(
                (
                    translate("Coverage", "Voting visits expected (rehearsal)"),
                    round(rh.expected_visits),
                    None,
                )
            )
            share = number(rh.count_share * 100, 1) + "%"
            rows.append((translate("Coverage", "Teams at the count in time"), share, None))
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
        self._fit_region_columns()

    def _fit_region_columns(self) -> None:
        """Numbers as wide as their text (no room kept for a sort arrow): all eight
        columns fit the dock on a 1366x768 laptop; the region name takes the rest."""
        header = self.regions.horizontalHeader()
        fm = self.regions.fontMetrics()
        model = self.regions_model
        for col in range(1, model.columnCount()):
            texts = [str(model.headerData(col, Qt.Orientation.Horizontal))]
            texts += [str(model.index(r, col).data() or "") for r in range(model.rowCount())]
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, max(fm.horizontalAdvance(t) for t in texts) + 10)

    def _shortfall_text(self, mission: Mission) -> str:
        """Counts of what is not covered, each a link to the Uncovered view."""
        counts = uncovered(mission, mission.current_plan).counts()
        parts = []
        for kind, phase, text in (
            ("dec", "voting", translate("Coverage", "{n} DECs without a voting visit")),
            ("dec", "tabulation", translate("Coverage", "{n} DECs without tabulation observed")),
            ("region", "voting", translate("Coverage", "{n} regions under their share")),
            ("station", "voting", translate("Coverage", "{n} stations not visited in voting")),
        ):
            n = counts.get((kind, phase), 0)
            if n:
                parts.append(f'<a href="{kind}:{phase}">{text.format(n=number(n))}</a>')
        if not parts:
            return translate("Coverage", "Every DEC and region is covered.")
        return translate("Coverage", "Uncovered:") + " " + " · ".join(parts)

    def _on_link(self, link: str) -> None:
        kind, _, phase = link.partition(":")
        self.uncovered_requested.emit(kind, phase)

    def _on_headline(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        key = self.headline_model.id_at(index.row())
        if key in SHORTFALL_VIEW:
            self.uncovered_requested.emit(*SHORTFALL_VIEW[key])

    def _on_region(self, index: QModelIndex) -> None:
        if index.isValid():
            self.region_activated.emit(str(self.regions_proxy.mapToSource(index).data(ID_ROLE)))
