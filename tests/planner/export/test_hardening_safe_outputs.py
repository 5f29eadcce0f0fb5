"""Issue 11: output names never leave the folder, CSV cells never run, files are whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.errors import PlannerError
from planner.export.csv_safe import csv_text, defuse
from planner.export.field_text import xml_safe
from planner.export.safe_paths import (
    MAX_NAME_CHARS,
    check_output_dir,
    field_file_names,
    safe_file_name,
    write_atomic,
)


@pytest.mark.parametrize(
    "ident",
    ["../../x", "/abs/x", "a/b", "T" * 300, "..", ".", "", "CON", "nul.txt", "a\\b", "x\0y"],
)
def test_hostile_ids_become_one_plain_name_inside_the_folder(tmp_path: Path, ident: str) -> None:
    name = safe_file_name(ident)
    assert name and len(name) <= MAX_NAME_CHARS
    assert "/" not in name and "\\" not in name and "\0" not in name
    assert not name.startswith(".")
    target = (tmp_path / f"{name}.gpx").resolve()
    assert target.parent == tmp_path.resolve()
    write_atomic(target, b"<gpx/>")
    assert target.read_bytes() == b"<gpx/>"


def test_ordinary_ids_keep_their_names_and_mapped_ones_stay_distinct() -> None:
    assert safe_file_name("T001") == "T001"
    assert safe_file_name("AKT-07_b") == "AKT-07_b"
    names = field_file_names(["a/b", "a_b", "A_B", "a?b", "T001", "T001"])
    assert len({n.lower() for n in names.values()}) == 5
    assert names["a_b"] == "a_b" and names["T001"] == "T001"
    assert field_file_names(["a/b"]) == {"a/b": names["a/b"]}  # same id, same name


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+7 701 000", "'+7 701 000"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-12", "-12"),
        ("-0.5", "-0.5"),
        ("+3", "+3"),
        ("1e-5", "1e-5"),
        ("-73.985", "-73.985"),
        ("AKT-0001", "AKT-0001"),
        ("", ""),
    ],
)
def test_formula_cells_are_defused_and_numbers_stay_numbers(cell: str, shown: str) -> None:
    assert defuse(cell) == shown
    assert defuse(defuse(cell)) == shown  # never twice


def test_csv_text_defuses_every_cell_including_ids() -> None:
    text = csv_text(("team_id", "lat"), [{"team_id": "=HYPERLINK(1)", "lat": "-50.5"}])
    assert text == "team_id,lat\n'=HYPERLINK(1),-50.5\n"


def test_xml_safe_drops_only_what_xml_cannot_hold() -> None:
    assert xml_safe("a\x07b\x00c\tline\nend\ufffe") == "abc\tline\nend"


def test_outputs_get_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "coverage.csv", "x")
        assert path.stat().st_mode & 0o777 == 0o644
        os.umask(0o027)
        path = write_atomic(tmp_path / "other.csv", "x")
        assert path.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_output_folder_checks(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(PlannerError, match="is a file, not a folder; nothing was stored"):
        check_output_dir(blocker)
    with pytest.raises(PlannerError, match="cannot be created"):
        check_output_dir(blocker / "sub")
    with pytest.raises(PlannerError, match="MB free"):
        check_output_dir(tmp_path / "ok", min_free=2**62)
    assert check_output_dir(tmp_path / "new" / "out").is_dir()
