"""Issue 14: the window a core team works in all week (selection, laptop size, small fixes)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


def click_row(qtbot, table, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_edit_buttons_follow_the_row_clicked_and_pin_works_by_mouse(qtbot, window) -> None:
    window.select("team", "T001")
    day = window.day
    route = window.plan.route("T001")
    phases = [v.phase for v in route.visits]
    voting_row = phases.index("voting")
    click_row(qtbot, day.table, voting_row)
    assert day.selected_row() == voting_row
    assert day.buttons["pin"].isEnabled()
    assert day.buttons["remove"].isEnabled()
    click_row(qtbot, day.table, 0)  # the opening: fixed in place
    assert not day.buttons["up"].isEnabled()
    assert not day.buttons["down"].isEnabled()
    click_row(qtbot, day.table, voting_row)
    qtbot.mouseClick(day.buttons["pin"], Qt.MouseButton.LeftButton)
    assert window.plan.route("T001").visits[voting_row].pinned
    assert day.selected_row() == voting_row  # the selection stays on the stop
    assert day.buttons["pin"].isEnabled()


def test_choosing_a_team_in_the_teams_tab_opens_its_day(qtbot, window) -> None:
    window.tabs.setCurrentWidget(window.teams_view)
    view = window.teams_view
    row = window.teams_proxy.mapFromSource(window.teams_model.index(2, 0)).row()
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.day.team_id == window.teams_model.id_at(2)
    assert window.tabs.currentWidget() is window.teams_view  # a click only selects
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter (or a double-click) opens the day
    assert window.tabs.currentWidget() is window.day


def test_team_unavailable_picker_prefilled_and_says_what_becomes_uncovered(
    qtbot, window, monkeypatch
) -> None:
    from ui.dialogs.team_unavailable import TeamUnavailableDialog

    window.select("team", "T002")
    seen: list[TeamUnavailableDialog] = []

    def fake_exec(dialog: TeamUnavailableDialog) -> int:
        seen.append(dialog)
        return 1

    monkeypatch.setattr(TeamUnavailableDialog, "exec", fake_exec)
    route = window.plan.route("T002")
    window.toggle_team_available()
    dialog = seen[0]
    assert dialog.team_id() == "T002"  # pre-filled from the selection
    assert dialog.picker.count() == len(window.mission.teams)
    text = dialog.summary.text()
    opening = route.phase_visits("opening")[0].ps_id
    assert opening in text and "opening" in text
    assert "route sheet" in text.lower() and "withdraw" in text.lower()
    assert f"{len(route.visits)} stops" in text
    assert not window.mission.team_by_id["T002"].available
    # the day view says it once, not "No team selected" at the same time
    assert "unavailable" in window.day.title.text()
    assert window.day.timeline.placeholder() != "No team selected"


def visible_rows(table) -> int:  # type: ignore[no-untyped-def]
    viewport = table.viewport().rect()
    return sum(
        1
        for row in range(table.model().rowCount())
        if viewport.contains(table.visualRect(table.model().index(row, 0)))
    )


def test_laptop_screen_shows_six_rows_of_a_days_and_uncut_columns(qtbot, make_window) -> None:
    from tests.factories import tiny_mission
    from tests.ui.fakes import greedy_plan

    mission = tiny_mission(n_teams=4)
    mission = mission.with_plan(greedy_plan(mission, voting=8))
    w = make_window(mission)
    w.resize(1366, 768)
    w.fit_docks()
    qtbot.wait(50)
    w.select("team", "T001")
    qtbot.wait(50)
    assert w.plan.route("T001") is not None and len(w.plan.route("T001").visits) >= 8
    assert visible_rows(w.day.table) >= 6
    # Name gets the room, not the Pinned column
    header = w.day.table.horizontalHeader()
    assert header.sectionSize(3) > header.sectionSize(8)
    # the coverage region table shows every column without scrolling sideways
    regions = w.coverage.regions
    assert regions.horizontalScrollBar().maximum() == 0
    # the Teams tab: Members is not squeezed below its text
    w.tabs.setCurrentWidget(w.teams_view)
    qtbot.wait(50)
    members = w.teams_view.horizontalHeader().sectionSize(2)
    text = w.teams_model.index(0, 2).data()
    assert members >= w.teams_view.fontMetrics().horizontalAdvance(text)
    assert visible_rows(w.teams_view) >= 4


def test_planning_progress_is_honest(qtbot, window) -> None:
    from tests.ui.fakes import FakeProgress
    from ui.dialogs.simple import PlanOptionsDialog

    window.plan_progress.start(30.0)
    bar, label = window.progress_bar, window.progress_label
    window._on_progress(FakeProgress("deploy", 0, 190, 0.0))
    assert bar.maximum() == 0  # busy while deploying, not "0 %"
    assert "Deploying" in label.text()
    values = []
    for p in (
        FakeProgress("routing", 100, 190, 0.3),
        FakeProgress("routing", 190, 190, 0.56),
        FakeProgress("routing", 12, 190, 0.58),  # the second round restarts its count
        FakeProgress("routing", 40, 190, 0.5),  # a late report from an earlier part
        FakeProgress("timing", 190, 190, 0.92),
    ):
        window._on_progress(p)
        values.append(bar.value())
        if p.teams_done == 12:
            assert "round 2" in label.text() and "12/190" in label.text()
    assert values == sorted(values)  # never backwards
    assert "30 s" in label.text()  # elapsed next to the search limit
    dialog = PlanOptionsDialog(30.0, 0, window)
    qtbot.addWidget(dialog)
    assert "same plan" in dialog.seed_help.text()  # the seed is explained, not only on hover
    window.plan_progress.finished()
    assert "s in all" in PlanOptionsDialog(30.0, 0, window).expected.text()


def test_the_days_title_says_the_count_margin_its_leave_by_times_keep(window) -> None:
    from planner.rehearsal import count_margin

    window.select("team", "T001")
    route = window.plan.route("T001")
    margin = count_margin(route, window.mission.settings)
    assert f"leave-by times keep {margin} min before the count" in window.day.title.text()


def test_times_durations_and_numbers_read_as_on_the_sheets(window) -> None:
    import re

    from ui.table_models import _display

    window.select("team", "T001")
    route = window.plan.route("T001")
    model = window.day.model
    for row, v in enumerate(route.visits):
        depart = model.index(row, 5).data()
        assert not re.match(r"^(2[4-9]|[3-4]\d):", depart)  # never "24:38"
        if v.depart >= 24 * 60:
            assert depart.endswith("+1d")
        travel = model.index(row, 6).data()
        if v.travel_min >= 60:
            assert re.fullmatch(r"\d+ h( \d+ min)?", travel), travel
    teams = window.teams_model
    driving = teams.index(teams.row_of("T001"), 10).data()
    assert re.fullmatch(r"(\d+ h( \d+ min)?|\d+ min)", driving), driving
    assert _display(2554) == "2,554"
    members = teams.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert members == "; ".join(window.mission.teams[0].members)  # never cut off


def test_station_names_are_not_squeezed(qtbot, window) -> None:
    window.tabs.setCurrentIndex(2)
    qtbot.wait(20)
    view = window.stations_view
    header = view.horizontalHeader()
    name = window.stations_model.index(0, 2).data()
    assert header.sectionSize(2) >= view.fontMetrics().horizontalAdvance(name)
    assert not view.wordWrap()  # one line per station
