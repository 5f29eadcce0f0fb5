"""The mission GeoPackage: round trip, atomic save, refusing foreign files."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from planner.errors import MissionFileError
from planner.io.mission import open_mission, record, save_mission
from planner.model import Plan, Settings, TeamRoute, Visit
from tests.factories import tiny_mission


def _with_plan():
    m = tiny_mission()
    route = TeamRoute(
        "T001",
        51.0,
        71.0,
        380,
        (
            Visit("opening", "N-0001", "N-D01", "N", 51.0, 71.0, 390, 465, 10, 3.2),
            Visit("voting", "N-0002", "N-D01", "N", 51.01, 71.01, 480, 520, 9, 2.0, pinned=True),
            Visit("counting", "N-0003", "N-D01", "N", 51.02, 71.0, 1180, 1380, 8, 1.5),
            Visit("tabulation", "", "N-D01", "N", 51.0, 71.0, 1390, 1480, 9, 2.4),
        ),
        lunch_start=720,
    )
    m = m.with_plan(Plan(routes=(route,), seed=3, label="first", created="2026-01-01T00:00:00"))
    return record(m, "plan", {"revision": 1})


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    mission = _with_plan()
    path = tmp_path / "m.gpkg"
    save_mission(mission, path)
    again = open_mission(path)
    assert again == mission
    assert again.current_plan is not None
    assert again.current_plan.routes[0].visits[1].pinned
    assert again.station_by_id["ABR-0001"].lat is None  # abroad: no position


def test_count_margins_round_trip_and_old_files_read_without_them(tmp_path: Path) -> None:
    mission = _with_plan()
    assert mission.current_plan is not None
    route = replace(mission.current_plan.routes[0], count_margin_min=10)
    mission = mission.with_plan(replace(mission.current_plan, routes=(route,)))
    path = tmp_path / "m.gpkg"
    save_mission(mission, path)
    again = open_mission(path)
    assert again.current_plan is not None
    assert again.current_plan.routes[0].count_margin_min == 10
    # a file written before the column existed: the margin is the setting's
    db = sqlite3.connect(path)
    try:
        with db:
            db.execute("ALTER TABLE plan_routes DROP COLUMN count_margin")
    finally:
        db.close()
    old = open_mission(path)
    assert old.current_plan is not None
    assert old.current_plan.routes[0].count_margin_min is None


def test_text_is_stored_verbatim(tmp_path: Path) -> None:
    m = tiny_mission()
    odd = "Қарағанды «№5» <script>alert(1)</script> & Өскемен"
    stations = (
        replace(m.polling_stations[0], name=odd, address='ул. Абая, 1; кв. "2"'),
        *m.polling_stations[1:],
    )
    m = replace(m, polling_stations=stations)
    save_mission(m, tmp_path / "m.gpkg")
    again = open_mission(tmp_path / "m.gpkg")
    assert again.polling_stations[0].name == odd
    assert again.polling_stations[0].address == 'ул. Абая, 1; кв. "2"'


def test_settings_round_trip_non_defaults(tmp_path: Path) -> None:
    s = Settings(
        voting_observation_min=35,
        latest_end=25 * 60 + 30,
        circuity=1.45,
        region_balance_basis="voters",
    )
    m = replace(tiny_mission(), settings=s)
    save_mission(m, tmp_path / "m.gpkg")
    assert open_mission(tmp_path / "m.gpkg").settings == s


def test_file_is_a_real_geopackage(tmp_path: Path) -> None:
    save_mission(_with_plan(), tmp_path / "m.gpkg")
    con = sqlite3.connect(tmp_path / "m.gpkg")
    contents = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
    con.close()
    for layer in ("regions", "decs", "polling_stations", "bases", "teams", "plan_visits"):
        assert contents[layer] == "features"
    assert contents["settings"] == "attributes"


def test_failed_save_leaves_previous_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "m.gpkg"
    save_mission(tiny_mission(), path)
    before = path.read_bytes()
    from planner.io import mission as mission_module

    calls = []

    def failing_write(p: Path, layer: str, frame: pd.DataFrame, gtype: str | None) -> None:
        calls.append(layer)
        if layer == "polling_stations":
            raise OSError(28, "No space left on device")
        mission_module._write_layer(p, layer, frame, gtype)

    with pytest.raises(MissionFileError, match="previous file is unchanged"):
        save_mission(_with_plan(), path, _write=failing_write)
    assert "polling_stations" in calls
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.gpkg"]  # no temp file left


def test_refuses_files_that_are_not_missions(tmp_path: Path) -> None:
    text = tmp_path / "notes.gpkg"
    text.write_text("hello")
    with pytest.raises(MissionFileError, match="not a mission file"):
        open_mission(text)
    con = sqlite3.connect(tmp_path / "other.gpkg")
    con.execute("CREATE TABLE x (a)")
    con.close()
    with pytest.raises(MissionFileError, match="not an STO Planner mission"):
        open_mission(tmp_path / "other.gpkg")
    with pytest.raises(MissionFileError, match="no such file"):
        open_mission(tmp_path / "missing.gpkg")


def test_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "m.gpkg"
    save_mission(tiny_mission(), path)
    con = sqlite3.connect(path)
    con.execute("UPDATE mission_meta SET value='99' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(MissionFileError, match="newer STO Planner"):
        open_mission(path)
