"""The command line and the window are two doors to the same use cases (planner.app).

One test drives both with the same mission, seed and time limit, and compares what a
user gets: the plan's assignments, and after the same CHANGES.yaml the re-plan's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from entry import main
from planner.export.assignments import write_assignments
from planner.io.mission import open_mission, save_mission
from tests.factories import tiny_mission

pytestmark = [pytest.mark.gui, pytest.mark.slow]

CHANGES = """\
- polling_station_closed: {closed}
- team_unavailable: T002
"""


def _csv(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_cli_and_window_give_the_same_plan_and_replan(
    qtbot, make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.solver import solve

    original = tmp_path / "mission.gpkg"
    save_mission(tiny_mission(n_teams=4), original)
    cli_file = tmp_path / "cli.gpkg"
    shutil.copy(original, cli_file)

    # the command line: plan, then re-plan
    args = ["--time-limit", "2", "--seed", "5", "--workers", "1"]
    assert main(["plan", str(cli_file), "--out", str(tmp_path / "cli-plan"), *args]) == 0
    planned = open_mission(cli_file).current_plan
    assert planned is not None
    closed = planned.routes[0].phase_visits("voting")[0].ps_id
    changes = tmp_path / "CHANGES.yaml"
    changes.write_text(CHANGES.format(closed=closed), encoding="utf-8")
    replan_args = ["--changes", str(changes), "--out", str(tmp_path / "cli-replan")]
    assert main(["replan", str(cli_file), *replan_args]) == 0

    # the window: the same mission, seed and limits, through its controllers
    window = make_window(open_mission(original), original, solve=solve)
    window.planning.workers = 1
    with qtbot.waitSignal(window.plan_finished, timeout=120000) as blocker:
        window.start_plan(time_limit_s=2, seed=5)
    assert blocker.args[0] is not None
    write_assignments(window.plan, tmp_path / "gui-plan.csv")
    assert _csv(tmp_path / "gui-plan.csv") == _csv(tmp_path / "cli-plan" / "assignments.csv")

    panel = window.changes_panel
    assert panel.load_file(changes)
    with qtbot.waitSignal(panel.replanned, timeout=120000):
        panel.apply()
    write_assignments(window.plan, tmp_path / "gui-replan.csv")
    assert _csv(tmp_path / "gui-replan.csv") == _csv(tmp_path / "cli-replan" / "assignments.csv")
    assert window.plan.revision == open_mission(cli_file).current_plan.revision == 2
