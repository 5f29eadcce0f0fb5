"""TOPTW benchmark: the routing core on public instances vs. best-known scores.

Runs c101-c109, r101-r112, rc101-rc108 with m = 1 and pr01-pr20 with m = 1..4
(109 cases) through the same core the missions use, re-checks every route with
its own reading of the file (floored distances, windows on the start of service,
return by Tmax), and prints a table with the gap to the best-known score.

    python -m benchmarks.bench_toptw [--seconds 10] [--subset quick|all|NAME,NAME:M]

Records the result as the "toptw" section of docs/benchmarks.md (full runs only,
unless --record). Skips cleanly when ../shared/benchmarks is absent.
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import sys
import time
from pathlib import Path

from benchmarks._record import record_section

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "benchmarks" / "toptw"
SOLOMON = (
    [f"c10{i}" for i in range(1, 10)]
    + [f"r1{i:02d}" for i in range(1, 13)]
    + [f"rc10{i}" for i in range(1, 9)]
)
QUICK = [
    ("c101", 1),
    ("c105", 1),
    ("r101", 1),
    ("r105", 1),
    ("rc101", 1),
    ("rc105", 1),
    ("pr01", 1),
    ("pr01", 2),
    ("pr01", 4),
    ("pr05", 1),
    ("pr05", 3),
    ("pr05", 4),
]


def instance_file(name: str) -> Path:
    if name.startswith("pr"):
        folder = "pr01_10" if int(name[2:]) <= 10 else "pr11_20"
    else:
        folder = "c_r_rc_100_100"
    return DATA / "instances" / folder / f"{name}.txt"


def check_routes(path: Path, m: int, routes: list[list[int]]) -> tuple[int, list[str]]:
    """Score and violations of ``routes`` read independently from the file (floats)."""
    tokens = path.read_text(encoding="utf-8").split()
    n = int(tokens[2])
    decimals = 2 if path.name.startswith("pr") else 1
    pos, nodes = 6, []
    for _ in range(n + 1):
        a = int(tokens[pos + 6])
        nodes.append(
            (
                float(tokens[pos + 1]),
                float(tokens[pos + 2]),
                float(tokens[pos + 3]),
                float(tokens[pos + 4]),
                float(tokens[pos + 7 + a]),
                float(tokens[pos + 8 + a]),
            )
        )
        pos += 9 + a
    tmax = nodes[0][5]
    f = 10**decimals

    def dist(i: int, j: int) -> float:
        return math.floor(math.hypot(nodes[i][0] - nodes[j][0], nodes[i][1] - nodes[j][1]) * f) / f

    bad, seen, score = [], set(), 0
    if len(routes) > m:
        bad.append(f"{len(routes)} routes for m={m}")
    for route in routes:
        t, prev = 0.0, 0
        for c in route:
            if c in seen or not 1 <= c <= n:
                bad.append(f"customer {c} repeated or unknown")
            seen.add(c)
            t = max(t + dist(prev, c), nodes[c][4])
            if t > nodes[c][5] + 1e-6:
                bad.append(f"customer {c} starts at {t:.2f} after {nodes[c][5]}")
            t += nodes[c][2]
            score += round(nodes[c][3])
            prev = c
        if t + dist(prev, 0) > tmax + 1e-6:
            bad.append(f"route returns at {t + dist(prev, 0):.2f} after Tmax {tmax}")
    return score, bad


def cases(subset: str) -> list[tuple[str, int]]:
    if subset == "all":
        return [(s, 1) for s in SOLOMON] + [
            (f"pr{i:02d}", m) for m in range(1, 5) for i in range(1, 21)
        ]
    if subset == "quick":
        return QUICK
    out = []
    for item in subset.split(","):
        name, _, m = item.partition(":")
        out.append((name, int(m or 1)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--subset", default="all", help="all | quick | c101,pr01:2,...")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1, help="parallel searches per case")
    parser.add_argument("--record", action="store_true", help="record even a partial run")
    parser.add_argument("--no-record", action="store_true", help="do not record a full run")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (benchmark data is not part of the project)")
        return 0
    from benchmarks.toptw import read_toptw
    from planner.solver.routing import solve_routing

    bks = {}
    with (DATA / "bks.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            bks[(row["instance"], int(row["m"]))] = int(row["best_known_score"])
    rows, gaps, walls = [], [], []
    for name, m in cases(args.subset):
        path = instance_file(name)
        inst = read_toptw(path, m)
        started = time.monotonic()
        sol = solve_routing(
            inst.problem, time_limit_s=args.seconds, seed=args.seed, workers=args.workers
        )
        wall = time.monotonic() - started
        routes = [list(r) for r in sol.routes]
        score, bad = check_routes(path, m, routes)
        best = bks.get((name, m))
        gap = 100.0 * (best - score) / best if best else float("nan")
        if bad:
            gap = 100.0  # an infeasible answer counts as nothing
        gaps.append(gap)
        walls.append(wall)
        clock = " clock" if sol.stats.get("stopped_by_clock") else ""
        line = (
            f"| {name} | {m} | {score} | {best} | {gap:.2f} | {wall:.1f}{clock} | "
            f"{'FAIL: ' + bad[0] if bad else 'ok'} |"
        )
        rows.append(line)
        print(line, flush=True)
    median, mean = statistics.median(gaps), statistics.mean(gaps)
    at_best = sum(1 for g in gaps if g <= 0)
    summary = (
        f"{len(gaps)} cases, {args.seconds:g} s limit each, seed {args.seed}, "
        f"{args.workers} worker(s): "
        f"median gap {median:.2f}%, mean gap {mean:.2f}%, best known reached on "
        f"{at_best}, max wall {max(walls):.1f} s"
    )
    print(summary)
    if (args.subset == "all" or args.record) and not args.no_record:
        body = (
            "`python -m benchmarks.bench_toptw --seconds "
            f"{args.seconds:g} --subset {args.subset} --workers {args.workers}`: "
            "solve_routing (the missions' core) "
            "on public TOPTW instances; every route re-checked from the file with floored "
            "distances. Gap = (best known - score) / best known; r108's best known (294) "
            "is only a lower bound (benchmarks README), so a negative gap there is expected."
            "\n\n"
            f"**{summary}**\n\n| instance | m | score | best known | gap % | wall s | check |\n"
            "|---|---|---|---|---|---|---|\n" + "\n".join(rows)
        )
        record_section("toptw", "TOPTW (routing core quality)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
