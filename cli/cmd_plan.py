"""`python main.py plan MISSION.gpkg --out DIR`: plan the whole mission and write outputs."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from cli.outputs import write_outputs
from cli.progress import StderrProgress
from cli.routing import add_routing_server_option
from planner.coverage import REFERENCE_2011, coverage
from planner.errors import PlannerError, PlanningError
from planner.export.safe_paths import check_output_dir
from planner.io.mission import MissionSession, record
from planner.model import Mission, Plan
from planner.solver import Progress, solve
from planner.travel import use_routing_server
from planner.validate import validate_plan

SUMMARY = "plan every available team's election day and write the route files"

DESCRIPTION = """\
Plan the whole mission: where each available team sleeps, its opening station, its
voting visits, its counting station and the DEC it follows to tabulation, timed by the
day model in the mission's settings. The plan is checked by the plan validator, stored
in the mission file as a new revision (unless --dry-run) and written to DIR
(assignments.csv and the other outputs). Progress and a summary go to standard error.
Same mission + same --seed + same --time-limit = same plan."""

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
    if args.time_limit <= 0:
        raise PlanningError("--time-limit must be more than 0 seconds")
    # The lock keeps a second plan (or window) from claiming the same revision.
    with MissionSession(args.mission, read_only=args.dry_run) as session:
        return _run(args, session)


def _run(args: argparse.Namespace, session: MissionSession) -> int:
    t0 = time.monotonic()
    progress = StderrProgress()
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

    plan = solve(
        mission,
        time_limit_s=args.time_limit,
        seed=args.seed,
        on_progress=on_progress,
        workers=max(1, args.workers),
    )
    violations = validate_plan(mission, plan)
    if violations:
        for v in violations[:MAX_LISTED]:
            print(f"violation: {v}", file=sys.stderr)
        more = len(violations) - MAX_LISTED
        raise PlanningError(
            f"the plan breaks {len(violations)} rule(s) of the day model"
            + (f" ({more} more not listed)" if more > 0 else "")
            + "; it was not stored"
        )
    progress("validate", "0 violations", force=True)
    check_output_dir(args.out)  # a bad --out stores nothing (planner.export.safe_paths)
    if not args.dry_run:
        mission = mission.with_plan(plan)
        stored = mission.plans[-1]
        mission = record(
            mission,
            "plan",
            {
                "seed": args.seed,
                "time_limit_s": args.time_limit,
                "teams": len(plan.routes),
                "unassigned": list(plan.unassigned_teams),
            },
            plan_revision=stored.revision,
        )
        session.save(mission)
        plan = stored
        progress("save", f"stored as plan revision {stored.revision} in {args.mission}", force=True)
    try:
        write_outputs(mission, plan, args.out, progress)
    except OSError as exc:
        raise PlannerError(
            f"{args.out}: could not write the outputs ({exc.strerror or exc})"
            + ("" if args.dry_run else f"; the plan is stored as revision {plan.revision}")
        ) from exc
    for line in summary_lines(mission, plan, time.monotonic() - t0):
        print(line, file=sys.stderr)
    return 0
