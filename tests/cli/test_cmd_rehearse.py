"""`rehearse`: figures of the stored plan under the delay model, rehearsal.csv per team."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cli.main import main
from planner.export.rehearsal_csv import COLUMNS
from planner.io.mission import save_mission
from planner.solver import solve
from tests.factories import tiny_mission


def test_rehearse_prints_figures_and_writes_the_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = tiny_mission(n_teams=3)
    plan = solve(m, time_limit_s=1, workers=1)
    save_mission(m.with_plan(plan), tmp_path / "m.gpkg")
    out = tmp_path / "out"
    args = ["rehearse", str(tmp_path / "m.gpkg"), "--runs", "200", "--seed", "3"]
    assert main([*args, "--out", str(out)]) == 0
    text = capsys.readouterr().out
    planned = sum(len(r.phase_visits("voting")) for r in plan.routes)
    assert f"voting visits planned:         {planned}" in text
    assert "voting visits expected:" in text
    assert "teams at the count in time:" in text
    with (out / "rehearsal.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == COLUMNS
    assert [r["team_id"] for r in rows] == sorted(r.team_id for r in plan.routes)
    for row in rows:
        assert row["runs"] == "200"
        assert 0.0 <= float(row["p_count_before_close"]) <= 1.0
        assert float(row["expected_voting_visits"]) <= int(row["planned_voting_visits"])
        assert len(row["drop_order"].split()) == int(row["planned_voting_visits"])
    margins = {r.team_id: r.count_margin_min for r in plan.routes}
    assert all(int(row["count_margin_min"]) == margins[row["team_id"]] for row in rows)
    # same seed, same file
    first = (out / "rehearsal.csv").read_text(encoding="utf-8")
    assert main([*args, "--out", str(out)]) == 0
    assert (out / "rehearsal.csv").read_text(encoding="utf-8") == first


def test_rehearse_without_a_plan_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_mission(tiny_mission(), tmp_path / "m.gpkg")
    assert main(["rehearse", str(tmp_path / "m.gpkg")]) == 1
    assert "no plan yet" in capsys.readouterr().err


def test_rehearse_refuses_zero_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_mission(tiny_mission(), tmp_path / "m.gpkg")
    with pytest.raises(SystemExit) as exc:
        main(["rehearse", str(tmp_path / "m.gpkg"), "--runs", "0"])
    assert exc.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err
