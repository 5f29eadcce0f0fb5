"""Benchmark adapter: ``python -m benchmarks.solve_toptw toptw --instance FILE ...``.

Solves a public TOPTW instance with the same routing core the missions use
(:func:`planner.solver.routing.solve_routing`) and prints, as its last line, a JSON
object with ``score`` and ``routes`` (customer numbers as in the file, in visiting
order), plus the instance, vehicles, seconds and search statistics.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from benchmarks.toptw import read_toptw, score_of
from planner.errors import PlannerError
from planner.solver.routing import check_solution, solve_routing


def _toptw(args: argparse.Namespace) -> int:
    instance = read_toptw(args.instance, args.vehicles)
    started = time.monotonic()
    solution = solve_routing(
        instance.problem, time_limit_s=args.seconds, seed=args.seed, workers=args.workers
    )
    seconds = time.monotonic() - started
    routes = [list(r) for r in solution.routes]
    problems = check_solution(instance.problem, routes)
    if problems:  # never expected: the core re-checks its routes
        print("infeasible routes: " + "; ".join(problems), file=sys.stderr)
        return 1
    out = {
        "instance": instance.name,
        "vehicles": args.vehicles,
        "seconds": round(seconds, 2),
        "score": score_of(instance, routes),
        "routes": routes,
        "stats": {k: round(v, 3) for k, v in solution.stats.items()},
    }
    print(json.dumps(out))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.solve_toptw", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("toptw", help="solve one TOPTW instance file")
    p.add_argument("--instance", required=True, help="TOPTW instance file (.txt)")
    p.add_argument("--vehicles", type=int, default=1, help="number of routes m (default 1)")
    p.add_argument("--seconds", type=float, default=10.0, help="time limit (default 10)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="independent searches in parallel processes, best kept (default 1)",
    )
    args = parser.parse_args(argv)
    try:
        return _toptw(args)
    except PlannerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
