"""The application layer's rules, the same for every caller: validate, refuse, store."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

import planner.app.planning as use_case
from planner.app import PlanRefused, plan_mission, replan_mission, sheet_revisions
from planner.io.mission import open_mission, save_mission
from planner.model import Plan
from planner.replan.changes import StationClosed
from planner.validate import Violation
from tests.factories import tiny_mission
from tests.planner.replan.test_replan import planned_mission
from tests.ui.fakes import fake_solve


def _broken(_mission: object, _plan: object) -> list[Violation]:
    return [Violation("T001", 2, "voting-short", "observed 10 min at N-0002")]


def test_a_valid_plan_is_stored_as_a_revision_and_saved(tmp_path: Path) -> None:
    mission = tiny_mission(n_teams=4)
    path = tmp_path / "m.gpkg"
    outcome = plan_mission(mission, time_limit_s=1, seed=7, solve=fake_solve, save_to=path)
    assert outcome.stored and outcome.plan.revision == 1 and outcome.plan.seed == 7
    assert outcome.mission.change_log[-1].kind == "plan"
    assert outcome.mission.change_log[-1].plan_revision == 1
    assert open_mission(path).current_plan.routes == outcome.plan.routes


def test_a_plan_that_breaks_a_rule_is_refused_and_nothing_is_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mission = tiny_mission(n_teams=4)
    path = tmp_path / "m.gpkg"
    save_mission(mission, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    monkeypatch.setattr(use_case, "validate_plan", _broken)
    with pytest.raises(PlanRefused) as refused:
        plan_mission(mission, time_limit_s=1, solve=fake_solve, save_to=path)
    assert "not stored" in str(refused.value)
    assert refused.value.listed() == ["T001 stop 2: observed 10 min at N-0002 [voting-short]"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_replan_that_breaks_a_rule_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mission = planned_mission()
    path = tmp_path / "m.gpkg"
    save_mission(mission, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    changes = [StationClosed("N-0003")]
    ok = replan_mission(mission, changes, store=False)
    assert ok.plan.revision == 2 and not ok.stored
    monkeypatch.setattr(use_case, "validate_plan", _broken)
    with pytest.raises(PlanRefused):
        replan_mission(mission, changes, save_to=path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_bad_time_limit_is_refused_before_any_work() -> None:
    with pytest.raises(use_case.PlanningError):
        plan_mission(tiny_mission(), time_limit_s=0, solve=fake_solve)


def test_an_unchanged_team_keeps_the_revision_its_day_last_changed_in() -> None:
    mission = planned_mission()
    result = replan_mission(mission, [StationClosed("N-0003")]).result
    changed = set(result.changed_teams)
    revisions = sheet_revisions(result.mission, result.plan)
    assert changed == {"T001"}
    assert revisions["T001"] == 2
    assert all(revisions[t] == 1 for t in ("T002", "T003", "T004"))


def test_a_route_that_changed_back_is_not_credited_to_an_older_revision() -> None:
    mission = planned_mission()
    rev1 = mission.current_plan
    assert rev1 is not None
    other = rev1.routes[0]
    changed = replace(other, note="moved")
    m2 = mission.with_plan(replace(rev1, routes=(changed, *rev1.routes[1:]), parent=1))
    m3 = m2.with_plan(replace(rev1, routes=rev1.routes, parent=2))
    plan: Plan = m3.current_plan  # type: ignore[assignment]
    assert sheet_revisions(m3, plan)[other.team_id] == 3
    assert sheet_revisions(m3, plan)[rev1.routes[1].team_id] == 1
