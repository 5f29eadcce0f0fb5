"""Changes to the mission from the window: the undo stack and the manual plan edits.

Every change (a plan, an edit, an import, new settings, a re-plan) goes through
:meth:`EditController.set_mission`, which puts it on the undo stack. Manual edits
are :func:`planner.app.apply_edit` use cases: refused edits are explained, accepted
ones are undoable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from planner.app import EditRefused, EditResult, apply_edit
from planner.io.mission import record
from planner.model import Mission
from ui.i18n import planner_text
from ui.undo import MissionCommand

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate


class EditController(QObject):
    def __init__(self, window: MainWindow, apply: Callable[[Mission], None]) -> None:
        super().__init__(window)
        self.window = window
        self._apply = apply
        self.undo_stack = QUndoStack(window)

    def set_mission(self, mission: Mission, *, description: str) -> None:
        """Replace the mission (undoable)."""
        if mission is self.window.mission:
            return
        self.undo_stack.push(MissionCommand(self._apply, self.window.mission, mission, description))

    # ------------------------------------------------------------------ manual edits
    def selected_stop(self) -> tuple[str, str] | None:
        day = self.window.day
        route = day.model.route
        row = day.selected_row()
        if route is None or not 0 <= row < len(route.visits):
            return None
        return route.team_id, route.visits[row].key

    def apply(self, make: Callable[[], EditResult], *, confirm: bool = False) -> bool:
        """Run an edit; refused edits are explained, accepted ones go on the undo stack."""
        window = self.window
        if window.is_busy:
            return False
        try:
            result = apply_edit(make)
        except EditRefused as exc:
            reason = planner_text(exc.reason)  # the planner's words, in the interface language
            window.statusBar().showMessage(
                translate("MainWindow", "Not possible: {reason}").format(reason=reason), 10000
            )
            QMessageBox.information(window, translate("MainWindow", "Edit not possible"), reason)
            return False
        description = planner_text(result.description)
        if confirm:
            effects = [planner_text(e) for e in result.consequences()]
            text = description + (":\n• " + "\n• ".join(effects) if effects else ".")
            answer = QMessageBox.question(
                window, translate("MainWindow", "Apply this change?"), text
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        key = self.selected_stop()
        self.set_mission(result.mission, description=description)
        window.show_team(result.team_id)
        if key is not None:
            window.day.select_stop(key[1])
        window.statusBar().showMessage(description, 5000)
        return True

    def pin_selected(self) -> None:
        from planner.app import pin_stop

        sel, plan = self.selected_stop(), self.window.plan
        if sel is None or plan is None:
            return
        route = plan.route(sel[0])
        pinned = any(v.key == sel[1] and v.pinned for v in route.visits) if route else False
        self.apply(lambda: pin_stop(self.window.mission, sel[0], sel[1], not pinned))

    def remove_selected(self) -> None:
        from planner.app import remove_stop

        sel = self.selected_stop()
        if sel is not None:
            self.apply(lambda: remove_stop(self.window.mission, *sel), confirm=True)

    def move_selected(self, offset: int) -> None:
        from planner.app import move_stop

        sel = self.selected_stop()
        if sel is not None:
            self.apply(lambda: move_stop(self.window.mission, sel[0], sel[1], offset))

    def add_station_dialog(self) -> None:
        from planner.app import add_station, candidate_stations
        from ui.dialogs.simple import ChooseStationDialog

        window = self.window
        team_id = window.day.team_id
        if not team_id or window.plan is None or window.plan.route(team_id) is None:
            return
        dialog = ChooseStationDialog(
            window.mission, candidate_stations(window.mission, team_id), window
        )
        if dialog.exec() and dialog.chosen():
            ps_id = dialog.chosen()
            self.apply(lambda: add_station(window.mission, team_id, ps_id), confirm=True)

    def toggle_team_available(self) -> None:
        """An unavailable team is made available again; otherwise pick the team (pre-filled
        from the selection) and see what its absence uncovers before it is taken out."""
        from planner.app import set_team_available
        from ui.dialogs.team_unavailable import TeamUnavailableDialog

        window = self.window
        if window.is_busy:
            return
        team = window.mission.team_by_id.get(window.day.team_id)
        if team is not None and not team.available:
            self.apply(lambda: set_team_available(window.mission, team.team_id, True))
            return
        dialog = TeamUnavailableDialog(window.mission, window.day.team_id, window)
        if not dialog.exec() or not dialog.team_id():
            return
        team_id = dialog.team_id()
        if self.apply(lambda: set_team_available(window.mission, team_id, False)):
            window.show_team(team_id)

    def connect_buttons(self) -> None:
        """The edit buttons under the team's day."""
        b = self.window.day.buttons
        b["pin"].clicked.connect(self.pin_selected)
        b["remove"].clicked.connect(self.remove_selected)
        b["up"].clicked.connect(lambda: self.move_selected(-1))
        b["down"].clicked.connect(lambda: self.move_selected(1))
        b["add"].clicked.connect(self.add_station_dialog)
        b["unavailable"].clicked.connect(self.toggle_team_available)

    def update_buttons(self) -> None:
        team = self.window.mission.team_by_id.get(self.window.day.team_id)
        self.window.day.buttons["unavailable"].setText(
            translate("TeamDay", "Team available")
            if team is not None and not team.available
            else translate("TeamDay", "Team unavailable")
        )
        if self.window.is_busy:
            for button in self.window.day.buttons.values():
                button.setEnabled(False)

    # ------------------------------------------------------------------ other changes
    def import_layer(self) -> None:
        from ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.window.mission, self.window)
        if dialog.exec() and dialog.result_mission is not None:
            self.set_mission(dialog.result_mission, description=dialog.description)
            self.window.statusBar().showMessage(dialog.description, 8000)

    def edit_settings(self) -> None:
        from ui.dialogs.settings_dialog import SettingsDialog

        mission = self.window.mission
        dialog = SettingsDialog(mission.settings, self.window)
        if dialog.exec() and dialog.settings != mission.settings:
            before = mission.settings.to_pairs()
            changed = {k: v for k, v in dialog.settings.to_pairs() if (k, v) not in before}
            after = record(replace(mission, settings=dialog.settings), "settings", changed)
            self.set_mission(after, description=translate("MainWindow", "Change mission settings"))
