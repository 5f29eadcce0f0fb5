"""`python main.py teams MISSION.gpkg [--observers FILE] --out DIR`: form teams."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from cli.progress import StderrProgress
from planner.export.teams_csv import write_teams_csv
from planner.io.importers import apply_layer, load_layer
from planner.io.mission import open_mission, save_mission
from planner.teams import TeamsProgress, form_teams
from planner.teams.store import apply_teams, stale_plan_teams, teams_revision

SUMMARY = "form teams from the roster of observers (pairs, bases) and write teams.csv"

DESCRIPTION = """\
Form the mission's teams from its roster of observers (the observers layer; with
--observers FILE the roster is first imported from FILE, CSV or XLSX, all or
nothing). The hard rules always hold: teams of two (one of three when the number is
odd, more where the settings allow), partners of different nationalities, not_with,
base_id and the teams each base takes. The soft rules (mixed gender, experience, a
local-language speaker, prefer_with, delegations, nationality balance, priority
bases) are weighed by the mission's settings; teams.csv names for every team the
soft rules it breaks and why. Teams of the current teams are kept where possible
(pinned teams always). The teams are stored in the mission as a new teams revision;
a plan made for the old teams is then stale (plan again).

Exit status 2 with the rule and the observers when the hard rules cannot all hold;
the mission file is then unchanged. See docs/teams.md."""


def add_parser(sub: Any, name: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=SUMMARY,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("mission", type=Path, metavar="MISSION.gpkg", help="the mission file")
    parser.add_argument(
        "--observers", type=Path, metavar="FILE", help="import the roster from FILE first"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder for teams.csv"
    )
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds for the search (default 10)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="write teams.csv but do not store the teams"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    progress = StderrProgress()
    mission = open_mission(args.mission)
    if args.observers is not None:
        progress("read", str(args.observers))
        read = load_layer("observers", args.observers, mission)
        mission = apply_layer(mission, "observers", read.items, args.observers)
        progress("read", f"{len(read.items)} observers", force=True)

    def on_progress(p: TeamsProgress) -> None:
        progress(p.stage, f"{p.message} [{p.fraction:.0%}]", force=p.stage == "done")

    result = form_teams(
        mission, time_limit_s=args.time_limit, seed=args.seed, on_progress=on_progress
    )
    stored = apply_teams(mission, result, seed=args.seed, time_limit_s=args.time_limit)
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.dry_run:
        save_mission(stored, args.mission)
        progress("save", f"teams revision {teams_revision(stored)} in {args.mission}", force=True)
    path = write_teams_csv(stored, result.teams, result.broken, args.out / "teams.csv")
    counts = Counter(b.rule for v in result.broken.values() for b in v)
    print(
        f"{len(result.teams)} teams from {sum(len(t.observer_ids) for t in result.teams)} "
        f"observers; {len(result.changed)} new or changed, {len(result.removed)} removed; "
        f"soft-rule penalty {result.penalty}",
        file=sys.stderr,
    )
    if counts:
        rules = ", ".join(f"{rule} {n}" for rule, n in counts.most_common())
        print(f"teams breaking a soft rule: {rules}", file=sys.stderr)
    for note in result.base_notes:
        print(f"note: {note}", file=sys.stderr)
    stale = stale_plan_teams(stored)
    if stale:
        shown = ", ".join(stale[:10]) + (", ..." if len(stale) > 10 else "")
        print(
            f"the current plan was made for other teams ({len(stale)} changed: {shown}): "
            "plan again (python main.py plan)",
            file=sys.stderr,
        )
    print(f"wrote {path}", file=sys.stderr)
    return 0
