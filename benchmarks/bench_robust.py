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

For each robust variant the same plan is also rehearsed with every team's count
margin set back to the flat planned 30 min (as before per-team margins): the
difference is what the margins chosen by the robust check add. One more variant,
**routed for the delayed day**, is made in-process: the routing core given voting
visits 12 min longer and drives 13.5 % slower (the delay model's means), no cap, then
every day re-timed with the real durations and made robust: planning for the delayed
day instead of the estimate.

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
from planner.day import InfeasibleRoute, stops_of, time_route
from planner.export.coverage_expected import expected_by_area
from planner.export.sheet_robust import sheet_extras
from planner.io.mission import open_mission, save_mission
from planner.model import Plan, Settings
from planner.rehearsal import DelayModel, rehearse, station_prizes_of
from planner.solver import solve
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
    flat = rehearse(mission, _flat(plan), runs=RUNS, seed=0, delay=delay)
    return {
        "expected_flat": flat.expected_visits,
        "count_share_flat": flat.count_share,
        "teams_below_flat": float(sum(1 for t in flat.teams if t.p_count < 0.98)),
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


def _flat(plan: Plan) -> Plan:
    """``plan`` with every team's count margin back to the planned one."""
    return replace(plan, routes=tuple(replace(r, count_margin_min=None) for r in plan.routes))


def measure_delayed_routing(folder: Path) -> dict[str, float]:
    """The routing core planning for the delayed day (see the module docstring)."""
    real = open_mission(_variant_file("delayed", VARIANTS["robust, no cap"], folder))
    s = real.settings
    slow = 1.135  # mean drive-time ratio of the default model: 1.1 x exp(0.25^2 / 2)
    delayed = replace(
        s,
        voting_observation_min=s.voting_observation_min + round(s.delay_visit_extra_min),
        speed_town_kmh=s.speed_town_kmh / slow,
        speed_rural_kmh=s.speed_rural_kmh / slow,
        speed_intercity_kmh=s.speed_intercity_kmh / slow,
        count_target_probability=0.0,
    )
    t0 = time.monotonic()
    routed = solve(replace(real, settings=delayed), time_limit_s=10.0, seed=0)
    travel = provider_for(s)
    timed = []
    for r in routed.routes:
        try:
            timed.append(time_route(real, r.team_id, (r.start_lat, r.start_lon), stops_of(r)))
        except InfeasibleRoute:
            continue  # (none on the demo) a day that only worked with the slower roads
    robust = make_robust(
        real,
        timed,
        editable={r.team_id for r in timed},
        prizes=station_prizes_of(real),
        travel=travel,
    )
    plan = replace(routed, routes=tuple(robust))
    wall = time.monotonic() - t0
    rh = rehearse(real, plan, runs=RUNS, seed=0, delay=DelayModel.from_settings(Settings()))
    return {
        "wall": wall,
        "planned": float(rh.planned_visits),
        "expected": rh.expected_visits,
        "count_share": rh.count_share,
        "teams_below": float(sum(1 for t in rh.teams if t.p_count < 0.98)),
        "violations": float(len(validate_plan(real, plan))),
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
        delayed = measure_delayed_routing(Path(tmp))
        print("routed for the delayed day", delayed, flush=True)
    names = list(VARIANTS)
    rows = [
        ("voting visits planned", "planned", "{:.0f}"),
        ("voting visits expected (completed)", "expected", "{:.0f}"),
        ("expected value (prize-weighted)", "expected_value", "{:.0f}"),
        ("teams at the count before closing", "count_share", "{:.1%}"),
        ("teams below 98 % chance of the count", "teams_below", "{:.0f}"),
        ("same plan, flat 30-min margin: voting visits expected", "expected_flat", "{:.0f}"),
        (
            "same plan, flat 30-min margin: at the count before closing",
            "count_share_flat",
            "{:.1%}",
        ),
        ("same plan, flat 30-min margin: teams below 98 %", "teams_below_flat", "{:.0f}"),
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
    free = results["robust, no cap"]
    margin_cost = results["robust, no cap, 15 min"]["expected"] - free["expected"]
    refused = Settings().delay_visit_refused
    lines += [
        "",
        f"Machine load (1-min average) {load_before:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end: wall times are comparable between the "
        'variants of one run, not with measurements on a quiet machine (the "plan" '
        "section). The last three rows are what robust planning adds to the "
        "command (measured in-process on the stored plan; the judging pass does not "
        "include the re-timing of the teams it trims).",
        "",
        f"Per-team count margins (the robust check's step 2) add "
        f"{rob['expected'] - rob['expected_flat']:.0f} expected visits to the robust plan "
        f"and {free['expected'] - free['expected_flat']:.0f} to the one without the cap, "
        "against the same plans with the flat 30-min margin; in the robust check's own "
        "replays every team keeps at least 98 % for its count (the table's replays use "
        "another seed: the few teams below are within its sampling error, docs/planning.md "
        "§8).",
        "",
        f"Routed for the delayed day (the routing core given the delay model's mean "
        f"durations, no cap, then made robust): {delayed['planned']:.0f} visits planned, "
        f"{delayed['expected']:.0f} expected, {delayed['count_share']:.1%} at the count, "
        f"{delayed['violations']:.0f} violations ({delayed['wall']:.1f} s in-process), "
        f"against {free['planned']:.0f} planned and {free['expected']:.0f} expected when "
        "routed for the estimate. With the sheet's skip rule (leave-by times, drop order) "
        "every planned stop is an option the team takes when the day allows: planning "
        "fewer, safer stops does not raise the visits completed, so the routing core keeps "
        "maximising the planned value, and the robust check (judged by expected value) "
        "adds the slack.",
        "",
        f"Expected visits lost to the cap of 10 (the issue's default): "
        f"{free['expected'] - rob['expected']:.0f} ({rob['planned']:.0f} vs "
        f"{free['planned']:.0f} planned). The 30-min planned margin against 15 min: "
        f"{-margin_cost:+.0f} (with per-team margins it is a reserve the sheet lets a "
        "team use where its day allows).",
        "",
        f"Targets: count before closing >= 98 % (robust {rob['count_share']:.1%}: "
        f"{'met' if rob['count_share'] >= 0.98 else 'NOT met'}; teams below 98 %: "
        f"{rob['teams_below']:.0f}, current planner {cur['teams_below']:.0f}); plan wall "
        f"time <= 60 s ({rob['wall']:.1f} s: {'met' if rob['wall'] <= 60 else 'NOT met'}); "
        f"expected visits >= the current planner's ({rob['expected']:.0f} vs "
        f"{cur['expected']:.0f}: {'met' if rob['expected'] >= cur['expected'] else 'NOT met'}; "
        f"without the cap {free['expected']:.0f}: "
        f"{'met' if free['expected'] >= cur['expected'] else 'NOT met'}) and >= 1,900 "
        f"({'met' if rob['expected'] >= 1900 else 'NOT met'}: with at most 10 visits a "
        f"team, 190 teams plan at most 1,900, and with {refused:.0%} of visits refused "
        f"at most {1900 * (1 - refused):,.0f} are expected even if no stop were ever "
        "skipped).",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_record:
        record_section("robust", "Robust plans under delays (issue 12)", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
