"""The main window: open, import, plan (progress, cancel, responsive), edit + undo, save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from planner.io.mission import open_mission, save_mission
from tests.factories import tiny_mission
from tests.ui.fakes import BlockingSolver
from ui import recovery
from ui.dialogs.import_dialog import ImportDialog

pytestmark = pytest.mark.gui


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    """Make QMessageBox.question answer ``button``; returns the questions asked."""
    asked: list[str] = []

    def question(_parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(f"{title}: {text}")
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def silence_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox, name, lambda _p, title, text, *a, **k: shown.append(f"{title}: {text}")
        )
    return shown


# ---------------------------------------------------------------------- opening


def test_opening_a_mission_fills_every_view(window, planned_mission) -> None:
    assert window.windowTitle().startswith("tiny.gpkg")
    assert window.stations_model.rowCount() == len(planned_mission.polling_stations)
    assert window.teams_model.rowCount() == 4
    assert window.browser.visible_count("station") == len(planned_mission.polling_stations)
    assert window.coverage.result is not None
    assert window.coverage.result.summary()["openings"] == 4
    assert "33 stations" in window.mission_label.text()
    assert not window.is_dirty


def test_open_another_mission_and_refuse_a_bad_file(
    window, tmp_path: Path, monkeypatch, qtbot
) -> None:
    shown = silence_boxes(monkeypatch)
    bad = tmp_path / "notes.gpkg"
    bad.write_text("not a mission")
    assert not window.open_path(bad)
    assert shown and "not a mission file" in shown[0]
    other = tmp_path / "other.gpkg"
    save_mission(tiny_mission(n_teams=6), other)
    assert window.open_path(other)
    assert window.path == other
    assert window.teams_model.rowCount() == 6
    assert window.plan is None
    # remembered as the last mission and in the recent list
    from ui import app_settings

    assert app_settings.last_mission() == other.resolve()
    assert other.resolve() in app_settings.recent_missions()


def test_browser_search_and_filters(window) -> None:
    browser = window.browser
    browser.search.setText("N-000")
    assert browser.visible_count("station") == 9
    browser.search.setText("")
    browser.filter.setCurrentIndex(browser.filter.findData("special"))
    assert browser.visible_count("station") == 3  # 2 hospitals + the station abroad
    browser.filter.setCurrentIndex(browser.filter.findData("planned"))
    planned = {v.ps_id for _t, _s, v in window.plan.visits() if v.ps_id}
    assert browser.visible_count("station") == len(planned)


# ---------------------------------------------------------------------- import


def test_import_dialog_lists_every_problem_and_imports_nothing(
    qtbot, window, tmp_path: Path
) -> None:
    bad = tmp_path / "teams.csv"
    bad.write_text(
        "team_id,base_id,members,available\n"
        "T001,BN,Anna; Bert,1\n"
        "T002,NOPE,Carl; Dina,1\n"
        "T003,BW,,maybe\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(window.mission, window)
    qtbot.addWidget(dialog)
    dialog.set_file("teams", bad)
    lines = dialog.problem_lines()
    assert any(line.startswith(f"{bad}:3:base_id:") for line in lines), lines
    assert any(line.startswith(f"{bad}:4:members:") for line in lines), lines
    assert any(line.startswith(f"{bad}:4:available:") for line in lines), lines
    assert dialog.model.rowCount() == len(lines)
    assert not dialog.import_button.isEnabled()
    assert dialog.result_mission is None

    bad.write_text(
        "team_id,base_id,members\nT001,BN,Anna; Bert\nT002,BW,Carl; Dina\n", encoding="utf-8"
    )
    dialog.check()
    assert dialog.problem_lines() == []
    assert dialog.import_button.isEnabled()
    assert dialog.result_mission is not None
    window.set_mission(dialog.result_mission, description=dialog.description)
    assert window.teams_model.rowCount() == 2
    assert window.mission.change_log[-1].kind == "import"
    window.undo_stack.undo()
    assert window.teams_model.rowCount() == 4


# ---------------------------------------------------------------------- planning


def test_plan_stores_a_new_revision_and_reports_it(qtbot, make_window, mission) -> None:
    w = make_window(mission)
    assert w.plan is None
    assert not w.act_export.isEnabled()
    with qtbot.waitSignal(w.plan_finished, timeout=20000) as blocker:
        w.start_plan(time_limit_s=1, seed=3)
    plan = blocker.args[0]
    assert plan is not None and plan.revision == 1 and plan.seed == 3
    assert w.plan is plan
    assert w.mission.change_log[-1].kind == "plan"
    assert w.teams_model.rowCount() == 4
    assert w.coverage.result.summary()["counts"] == 4
    assert "Planned 4 teams" in w.statusBar().currentMessage()
    assert w.act_export.isEnabled()
    assert w.is_dirty
    w.undo_stack.undo()
    assert w.plan is None


def test_plan_shows_progress_stays_responsive_and_can_be_cancelled(
    qtbot, make_window, mission
) -> None:
    solver = BlockingSolver()
    w = make_window(mission, solve=solver)
    with qtbot.waitSignal(w.plan_started, timeout=5000):
        w.start_plan(time_limit_s=60)
    qtbot.waitUntil(solver.started.is_set, timeout=5000)
    qtbot.waitUntil(lambda: "building" in w.progress_label.text(), timeout=5000)
    assert w.progress_bar.isVisible() and w.progress_bar.value() == 100
    assert w.cancel_button.isVisible()
    assert not w.act_plan.isEnabled()
    # the window still handles clicks while the solver runs
    bar = w.tabs.tabBar()
    target = 1 if w.tabs.currentIndex() != 1 else 2
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(target).center())
    assert w.tabs.currentIndex() == target
    w.browser.search.setText("W-")
    assert w.browser.visible_count("station") == 16
    with qtbot.waitSignal(w.plan_finished, timeout=10000) as blocker:
        qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [None]
    assert w.plan is None
    assert "cancelled" in w.statusBar().currentMessage().lower()
    assert not w.progress_bar.isVisible()
    assert w.act_plan.isEnabled()


def test_a_released_blocking_solve_finishes(qtbot, make_window, mission) -> None:
    solver = BlockingSolver()
    w = make_window(mission, solve=solver)
    w.start_plan()
    qtbot.waitUntil(solver.started.is_set, timeout=5000)
    with qtbot.waitSignal(w.plan_finished, timeout=20000) as blocker:
        solver.release.set()
    assert blocker.args[0] is not None
    assert len(w.plan.routes) == 4


# ---------------------------------------------------------------------- edits


def test_remove_a_stop_then_undo_and_redo_with_the_keyboard(qtbot, window, monkeypatch) -> None:
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    before = window.plan
    window.select("team", "T001")
    voting = before.route("T001").phase_visits("voting")
    window.day.select_stop(voting[0].ps_id)
    window.remove_selected()
    after = window.plan
    assert after.revision == before.revision + 1
    assert after.parent == before.revision
    assert [v.ps_id for v in after.route("T001").phase_visits("voting")] == [
        v.ps_id for v in voting[1:]
    ]
    log = window.mission.change_log[-1]
    assert log.kind == "manual_edit" and log.plan_revision == after.revision
    assert window.day.model.rowCount() == len(before.route("T001").visits) - 1
    assert window.is_dirty

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.plan is before
    assert window.day.model.rowCount() == len(before.route("T001").visits)
    assert not window.is_dirty
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.plan is after


def test_a_refused_edit_explains_and_changes_nothing(window, monkeypatch) -> None:
    shown = silence_boxes(monkeypatch)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    before = window.mission
    from ui.plan_edits import add_station

    # T001 works in region North; a station in West is a day's drive away
    assert not window.apply_edit(lambda: add_station(window.mission, "T001", "W-0010"))
    assert window.mission is before
    assert shown and "Edit not possible" in shown[0]
    assert "W-0010 does not fit into T001's day" in shown[0]


def test_pin_and_mark_team_unavailable(window, monkeypatch) -> None:
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.select("team", "T002")
    key = window.plan.route("T002").visits[2].key
    window.day.select_stop(key)
    window.pin_selected()
    assert window.plan.route("T002").visits[2].pinned
    assert window.day.model.index(2, 8).data() == "pinned"
    from ui.dialogs.team_unavailable import TeamUnavailableDialog

    confirmed: list[str] = []
    monkeypatch.setattr(TeamUnavailableDialog, "exec", lambda d: confirmed.append(d.team_id()) or 1)
    window.toggle_team_available()
    assert confirmed == ["T002"]  # dropping a team's day is confirmed first
    assert not window.mission.team_by_id["T002"].available
    assert window.plan.route("T002") is None
    assert window.teams_model.index(window.teams_model.row_of("T002"), 3).data() == "no"
    window.undo_stack.undo()
    assert window.mission.team_by_id["T002"].available
    assert window.plan.route("T002") is not None


def test_settings_edit_is_undoable(window, monkeypatch) -> None:
    from dataclasses import replace

    new = replace(window.mission.settings, voting_observation_min=55)
    from planner.io.mission import record

    window.set_mission(
        record(replace(window.mission, settings=new), "settings", {"x": 1}), description="s"
    )
    assert window.mission.settings.voting_observation_min == 55
    window.undo_stack.undo()
    assert window.mission.settings.voting_observation_min == 40


# ---------------------------------------------------------------------- save, close, recovery


def test_save_and_reopen_keeps_the_edit(qtbot, window, monkeypatch, mission_path: Path) -> None:
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.select("team", "T003")
    window.day.select_stop(window.plan.route("T003").visits[1].key)
    window.remove_selected()
    edited = window.plan
    with qtbot.waitSignal(window.saved, timeout=20000):
        window.save()
    assert not window.is_dirty
    assert not window.windowTitle().startswith("*")
    reopened = open_mission(mission_path)
    assert reopened.current_plan.revision == edited.revision
    assert reopened.current_plan.route("T003").visits == edited.route("T003").visits
    assert reopened.change_log[-1].kind == "manual_edit"


def test_close_with_unsaved_changes_asks_first(window, monkeypatch, qtbot) -> None:
    window.select("team", "T001")
    window.day.select_stop(window.plan.route("T001").visits[0].key)
    window.pin_selected()
    assert window.is_dirty
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert asked and window.isVisible()
    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert window.close()
    # the layout is remembered for next time
    assert QSettings("STO Planner", "STO Planner").value("window/state") is not None


def test_autosave_then_recovery_after_a_crash(qtbot, window, monkeypatch, tmp_path: Path) -> None:
    window.select("team", "T001")
    window.day.select_stop(window.plan.route("T001").visits[0].key)
    window.pin_selected()
    window.autosave()
    qtbot.waitUntil(lambda: bool(recovery.find(window.recovery_dir)), timeout=20000)
    found = recovery.find(window.recovery_dir)[0]
    assert found.original == window.path.resolve()
    # "crash": a fresh window on the saved file is offered the autosaved changes
    from ui.app import offer_recovery
    from ui.main_window import MainWindow

    fresh = MainWindow(open_mission(window.path), window.path, recovery_dir=window.recovery_dir)
    qtbot.addWidget(fresh)
    qtbot.waitUntil(lambda: fresh.map.is_ready, timeout=30000)
    assert not fresh.plan.route("T001").visits[0].pinned
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    offer_recovery(fresh)
    assert fresh.plan.route("T001").visits[0].pinned
    assert fresh.is_dirty and fresh.path == window.path.resolve()
    fresh._saved_mission = fresh.mission
    fresh.close()


def test_plan_with_the_real_solver_is_validated_and_stored(qtbot, make_window, mission) -> None:
    """The window drives planner.solver.solve itself (tiny mission, short limit)."""
    from planner.solver import solve
    from planner.validate import validate_plan

    w = make_window(mission, solve=solve)
    with qtbot.waitSignal(w.plan_finished, timeout=60000) as blocker:
        w.start_plan(time_limit_s=2, seed=1)
    plan = blocker.args[0]
    assert plan is not None and len(plan.routes) == 4
    assert w.last_violations == []
    assert validate_plan(w.mission, plan) == []
    assert "no rule broken" in w.statusBar().currentMessage()


def test_a_plan_for_a_mission_changed_meanwhile_is_not_stored(
    qtbot, make_window, planned_mission, monkeypatch
) -> None:
    shown = silence_boxes(monkeypatch)
    solver = BlockingSolver()
    w = make_window(planned_mission, solve=solver)
    w.start_plan()
    qtbot.waitUntil(solver.started.is_set, timeout=5000)
    assert not w.act_import.isEnabled() and not w.act_open.isEnabled()
    from ui.plan_edits import set_team_available

    changed = set_team_available(w.mission, "T001", False).mission  # e.g. a panel's change
    w.set_mission(changed, description="team unavailable")
    with qtbot.waitSignal(w.plan_finished, timeout=20000) as blocker:
        solver.release.set()
    assert blocker.args == [None]
    assert w.mission is changed
    assert shown and "Plan not stored" in shown[0]
    assert w.act_import.isEnabled()


def test_an_attached_panel_follows_and_changes_the_mission(qtbot, window) -> None:
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QWidget

    class Panel(QWidget):
        mission_changed = Signal(object, str)

        def __init__(self) -> None:
            super().__init__()
            self.seen: list[object] = []

        def set_mission(self, mission: object) -> None:
            self.seen.append(mission)

    panel = Panel()
    dock = window.attach_panel(panel, "Changes")
    assert panel.seen == [window.mission]
    assert dock.toggleViewAction() in window.view_menu.actions()
    from ui.plan_edits import set_team_available

    before = window.mission
    changed = set_team_available(before, "T003", False).mission
    panel.mission_changed.emit(changed, "T003 ill")
    assert window.mission is changed and panel.seen[-1] is changed
    assert window.undo_stack.undoText() == "T003 ill"
    window.undo_stack.undo()
    assert window.mission is before and panel.seen[-1] is before
