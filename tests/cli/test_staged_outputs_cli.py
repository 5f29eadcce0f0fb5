"""Issue 11: ``plan`` whose outputs fail midway says the plan is stored; DIR is unchanged."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cli.main import main
from planner.app import outputs
from planner.io.mission import open_mission, save_mission
from tests.factories import tiny_mission


def test_a_full_disk_while_writing_says_the_plan_is_stored_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    mission = tmp_path / "mission.gpkg"
    save_mission(tiny_mission(n_teams=4), mission)
    out = tmp_path / "out"
    out.mkdir()
    (out / "assignments.csv").write_text("an earlier run's\n")

    def full(*_args: object, **_kw: object) -> Path:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outputs, "write_kml", full)
    args = ["plan", str(mission), "--out", str(out), "--time-limit", "1", "--workers", "1"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "could not write the outputs (No space left on device)" in err
    assert "the plan is stored as revision 1" in err and "Traceback" not in err
    assert [p.name for p in out.iterdir()] == ["assignments.csv"]
    assert (out / "assignments.csv").read_text() == "an earlier run's\n"
    assert [p.revision for p in open_mission(mission).plans] == [1]
