"""``python main.py COMMAND ...``: the headless commands (``entry`` opens the app otherwise).

Every user error ends with a clear message on standard error and a non-zero exit
status, never a traceback: 2 for bad input (files, arguments), 1 for anything else
the program could not do, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from cli import cmd_import, cmd_plan, cmd_rehearse, cmd_replan, cmd_teams, cmd_validate
from planner.errors import Cancelled, InputError, PlannerError

COMMANDS = {
    "import": cmd_import,
    "plan": cmd_plan,
    "replan": cmd_replan,
    "rehearse": cmd_rehearse,
    "validate": cmd_validate,
    "teams": cmd_teams,
}


def build_command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="STO Planner headless commands.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        module.add_parser(sub, name)
    return parser


def guarded(run: Callable[[], int]) -> int:
    """Run a command; user errors become a message and an exit status, not a traceback."""
    try:
        return int(run())
    except InputError as exc:
        for problem in exc.problems:
            print(str(problem) if problem.file else f"error: {problem.message}", file=sys.stderr)
        return 2
    except Cancelled:
        print("cancelled", file=sys.stderr)
        return 130
    except PlannerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run one headless command (``plan``, ``replan``, ...); see ``entry`` for the app."""
    args_list = list(sys.argv[1:] if argv is None else argv)

    def run() -> int:
        args = build_command_parser().parse_args(args_list)
        return int(COMMANDS[args.command].run(args))

    return guarded(run)


if __name__ == "__main__":
    sys.exit(main())
