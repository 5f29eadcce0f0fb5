"""`python main.py plan MISSION.gpkg --out DIR`: plan the whole mission and write outputs."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from cli.outputs import sheet_printer
from cli.progress import StderrProgress
from cli.routing import add_routing_server_option
from planner.app import PlanRefused, SheetPrinter, export_outputs, plan_mission
from planner.coverage import REFERENCE_2011, coverage
from planner.errors import PlannerError, PlanningError
from planner.io.mission import MissionSession
from planner.model import Mission, Plan
from planner.solver import Progress
from planner.travel import use_routing_server

SUMMARY = "plan every available team's election day and write the route files"

DESCRIPTION = """\
Plan the whole mission: where each available team sleeps, its opening station, its
voting visits, its counting station and the DEC it follows to tabulation, timed by the
day model in the mission's settings. The plan is checked by the plan validator, stored
in the mission file as a new revision (unless --dry-run) and written to DIR
(assignments.csv and the other outputs). Progress and a summary go to standard error.
Same mission + same --seed + same --time-limit = same plan."""


def add_parser(sub: Any, name: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=SUMMARY,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("mission", type=Path, metavar="MISSION.gpkg", help="the mission file")
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder for the output files"
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="time for the search (default 10; writing the route sheets etc. comes on top)",
    )
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="write the outputs but do not store the plan in the mission file",
    )
    add_routing_server_option(parser)
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        metavar="N",
        help="worker processes for the search (default 2; 1 = no extra processes)",
    )
    return parser


def summary_lines(mission: Mission, plan: Plan, seconds: float) -> list[str]:
    """The summary printed after planning (also used by the benchmark)."""
    cov = coverage(mission, plan).summary()
    ratio_min, ratio_max, rural = (
        cov["region_ratio_min"],
        cov["region_ratio_max"],
        cov["rural_ratio"],
    )
    ref = REFERENCE_2011
    lines = [
        f"teams planned:       {cov['teams']} of {cov['teams_available']} available",
        f"openings:            {cov['openings']} (2011 mission: {ref['openings']})",
        f"voting visits:       {cov['voting_visits']} (2011 mission: {ref['voting_visits']}; "
        f"{cov['distinct_voting_stations']} stations, {cov['special_voting_visits']} special)",
        f"counts:              {cov['counts']} (2011 mission: {ref['counts']})",
        f"DECs at tabulation:  {cov['tabulation_decs']} of {cov['decs']} "
        f"(2011 mission: {ref['tabulation_decs']})",
    ]
    if ratio_min is not None and ratio_max is not None:
        lines.append(f"region share ratio:  {ratio_min:.2f} - {ratio_max:.2f} (target 0.75-1.33)")
    if rural is not None:
        lines.append(f"rural share ratio:   {rural:.2f} (target >= 0.80)")
    lines.append(f"wall time:           {seconds:.1f} s")
    return lines


def run(args: argparse.Namespace) -> int:
    t0 = time.monotonic()
    progress = StderrProgress()
    if args.time_limit <= 0:
        raise PlanningError("--time-limit must be more than 0 seconds")
    printer = sheet_printer()  # fails early, before planning, when Qt WebEngine is missing
    # The lock keeps a second plan (or window) from claiming the same revision.
    with MissionSession(args.mission, read_only=args.dry_run) as session:
        return _run(args, session, printer=printer, t0=t0, progress=progress)


def _run(
    args: argparse.Namespace,
    session: MissionSession,
    *,
    printer: SheetPrinter,
    t0: float,
    progress: StderrProgress,
) -> int:
    mission = use_routing_server(session.require(), args.routing_server, progress)
    progress("open", f"{args.mission}: {len(mission.available_teams)} available teams", force=True)

    def on_progress(p: Progress) -> None:
        if p.stage == "done" and p.search_capped:
            progress(
                "note",
                f"the clock cut {p.search_capped} searches short (a busy machine, or "
                "a very large mission): the plan may differ from run to run",
                force=True,
            )
        progress(
            p.stage,
            f"{p.message} [{p.teams_done}/{p.teams_total} teams, {p.fraction:.0%}]",
            force=p.stage in ("done",),
        )

    try:
        outcome = plan_mission(
            mission,
            time_limit_s=args.time_limit,
            seed=args.seed,
            workers=args.workers,
            on_progress=on_progress,
            store=not args.dry_run,
            session=None if args.dry_run else session,
            out_dir=args.out,
        )
    except PlanRefused as exc:
        for line in exc.listed():
            print(f"violation: {line}", file=sys.stderr)
        raise
    progress("validate", "0 violations", force=True)
    if outcome.saved_to is not None:
        progress(
            "save",
            f"stored as plan revision {outcome.plan.revision} in {args.mission}",
            force=True,
        )
    try:
        export_outputs(outcome.mission, outcome.plan, args.out, printer=printer, progress=progress)
    except OSError as exc:
        raise PlannerError(
            f"{args.out}: could not write the outputs ({exc.strerror or exc})"
            + ("" if args.dry_run else f"; the plan is stored as revision {outcome.plan.revision}")
        ) from exc
    except PlannerError as exc:  # the folder keeps its earlier outputs (all or nothing)
        stored = f"; the plan is stored as revision {outcome.plan.revision}"
        raise PlannerError(f"{exc}{'' if args.dry_run else stored}") from exc
    for line in summary_lines(outcome.mission, outcome.plan, time.monotonic() - t0):
        print(line, file=sys.stderr)
    return 0
