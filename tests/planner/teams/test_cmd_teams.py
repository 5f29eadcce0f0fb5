"""`main.py teams`: roster in, teams stored as a new revision, teams.csv out; an
infeasible roster exits 2 with the reason and leaves the mission unchanged."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest

from cli.main import main
from planner.io.mission import open_mission, record
from planner.io.observers import observers_frame
from planner.model import Plan, TeamRoute
from planner.teams.store import stale_plan_teams
from tests.factories import tiny_mission
from tests.planner.teams.conftest import roster


def _roster_csv(path: Path, observers: tuple) -> Path:
    observers_frame(observers).drop(columns="extra").to_csv(path, index=False)
    return path


@pytest.fixture
def mission_path(tiny_mission_file: Path) -> Path:
    return tiny_mission_file


def test_teams_are_formed_stored_and_written(
    mission_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _roster_csv(tmp_path / "roster.csv", roster(21, 8))
    out = tmp_path / "out"
    argv = ["teams", str(mission_path), "--observers", str(src), "--out", str(out)]
    assert main([*argv, "--time-limit", "2"]) == 0
    err = capsys.readouterr().err
    assert "10 teams from 21 observers" in err
    with (out / "teams.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [
        "team_id",
        "base_id",
        "observer_ids",
        "names",
        "genders",
        "nationalities",
        "languages",
        "experience",
        "broken_rules",
    ]
    assert sorted(len(r["observer_ids"].split(";")) for r in rows) == [2] * 9 + [3]
    mission = open_mission(mission_path)
    assert len(mission.observers) == 21
    assert {t.team_id: t.observer_ids for t in mission.teams} == {
        r["team_id"]: tuple(r["observer_ids"].split(";")) for r in rows
    }
    log = [c for c in mission.change_log if c.kind == "teams"]
    assert json.loads(log[-1].detail)["teams_revision"] == 1
    # a second run on the stored roster keeps every team
    assert main(["teams", str(mission_path), "--out", str(out), "--time-limit", "2"]) == 0
    assert "0 new or changed, 0 removed" in capsys.readouterr().err


def test_infeasible_roster_exits_2_and_changes_nothing(
    mission_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    obs = roster(60, 1, countries=("FR", "GB", "SE"))
    obs = tuple(replace(o, nationality="DE") if k < 41 else o for k, o in enumerate(obs))
    src = _roster_csv(tmp_path / "roster.csv", obs)
    before = mission_path.read_bytes()
    argv = ["teams", str(mission_path), "--observers", str(src), "--out", str(tmp_path / "o")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "41 of 60 available observers are of one nationality (DE)" in err
    assert "Traceback" not in err
    assert mission_path.read_bytes() == before


def test_a_plan_for_old_teams_is_stale(tmp_path: Path) -> None:
    from planner.teams import form_teams
    from planner.teams.store import apply_teams

    mission = replace(tiny_mission(), observers=roster(12, 9), teams=())
    first = apply_teams(mission, form_teams(mission, time_limit_s=1.0))
    routes = tuple(TeamRoute(t.team_id, 51.0, 71.0, 300) for t in first.teams)
    planned = first.with_plan(Plan(routes))
    planned = record(planned, "plan", {}, planned.plans[-1].revision)  # as `plan` does
    assert stale_plan_teams(planned) == ()
    fewer = replace(
        planned,
        observers=tuple(
            replace(o, available=o.observer_id != first.teams[0].observer_ids[0])
            for o in planned.observers
        ),
    )
    again = apply_teams(fewer, form_teams(fewer, time_limit_s=1.0))
    assert first.teams[0].team_id in stale_plan_teams(again)
