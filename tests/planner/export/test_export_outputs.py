"""`export_outputs`: every file of INTERFACES §2 for plan and replan, in one folder."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from cli.progress import StderrProgress
from planner.app import export_outputs
from sheets_qt.printer import print_sheets_blocking
from tests.factories import tiny_mission
from tests.planner.export._export_plan import tiny_plan

pytestmark = pytest.mark.gui


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages)


def test_plan_outputs_and_changed_sheets(tmp_path: Path) -> None:
    mission = tiny_mission()
    plan = tiny_plan(mission)
    # A leftover from an earlier run for a team that has no route any more.
    (tmp_path / "gpx").mkdir()
    (tmp_path / "gpx" / "T003.gpx").write_text("old", encoding="utf-8")
    (tmp_path / "gpx" / "notes.gpx").write_text("the user's own file", encoding="utf-8")
    log = io.StringIO()
    written = export_outputs(
        mission,
        plan,
        tmp_path,
        printer=print_sheets_blocking,
        progress=StderrProgress(log),
        changed_teams=["T002"],
    )
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert {
        "assignments.csv",
        "coverage.csv",
        "coverage_map.html",
        "route_sheets.pdf",
        "route_sheets_changed.pdf",
        "gpx/T001.gpx",
        "gpx/T002.gpx",
        "kml/T001.kml",
        "kml/T002.kml",
        "apollo/locations.csv",
        "apollo/participants.csv",
    } <= names
    assert all(p.exists() and p.stat().st_size > 0 for p in written)
    assert not (tmp_path / "gpx" / "T003.gpx").exists()
    assert (tmp_path / "gpx" / "notes.gpx").exists()
    changed = _pdf_text(tmp_path / "route_sheets_changed.pdf")
    assert "Team T002" in changed and "Team T001" not in changed
    assert f"Revision {plan.revision}" in changed
    booklet = _pdf_text(tmp_path / "route_sheets.pdf")
    assert "Team T001" in booklet and "Team T002" in booklet and "Contents" in booklet
    assert "outputs:" in log.getvalue()


def test_without_changed_teams_no_changed_sheets(tmp_path: Path) -> None:
    mission = tiny_mission()
    written = export_outputs(mission, tiny_plan(mission), tmp_path, printer=print_sheets_blocking)
    assert (tmp_path / "route_sheets.pdf") in written
    assert not (tmp_path / "route_sheets_changed.pdf").exists()
