"""The mission browser: regions -> DECs -> stations, bases, teams; search and filters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QLineEdit, QTreeView, QVBoxLayout, QWidget

from planner.model import Mission
from ui.i18n import QT_TRANSLATE_NOOP, number, phase_name
from ui.table_models import planned_stops

translate = QCoreApplication.translate

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
TAGS_ROLE = Qt.ItemDataRole.UserRole + 3

FILTERS = (
    (QT_TRANSLATE_NOOP("Browser", "All stations"), ""),
    (QT_TRANSLATE_NOOP("Browser", "Planned"), "planned"),
    (QT_TRANSLATE_NOOP("Browser", "Not planned"), "unplanned"),
    (QT_TRANSLATE_NOOP("Browser", "Rural"), "rural"),
    (QT_TRANSLATE_NOOP("Browser", "Urban"), "urban"),
    (QT_TRANSLATE_NOOP("Browser", "Special (hospital, military, ...)"), "special"),
    (QT_TRANSLATE_NOOP("Browser", "Shifted voting hours"), "shifted"),
    (QT_TRANSLATE_NOOP("Browser", "Closed"), "closed"),
)


Index = QModelIndex | QPersistentModelIndex


class Node:
    """One row of the tree (a region, DEC, station, base, team or a group)."""

    __slots__ = ("children", "ident", "kind", "parent", "row", "tags", "text")

    def __init__(self, text: str, kind: str, ident: str, tags: str = "") -> None:
        self.text = text
        self.kind = kind
        self.ident = ident
        self.tags = tags
        self.parent: Node | None = None
        self.row = 0
        self.children: list[Node] = []

    def add(self, child: Node) -> Node:
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)
        return child

    def has_children(self) -> bool:
        return bool(self.children)


class _TreeModel(QAbstractItemModel):
    """A plain Python tree (QStandardItem's setters lose references to None in
    PySide6 6.12 on Python 3.11, which crashes after a few thousand items)."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Node("", "root", "")

    def set_root(self, root: Node) -> None:
        self.beginResetModel()
        self.root = root
        self.endResetModel()

    def node(self, index: Index) -> Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, Node)
            return node
        return self.root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text
        if role == KIND_ROLE:
            return node.kind
        if role == ID_ROLE:
            return node.ident
        if role == TAGS_ROLE:
            return node.tags
        return None

    def index_of(self, node: Node) -> QModelIndex:
        if node is self.root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)


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
        self.search = QLineEdit(placeholderText=translate("Browser", "Search id, name, DEC…"))
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox()
        for label, tag in FILTERS:
            self.filter.addItem(translate("Browser", label), tag)
        self.filter.setToolTip(
            translate("Browser", "Show only these stations (how many in brackets)")
        )
        self.filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.filter.setMinimumContentsLength(10)
        self.model = _TreeModel()
        self.proxy = _Filter()
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        # search above the filter: both readable in a narrow dock
        top = QVBoxLayout()
        top.setSpacing(2)
        top.addWidget(self.search)
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self.search.textChanged.connect(self._apply_filter)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self._items: dict[tuple[str, str], Node] = {}
        self._quiet = False

    # size: one branch per layer of the browser tree
    def set_mission(self, mission: Mission) -> None:  # noqa: PLR0912  # one branch per layer of the browser tree
        expanded = self._expanded_keys()
        self._items.clear()
        planned = planned_stops(mission.current_plan)
        root = Node("", "root", "")

        def item(text: str, kind: str, ident: str, tags: str = "") -> Node:
            node = Node(text, kind, ident, tags)
            self._items[(kind, ident)] = node
            return node

        regions = root.add(
            item(
                translate("Browser", "Regions ({n})").format(n=number(len(mission.regions))),
                "group",
                "regions",
            )
        )
        tag_counts: dict[str, int] = {}
        by_dec: dict[str, list[Node]] = {}
        for p in mission.polling_stations:
            tags: list[str] = [p.settlement, p.status]
            tags.append("planned" if p.ps_id in planned else "unplanned")
            if p.is_special:
                tags.append("special")
            if p.open_time != 420 or p.close_time != 1200:
                tags.append("shifted")
            for tag in tags:
                tag_counts[tag] = tag_counts.get(tag, 0) + 1
            text = f"{p.ps_id}  {p.name}"
            if p.ps_id in planned:
                text += (
                    "  [" + ", ".join(f"{t} {phase_name(ph)}" for t, ph in planned[p.ps_id]) + "]"
                )
            by_dec.setdefault(p.dec_id, []).append(item(text, "station", p.ps_id, " ".join(tags)))
        decs_by_region: dict[str, list[Node]] = {}
        for d in mission.decs:
            children = by_dec.get(d.dec_id, [])
            dec_node = item(f"{d.dec_id}  {d.name} ({len(children)})", "dec", d.dec_id)
            for child in children:
                dec_node.add(child)
            decs_by_region.setdefault(d.region_id, []).append(dec_node)
        for r in mission.regions:
            children = decs_by_region.get(r.region_id, [])
            reg = regions.add(
                item(
                    translate("Browser", "{name} ({n} DECs)").format(
                        name=r.name, n=number(len(children))
                    ),
                    "region",
                    r.region_id,
                )
            )
            for child in children:
                reg.add(child)
        bases = root.add(
            item(
                translate("Browser", "Bases ({n})").format(n=number(len(mission.bases))),
                "group",
                "bases",
            )
        )
        for b in mission.bases:
            bases.add(item(f"{b.base_id}  {b.name}", "base", b.base_id))
        teams = root.add(
            item(
                translate("Browser", "Teams ({n})").format(n=number(len(mission.teams))),
                "group",
                "teams",
            )
        )
        for t in mission.teams:
            text = f"{t.team_id}  {'; '.join(t.members)}"
            if not t.available:
                text += "  " + translate("Browser", "(unavailable)")
            teams.add(item(text, "team", t.team_id))
        self.model.set_root(root)
        # the filter says how many stations each choice shows
        for i, (label, tag) in enumerate(FILTERS):
            n = len(mission.polling_stations) if not tag else tag_counts.get(tag, 0)
            self.filter.setItemText(i, f"{translate('Browser', label)} ({number(n)})")
        self._apply_filter()
        for key in expanded or {("group", "regions")}:
            node = self._items.get(key)
            if node is not None:
                self.tree.setExpanded(self.proxy.mapFromSource(self.model.index_of(node)), True)

    def _expanded_keys(self) -> set[tuple[str, str]]:
        return {
            key
            for key, node in self._items.items()
            if node.has_children()
            and self.tree.isExpanded(self.proxy.mapFromSource(self.model.index_of(node)))
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
        node = self._items.get((kind, ident))
        if node is None:
            return
        index = self.proxy.mapFromSource(self.model.index_of(node))
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
