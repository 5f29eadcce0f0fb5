"""``python main.py [COMMAND ...]``: open the desktop app, or run a headless command.

The one place that knows both front doors: a command name goes to :mod:`cli.main`,
anything else opens the window (:mod:`ui.app`). ``cli`` and ``ui`` never import each
other (import-linter contract in pyproject.toml).

Every user error ends with a clear message on standard error and a non-zero exit
status, never a traceback: 2 for bad input (files, arguments), 1 for anything else
the program could not do, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cli.main import COMMANDS, guarded
from cli.main import main as run_command
from planner import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="STO Planner: plan where each short-term observer team goes on "
        "election day. Without a command, opens the desktop application.",
    )
    parser.add_argument("--version", action="version", version=f"STO Planner {__version__}")
    parser.add_argument(
        "mission",
        nargs="?",
        type=Path,
        default=None,
        help="mission file to open in the application (default: the last "
        "one opened, else the bundled demo mission)",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE",
        help="open the mission, wait until the map has rendered, save a PNG "
        "of the main window to FILE and exit",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "ru"),
        default=None,
        help="interface language for this run (default: the one chosen in the "
        "application, else the system's)",
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        default=None,
        help="window size for --screenshot, e.g. 1366x768",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        return run_command(args_list)
    if args_list and args_list[0] in ("-h", "--help"):
        build_parser().print_help()
        print("\ncommands (each has --help):")
        for name, module in COMMANDS.items():
            print(f"  {name:8s} {module.SUMMARY}")
        return 0

    def gui() -> int:
        gui_args = build_parser().parse_args(args_list)
        from ui.app import run_gui  # Qt is imported only when the GUI is wanted

        return run_gui(
            gui_args.mission,
            screenshot=gui_args.screenshot,
            language=gui_args.lang,
            size=gui_args.size,
        )

    return guarded(gui)
