"""`python main.py plan`: (being built; see docs/cli.md)."""

from __future__ import annotations

import argparse
from typing import Any

from planner.errors import PlannerError

SUMMARY = "plan (not available yet)"


def add_parser(sub: Any, name: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=SUMMARY, description=SUMMARY)
    return parser


def run(args: argparse.Namespace) -> int:
    raise PlannerError("the plan command is not available yet")
