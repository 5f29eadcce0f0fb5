"""`validate`: a good plan passes, a hand-broken plan is reported stop by stop."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cli.main import main
from planner.day import StopRef, time_route
from planner.io.mission import open_mission, save_mission
from planner.model import Plan
from tests.factories import tiny_mission


def _mission_with_plan(path: Path) -> None:
    m = tiny_mission(n_teams=1)
    route = time_route(
        m,
        "T001",
        (51.0, 71.0),
        [
            StopRef("opening", ps_id="N-0001"),
            StopRef("voting", ps_id="N-0002"),
            StopRef("counting", ps_id="N-0003"),
            StopRef("tabulation", dec_id="N-D01"),
        ],
    )
    save_mission(m.with_plan(Plan(routes=(route,))), path)


def test_valid_plan_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _mission_with_plan(tmp_path / "m.gpkg")
    assert main(["validate", str(tmp_path / "m.gpkg")]) == 0
    assert "0 violation(s)" in capsys.readouterr().err


def test_broken_plan_names_team_stop_and_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.gpkg"
    _mission_with_plan(path)
    m = open_mission(path)
    plan = m.plans[-1]
    route = plan.routes[0]
    opening = route.visits[0]
    late = replace(opening, arrive=opening.arrive + 60, depart=opening.depart + 60)
    broken = replace(plan, routes=(replace(route, visits=(late, *route.visits[1:])),))
    save_mission(m.with_plan(broken), path)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "T001:1: opening-late:" in out


def test_mission_without_plan_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_mission(tiny_mission(), tmp_path / "m.gpkg")
    assert main(["validate", str(tmp_path / "m.gpkg")]) == 1
    assert "no plan yet" in capsys.readouterr().err
