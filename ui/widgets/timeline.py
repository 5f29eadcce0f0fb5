"""A team's day as a timeline (phases, visits, travel, lunch) and as a table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model import Mission, TeamRoute
from planner.presentation import PHASE_COLOURS
from planner.rehearsal import count_margin, prepare_team, slack, station_prizes_of
from ui.i18n import clock, duration, number, phase_name
from ui.table_models import ID_ROLE, DayModel

translate = QCoreApplication.translate
TRAVEL_COLOUR = QColor("#bdbdbd")
LUNCH_COLOUR = QColor("#ffb300")


def segments(route: TeamRoute, lunch_min: int) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, label) for the bar: travel legs, stops by phase, the break."""
    out: list[tuple[int, int, str, str]] = []
    prev_end = route.depart_start
    for v in route.visits:
        if v.travel_min > 0:
            leg_start = max(prev_end, v.arrive - v.travel_min)
            out.append((leg_start, leg_start + v.travel_min, "travel", duration(v.travel_min)))
        out.append((v.arrive, v.depart, v.phase, v.ps_id or v.dec_id))
        prev_end = v.depart
    if route.lunch_start is not None and lunch_min > 0:
        out.append((route.lunch_start, route.lunch_start + lunch_min, "lunch", phase_name("lunch")))
    return out


SLACK_COLOUR = QColor("#43a047")
RISK_COLOUR = QColor("#e53935")


def slack_overlay(mission: Mission, route: TeamRoute | None) -> list[tuple[int, int, int, bool]]:
    """(route index, departure, leave-by, next leg risky) per stop the team decides at
    (planner.rehearsal.slack); empty without a count."""
    if route is None or not route.visits:
        return []
    day = prepare_team(mission, route, station_prizes_of(mission))
    return slack(day, mission.settings)


class DayTimeline(QWidget):
    """Paints one team's day from its departure to the end of tabulation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.route: TeamRoute | None = None
        self.lunch_min = 0
        self.empty_text = translate("TeamDay", "No team selected")
        self.slack: list[tuple[int, int, int, bool]] = []  # see slack_overlay
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            translate(
                "TeamDay",
                "Grey: driving · coloured: stops by phase · amber: break · green line: slack "
                "until the stop's leave-by time · red: a leg that a slow drive would make late",
            )
        )

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = QFontMetrics(self.font())
        return QSize(400, fm.height() * 2 + 12)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def placeholder(self) -> str:
        """What the bar says when there is no day to draw."""
        return self.empty_text if self.route is None or not self.route.visits else ""

    def set_route(self, route: TeamRoute | None, lunch_min: int) -> None:
        self.route = route
        self.lunch_min = lunch_min
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        pal = self.palette()
        painter.fillRect(self.rect(), pal.base())
        if self.route is None or not self.route.visits:
            painter.setPen(pal.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        start = (self.route.depart_start // 60) * 60
        end = ((max(v.depart for v in self.route.visits) + 59) // 60) * 60
        span = max(end - start, 60)
        margin = 6.0
        width = self.width() - 2 * margin
        bar_top = 4.0
        bar_h = float(fm.height() * 1.1)

        def x(t: int) -> float:
            return margin + (t - start) / span * width

        risky = {i + 1 for i, _d, _l, r in self.slack if r}  # legs into these stops
        stop_no = 0
        for s, e, kind, label in segments(self.route, self.lunch_min):
            if kind not in ("travel", "lunch"):
                stop_no += 1
            if kind == "travel":
                colour = TRAVEL_COLOUR
                rect = QRectF(x(s), bar_top + bar_h * 0.35, max(x(e) - x(s), 1.0), bar_h * 0.3)
            elif kind == "lunch":
                colour = LUNCH_COLOUR
                rect = QRectF(x(s), bar_top, max(x(e) - x(s), 1.0), bar_h * 0.25)
            else:
                colour = QColor(PHASE_COLOURS.get(kind, "#000000"))
                rect = QRectF(x(s), bar_top, max(x(e) - x(s), 2.0), bar_h)
            if kind == "travel" and stop_no + 1 in risky:
                colour = RISK_COLOUR
            painter.fillRect(rect, colour)
            if kind not in ("travel", "lunch") and fm.horizontalAdvance(label) < rect.width() - 4:
                painter.setPen(QColor("#ffffff"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        for _i, dep, latest, _risky in self.slack:  # slack: departure to leave-by
            if latest > dep:
                painter.fillRect(
                    QRectF(x(dep), bar_top + bar_h - 3, x(latest) - x(dep), 3), SLACK_COLOUR
                )
        painter.setPen(QPen(pal.text().color()))
        hours = span // 60
        step = 1 if hours <= 12 else 2
        for h in range(0, hours + 1, step):
            t = start + h * 60
            tx = x(t)
            painter.drawLine(int(tx), int(bar_top + bar_h), int(tx), int(bar_top + bar_h + 3))
            label = clock(t).split(" ")[0]  # ticks after midnight read 00:00, 01:00
            lw = fm.horizontalAdvance(label)
            painter.drawText(
                int(min(max(tx - lw / 2, 0), self.width() - lw)),
                int(bar_top + bar_h + 3 + fm.ascent()),
                label,
            )


class TeamDayPanel(QWidget):
    """The selected team's day: summary line, timeline bar, table and edit buttons."""

    stop_selected = Signal(str)  # the stop's key (ps_id or DEC:<dec_id>)

    # size: builds the day view, one statement per widget
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.team_id = ""
        self.title = QLabel(translate("TeamDay", "Select a team to see its day."))
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.timeline = DayTimeline()
        self.model = DayModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # compact rows: a laptop screen shows six stops or more
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the stop's name
        header.setStretchLastSection(False)
        self.buttons: dict[str, QPushButton] = {}
        bar = QVBoxLayout()
        for key, text, tip in (
            (
                "pin",
                translate("TeamDay", "Pin"),
                translate(
                    "TeamDay", "Pin or unpin the selected stop: re-planning keeps pinned stops."
                ),
            ),
            (
                "remove",
                translate("TeamDay", "Remove"),
                translate("TeamDay", "Remove the selected stop from the team's day."),
            ),
            (
                "up",
                translate("TeamDay", "Move up"),
                translate("TeamDay", "Visit the selected stop earlier."),
            ),
            (
                "down",
                translate("TeamDay", "Move down"),
                translate("TeamDay", "Visit the selected stop later."),
            ),
            (
                "add",
                translate("TeamDay", "Add station…"),
                translate("TeamDay", "Add a polling station to this team's day."),
            ),
            (
                "unavailable",
                translate("TeamDay", "Team unavailable"),
                translate(
                    "TeamDay",
                    "Mark the team unavailable: shows what it leaves uncovered first.",
                ),
            ),
        ):
            b = QPushButton(text)
            b.setToolTip(tip)
            self.buttons[key] = b
            bar.addWidget(b)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.timeline)
        # the edit buttons beside the table, not under it: height goes to the stops
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(bar)
        layout.addLayout(body, 1)
        # the selection (not the current index) decides: currentRowChanged fires before
        # the selection has moved, which left the buttons following the previous row
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self._update_buttons()

    def set_team(self, mission: Mission, team_id: str) -> None:
        keep = self.selected_row()
        same = team_id == self.team_id
        self.team_id = team_id
        plan = mission.current_plan
        route = plan.route(team_id) if plan and team_id else None
        team = mission.team_by_id.get(team_id)
        self.model.set_route(mission, route)
        self.timeline.set_route(route, mission.settings.lunch_break_min)
        # the title already says why a selected team has no day: no second message
        self.timeline.empty_text = (
            "" if team is not None else translate("TeamDay", "No team selected")
        )
        self.timeline.slack = slack_overlay(mission, route)
        if team is None:
            self.title.setText(translate("TeamDay", "Select a team to see its day."))
        elif route is None:
            state = (
                translate("TeamDay", "unavailable: no day planned; its route sheet is withdrawn")
                if not team.available
                else translate("TeamDay", "no route in the current plan")
            )
            self.title.setText(f"<b>{team_id}</b> — {'; '.join(team.members)}: {state}")
        else:
            last = route.visits[-1].depart if route.visits else route.depart_start
            lunch = (
                translate("TeamDay", ", break {time}").format(time=clock(route.lunch_start))
                if route.lunch_start
                else ""
            )
            self.title.setText(
                f"<b>{team_id}</b> — {'; '.join(team.members)} · "
                + translate(
                    "TeamDay",
                    "leaves {leaves}, ends {ends}, {visits} voting visits, driving {driving} "
                    "({km} km){lunch}",
                ).format(
                    leaves=clock(route.depart_start),
                    ends=clock(last),
                    visits=number(len(route.phase_visits("voting"))),
                    driving=duration(route.driving_min),
                    km=number(round(route.driving_km)),
                    lunch=lunch,
                )
                + _margin_text(mission, route)
            )
        if same and 0 <= keep < self.model.rowCount():
            self.table.selectRow(keep)
        self._update_buttons()

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_stop(self, key: str) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            self.table.selectRow(row)

    def _on_selection(self, _selected: object, _deselected: object) -> None:
        self._update_buttons()
        row = self.selected_row()
        if row >= 0:
            self.stop_selected.emit(str(self.model.index(row, 0).data(ID_ROLE)))

    def _update_buttons(self) -> None:
        route = self.model.route
        row = self.selected_row()
        has_stop = route is not None and 0 <= row < len(route.visits)
        phase = route.visits[row].phase if has_stop and route else ""
        n = len(route.visits) if route else 0
        self.buttons["pin"].setEnabled(has_stop)
        self.buttons["remove"].setEnabled(has_stop)
        self.buttons["up"].setEnabled(has_stop and phase == "voting" and row > 0)
        self.buttons["down"].setEnabled(has_stop and phase == "voting" and row < n - 1)
        self.buttons["add"].setEnabled(route is not None)
        self.buttons["unavailable"].setEnabled(bool(self.team_id))


def _margin_text(mission: Mission, route: TeamRoute) -> str:
    """ ", leave-by times keep 10 min for the count" (planning.md §8), or ""."""
    if not route.phase_visits("counting") or mission.settings.count_target_probability <= 0:
        return ""
    return translate("TeamDay", ", leave-by times keep {minutes} min before the count").format(
        minutes=number(count_margin(route, mission.settings))
    )
