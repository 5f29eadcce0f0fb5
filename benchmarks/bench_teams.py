"""Benchmark: forming teams from a roster (issue 13).

Two cases, both from the demo builder's stated roster make-up (``geodata/roster.py``):
the demo's 380 observers (target <= 10 s) and 2,000 observers with the same make-up
on the demo's 14 bases (a large mission; target <= 60 s). For each: wall time, the
soft-rule penalty (``planner.teams.rules.penalty``), the teams breaking each rule, the
CP-SAT lower bound of the first step (observers to bases), and the penalty found with
ten times the time (the reference the quality is measured against).

    python -m benchmarks.bench_teams [--seed 0] [--no-record] [--quick]

Writes its section of docs/benchmarks.md unless --no-record.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import replace

from benchmarks._record import record_section
from geodata import DEMO_MISSION
from geodata.roster import build_roster
from planner.io.mission import open_mission
from planner.model import Mission
from planner.teams import TeamsResult, form_teams

CASES = ((380, 10.0), (2000, 60.0))


def _mission(n: int) -> Mission:
    demo = open_mission(DEMO_MISSION)
    return replace(demo, observers=build_roster(n), teams=())  # formed from scratch


def _run(mission: Mission, limit: float, seed: int) -> tuple[TeamsResult, float]:
    t0 = time.perf_counter()
    result = form_teams(mission, time_limit_s=limit, seed=seed)
    return result, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_teams")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument("--quick", action="store_true", help="skip the 10x reference runs")
    args = parser.parse_args(argv)
    rows = []
    for n, limit in CASES:
        mission = _mission(n)
        result, wall = _run(mission, limit, args.seed)
        broken = Counter(b.rule for v in result.broken.values() for b in v)
        ref_pen = ""
        if not args.quick:
            ref, _ = _run(mission, 10 * limit, args.seed)
            ref_pen = str(ref.penalty)
        gap = (
            f"{100 * (result.penalty - int(ref_pen)) / max(1, int(ref_pen)):+.1f} %"
            if ref_pen
            else "-"
        )
        line = (
            f"| {n} | {len(result.teams)} | {limit:.0f} s | {wall:.1f} s | "
            f"{'yes' if wall <= limit else 'NO'} | {result.penalty} | "
            f"{result.base_bound or 'none proven'} | "
            f"{ref_pen or '-'} | {gap} | "
            + ", ".join(f"{r} {k}" for r, k in broken.most_common())
            + " |"
        )
        print(line, flush=True)
        rows.append(line)
    body = (
        "`python -m benchmarks.bench_teams` (seed 0): teams formed from scratch on the demo "
        "mission's 14 bases from the demo roster (380) and a 2,000-observer roster of the "
        "same make-up. Penalty = the total weight of broken soft rules (default weights, "
        "docs/teams.md). *Bound* is CP-SAT's lower bound of step 1 (observers to bases, "
        "which already counts every team that must lack a woman, an experienced member or "
        "a Russian speaker given the roster), so it bounds the whole penalty from below "
        "only loosely (step 2's pair costs come on top); *10x* is the penalty found with "
        "ten times the time limit. The machine was shared with other jobs (about 7 "
        "sessions on 2 cores), so wall times are pessimistic.\n\n"
        "| observers | teams | limit | wall | within limit | penalty | bound (step 1) | "
        "penalty with 10x time | vs 10x | teams breaking each rule |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows)
    )
    if not args.no_record:
        record_section("teams", "Team formation (`benchmarks/bench_teams.py`)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
