"""Issue 11, lost work: the mission file is never overwritten behind someone's back."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections import namedtuple
from dataclasses import replace
from pathlib import Path

import pytest

from planner.errors import MissionFileError
from planner.io.lock import FileStamp, MissionLock
from planner.io.mission import (
    MissionSession,
    clean_stale_saves,
    open_mission,
    save_mission,
)
from planner.model import Settings
from tests.factories import tiny_mission

ROOT = Path(__file__).resolve().parents[3]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def mission_file(tmp_path: Path) -> Path:
    path = tmp_path / "m.gpkg"
    save_mission(tiny_mission(), path)
    return path


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
        con.create_function(name, 1, lambda _g: 0)  # GeoPackage triggers need them
    for s in statements:
        con.execute(s)
    con.commit()
    con.close()


# --------------------------------------------------------------------------- locking


def test_a_second_window_is_refused_while_the_first_holds_the_mission(mission_file: Path) -> None:
    with MissionSession(mission_file) as first:
        with pytest.raises(MissionFileError, match="open for writing by another STO Planner"):
            MissionSession(mission_file).__enter__()
        assert first.mission is not None
    with MissionSession(mission_file) as again:  # released on exit
        assert again.mission is not None
    assert not (mission_file.parent / ".m.gpkg.lock").exists()


def test_a_lock_held_by_another_process_is_respected_and_named(mission_file: Path) -> None:
    code = (
        "import sys, time; from planner.io.lock import MissionLock; "
        "lock = MissionLock(sys.argv[1]).acquire(); print('locked', flush=True); time.sleep(60)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(mission_file)], stdout=subprocess.PIPE, env=env, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(MissionFileError) as err:
            MissionLock(mission_file).acquire()
        assert f"process {holder.pid}" in str(err.value) and "read-only" in str(err.value)
    finally:
        holder.kill()
        holder.communicate()
    MissionLock(mission_file).acquire().release()  # a killed holder leaves no lock


def test_a_save_refuses_when_another_program_changed_the_file(mission_file: Path) -> None:
    with MissionSession(mission_file) as session:
        other = replace(tiny_mission(), settings=Settings(mission_name="QGIS edit"))
        save_mission(other, mission_file)  # a program that ignores the lock
        before = _digest(mission_file)
        with pytest.raises(MissionFileError, match="changed by another program"):
            session.save(session.require())
    assert _digest(mission_file) == before
    assert open_mission(mission_file).settings.mission_name == "QGIS edit"


def test_consecutive_saves_of_one_session_work(mission_file: Path) -> None:
    with MissionSession(mission_file) as session:
        m = session.require()
        session.save(replace(m, settings=Settings(mission_name="one")))
        session.save(replace(m, settings=Settings(mission_name="two")))
    assert open_mission(mission_file).settings.mission_name == "two"


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("layer", ["plans", "settings", "plan_visits", "teams"])
def test_a_missing_layer_is_refused_and_nothing_written(mission_file: Path, layer: str) -> None:
    _sql(mission_file, f"DROP TABLE {layer}")
    before = _digest(mission_file)
    with pytest.raises(MissionFileError, match=f"layer\\(s\\) {layer} missing"):
        open_mission(mission_file)
    with pytest.raises(MissionFileError):
        MissionSession(mission_file).__enter__()
    assert _digest(mission_file) == before


def test_a_read_only_mission_is_not_overwritten(mission_file: Path) -> None:
    mission_file.chmod(0o444)
    before = _digest(mission_file)
    with pytest.raises(MissionFileError, match="read-only; nothing was saved"):
        save_mission(replace(tiny_mission(), settings=Settings(mission_name="x")), mission_file)
    assert _digest(mission_file) == before
    assert oct(mission_file.stat().st_mode & 0o777) == "0o444"


def test_a_symlinked_mission_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "store" / "real.gpkg"
    real.parent.mkdir()
    save_mission(tiny_mission(), real)
    link = tmp_path / "link.gpkg"
    link.symlink_to(real)
    with MissionSession(link) as session:
        session.save(replace(session.require(), settings=Settings(mission_name="through")))
    assert link.is_symlink() and link.resolve() == real
    assert open_mission(real).settings.mission_name == "through"
    assert not list(tmp_path.glob(".link.gpkg*"))


@pytest.mark.parametrize("value", ["0", "-5", None, "one"])
def test_bad_or_missing_schema_version_is_refused(mission_file: Path, value: str | None) -> None:
    if value is None:
        _sql(mission_file, "DELETE FROM mission_meta WHERE key = 'schema_version'")
    else:
        _sql(mission_file, f"UPDATE mission_meta SET value = '{value}' WHERE key='schema_version'")
    with pytest.raises(MissionFileError, match="schema"):
        open_mission(mission_file)


def test_a_bad_stored_value_names_its_layer_and_row(tmp_path: Path) -> None:
    from planner.solver import solve

    path = tmp_path / "m.gpkg"
    m = tiny_mission(n_teams=2)
    save_mission(m.with_plan(solve(m, time_limit_s=0.5, workers=1)), path)
    _sql(path, "UPDATE plan_visits SET phase = 'party' WHERE fid = 3")
    with pytest.raises(MissionFileError) as err:
        open_mission(path)
    text = str(err.value)
    assert "layer plan_visits, row 3" in text and "party" in text


def test_a_file_locked_by_another_program_is_not_called_damaged(mission_file: Path) -> None:
    con = sqlite3.connect(mission_file, timeout=0)
    con.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(MissionFileError) as err:
            open_mission(mission_file)
    finally:
        con.rollback()
        con.close()
    assert "locked by another program" in str(err.value)
    assert "damaged" not in str(err.value)


# --------------------------------------------------------------------------- disk


Usage = namedtuple("Usage", "total used free")


def test_too_little_free_space_refuses_before_writing(
    mission_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    before = _digest(mission_file)
    monkeypatch.setattr("shutil.disk_usage", lambda _p: Usage(10**9, 10**9, 4096))
    with pytest.raises(MissionFileError, match="not enough free disk space"):
        save_mission(tiny_mission(), mission_file)
    assert _digest(mission_file) == before
    assert not list(mission_file.parent.glob(".m.gpkg.*"))


def test_a_disk_filling_up_mid_save_is_reported_as_full_not_no_such_table(
    mission_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.io.mission as mod

    free = [10**12]
    monkeypatch.setattr("shutil.disk_usage", lambda _p: Usage(10**12, 0, free[0]))
    calls = []

    def filling(path: Path, layer: str, frame: object, geometry_type: str | None) -> None:
        calls.append(layer)
        if len(calls) == 3:
            free[0] = 0  # what GDAL then says is "no such table"
            raise RuntimeError(f"no such table: {layer}")
        mod._write_layer(path, layer, frame, geometry_type)  # type: ignore[arg-type]

    before = _digest(mission_file)
    with pytest.raises(MissionFileError) as err:
        save_mission(tiny_mission(), mission_file, _write=filling)
    assert "disk is full" in str(err.value) and "no such table" not in str(err.value)
    assert _digest(mission_file) == before


# --------------------------------------------------------------------------- kill -9


def test_leftovers_of_a_killed_save_are_removed_on_next_open(mission_file: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [
        mission_file.parent / f".m.gpkg.{dead.pid}.saving",
        mission_file.parent / f".m.gpkg.{dead.pid}.saving-journal",
    ]
    live = mission_file.parent / f".m.gpkg.{os.getppid()}.saving"
    for p in (*stale, live):
        p.write_bytes(b"half a mission")
    open_mission(mission_file)
    assert not any(p.exists() for p in stale)
    assert live.exists()  # another process may be saving right now
    assert clean_stale_saves(mission_file) == []


def test_file_stamp_changes_with_every_save(mission_file: Path) -> None:
    a = FileStamp.of(mission_file)
    b = save_mission(tiny_mission(), mission_file)
    assert a != b == FileStamp.of(mission_file)
    assert FileStamp.of(mission_file.parent / "none.gpkg") is None
