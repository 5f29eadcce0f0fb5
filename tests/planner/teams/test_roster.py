"""Importing the roster: Russian headers, every bad cell named, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import InputError
from planner.io.importers import import_into, read_layer
from planner.io.mission import open_mission, save_mission
from tests.factories import tiny_mission

RUSSIAN = """\
ID наблюдателя;ФИО;Пол;Гражданство;Языки;Опыт;Делегация;Дата прибытия;Не с;В паре с;База;Рост
O1;Anna Berg;ж;se;en, ru;3;;28.03.2011;;O2;;172
O2;Hans Ober;м;DE;en;0;OSCE PA;2011-03-28;O3;;BN;
O3;Jo Doe;x;FR;fr;1;;;;;;
"""


def _write(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_russian_roster_is_read_with_its_extra_columns(tmp_path: Path) -> None:
    roster = read_layer("observers", _write(tmp_path, RUSSIAN), tiny_mission())
    anna, hans, jo = roster
    assert (anna.gender, anna.nationality, anna.languages) == ("f", "SE", ("en", "ru"))
    assert anna.experienced and anna.arrival == "2011-03-28" and anna.prefer_with == "O2"
    assert anna.extra == (("Рост", "172"),)
    assert hans.in_delegation and hans.not_with == ("O3",) and hans.base_id == "BN"
    assert not jo.in_delegation and jo.gender == "x"


def test_roster_round_trips_through_the_mission_file(tmp_path: Path) -> None:
    mission_path = tmp_path / "m.gpkg"
    save_mission(tiny_mission(), mission_path)
    result = import_into(mission_path, "observers", _write(tmp_path, RUSSIAN))
    assert result.rows == 3
    assert open_mission(mission_path).observers == read_layer(
        "observers", tmp_path / "roster.csv", tiny_mission()
    )


def test_unknown_partner_ids_and_bad_cells_are_named_and_nothing_changes(tmp_path: Path) -> None:
    mission_path = tmp_path / "m.gpkg"
    save_mission(tiny_mission(), mission_path)
    before = mission_path.read_bytes()
    bad = RUSSIAN.replace("O2;Hans Ober;м;DE", "O2;Hans Ober;q;DEU").replace(";O3;;BN;", ";O9;;XX;")
    with pytest.raises(InputError) as err:
        import_into(mission_path, "observers", _write(tmp_path, bad))
    text = str(err.value)
    assert "roster.csv:3:Пол: 'q' is not allowed" in text
    assert "roster.csv:3:Гражданство: 'DEU' is not a two-letter" in text
    assert "roster.csv:3:Не с: 'O9' is not an observer_id of this roster" in text
    assert "roster.csv:3:База: 'XX' is not one of the mission's bases" in text
    assert mission_path.read_bytes() == before


def test_duplicate_ids_and_self_reference(tmp_path: Path) -> None:
    bad = RUSSIAN.replace("O3;Jo Doe;x;FR;fr;1;;;;;;", "O1;Jo Doe;x;FR;fr;1;;;;O1;;")
    with pytest.raises(InputError) as err:
        read_layer("observers", _write(tmp_path, bad), tiny_mission())
    text = str(err.value)
    assert "roster.csv:2:ID наблюдателя: duplicate observer_id 'O1' (also on row 4)" in text
    assert "roster.csv:4:В паре с: O1 names themselves" in text
