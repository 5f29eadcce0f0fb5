"""The TOPTW adapter: reading instance files and solving them with the missions' core."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.bench_toptw import check_routes
from benchmarks.toptw import read_toptw
from planner.errors import InputError
from planner.solver.routing import solve_routing

ROOT = Path(__file__).resolve().parents[3]

# Two customers; a Solomon-style header, the depot closes at 100 (= Tmax).
TINY = """\
1 2 2 1
0 200
  0 0.00 0.00 0.00 0.00 0 0 0 100
  1 3.00 4.00 10.00 7.00 1 1 1 0 50
  2 0.00 10.05 5.00 4.00 1 1 1 60 70
"""


def test_reads_fields_token_by_token_and_floors_distances(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text(TINY.replace("\n  1 3.00", "\n  1\n 3.00"), encoding="utf-8")
    inst = read_toptw(path, vehicles=2)
    p = inst.problem
    assert inst.scale == 10
    assert p.prize == (0, 7, 4)
    assert p.service == (0, 100, 50)
    assert p.tw_open[2] == 600
    assert p.tw_close == (1000, 500, 700)
    assert int(p.travel[0, 1]) == 50  # 5.0 exactly
    assert int(p.travel[0, 2]) == 100  # 10.05 floored to 10.0
    assert len(p.vehicles) == 2
    assert p.vehicles[0].arrive_latest == 1000


def test_solves_the_tiny_instance_to_optimality(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text(TINY, encoding="utf-8")
    inst = read_toptw(path, vehicles=1)
    sol = solve_routing(inst.problem, time_limit_s=0.5)
    assert sol.routes == ((1, 2),)
    assert check_routes(path, 1, [list(r) for r in sol.routes]) == (11, [])


def test_a_broken_file_is_reported_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("1 2 5 1\n0 200\n 0 0 0 0 0 0 0 0 100\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.txt"):
        read_toptw(path, vehicles=1)


@pytest.mark.parametrize(
    ("name", "folder", "m", "best"),
    [
        ("c101", "c_r_rc_100_100", 1, 320),
        ("rc105", "c_r_rc_100_100", 1, 244),
    ],
)
def test_public_instances_reach_their_best_known_score(
    shared_dir: Path, name: str, folder: str, m: int, best: int
) -> None:
    path = shared_dir / "benchmarks" / "toptw" / "instances" / folder / f"{name}.txt"
    inst = read_toptw(path, m)
    sol = solve_routing(inst.problem, time_limit_s=1.5, seed=0)
    score, bad = check_routes(path, m, [list(r) for r in sol.routes])
    assert bad == []
    assert score == sol.prize
    assert score >= 0.98 * best


def test_bench_command_prints_score_and_routes_as_last_json_line(shared_dir: Path) -> None:
    path = shared_dir / "benchmarks" / "toptw" / "instances" / "pr01_10" / "pr01.txt"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.solve_toptw",
            "toptw",
            "--instance",
            str(path),
            "--vehicles",
            "2",
            "--seconds",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(result["routes"]) == 2
    score, bad = check_routes(path, 2, result["routes"])
    assert bad == []
    assert result["score"] == score
    assert score >= 0.95 * 502  # best known for pr01, m = 2
