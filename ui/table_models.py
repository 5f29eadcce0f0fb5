"""Qt table models over the (immutable) mission: stations, teams, a team's day.

Each model is rebuilt with ``set_mission`` after every change; rows are plain
tuples computed once, so sorting and filtering 9,725 stations stays instant.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from planner.model import Mission, Plan, TeamRoute
from planner.presentation import PHASE_COLOURS
from ui.i18n import QT_TRANSLATE_NOOP, clock, duration, locale, phase_name

translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def planned_stops(plan: Plan | None) -> dict[str, list[tuple[str, str]]]:
    """ps_id -> [(team_id, phase), ...] in the plan."""
    out: dict[str, list[tuple[str, str]]] = {}
    if plan is None:
        return out
    for team_id, _seq, v in plan.visits():
        if v.ps_id:
            out.setdefault(v.ps_id, []).append((team_id, v.phase))
    return out


def _display(value: Any) -> str:
    if value is None:
        return ""
    # numbers in the interface's locale: 2,554 in English, 2 554 in Russian
    if isinstance(value, float):
        return locale().toString(value, "f", 2)
    if isinstance(value, int) and not isinstance(value, bool):
        return locale().toString(value)
    return str(value)


class _RowsModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[Any, ...]] = []
        self._ids: list[str] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("Tables", self.headers[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(value)
        if role == SORT_ROLE:
            return value if value is not None else ""
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._extra(index, role)

    def _extra(self, index: Index, role: int) -> Any:
        return None

    def _reset(self, ids: list[str], rows: list[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self._ids, self._rows = ids, rows
        self.endResetModel()

    def row_of(self, ident: str) -> int:
        try:
            return self._ids.index(ident)
        except ValueError:
            return -1

    def id_at(self, row: int) -> str:
        return self._ids[row]


class StationsModel(_RowsModel):
    headers = (
        QT_TRANSLATE_NOOP("Tables", "Station"),
        QT_TRANSLATE_NOOP("Tables", "No."),
        QT_TRANSLATE_NOOP("Tables", "Name"),
        QT_TRANSLATE_NOOP("Tables", "Region"),
        QT_TRANSLATE_NOOP("Tables", "DEC"),
        QT_TRANSLATE_NOOP("Tables", "Area"),
        QT_TRANSLATE_NOOP("Tables", "Kind"),
        QT_TRANSLATE_NOOP("Tables", "Voters"),
        QT_TRANSLATE_NOOP("Tables", "Opens"),
        QT_TRANSLATE_NOOP("Tables", "Closes"),
        QT_TRANSLATE_NOOP("Tables", "Status"),
        QT_TRANSLATE_NOOP("Tables", "Planned"),
    )

    def set_mission(self, mission: Mission) -> None:
        plan = mission.current_plan
        planned = planned_stops(plan)
        words = _words()
        ids, rows = [], []
        for p in mission.polling_stations:
            stops = planned.get(p.ps_id, [])
            ids.append(p.ps_id)
            rows.append(
                (
                    p.ps_id,
                    str(p.pec_number),
                    p.name,
                    p.region_id,
                    p.dec_id,
                    words[p.settlement],
                    words.get(p.kind, p.kind),
                    p.voters,
                    clock(p.open_time),
                    clock(p.close_time),
                    words.get(p.status, p.status),
                    ", ".join(f"{t} {phase_name(ph)}" for t, ph in stops),
                )
            )
        self._reset(ids, rows)


class TeamsModel(_RowsModel):
    headers = (
        QT_TRANSLATE_NOOP("Tables", "Team"),
        QT_TRANSLATE_NOOP("Tables", "Base"),
        QT_TRANSLATE_NOOP("Tables", "Members"),
        QT_TRANSLATE_NOOP("Tables", "Available"),
        QT_TRANSLATE_NOOP("Tables", "Opening"),
        QT_TRANSLATE_NOOP("Tables", "Visits"),
        QT_TRANSLATE_NOOP("Tables", "Counting"),
        QT_TRANSLATE_NOOP("Tables", "DEC"),
        QT_TRANSLATE_NOOP("Tables", "Leaves"),
        QT_TRANSLATE_NOOP("Tables", "Ends"),
        QT_TRANSLATE_NOOP("Tables", "Driving"),
        QT_TRANSLATE_NOOP("Tables", "km"),
    )

    def set_mission(self, mission: Mission) -> None:
        plan = mission.current_plan
        yes, no = translate("Tables", "yes"), translate("Tables", "no")
        self._no = no
        ids, rows = [], []
        for t in mission.teams:
            r = plan.route(t.team_id) if plan else None
            opening = r.phase_visits("opening") if r else ()
            counting = r.phase_visits("counting") if r else ()
            tab = r.phase_visits("tabulation") if r else ()
            ids.append(t.team_id)
            rows.append(
                (
                    t.team_id,
                    t.base_id,
                    "; ".join(t.members),
                    yes if t.available else no,
                    opening[0].ps_id if opening else "",
                    len(r.phase_visits("voting")) if r else None,
                    counting[0].ps_id if counting else "",
                    tab[0].dec_id if tab else "",
                    clock(r.depart_start) if r else "",
                    clock(r.visits[-1].depart) if r and r.visits else "",
                    duration(r.driving_min) if r else "",
                    round(r.driving_km) if r else None,
                )
            )
        self._reset(ids, rows)

    def _extra(self, index: Index, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and self._rows[index.row()][3] == self._no:
            return QBrush(QColor("#9e9e9e"))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return self._rows[index.row()][2]  # every member, however narrow the column
        return None


def _words() -> dict[str, str]:
    return {
        "urban": translate("Tables", "urban"),
        "rural": translate("Tables", "rural"),
        "regular": translate("Tables", "regular"),
        "hospital": translate("Tables", "hospital"),
        "military": translate("Tables", "military"),
        "prison": translate("Tables", "prison"),
        "abroad": translate("Tables", "abroad"),
        "open": translate("Tables", "open"),
        "closed": translate("Tables", "closed"),
    }


class DayModel(_RowsModel):
    """The selected team's day: one row per stop, with the leg that leads to it."""

    headers = (
        "#",
        QT_TRANSLATE_NOOP("Tables", "Phase"),
        QT_TRANSLATE_NOOP("Tables", "Place"),
        QT_TRANSLATE_NOOP("Tables", "Name"),
        QT_TRANSLATE_NOOP("Tables", "Arrive"),
        QT_TRANSLATE_NOOP("Tables", "Depart"),
        QT_TRANSLATE_NOOP("Tables", "Travel"),
        QT_TRANSLATE_NOOP("Tables", "km"),
        QT_TRANSLATE_NOOP("Tables", "Pinned"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.route: TeamRoute | None = None

    def set_route(self, mission: Mission, route: TeamRoute | None) -> None:
        self.route = route
        ids, rows = [], []
        if route is not None:
            for i, v in enumerate(route.visits, start=1):
                if v.ps_id:
                    st = mission.station_by_id.get(v.ps_id)
                    name = st.name if st else ""
                else:
                    dec = mission.dec_by_id.get(v.dec_id)
                    name = translate("Tables", "DEC {name}").format(name=dec.name if dec else "")
                ids.append(v.key)
                rows.append(
                    (
                        i,
                        phase_name(v.phase),
                        v.ps_id or v.dec_id,
                        name,
                        clock(v.arrive),
                        clock(v.depart),
                        duration(v.travel_min),
                        locale().toString(v.travel_km, "f", 1),
                        translate("Tables", "pinned") if v.pinned else "",
                    )
                )
        self._reset(ids, rows)

    def _extra(self, index: Index, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 1 and self.route:
            phase = self.route.visits[index.row()].phase
            return QColor(PHASE_COLOURS.get(phase, "#000000"))
        return None


class SimpleTableModel(_RowsModel):
    """Rows given from outside, with optional text colours per cell.

    Used instead of QTableWidget/QStandardItemModel, whose item setters lose
    references to ``None`` in PySide6 6.12 on Python 3.11 (a crash after a few
    thousand calls: "Fatal Python error: none_dealloc").
    """

    def __init__(self, headers: tuple[str, ...], tips: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.headers = headers
        self.tips = tips
        self._colours: dict[tuple[int, int], QColor] = {}

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section < len(self.tips)
        ):
            return self.tips[section]
        return super().headerData(section, orientation, role)

    def set_rows(
        self,
        ids: list[str],
        rows: list[tuple[Any, ...]],
        colours: dict[tuple[int, int], str] | None = None,
    ) -> None:
        self._colours = {k: QColor(v) for k, v in (colours or {}).items()}
        self._reset(ids, rows)

    def _extra(self, index: Index, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self._colours.get((index.row(), index.column()))
            return QBrush(colour) if colour is not None else None
        return None

    def cell(self, row: int, column: int) -> Any:
        return self._rows[row][column]
