"""`main.py plan`: plans, stores a revision, writes assignments.csv in the exact columns."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from cli.main import main
from planner.io.mission import open_mission, save_mission
from tests.factories import tiny_mission

COLUMNS = [
    "team_id",
    "seq",
    "phase",
    "ps_id",
    "dec_id",
    "region_id",
    "lat",
    "lon",
    "arrive",
    "depart",
    "travel_min",
    "travel_km",
]


@pytest.fixture(scope="module")
def _saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "mission.gpkg"
    save_mission(tiny_mission(n_teams=4), path)
    return path


@pytest.fixture
def mission_path(tmp_path: Path, _saved: Path) -> Path:
    path = tmp_path / "mission.gpkg"
    shutil.copy(_saved, path)
    return path


def _args(mission_path: Path, out: Path, *extra: str) -> list[str]:
    return [
        "plan",
        str(mission_path),
        "--out",
        str(out),
        "--time-limit",
        "1",
        "--workers",
        "1",
        *extra,
    ]


@pytest.mark.slow
def test_plan_writes_assignments_and_stores_the_plan(
    mission_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(_args(mission_path, out)) == 0
    err = capsys.readouterr().err
    assert "openings:            4 (2011 mission: 161)" in err
    assert "counts:              4 (2011 mission: 151)" in err
    assert "DECs at tabulation:  4 of 4" in err and "Traceback" not in err
    with (out / "assignments.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == COLUMNS
    body = [dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]]
    assert {r["team_id"] for r in body} == {"T001", "T002", "T003", "T004"}
    assert sum(r["phase"] == "opening" for r in body) == 4
    assert sum(r["phase"] == "tabulation" for r in body) == 4
    assert all(len(r["arrive"]) == 5 and r["arrive"][2] == ":" for r in body)
    m = open_mission(mission_path)
    assert len(m.plans) == 1 and m.plans[0].revision == 1
    assert len(m.plans[0].routes) == 4
    assert m.change_log[-1].kind == "plan" and m.change_log[-1].plan_revision == 1


@pytest.mark.slow
def test_dry_run_leaves_the_mission_file_alone(mission_path: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(mission_path.read_bytes()).hexdigest()
    assert main(_args(mission_path, tmp_path / "out", "--dry-run")) == 0
    assert hashlib.sha256(mission_path.read_bytes()).hexdigest() == before
    assert (tmp_path / "out" / "assignments.csv").is_file()


def test_missing_mission_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = main(_args(tmp_path / "nope.gpkg", tmp_path / "out"))
    err = capsys.readouterr().err
    assert rc == 1 and "nope.gpkg" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_bad_time_limit_is_refused(mission_path: Path, tmp_path: Path) -> None:
    args = _args(mission_path, tmp_path / "out")
    args[args.index("--time-limit") + 1] = "0"
    assert main(args) == 1


def test_a_plan_that_breaks_a_rule_is_not_stored(
    mission_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import planner.app.planning as use_case
    from planner.validate import Violation

    def broken(mission: object, plan: object) -> list[Violation]:
        return [Violation("T001", 2, "voting-short", "observed 10 min at N-0002")]

    monkeypatch.setattr(use_case, "validate_plan", broken)
    before = hashlib.sha256(mission_path.read_bytes()).hexdigest()
    assert main(_args(mission_path, tmp_path / "out")) == 1
    err = capsys.readouterr().err
    assert "observed 10 min at N-0002" in err and "not stored" in err
    assert hashlib.sha256(mission_path.read_bytes()).hexdigest() == before
    assert not (tmp_path / "out").exists()
