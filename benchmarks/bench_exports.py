"""Benchmark the exports on the demo mission: the 190-team booklet and the map file.

Targets (issue 6): the whole route-sheet booklet in at most 60 s, the coverage map
file at most 15 MB. Uses a real plan from ``planner.solver.solve`` when it works
(``--solver-seconds``), else a plausible synthetic plan (each team works one DEC
near its base), and says which.

    python -m benchmarks.bench_exports [--solver-seconds 60] [--synthetic] [--no-record]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._record import record_section  # noqa: E402
from planner.model import Mission, Plan  # noqa: E402

BOOKLET_TARGET_S = 60.0
MAP_TARGET_MB = 15.0


def _mission() -> tuple[Mission, str]:
    from geodata import DEMO_MISSION

    if DEMO_MISSION.exists():
        from planner.io.mission import open_mission

        return open_mission(DEMO_MISSION), DEMO_MISSION.name
    from geodata.build_demo import build_mission

    return build_mission(), "demo mission built in memory (gpkg not present)"


def _plan(mission: Mission, solver_seconds: float, synthetic: bool) -> tuple[Plan, str]:
    if not synthetic:
        try:
            from planner.solver import solve

            t0 = time.perf_counter()
            plan = solve(mission, time_limit_s=solver_seconds, seed=0)
            return plan, f"planner.solver.solve ({time.perf_counter() - t0:.0f} s, seed 0)"
        except Exception as exc:  # a benchmark reports, it does not stop
            print(f"solver failed ({exc}); using a synthetic plan", file=sys.stderr)
    from tests.planner.export._export_plan import greedy_plan

    return greedy_plan(mission), "synthetic plan (one DEC per team, nearest-neighbour tour)"


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0915  # size: one timing step after another; to split
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solver-seconds", type=float, default=60.0)
    parser.add_argument("--synthetic", action="store_true", help="skip the solver")
    parser.add_argument("--no-record", action="store_true", help="do not write docs")
    parser.add_argument("--keep", type=Path, help="also copy the outputs into this folder")
    args = parser.parse_args(argv)

    from planner.export.alternates import find_alternates
    from planner.export.coverage_map import write_coverage_map
    from planner.export.gpx import write_gpx
    from planner.export.kml import write_kml
    from planner.export.route_sheet import route_sheets_html
    from sheets_qt.engine import html_to_pdf
    from sheets_qt.printer import write_route_sheets_pdf

    mission, source = _mission()
    plan, plan_source = _plan(mission, args.solver_seconds, args.synthetic)
    teams = sum(1 for r in plan.routes if r.visits)
    stops = sum(len(r.visits) for r in plan.routes)
    voting = sum(1 for _, _, v in plan.visits() if v.phase == "voting")
    print(f"mission: {source}; plan: {plan_source}; {teams} teams, {stops} stops")

    with tempfile.TemporaryDirectory() as tmp_name:
        # an empty sheet cache: every sheet is printed (the worst case, a first export)
        os.environ["STO_PLANNER_CACHE"] = str(Path(tmp_name) / "cache")
        out = args.keep or Path(tmp_name)
        out.mkdir(parents=True, exist_ok=True)
        # The parts, for the table...
        t0 = time.perf_counter()
        alts = find_alternates(mission, plan)
        t_alt = time.perf_counter() - t0
        with_alt = sum(1 for a in alts.values() if a)
        t1 = time.perf_counter()
        html = route_sheets_html(mission, plan, alternates=alts)
        t_html = time.perf_counter() - t1
        html_file = Path(tmp_name) / "route_sheets.html"
        html_file.write_text(html, encoding="utf-8")
        t2 = time.perf_counter()
        html_to_pdf(html_file, Path(tmp_name) / "one_pass.pdf")
        t_pdf = time.perf_counter() - t2
        # ...and the booklet as users get it (alternates, each sheet, the contents).
        t3 = time.perf_counter()
        pdf = write_route_sheets_pdf(mission, plan, out / "route_sheets.pdf")
        booklet_s = time.perf_counter() - t3
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
        pdf_mb = pdf.stat().st_size / 1e6

        t5 = time.perf_counter()
        map_path = write_coverage_map(mission, plan, out / "coverage_map.html")
        t_map = time.perf_counter() - t5
        map_mb = map_path.stat().st_size / 1e6

        t4 = time.perf_counter()
        for r in plan.routes:
            if r.visits:
                write_gpx(mission, r, out / "gpx" / f"{r.team_id}.gpx")
                write_kml(mission, r, out / "kml" / f"{r.team_id}.kml")
        t_field = time.perf_counter() - t4

    ok_booklet = booklet_s <= BOOKLET_TARGET_S
    ok_map = map_mb <= MAP_TARGET_MB
    lines = [
        f"Mission: {source}. Plan: {plan_source}: {teams} teams, {stops} stops, "
        f"{voting} voting visits.",
        "",
        "| what | measured | target |",
        "| --- | --- | --- |",
        f"| route-sheet booklet, all teams (`write_route_sheets_pdf`) | {booklet_s:.1f} s, "
        f"{pages} pages, {pdf_mb:.1f} MB | <= {BOOKLET_TARGET_S:.0f} s "
        f"{'(met)' if ok_booklet else '(MISSED)'} |",
        f"| — alternates for {voting} voting stops ({with_alt} with at least one) | "
        f"{t_alt:.1f} s | |",
        f"| — HTML | {t_html:.1f} s | |",
        f"| — one Qt WebEngine printToPdf (the booklet prints twice for its contents) | "
        f"{t_pdf:.1f} s | |",
        f"| coverage_map.html | {map_mb:.1f} MB, {t_map:.1f} s | <= {MAP_TARGET_MB:.0f} MB "
        f"{'(met)' if ok_map else '(MISSED)'} |",
        f"| GPX + KML for every team | {t_field:.2f} s | |",
        "",
        "Run: `python -m benchmarks.bench_exports` (the machine is shared: times are noisy).",
    ]
    body = "\n".join(lines)
    print(body)
    if not args.no_record:
        record_section("exports", "Exports: route-sheet booklet and coverage map", body)
    return 0 if ok_booklet and ok_map else 1


if __name__ == "__main__":
    raise SystemExit(main())
