"""Issue 11 through the command line: locks, outputs checked before storing, escapes."""

from __future__ import annotations

import csv
import hashlib
import http.server
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest

from cli.main import main
from planner.export.csv_safe import defuse
from planner.io.lock import MissionLock
from planner.io.mission import open_mission, save_mission
from planner.model import Settings
from tests.factories import tiny_mission

HOSTILE_IDS = ("../../x", "/abs/x", "a/b", "T" * 300)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plan(mission: Path, out: Path, *extra: str) -> list[str]:
    return ["plan", str(mission), "--out", str(out), "--time-limit", "1", "--workers", "1", *extra]


@pytest.fixture(scope="module")
def _saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hard") / "mission.gpkg"
    save_mission(tiny_mission(n_teams=4), path)
    return path


@pytest.fixture
def mission_path(tmp_path: Path, _saved: Path) -> Path:
    path = tmp_path / "mission.gpkg"
    shutil.copy(_saved, path)
    return path


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Counter.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _hostile_mission(path: Path, routing_url: str) -> None:
    m = tiny_mission(n_teams=4)
    teams = tuple(
        replace(t, team_id=new, phone="+7 701 000", driver='=HYPERLINK("http://x")')
        for t, new in zip(m.teams, HOSTILE_IDS, strict=True)
    )
    stations = tuple(
        replace(p, name=f"=1+1 bell\x07 {p.name}", address="@SUM(A1)\x1b")
        for p in m.polling_stations
    )
    save_mission(
        replace(m, teams=teams, polling_stations=stations, settings=Settings(mission_name="-2+3")),
        path,
    )
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO settings (key, value) VALUES ('routing_server_url', ?)", (routing_url,)
    )
    con.commit()
    con.close()


# --------------------------------------------------------------------------- lost work


def test_a_second_plan_on_a_locked_mission_is_refused_and_stores_nothing(
    mission_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(mission_path)
    with MissionLock(mission_path):
        assert main(_plan(mission_path, tmp_path / "out")) == 1
    err = capsys.readouterr().err
    assert "open for writing by another STO Planner" in err and "Traceback" not in err
    assert _digest(mission_path) == before


@pytest.mark.slow
def test_two_concurrent_plan_processes_cannot_both_claim_a_revision(
    mission_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    first = subprocess.Popen(
        [sys.executable, str(root / "main.py"), *_plan(mission_path, tmp_path / "a")[:-2]],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert first.stderr is not None
        for line in first.stderr:  # the first run has the mission open once it says so
            if "open:" in line:
                break
        assert main(_plan(mission_path, tmp_path / "b")) == 1
        assert "open for writing by another STO Planner" in capsys.readouterr().err
    finally:
        _out, rest = first.communicate(timeout=300)
    assert first.returncode == 0, rest
    stored = open_mission(mission_path)
    assert [p.revision for p in stored.plans] == [1]
    assert [c.kind for c in stored.change_log].count("plan") == 1


@pytest.mark.slow
def test_a_write_by_another_program_during_plan_is_not_overwritten(
    mission_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.solver import solve as real_solve

    def solve_while_qgis_saves(mission, **kw):  # type: ignore[no-untyped-def]
        plan = real_solve(mission, **kw)
        save_mission(replace(mission, settings=Settings(mission_name="QGIS")), mission_path)
        return plan

    from planner.app import planning as app_planning

    monkeypatch.setattr(app_planning, "_default_solve", lambda: solve_while_qgis_saves)
    assert main(_plan(mission_path, tmp_path / "out")) == 1
    err = capsys.readouterr().err
    assert "changed by another program" in err
    kept = open_mission(mission_path)
    assert kept.settings.mission_name == "QGIS" and kept.plans == ()
    assert not (tmp_path / "out" / "assignments.csv").exists()


@pytest.mark.parametrize("bad_out", ["file", "under_file"])
def test_an_unusable_out_stores_no_revision(
    mission_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], bad_out: str
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    out = blocker if bad_out == "file" else blocker / "out"
    before = _digest(mission_path)
    assert main(_plan(mission_path, out)) == 1
    err = capsys.readouterr().err
    assert "nothing was stored" in err and "Traceback" not in err
    assert _digest(mission_path) == before


def test_import_into_a_read_only_mission_is_refused(
    mission_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mission_path.chmod(0o444)
    before = _digest(mission_path)
    data = Path(__file__).parents[1] / "data" / "import" / "teams_good.csv"
    assert main(["import", str(mission_path), str(data), "--kind", "teams"]) == 1
    assert "read-only" in capsys.readouterr().err
    assert _digest(mission_path) == before


# --------------------------------------------------------------------------- escapes


@pytest.mark.slow
def test_hostile_ids_names_and_routing_url_in_a_mission(
    tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    mission = tmp_path / "work" / "m.gpkg"
    mission.parent.mkdir()
    _hostile_mission(mission, server)
    out = tmp_path / "work" / "out"
    assert main(_plan(mission, out)) == 0, capsys.readouterr().err
    assert main(["validate", str(mission)]) in (0, 1)
    assert _Counter.hits == []  # the mission's routing server is never asked
    # nothing outside --out, no folders from ids, one file per team
    outside = {p for p in tmp_path.rglob("*") if out not in p.parents and p != out}
    assert {p.name for p in outside} == {"work", "m.gpkg"}
    assert not Path("/abs/x.gpx").exists()
    gpx = sorted((out / "gpx").iterdir())
    kml = sorted((out / "kml").iterdir())
    assert len(gpx) == len(kml) == 4 and all(p.is_file() for p in gpx + kml)
    assert all(len(p.name) <= 80 for p in gpx + kml)
    for p in gpx + kml:  # well-formed despite control characters in names
        ET.parse(p)
    # every text cell of every CSV is safe; numbers stay numbers
    for path in out.rglob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert defuse(cell) == cell, (path.name, cell)
    with (out / "assignments.csv").open(encoding="utf-8", newline="") as fh:
        lons = [r["lon"] for r in csv.DictReader(fh)]
    assert all(float(x) > 0 for x in lons)
    # outputs get the user's usual permissions (0644 with the usual umask), not 0600
    mask = os.umask(0o022)
    os.umask(mask)
    for path in [out / "coverage.csv", out / "assignments.csv", gpx[0], kml[0]]:
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path


def test_routing_server_flag_accepts_only_http(
    mission_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(mission_path)
    rc = main(_plan(mission_path, tmp_path / "out", "--routing-server", "file:///etc/passwd"))
    err = capsys.readouterr().err
    assert rc == 1 and "http:// or https://" in err and "root:" not in err
    assert _digest(mission_path) == before


@pytest.mark.slow
def test_routing_server_flag_is_shown_before_use(
    mission_path: Path, tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = main(_plan(mission_path, tmp_path / "out", "--routing-server", server))
    err = capsys.readouterr().err
    assert rc == 1 and f"travel times from the routing server {server}" in err
    assert err.index("routing server") < err.index("did not answer")
    assert _Counter.hits  # the user's own server is asked
    assert open_mission(mission_path).settings.routing_server_url == ""
