"""`python main.py replan`: outputs, stored revision, refusals that leave the mission alone."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from cli.main import main
from planner.io.mission import open_mission, save_mission
from tests.planner.replan.test_replan import planned_mission


@pytest.fixture
def mission_file(tmp_path: Path) -> Path:
    """A saved tiny mission with a hand-made plan (revision 1)."""
    path = tmp_path / "mission.gpkg"
    save_mission(planned_mission(), path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_bad_changes_file_is_refused_with_line_and_key(
    mission_file: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(mission_file)
    bad = data_dir / "changes" / "bad.yaml"
    code = main(["replan", str(mission_file), "--changes", str(bad), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{bad}:2:open_time: open_time must be a time HH:MM" in err
    assert f"{bad}:4:station_burnt: unknown change 'station_burnt'" in err
    assert "Traceback" not in err
    assert _digest(mission_file) == before
    assert not (tmp_path / "o").exists()


def test_unknown_ids_are_refused(
    mission_file: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(mission_file)
    path = data_dir / "changes" / "unknown_ids.yaml"
    code = main(["replan", str(mission_file), "--changes", str(path), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{path}:1:team_id: unknown team T999" in err
    assert f"{path}:3:dec_id: unknown DEC N-D77" in err
    assert _digest(mission_file) == before


@pytest.mark.slow
def test_replan_writes_changes_and_stores_a_revision_once(
    mission_file: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    changes = data_dir / "changes" / "all_kinds.yaml"
    args = ["replan", str(mission_file), "--changes", str(changes), "--out", str(out)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "plan revision 2 (from revision 1)" in err
    rows = {r["team_id"]: r for r in _rows(out / "changes.csv")}
    assert rows["T002"]["status"] == "removed"
    assert rows["T001"]["status"] == "changed"
    assert "N-0003" in rows["T001"]["stops_removed"].split(";")
    assert "counting:N-0001" in rows["T001"]["stops_added"].split(";")
    assert {r["revision"] for r in rows.values()} == {"2"}
    assert (out / "route_sheets_changed.pdf").stat().st_size > 1000
    assert (out / "route_sheets.pdf").exists()
    teams_in_assignments = {r["team_id"] for r in _rows(out / "assignments.csv")}
    assert "T002" not in teams_in_assignments
    stored = open_mission(mission_file)
    assert [(p.revision, p.parent) for p in stored.plans] == [(1, 0), (2, 1)]
    assert stored.station_by_id["N-0003"].status == "closed"
    assert stored.team_by_id["T002"].available is False
    kinds = [r.kind for r in stored.change_log]
    assert kinds[-1] == "replan" and "area_blocked" in kinds

    # the same file again: nothing more changes, no stale "changed" sheets
    before = _digest(mission_file)
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "nothing to re-plan" in err
    assert _digest(mission_file) == before
    assert {r["status"] for r in _rows(out / "changes.csv")} == {"unchanged"}
    assert not (out / "route_sheets_changed.pdf").exists()


@pytest.mark.slow
def test_dry_run_leaves_the_mission_file_alone(
    mission_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changes = tmp_path / "c.yaml"
    changes.write_text("- polling_station_closed: W-0005\n", encoding="utf-8")
    before = _digest(mission_file)
    out = tmp_path / "out"
    code = main(
        ["replan", str(mission_file), "--changes", str(changes), "--out", str(out), "--dry-run"]
    )
    assert code == 0
    assert _digest(mission_file) == before
    rows = {r["team_id"]: r for r in _rows(out / "changes.csv")}
    assert rows["T002"]["status"] == "changed"
    assert rows["T001"]["status"] == "unchanged"
    assert "dry-run" in capsys.readouterr().err


def test_unwritable_output_folder_is_a_message_not_a_traceback(
    mission_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changes = tmp_path / "c.yaml"
    changes.write_text("- polling_station_closed: W-0005\n", encoding="utf-8")
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    code = main(
        ["replan", str(mission_file), "--changes", str(changes), "--out", str(blocker), "--dry-run"]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "is a file, not a folder; nothing was stored" in err
    assert "Traceback" not in err
