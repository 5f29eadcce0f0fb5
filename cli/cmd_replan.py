"""`python main.py replan MISSION.gpkg --changes CHANGES.yaml --out DIR`: last-minute changes."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from cli.outputs import sheet_printer
from cli.progress import StderrProgress
from cli.routing import add_routing_server_option
from planner.app import PlanRefused, SheetPrinter, export_outputs, replan_mission
from planner.errors import PlannerError, PlanningError
from planner.io.mission import MissionSession
from planner.replan.changes import Change, read_changes
from planner.replan.core import ReplanResult
from planner.travel import use_routing_server

SUMMARY = "apply last-minute changes (CHANGES.yaml) to the current plan, reprint what changed"

DESCRIPTION = """\
Apply the changes listed in CHANGES.yaml (teams unavailable or added, polling stations
closed, moved or with shifted hours, areas blocked, priority DECs, pinned stops) to the
mission and repair its current plan. Teams that no change touches keep their day
exactly; touched teams are repaired and refilled nearby; an unavailable team's most
valuable stops go to at most two neighbouring teams. The new plan is checked by the plan
validator and stored as a new revision (unless --dry-run). DIR receives the usual
outputs plus changes.csv (per team: stops added, removed, re-timed) and
route_sheets_changed.pdf (only the teams whose day changed, marked as a revision).
Applying the same file again changes nothing more."""

MAX_LISTED = 20


def add_parser(sub: Any, name: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=SUMMARY,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("mission", type=Path, metavar="MISSION.gpkg", help="the mission file")
    parser.add_argument(
        "--changes",
        type=Path,
        required=True,
        metavar="CHANGES.yaml",
        help="the list of changes (see docs/replanning.md)",
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder for the output files"
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="search time for --wide (default 10); the repair itself takes a few seconds",
    )
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="write the outputs but leave the mission file unchanged",
    )
    add_routing_server_option(parser)
    parser.add_argument(
        "--wide",
        action="store_true",
        help="re-optimise every team of the touched teams' bases (more teams may change)",
    )
    return parser


def summary_lines(result: ReplanResult) -> list[str]:
    """What the re-plan did, for standard error."""
    lines = []
    for a in result.applied:
        if a.note == "could not be placed":
            state, note = "NOT applied", " (see warnings)"
        else:
            state = "applied" if a.effective else "already in effect"
            note = f" ({a.note})" if a.note and a.note != "already in place" else ""
        lines.append(f"line {a.change.line}: {a.change.describe()}: {state}{note}")
    counts = dict.fromkeys(("changed", "added", "removed", "unchanged"), 0)
    for t in result.teams:
        counts[t.status] += 1
    lines.append(
        f"teams: {counts['changed']} changed, {counts['added']} added, "
        f"{counts['removed']} removed, {counts['unchanged']} unchanged"
    )
    changed = [t for t in result.teams if t.status != "unchanged"]
    for t in changed[:MAX_LISTED]:
        detail = []
        if t.added:
            detail.append(f"+{len(t.added)}")
        if t.removed:
            detail.append(f"-{len(t.removed)}")
        if t.retimed:
            detail.append(f"~{len(t.retimed)} re-timed")
        why = f" ({t.why})" if t.why else ""
        lines.append(f"  {t.team_id} {t.status} {' '.join(detail)}{why}")
    if len(changed) > MAX_LISTED:
        lines.append(f"  ... {len(changed) - MAX_LISTED} more in changes.csv")
    lines += [f"warning: {w}" for w in result.warnings]
    if result.is_new_revision:
        lines.append(
            f"plan revision {result.plan.revision} (from revision {result.base_plan.revision})"
        )
    else:
        lines.append(f"nothing to re-plan: plan revision {result.plan.revision} stays current")
    return lines


def run(args: argparse.Namespace) -> int:
    t0 = time.monotonic()
    progress = StderrProgress()
    if args.time_limit <= 0:
        raise PlanningError("--time-limit must be more than 0 seconds")
    printer = sheet_printer()
    changes = read_changes(args.changes)  # a bad file fails before the mission is opened
    with MissionSession(args.mission, read_only=args.dry_run) as session:
        return _run(args, session, changes, printer=printer, t0=t0, progress=progress)


def _run(
    args: argparse.Namespace,
    session: MissionSession,
    changes: list[Change],
    *,
    printer: SheetPrinter,
    t0: float,
    progress: StderrProgress,
) -> int:
    mission = use_routing_server(session.require(), args.routing_server, progress)
    progress("changes", f"{len(changes)} changes read from {args.changes}", force=True)
    try:
        outcome = replan_mission(
            mission,
            changes,
            wide=args.wide,
            time_limit_s=args.time_limit,
            seed=args.seed,
            source=str(args.changes),
            on_progress=lambda msg: progress("replan", msg, force=True),
            store=not args.dry_run,
            session=None if args.dry_run else session,
            out_dir=Path(args.out),
        )
    except PlanRefused as exc:
        for line in exc.listed():
            print(f"violation: {line}", file=sys.stderr)
        raise
    progress("validate", "0 violations", force=True)
    if args.dry_run:
        progress("save", "--dry-run: the mission file is unchanged", force=True)
    elif outcome.saved_to is not None:
        progress("save", f"stored in {args.mission}", force=True)
    result = outcome.result
    try:
        export_outputs(
            result.mission,
            result.plan,
            Path(args.out),
            printer=printer,
            progress=progress,
            replan=result,
        )
    except PlannerError as exc:
        stored = " (the re-plan is stored: run the command again to write them)"
        raise PlannerError(f"{exc}{stored if outcome.saved_to is not None else ''}") from exc
    for line in summary_lines(result):
        print(line, file=sys.stderr)
    print(f"wall time: {time.monotonic() - t0:.1f} s", file=sys.stderr)
    return 0
