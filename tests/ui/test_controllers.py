"""The window follows the application layer's rules: a plan or re-plan that breaks a
rule of the day model is refused and not stored, as on the command line."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

import planner.app.planning as use_case
from planner.model import Mission, Plan
from planner.replan.changes import StationClosed
from planner.validate import Violation
from tests.planner.replan.test_replan import planned_mission
from tests.ui.fakes import fake_solve

pytestmark = pytest.mark.gui


def _broken(_mission: object, _plan: object) -> list[Violation]:
    return [Violation("T001", 2, "voting-short", "observed 10 min at N-0002")]


def test_a_plan_that_breaks_a_rule_is_not_stored(
    qtbot, make_window, mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[Any] = []
    monkeypatch.setattr(QMessageBox, "show", lambda self: shown.append(self))  # noqa: PLW0108

    def solve(m: Mission, **kwargs: Any) -> Plan:
        monkeypatch.setattr(use_case, "validate_plan", _broken)
        return fake_solve(m, **kwargs)

    w = make_window(mission, solve=solve)
    with qtbot.waitSignal(w.plan_finished, timeout=20000) as blocker:
        w.start_plan(time_limit_s=1)
    assert blocker.args == [None]
    assert w.plan is None and not w.is_dirty
    assert [str(v) for v in w.last_violations] == [str(_broken(None, None)[0])]
    assert "not stored" in w.statusBar().currentMessage()
    assert shown and "observed 10 min at N-0002" in shown[0].detailedText()
    assert w.act_plan.isEnabled()


def test_a_replan_from_the_changes_panel_that_breaks_a_rule_is_not_stored(
    qtbot, make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = make_window(planned_mission())
    before = w.mission
    panel = w.changes_panel
    assert panel.add_change(StationClosed("N-0003"))
    monkeypatch.setattr(use_case, "validate_plan", _broken)
    with qtbot.waitSignal(panel.failed, timeout=30000) as blocker:
        panel.apply()
    assert "not stored" in blocker.args[0]
    panel.wait()
    assert w.mission is before and w.plan.revision == 1
