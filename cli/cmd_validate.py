"""`python main.py validate MISSION.gpkg`: re-check the mission's current plan.

Useful after a plan was edited by hand (in QGIS, say): every rule of the day model is
checked by the independent plan validator and each violation printed on its own line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.coverage import coverage
from planner.errors import PlannerError
from planner.io.mission import open_mission
from planner.validate import validate_plan

SUMMARY = "re-check the mission's current plan against every rule of the day"


def add_parser(sub: Any, name: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=SUMMARY, description=SUMMARY)
    parser.add_argument("mission", type=Path, metavar="MISSION.gpkg", help="the mission file")
    parser.add_argument(
        "--revision",
        type=int,
        default=None,
        metavar="N",
        help="check stored plan revision N instead of the current plan",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Exit 0 when the plan keeps every rule, 1 when it breaks some (each printed)."""
    mission = open_mission(args.mission)
    if not mission.plans:
        raise PlannerError(f"{args.mission}: the mission has no plan yet (run `plan` first)")
    plan = mission.plans[-1]
    if args.revision is not None:
        found = [p for p in mission.plans if p.revision == args.revision]
        if not found:
            revs = ", ".join(str(p.revision) for p in mission.plans)
            raise PlannerError(f"{args.mission}: no plan revision {args.revision} (stored: {revs})")
        plan = found[0]
    violations = validate_plan(mission, plan)
    for v in violations:
        where = f"{v.team_id}:{v.seq}" if v.seq else v.team_id
        print(f"{where}: {v.rule}: {v.message}")
    s = coverage(mission, plan).summary()
    print(
        f"plan revision {plan.revision}: {len(violations)} violation(s); "
        f"{s['openings']} openings, {s['voting_visits']} voting visits, {s['counts']} counts, "
        f"{s['tabulation_decs']} DECs at tabulation",
        file=sys.stderr,
    )
    return 1 if violations else 0
