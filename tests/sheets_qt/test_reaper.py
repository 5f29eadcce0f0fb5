"""Issue 11: after ``kill -9`` of ``plan`` while it prints, Qt WebEngine's children end too."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.io.mission import save_mission
from sheets_qt.reaper import WEBENGINE, _table, descendants
from tests.factories import tiny_mission

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def _webengine_below(pid: int, known: set[int]) -> set[int]:
    """``known`` processes still running plus QtWebEngineProcess descendants of ``pid``."""
    table = _table()
    found = {p for p in known if p in table}
    for p in descendants({pid}, table):
        try:
            first = Path(f"/proc/{p}/cmdline").read_bytes().split(b"\0", 1)[0]
        except OSError:
            continue
        if WEBENGINE.encode() in first:
            found.add(p)
    return found


@pytest.mark.slow
def test_webengine_children_die_with_a_plan_killed_while_printing(tmp_path: Path) -> None:
    """The user's outcome. (With PySide6 6.11.3 here the helpers also ended by
    themselves; the stand-in test below is the one that fails without the reaper.)"""
    mission = tmp_path / "mission.gpkg"
    save_mission(tiny_mission(n_teams=4), mission)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("QT_QPA_PLATFORM", None)  # the CLI picks offscreen itself without a display
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    cmd = [sys.executable, str(ROOT / "main.py"), "plan", str(mission), "--out"]
    cmd += [str(tmp_path / "out"), "--time-limit", "1", "--workers", "1"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    children: set[int] = set()
    try:
        assert proc.stderr is not None
        for line in proc.stderr:  # printing has started once it says so
            if "route sheets" in line:
                break
        else:
            pytest.fail("plan ended before printing the route sheets")
        deadline = time.monotonic() + 30  # wait until the browser's children run
        while time.monotonic() < deadline and not children:
            children = _webengine_below(proc.pid, set())
            time.sleep(0.02)
        assert children, "no QtWebEngineProcess child seen while printing"
        children = _webengine_below(proc.pid, children)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _webengine_below(proc.pid, children):
            time.sleep(0.1)
        left = _webengine_below(proc.pid, children)
        for p in left:  # do not leak them if the test fails
            os.kill(p, signal.SIGKILL)
        assert left == set()
    finally:
        proc.kill()
        proc.communicate()


PARENT = """
import subprocess, sys, time
from sheets_qt.reaper import start_reaper
assert start_reaper()
time.sleep(1.0)  # the watchdog is up
fake = subprocess.Popen([sys.argv[1], "600"], stdout=subprocess.DEVNULL)
other = subprocess.Popen(["sleep", "600"], stdout=subprocess.DEVNULL)  # left alone
print(fake.pid, other.pid, flush=True)
time.sleep(600)
"""


def test_the_reaper_kills_only_webengine_children_of_a_killed_parent(tmp_path: Path) -> None:
    """A helper that would outlive its parent (as a busy renderer may) is killed."""
    fake = tmp_path / WEBENGINE
    fake.symlink_to("/bin/sleep")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(fake)], stdout=subprocess.PIPE, text=True, env=env
    )
    pids: list[int] = []
    try:
        assert parent.stdout is not None
        pids = [int(x) for x in parent.stdout.readline().split()]
        time.sleep(0.5)  # the watchdog has seen them
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and pids[0] in _table():
            time.sleep(0.05)
        alive = _table()
        assert pids[0] not in alive
        assert pids[1] in alive  # the other child lives on
    finally:
        parent.kill()
        parent.communicate()
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
