"""`python main.py rehearse MISSION.gpkg [--runs N] [--seed N] [--out DIR]`.

Replays the mission's current plan under its delay model (Settings group
"Election-day realism") and prints what the teams can be expected to do: planned
and expected voting visits, the share of teams at their count before closing, at
their opening on time. Writes ``DIR/rehearsal.csv`` per team (docs/cli.md).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from planner.errors import InputError, PlannerError
from planner.export.rehearsal_csv import write_rehearsal_csv
from planner.io.mission import open_mission
from planner.rehearsal import rehearse

SUMMARY = "replay the current plan under the delay model: what the teams will really do"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_parser(sub: Any, name: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=SUMMARY, description=SUMMARY)
    parser.add_argument("mission", type=Path, metavar="MISSION.gpkg", help="the mission file")
    parser.add_argument(
        "--runs", type=_positive, default=1000, metavar="N", help="days replayed per team (1000)"
    )
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (0)")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder for rehearsal.csv (default: beside the mission file)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    mission = open_mission(args.mission)
    plan = mission.current_plan
    if plan is None:
        raise PlannerError(f"{args.mission}: the mission has no plan yet (run `plan` first)")
    out_dir: Path = args.out if args.out is not None else Path(args.mission).parent
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: not a folder")
    t0 = time.monotonic()
    result = rehearse(mission, plan, runs=args.runs, seed=args.seed)
    took = time.monotonic() - t0
    s = mission.settings
    print(
        f"plan revision {plan.revision}, {len(result.teams)} teams, {args.runs} runs "
        f"(seed {args.seed}) in {took:.1f} s; delay model: drives x{s.delay_drive_median:g} "
        f"(spread {s.delay_drive_spread:g}), +{s.delay_visit_extra_min:g} min per visit, "
        f"{s.delay_visit_refused:.0%} refused"
    )
    print(f"voting visits planned:         {result.planned_visits}")
    print(f"voting visits expected:        {result.expected_visits:.0f}")
    print(f"teams at the count in time:    {result.count_share:.1%} (before the station closes)")
    print(f"teams at the opening in time:  {result.opening_share:.1%}")
    below = sum(1 for t in result.teams if t.p_count < s.count_target_probability)
    print(f"teams below the {s.count_target_probability:.0%} target: {below}")
    if result.dropped:
        top = ", ".join(f"{ps} ({share:.0%} of runs)" for ps, share in result.dropped[:5])
        print(f"most often skipped:            {top}")
    path = write_rehearsal_csv(mission, result, out_dir / "rehearsal.csv")
    print(f"wrote {path}")
    return 0
