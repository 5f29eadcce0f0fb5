"""`python main.py import MISSION.gpkg --kind KIND FILE`: replace one layer of a mission."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cli.progress import StderrProgress
from planner.io.importers import KINDS, import_into

SUMMARY = "replace one layer of a mission with a checked CSV/XLSX/GeoJSON/GPKG/SHP file"

DESCRIPTION = """\
Replace one layer of the mission (regions, decs, dec_areas, polling_stations, bases
or teams) with the rows of FILE: a CSV (UTF-8, Windows-1251 or KZ-1048; comma or
semicolon), an XLSX workbook or a GeoPackage (the sheet or layer named like KIND,
else the first; or --layer NAME), a GeoJSON or a Shapefile. Headers are matched
tolerantly (case, spaces, English and Russian aliases such as «Номер участка»,
«Широта», «Долгота»).

All or nothing: every problem is printed as FILE:ROW:COLUMN: message (ROW as a
spreadsheet shows it, header = row 1) and the mission file is left unchanged
(exit status 2). An import REPLACES the layer. See docs/cli.md for the columns of
each kind."""


def add_parser(sub: Any, name: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=SUMMARY,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("mission", type=Path, metavar="MISSION.gpkg", help="the mission file")
    parser.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    parser.add_argument("--kind", required=True, choices=KINDS, help="which layer FILE replaces")
    parser.add_argument(
        "--layer",
        metavar="NAME",
        help="sheet of a workbook or layer of a GeoPackage to read (default: the one named "
        "like KIND, else the first)",
    )
    parser.add_argument(
        "--create",
        action="store_true",
        help="make a new, empty mission file if MISSION.gpkg does not exist",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check FILE against the mission and report, but write nothing",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    progress = StderrProgress()
    result = import_into(
        args.mission,
        args.kind,
        args.file,
        layer=args.layer,
        create=args.create,
        dry_run=args.dry_run,
        progress=progress,
    )
    print(f"{args.mission}: {result.summary()}", file=sys.stderr)
    return 0
