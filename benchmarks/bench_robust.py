"""Benchmark of robust planning (issue 12): ``python -m benchmarks.bench_robust``.

One run on the demo mission (190 teams), each variant planned by the real command
(``python main.py plan``, 10 s limit, seed 0) on its own copy, then rehearsed 1,000
times (seed 0) under the default delay model (Settings group "Election-day realism"):

* **current**: the planner as before issue 12 (robust features off via settings:
  count arrival 15 min before closing, no cap on voting visits, no count target);
* **robust**: the defaults (30 min, at most 10 voting visits, target 0.98);
* **robust, no cap**: the defaults without the cap on voting visits;
* **robust, no cap, 15 min**: and with the old count arrival (15 min before closing):
  the count target and leave-by rule alone.

Each plan is rehearsed with its own sheet's rule (its own count margin), under the
same delays. Prints the figures and records them as the "robust" section of
docs/benchmarks.md (``--no-record`` to skip). Skips cleanly without the demo.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from benchmarks._record import record_section
from benchmarks.bench_plan import DEMO, run_command
from planner.coverage import coverage
from planner.export.coverage_expected import expected_by_area
from planner.export.sheet_robust import sheet_extras
from planner.io.mission import open_mission, save_mission
from planner.model import Settings
from planner.rehearsal import DelayModel, rehearse, station_prizes_of
from planner.solver.robust import make_robust
from planner.travel import provider_for
from planner.validate import validate_plan

VARIANTS: dict[str, dict[str, object]] = {
    "current": {
        "arrive_before_close_min": 15,
        "max_voting_visits": 0,
        "count_target_probability": 0.0,
    },
    "robust": {},
    "robust, no cap": {"max_voting_visits": 0},
    "robust, no cap, 15 min": {"max_voting_visits": 0, "arrive_before_close_min": 15},
}

RUNS = 1000


def _variant_file(name: str, changes: dict[str, object], folder: Path) -> Path:
    mission = open_mission(DEMO)
    mission = replace(mission, settings=replace(mission.settings, **changes), plans=())
    path = folder / f"{name.replace(' ', '_').replace(',', '')}.gpkg"
    save_mission(mission, path)
    return path


def measure(name: str, changes: dict[str, object], folder: Path) -> dict[str, float]:
    wall, copy, _err = run_command(_variant_file(name, changes, folder), 10.0, 0)
    mission = open_mission(copy)
    plan = mission.current_plan
    assert plan is not None
    delay = DelayModel.from_settings(Settings())  # the same delays for every variant
    t0 = time.monotonic()
    r = rehearse(mission, plan, runs=RUNS, seed=0, delay=delay)
    took = time.monotonic() - t0
    s = coverage(mission, plan).summary()
    t0 = time.monotonic()
    sheet_extras(mission, plan.routes)
    t1 = time.monotonic()
    expected_by_area(mission, plan)
    t2 = time.monotonic()
    make_robust(  # the robust check's judging pass over the final routes
        mission,
        plan.routes,
        editable={r.team_id for r in plan.routes},
        prizes=station_prizes_of(mission),
        travel=provider_for(mission.settings),
    )
    t3 = time.monotonic()
    return {
        "sheet_s": t1 - t0,
        "coverage_s": t2 - t1,
        "judge_s": t3 - t2,
        "wall": wall,
        "rehearsal_s": took,
        "planned": float(r.planned_visits),
        "expected": r.expected_visits,
        "expected_value": r.expected_value,
        "count_share": r.count_share,
        "teams_below": float(sum(1 for t in r.teams if t.p_count < 0.98)),
        "opening_share": r.opening_share,
        "openings": float(s["openings"] or 0),
        "counts": float(s["counts"] or 0),
        "decs": float(s["tabulation_decs"] or 0),
        "violations": float(len(validate_plan(mission, plan))),
        "max_visits": float(max(len(x.phase_visits("voting")) for x in plan.routes)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args(argv)
    if not DEMO.exists():
        print(f"skipped: {DEMO} not found")
        return 0
    import tempfile

    load_before = os.getloadavg()[0]
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-robust-") as tmp:
        for name, changes in VARIANTS.items():
            results[name] = measure(name, changes, Path(tmp))
            print(name, {k: round(v, 3) for k, v in results[name].items()}, flush=True)
    names = list(VARIANTS)
    rows = [
        ("voting visits planned", "planned", "{:.0f}"),
        ("voting visits expected (completed)", "expected", "{:.0f}"),
        ("expected value (prize-weighted)", "expected_value", "{:.0f}"),
        ("teams at the count before closing", "count_share", "{:.1%}"),
        ("teams below 98 % chance of the count", "teams_below", "{:.0f}"),
        ("teams at the opening on time", "opening_share", "{:.1%}"),
        ("most voting visits of one team", "max_visits", "{:.0f}"),
        ("openings / counts planned", "openings", "{:.0f}"),
        ("DECs at tabulation", "decs", "{:.0f}"),
        ("validator violations", "violations", "{:.0f}"),
        ("wall time of `python main.py plan` (s)", "wall", "{:.1f}"),
        (f"rehearsal of {RUNS} runs (s)", "rehearsal_s", "{:.2f}"),
        ("robust check, judging pass over the plan (s)", "judge_s", "{:.2f}"),
        ("route sheets' leave-by, drop order, full day (s)", "sheet_s", "{:.2f}"),
        ("coverage.csv's expected columns (s)", "coverage_s", "{:.2f}"),
    ]
    lines = [
        f"Demo mission, 190 teams, `plan --time-limit 10 --seed 0`; each plan rehearsed "
        f"{RUNS} times (seed 0) under the default delay model (drives x1.1 median, "
        "spread 0.25; +12 min per voting visit on average; 3 % refused). Each variant's "
        "teams follow their own sheet (its count margin and leave-by times).",
        "",
        "| | " + " | ".join(names) + " |",
        "| --- | " + " | ".join("---:" for _ in names) + " |",
    ]
    for label, key, fmt in rows:
        vals = []
        for n in names:
            v = results[n][key]
            if key == "openings":
                vals.append(f"{v:.0f} / {results[n]['counts']:.0f}")
            else:
                vals.append(fmt.format(v))
        lines.append(f"| {label} | " + " | ".join(vals) + " |")
    cur, rob = results["current"], results["robust"]
    margin_cost = (
        results["robust, no cap, 15 min"]["expected"] - results["robust, no cap"]["expected"]
    )
    lines += [
        "",
        f"Machine load (1-min average) {load_before:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end: wall times are comparable between the "
        'variants of one run, not with measurements on a quiet machine (the "plan" '
        "section: 38-48 s). The last three rows are what robust planning adds to the "
        "command (measured in-process on the stored plan; the judging pass does not "
        "include the re-timing of the teams it trims).",
        "",
        f"Expected visits lost to the cap of 10 (the issue's default): "
        f"{results['robust, no cap']['expected'] - rob['expected']:.0f} "
        f"({rob['planned']:.0f} vs {results['robust, no cap']['planned']:.0f} planned); "
        f"to the safe drive to the count and the slack: "
        f"{cur['expected'] - results['robust, no cap, 15 min']['expected']:.0f}; to the "
        "30-min margin: "
        f"{margin_cost:.0f}. "
        "With the sheet's skip rule (leave-by times, drop order) more planned stops are "
        "more options, so planning fewer stops does not raise the expected visits.",
        "",
        f"Targets: count before closing >= 98 % (robust {rob['count_share']:.1%}: "
        f"{'met' if rob['count_share'] >= 0.98 else 'NOT met'}); plan wall time <= 60 s "
        f"({rob['wall']:.1f} s: {'met' if rob['wall'] <= 60 else 'NOT met'}); expected "
        f"visits >= the current planner's ({rob['expected']:.0f} vs {cur['expected']:.0f}: "
        f"{'met' if rob['expected'] >= cur['expected'] else 'NOT met'}; without the cap "
        f"{results['robust, no cap']['expected']:.0f}) and >= 1,900 "
        f"({'met' if rob['expected'] >= 1900 else 'NOT met'}: with at most 10 visits a "
        "team, 190 teams can plan at most 1,900, so expected visits stay below that).",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_record:
        record_section("robust", "Robust plans under delays (issue 12)", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
