"""Mark a team unavailable: pick the team (pre-filled), see what its absence uncovers.

Dropping a team's day leaves its opening, count, DEC and the voting visits no
other team makes without an observer, and its printed route sheet no longer
holds: the dialog says both before anything changes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner.model import Mission
from planner.uncovered import lost_if_dropped
from ui.i18n import phase_name

translate = QCoreApplication.translate


def unavailable_summary(mission: Mission, team_id: str) -> str:
    """Plain-language consequences of dropping ``team_id``'s day (HTML)."""
    plan = mission.current_plan
    route = plan.route(team_id) if plan else None
    if plan is None or route is None:
        return translate("TeamUnavailable", "{team} has no day in the current plan.").format(
            team=team_id
        )
    lost = lost_if_dropped(plan, team_id)
    lines = [
        translate("TeamUnavailable", "{team}'s {n} stops are dropped from the plan.").format(
            team=team_id, n=len(route.visits)
        )
    ]
    by_phase: dict[str, list[str]] = {}
    for phase, key in lost:
        by_phase.setdefault(phase, []).append(key)
    if by_phase:
        lines.append(translate("TeamUnavailable", "No other team observes these any more:"))
        items = []
        for phase in ("opening", "voting", "counting", "tabulation"):
            keys = by_phase.get(phase)
            if keys:
                items.append(f"<li><b>{phase_name(phase)}</b>: {', '.join(keys)}</li>")
        lines.append("<ul>" + "".join(items) + "</ul>")
    else:
        lines.append(translate("TeamUnavailable", "Other teams still observe all of its stops."))
    lines.append(
        "<b>"
        + translate(
            "TeamUnavailable",
            "Withdraw {team}'s printed route sheet and tell the team; re-plan or add its "
            "stops to other teams to cover them.",
        ).format(team=team_id)
        + "</b>"
    )
    return "<p>" + "</p><p>".join(lines) + "</p>"


class TeamUnavailableDialog(QDialog):
    """Choose the team (pre-selected) and confirm; :meth:`team_id` is the choice."""

    def __init__(self, mission: Mission, team_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("TeamUnavailable", "Team unavailable"))
        self.mission = mission
        self.picker = QComboBox()
        for t in mission.teams:
            label = f"{t.team_id} — {'; '.join(t.members)}"
            if not t.available:
                label += " " + translate("TeamUnavailable", "(already unavailable)")
            self.picker.addItem(label, t.team_id)
        index = self.picker.findData(team_id)
        self.picker.setCurrentIndex(max(index, 0))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.picker.currentIndexChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(translate("TeamUnavailable", "Team"), self.picker)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(translate("TeamUnavailable", "Mark unavailable"))
        self.ok_button = ok
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary, 1)
        layout.addWidget(buttons)
        self._update()

    def team_id(self) -> str:
        return str(self.picker.currentData() or "")

    def _update(self) -> None:
        team = self.mission.team_by_id.get(self.team_id())
        self.summary.setText(unavailable_summary(self.mission, self.team_id()))
        self.ok_button.setEnabled(team is not None and team.available)
