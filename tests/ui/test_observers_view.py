"""The Observers view: filters, Form teams in a worker (progress, Cancel), drag and
drop of an observer (hard rules checked, undoable through the window's undo stack)."""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent

from planner.errors import Cancelled
from planner.model import Mission
from planner.teams import form_teams
from tests.factories import tiny_mission
from tests.planner.teams.conftest import roster


def _mission() -> Mission:
    m = replace(tiny_mission(), observers=roster(12, 3), teams=())
    return replace(m, teams=form_teams(m, time_limit_s=1.0).teams)


def _drop(view, source_oid: str, target_id: str) -> None:  # type: ignore[no-untyped-def]
    """Drag the observer ``source_oid`` in the teams tree onto item ``target_id``."""
    tree = view.tree
    items = {}
    for k in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(k)
        items[top.data(0, Qt.ItemDataRole.UserRole)] = top
        for c in range(top.childCount()):
            items[top.child(c).data(0, Qt.ItemDataRole.UserRole)] = top.child(c)
    tree.setCurrentItem(items[source_oid])
    centre = QPointF(tree.visualItemRect(items[target_id]).center())
    event = QDropEvent(
        centre,
        Qt.DropAction.MoveAction,
        QMimeData(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(event)


def test_filters_narrow_the_table(make_window) -> None:  # type: ignore[no-untyped-def]
    mission = _mission()
    view = make_window(mission).observers_view
    assert view.table.rowCount() == 12
    nat = mission.observers[0].nationality
    view.filters["nationality"].setCurrentText(nat)
    assert view.table.rowCount() == sum(o.nationality == nat for o in mission.observers)
    view.filters["nationality"].setCurrentText("All")
    view.filters["gender"].setCurrentText("f")
    assert view.table.rowCount() == sum(o.gender == "f" for o in mission.observers)
    view.filters["gender"].setCurrentText("All")
    view.unassigned.setChecked(True)
    assert view.table.rowCount() == 0  # everyone is in a team
    assert view.tree.topLevelItemCount() == 6


def test_drag_an_observer_swaps_checked_and_undoable(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    mission = _mission()
    window = make_window(mission)
    view = window.observers_view
    by_id = mission.observer_by_id
    t1, t2 = (
        mission.teams[0],
        next(
            t
            for t in mission.teams[1:]
            if {by_id[i].nationality for i in t.observer_ids}.isdisjoint(
                {by_id[i].nationality for i in mission.teams[0].observer_ids}
            )
        ),
    )
    a, b = t1.observer_ids[0], t2.observer_ids[0]
    _drop(view, a, b)
    new = window.mission.team_by_id
    assert b in new[t1.team_id].observer_ids and a in new[t2.team_id].observer_ids
    window.undo_stack.undo()
    assert window.mission.team_by_id[t1.team_id].observer_ids == t1.observer_ids


def test_a_drop_that_breaks_a_hard_rule_is_refused(make_window) -> None:  # type: ignore[no-untyped-def]
    mission = _mission()
    window = make_window(mission)
    view = window.observers_view
    t1 = mission.teams[0]
    # moving one member out of a pair would leave a team of one
    _drop(view, t1.observer_ids[0], mission.teams[1].team_id)
    assert "Not possible" in view.message.text()
    assert window.mission.teams == mission.teams


def test_form_teams_runs_in_a_worker_and_can_be_cancelled(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    mission = replace(_mission(), teams=())
    window = make_window(mission)
    view = window.observers_view
    with qtbot.waitSignal(view.formed, timeout=30000):
        view.form_button.click()
    assert len(window.mission.teams) == 6
    assert view.tree.topLevelItemCount() == 6

    def slow(mission, *, should_stop, on_progress, **kw):  # type: ignore[no-untyped-def]
        while not should_stop():
            time.sleep(0.01)
        raise Cancelled("cancelled")

    view._form = slow
    view.form_button.click()
    assert view.cancel_button.isEnabled()
    view.cancel_button.click()
    qtbot.waitUntil(lambda: not view.busy, timeout=10000)
    assert "cancelled" in view.message.text()
    assert len(window.mission.teams) == 6
