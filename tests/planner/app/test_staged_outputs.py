"""Issue 11: a write that fails midway (a full disk) leaves ``--out`` as it was.

Every failure below comes after ``assignments.csv`` and ``coverage.csv`` are written.

The outputs are written into a staging folder inside ``DIR`` and moved in only when
all are written (planner/app/staging.py); the route sheets are printed there too.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from planner.app import SheetRequest, export_outputs, outputs, write_data_outputs
from planner.errors import PlannerError
from planner.model import Mission, Plan
from tests.factories import tiny_mission
from tests.planner.export._export_plan import tiny_plan


def _printer(
    request: SheetRequest,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Path:
    """Stands in for Qt WebEngine: one line per team (the printer is not under test)."""
    request.path.write_text("\n".join(request.teams) + f"\nrev {request.plan.revision}\n")
    return request.path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _plans() -> tuple[Mission, Plan, Plan]:
    mission = tiny_mission()
    first = tiny_plan(mission)
    second = replace(first, revision=first.revision + 1, routes=first.routes[:1])
    return mission, first, second


def _full_disk_after(n: int, real: Callable[..., Path]) -> Callable[..., Path]:
    calls = {"n": 0}

    def write(*args: object, **kw: object) -> Path:
        calls["n"] += 1
        if calls["n"] > n:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kw)

    return write


def _no_staging_left(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".sto-outputs.")]


@pytest.mark.parametrize("writer", ["write_gpx", "write_coverage_map", "printer"])
def test_a_full_disk_midway_leaves_the_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    mission, first, second = _plans()
    out = tmp_path / "out"
    export_outputs(mission, first, out, printer=_printer)
    (out / "gpx" / "notes.gpx").write_text("the user's own file")
    before = _snapshot(out)
    assert "gpx/T002.gpx" in before and "route_sheets.pdf" in before
    printer = _printer
    if writer == "printer":
        printer = _full_disk_after(0, _printer)  # type: ignore[assignment]
    else:
        monkeypatch.setattr(outputs, writer, _full_disk_after(0, getattr(outputs, writer)))
    with pytest.raises(PlannerError, match="could not write the outputs") as err:
        export_outputs(mission, second, out, printer=printer)
    assert "No space left" in str(err.value)
    assert _snapshot(out) == before  # every file old, T002's field files still there
    assert _no_staging_left(out)


def test_the_gui_data_outputs_are_all_or_nothing_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mission, first, second = _plans()
    write_data_outputs(mission, first, tmp_path)
    before = _snapshot(tmp_path)
    monkeypatch.setattr(outputs, "write_kml", _full_disk_after(0, outputs.write_kml))
    with pytest.raises(OSError, match="No space left"):
        write_data_outputs(mission, second, tmp_path)
    assert _snapshot(tmp_path) == before
    assert _no_staging_left(tmp_path)


def test_a_complete_write_replaces_the_set_and_a_killed_runs_staging_goes(
    tmp_path: Path,
) -> None:
    mission, first, second = _plans()
    export_outputs(mission, first, tmp_path, printer=_printer)
    dead = tmp_path / ".sto-outputs.999999999.staging"  # a killed run's leftover
    (dead / "gpx").mkdir(parents=True)
    (dead / "gpx" / "T001.gpx").write_text("half")
    written = export_outputs(mission, second, tmp_path, printer=_printer)
    after = _snapshot(tmp_path)
    assert sorted(after) == sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert "gpx/T002.gpx" not in after  # the team no longer planned: its files are gone
    assert after["route_sheets.pdf"].endswith(f"rev {second.revision}\n".encode())
    assert _no_staging_left(tmp_path)
