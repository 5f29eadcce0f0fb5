"""The import templates offered to users import cleanly and give a plannable mission."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import PlannerError
from planner.io.importers import import_into
from planner.io.mission import open_mission
from planner.io.schema import COLUMNS, KINDS
from planner.io.templates import example_rows, headers, write_template


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_template_imports_into_a_new_mission(tmp_path: Path, suffix: str) -> None:
    mission_file = tmp_path / "mine.gpkg"
    for kind in KINDS:  # the order the Getting started page tells users
        template = write_template(kind, tmp_path / f"{kind}{suffix}")
        result = import_into(mission_file, kind, template, create=kind == KINDS[0])
        assert result.rows == len(example_rows(kind))
        assert not result.ignored_columns
    mission = open_mission(mission_file)
    assert len(mission.regions) == 2
    assert len(mission.polling_stations) == 3
    assert {t.team_id for t in mission.teams} == {"T001", "T002"}


def test_headers_are_the_importer_columns_required_first_in_order() -> None:
    for kind in KINDS:
        names = [c.name for c in COLUMNS[kind]]
        assert headers(kind)[: len(names)] == names
    assert headers("regions")[-1] == "wkt"  # areas need a polygon
    assert "wkt" not in headers("polling_stations")


def test_csv_template_is_utf8_with_cyrillic_examples(tmp_path: Path) -> None:
    text = write_template("regions", tmp_path / "regions.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("region_id,name,utc_offset_min,base_id")
    assert "Северная область" in text


def test_unknown_kind_or_format_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match="unknown import kind 'voters'"):
        write_template("voters", tmp_path / "x.csv")
    with pytest.raises(PlannerError, match=r"\.csv or an \.xlsx"):
        write_template("teams", tmp_path / "teams.ods")
    assert list(tmp_path.iterdir()) == []  # nothing half-written
