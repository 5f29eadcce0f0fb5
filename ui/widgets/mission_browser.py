"""The mission browser: regions -> DECs -> stations, bases, teams; search and filters."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QTreeView, QVBoxLayout, QWidget

from planner.model import Mission
from ui.table_models import planned_stops

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
TAGS_ROLE = Qt.ItemDataRole.UserRole + 3

FILTERS = (
    ("All stations", ""),
    ("Planned", "planned"),
    ("Not planned", "unplanned"),
    ("Rural", "rural"),
    ("Urban", "urban"),
    ("Special (hospital, military, ...)", "special"),
    ("Shifted voting hours", "shifted"),
    ("Closed", "closed"),
)


class _Filter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.tag = ""
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        kind = index.data(KIND_ROLE)
        if self.tag and kind != "station":
            return False  # parents are kept by recursive filtering when a child matches
        if self.tag and self.tag not in str(index.data(TAGS_ROLE) or "").split():
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class MissionBrowser(QWidget):
    """Emits ``activated(kind, id)`` when the user selects an item."""

    activated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Search id, name, DEC…")
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox()
        for label, tag in FILTERS:
            self.filter.addItem(label, tag)
        self.model = QStandardItemModel()
        self.proxy = _Filter()
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self.search.textChanged.connect(self._apply_filter)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self._items: dict[tuple[str, str], QStandardItem] = {}
        self._quiet = False

    def set_mission(self, mission: Mission) -> None:
        expanded = self._expanded_keys()
        self.model.clear()
        self._items.clear()
        planned = planned_stops(mission.current_plan)
        root = self.model.invisibleRootItem()

        def item(text: str, kind: str, ident: str, tags: str = "") -> QStandardItem:
            it = QStandardItem(text)
            it.setEditable(False)
            it.setData(kind, KIND_ROLE)
            it.setData(ident, ID_ROLE)
            it.setData(tags, TAGS_ROLE)
            self._items[(kind, ident)] = it
            return it

        regions = item(f"Regions ({len(mission.regions)})", "group", "regions")
        by_dec: dict[str, list[QStandardItem]] = {}
        for p in mission.polling_stations:
            tags: list[str] = [p.settlement, p.status]
            tags.append("planned" if p.ps_id in planned else "unplanned")
            if p.is_special:
                tags.append("special")
            if p.open_time != 420 or p.close_time != 1200:
                tags.append("shifted")
            text = f"{p.ps_id}  {p.name}"
            if p.ps_id in planned:
                text += "  [" + ", ".join(f"{t} {ph}" for t, ph in planned[p.ps_id]) + "]"
            by_dec.setdefault(p.dec_id, []).append(item(text, "station", p.ps_id, " ".join(tags)))
        decs_by_region: dict[str, list[QStandardItem]] = {}
        for d in mission.decs:
            children = by_dec.get(d.dec_id, [])
            dec_item = item(f"{d.dec_id}  {d.name} ({len(children)})", "dec", d.dec_id)
            dec_item.appendRows(children)
            decs_by_region.setdefault(d.region_id, []).append(dec_item)
        for r in mission.regions:
            children = decs_by_region.get(r.region_id, [])
            reg = item(f"{r.name} ({len(children)} DECs)", "region", r.region_id)
            reg.appendRows(children)
            regions.appendRow(reg)
        bases = item(f"Bases ({len(mission.bases)})", "group", "bases")
        for b in mission.bases:
            bases.appendRow(item(f"{b.base_id}  {b.name}", "base", b.base_id))
        teams = item(f"Teams ({len(mission.teams)})", "group", "teams")
        for t in mission.teams:
            text = f"{t.team_id}  {'; '.join(t.members)}"
            if not t.available:
                text += "  (unavailable)"
            teams.appendRow(item(text, "team", t.team_id))
        root.appendRows([regions, bases, teams])
        self._apply_filter()
        for key in expanded or {("group", "regions")}:
            it = self._items.get(key)
            if it is not None:
                self.tree.setExpanded(self.proxy.mapFromSource(it.index()), True)

    def _expanded_keys(self) -> set[tuple[str, str]]:
        return {
            key
            for key, it in self._items.items()
            if it.hasChildren() and self.tree.isExpanded(self.proxy.mapFromSource(it.index()))
        }

    def _apply_filter(self) -> None:
        self.proxy.tag = str(self.filter.currentData() or "")
        self.proxy.setFilterFixedString(self.search.text().strip())
        self.proxy.invalidate()
        if self.search.text().strip() or self.proxy.tag:
            self.tree.expandAll() if self.proxy.rowCount() and self._small() else None

    def _small(self) -> bool:
        count = 0
        stack = [QModelIndex()]
        while stack and count <= 400:
            parent = stack.pop()
            n = self.proxy.rowCount(parent)
            count += n
            stack.extend(self.proxy.index(i, 0, parent) for i in range(n))
        return count <= 400

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        kind = str(current.data(KIND_ROLE))
        if kind != "group":
            self.activated.emit(kind, str(current.data(ID_ROLE)))

    def select(self, kind: str, ident: str) -> None:
        """Show ``ident`` in the tree without emitting ``activated``."""
        it = self._items.get((kind, ident))
        if it is None:
            return
        index = self.proxy.mapFromSource(it.index())
        if not index.isValid():
            return
        self._quiet = True
        try:
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        finally:
            self._quiet = False

    def visible_count(self, kind: str) -> int:
        """How many items of ``kind`` pass the search and filter (for tests/status)."""
        count = 0
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for i in range(self.proxy.rowCount(parent)):
                child = self.proxy.index(i, 0, parent)
                if child.data(KIND_ROLE) == kind:
                    count += 1
                stack.append(child)
        return count
