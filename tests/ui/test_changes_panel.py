"""The Changes panel: enter changes, see whom they touch, re-plan off the GUI thread, undo."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from planner.model import Mission
from planner.replan.changes import StationClosed
from planner.replan.core import ReplanResult, replan
from tests.planner.replan.test_replan import planned_mission as hand_planned
from ui.widgets.changes_panel import ChangesPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def base() -> Mission:
    """tiny mission with a hand-made plan (revision 1)."""
    return hand_planned()


@pytest.fixture
def panel(qtbot: QtBot, base: Mission) -> ChangesPanel:
    widget = ChangesPanel()
    qtbot.addWidget(widget)
    widget.set_mission(base)
    return widget


def test_form_adds_a_change_and_shows_the_teams_it_touches(panel: ChangesPanel) -> None:
    panel.set_form("polling_station_closed", ps_id="N-0003")
    assert panel.add_from_form()
    assert panel.changes == [StationClosed("N-0003")]
    assert panel.touched_teams(0) == ["T001"]
    assert "touches: T001" in panel.list.item(0).text()
    assert panel.apply_button.isEnabled()


def test_unknown_station_is_refused_with_its_name(panel: ChangesPanel) -> None:
    panel.set_form("polling_station_closed", ps_id="X-9999")
    assert not panel.add_from_form()
    assert panel.changes == []
    assert "unknown polling station X-9999" in panel.message.text()


def test_every_form_makes_a_valid_change(panel: ChangesPanel) -> None:
    panel.set_form("team_unavailable", team_id="T002")
    panel.set_form("team_added", team_id="T009", base_id="BN", members="A B; C D")
    panel.set_form("polling_station_moved", ps_id="N-0004", lat=51.01, lon=71.02)
    panel.set_form("voting_hours", ps_id="W-0005", open=480, close=1140)
    panel.set_form("area_blocked", polygon="71.25, 51.08\n71.42, 51.08\n71.42, 51.18\n71.25, 51.18")
    panel.set_form("priority", target="N-D02", weight=3)
    panel.set_form("pin", team_id="T001", target="N-0001", phase="counting")
    for kind in (
        "team_unavailable",
        "team_added",
        "polling_station_moved",
        "voting_hours",
        "area_blocked",
        "priority",
        "pin",
    ):
        panel.set_form(kind)
        assert panel.add_from_form(), panel.message.text()
    assert [c.kind for c in panel.changes][-1] == "pin"
    assert panel.touched_teams(0) == ["T002"]  # the unavailable team
    assert "T003" in panel.touched_teams(4)  # the blocked area is on T003's way


def test_apply_replans_and_undo_restores_the_mission(
    qtbot: QtBot, panel: ChangesPanel, base: Mission
) -> None:
    panel.set_form("polling_station_closed", ps_id="N-0003")
    panel.add_from_form()
    with qtbot.waitSignal(panel.mission_changed, timeout=30000) as sig:
        panel.apply()
    new, description = sig.args
    assert new.current_plan.revision == 2
    assert new.station_by_id["N-0003"].status == "closed"
    assert "Re-plan" in description
    assert panel.last_result is not None
    assert panel.last_result.changed_teams == ["T001"]
    assert "T001: changed" in panel.result_view.toPlainText()
    assert panel.changes == []
    qtbot.waitUntil(lambda: not panel.busy)
    assert panel.undo_button.isEnabled()
    with qtbot.waitSignal(panel.mission_changed, timeout=5000) as undo:
        panel.undo_all()
    assert undo.args[0] is base
    assert panel.changes == [StationClosed("N-0003", line=0)]  # back in the list
    assert not panel.undo_button.isEnabled()


def test_panel_stays_responsive_while_replanning(qtbot: QtBot, base: Mission) -> None:
    release = threading.Event()

    def slow_replan(mission: Mission, changes: Any, **kw: Any) -> ReplanResult:
        release.wait(10)
        return replan(mission, changes, **kw)

    panel = ChangesPanel(replan_fn=slow_replan)
    qtbot.addWidget(panel)
    panel.set_mission(base)
    panel.add_change(StationClosed("N-0003"))
    panel.apply()
    # apply() returned although the re-plan is still blocked: it runs off the GUI thread
    assert panel.busy and not panel.apply_button.isEnabled()
    panel.set_form("team_unavailable", team_id="T002")  # the form still works meanwhile
    assert panel.kind.currentData() == "team_unavailable"
    with qtbot.waitSignal(panel.replanned, timeout=30000):
        release.set()
    panel.wait(5000)
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    assert panel.undo_button.isEnabled()


def test_bad_changes_file_is_shown_with_line_and_key(panel: ChangesPanel, data_dir: Path) -> None:
    path = data_dir / "changes" / "bad.yaml"
    assert not panel.load_file(path)
    assert f"{path}:2:open_time:" in panel.message.text()
    assert panel.changes == []


def test_changes_round_trip_through_a_file(panel: ChangesPanel, tmp_path: Path) -> None:
    panel.add_change(StationClosed("N-0003"))
    path = tmp_path / "c.yaml"
    panel.save_file(path)
    panel.list.setCurrentRow(0)
    panel.remove_selected()
    assert panel.changes == []
    assert panel.load_file(path)
    assert [c.kind for c in panel.changes] == ["polling_station_closed"]


def test_attached_to_the_main_window_a_replan_is_undoable_there(
    qtbot: QtBot,
    make_window: Any,
) -> None:
    base = hand_planned()
    window = make_window(base)
    panel = window.changes_panel  # the main window docks its Changes panel itself
    assert window.changes_dock.widget() is panel
    panel.add_change(StationClosed("N-0003"))
    with qtbot.waitSignal(window.mission_changed, timeout=30000):
        panel.apply()
    assert window.mission.current_plan.revision == 2
    assert window.mission.station_by_id["N-0003"].status == "closed"
    assert panel._mission is window.mission  # the panel follows the window
    window.undo_stack.undo()
    assert window.mission is base
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
