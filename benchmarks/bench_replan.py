"""Benchmark: last-minute changes on the demo mission (issue 7).

Scenario (deterministic for a seed): 5 teams of one base unavailable (a cancelled
flight), 20 stations with shifted hours (10 in the plan, 10 not), 3 planned stations
closed, 1 area blocked around a planned station, 1 priority DEC. Measures the re-plan's
wall time, validator violations, how many teams no change touched were altered, and
the coverage lost compared with planning the changed mission from scratch.

    python -m benchmarks.bench_replan [--time-limit 60] [--seed 0] [--cache FILE]
    python -m benchmarks.bench_replan --command [--cache FILE]

``--cache`` keeps the planned demo mission in a file so that repeated runs skip the
first full plan. ``--command`` times the whole ``main.py replan`` command instead
(every output, booklet included), once after the plan's outputs were written (the
usual case: route sheets already printed are reused) and once with an empty cache.
Writes its section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._record import record_section
from planner.coverage import coverage
from planner.io.mission import open_mission, save_mission
from planner.model import Mission, Plan
from planner.replan.changes import (
    AreaBlocked,
    Change,
    PriorityChange,
    StationClosed,
    TeamUnavailable,
    VotingHours,
    apply_changes,
)
from planner.replan.core import replan
from planner.solver import solve
from planner.validate import validate_plan

TARGET_S = 10.0
TARGET_ALTERED = 10


def demo_mission() -> Mission:
    from geodata import DEMO_MISSION

    if DEMO_MISSION.exists():
        return open_mission(DEMO_MISSION)
    from geodata.build_demo import build_mission  # the committed file is not there yet

    return build_mission()


def planned(cache: Path | None, time_limit: float, seed: int) -> tuple[Mission, float]:
    if cache is not None and cache.exists():
        return open_mission(cache), 0.0
    mission = demo_mission()
    t0 = time.perf_counter()
    plan = solve(mission, time_limit_s=time_limit, seed=seed)
    seconds = time.perf_counter() - t0
    mission = mission.with_plan(plan)
    if cache is not None:
        save_mission(mission, cache)
    return mission, seconds


def scenario(mission: Mission, seed: int) -> list[Change]:
    """The changes of the issue's scenario, chosen from the mission's current plan."""
    rng = random.Random(seed)
    plan = mission.current_plan
    assert plan is not None
    routes = [r for r in plan.routes if r.visits]
    by_base: dict[str, list[str]] = {}
    for r in routes:
        by_base.setdefault(mission.team_by_id[r.team_id].base_id, []).append(r.team_id)
    big = sorted(
        (b for b, ts in by_base.items() if len(ts) >= 8), key=lambda b: (-len(by_base[b]), b)
    )
    base_id = big[min(1, len(big) - 1)]  # not the capital's: a regional flight
    lost = sorted(rng.sample(sorted(by_base[base_id]), 5))
    changes: list[Change] = [TeamUnavailable(t) for t in lost]
    others = [r for r in routes if r.team_id not in lost]
    voting = sorted({(r.team_id, v.ps_id) for r in others for v in r.visits if v.phase == "voting"})
    picked = rng.sample(voting, 14)
    closed = [ps for _, ps in picked[:3]]
    changes += [StationClosed(ps) for ps in closed]
    planned_ids = {v.ps_id for r in routes for v in r.visits if v.ps_id}
    shifted_in = [ps for _, ps in picked[3:13]]
    free = sorted(
        p.ps_id
        for p in mission.polling_stations
        if p.ps_id not in planned_ids and p.located and p.status == "open"
    )
    shifted = shifted_in + rng.sample(free, 10)
    for i, ps in enumerate(shifted):
        # as 2011's DECs did: later opening or earlier closing
        if i % 2:
            changes.append(VotingHours(ps, open_time=8 * 60))
        else:
            changes.append(VotingHours(ps, close_time=18 * 60))
    centre = mission.station_by_id[picked[13][1]]
    assert centre.lat is not None and centre.lon is not None
    d = 0.05  # about 5 km
    lon, lat = round(centre.lon, 5), round(centre.lat, 5)
    changes.append(
        AreaBlocked(
            (
                (round(lon - d, 5), round(lat - d, 5)),
                (round(lon + d, 5), round(lat - d, 5)),
                (round(lon + d, 5), round(lat + d, 5)),
                (round(lon - d, 5), round(lat + d, 5)),
            ),
            name="road closed (benchmark)",
        )
    )
    decs = sorted({p.dec_id for p in mission.polling_stations if p.settlement == "rural"})
    changes.append(PriorityChange(3.0, dec_id=rng.choice(decs)))
    return changes


def _dec_eyes(plan: Plan, dec_id: str) -> str:
    """Voting visits in a DEC and whether its tabulation is followed, e.g. ``9, tab``."""
    visits = sum(1 for _, _, v in plan.visits() if v.phase == "voting" and v.dec_id == dec_id)
    tab = any(v.phase == "tabulation" and v.dec_id == dec_id for _, _, v in plan.visits())
    return f"{visits}{', tab' if tab else ''}"


TARGET_COMMAND_S = 10.0
ROOT = Path(__file__).resolve().parent.parent
_WARM = """
import sys
from pathlib import Path
from planner.app import export_outputs
from planner.io.mission import open_mission
from sheets_qt.printer import print_sheets_blocking
m = open_mission(Path(sys.argv[1]))
export_outputs(m, m.current_plan, Path(sys.argv[2]), printer=print_sheets_blocking)
"""


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return seconds


def command_benchmark(mission: Mission, seed: int, *, record: bool) -> int:
    """Time ``main.py replan`` (whole command, every output) on the scenario."""
    from planner.replan.changes import changes_to_yaml

    with tempfile.TemporaryDirectory(prefix="bench-replan-") as tmp_name:
        tmp = Path(tmp_name)
        planned_file = tmp / "planned.gpkg"
        save_mission(mission, planned_file)
        changes = tmp / "CHANGES.yaml"
        changes.write_text(changes_to_yaml(scenario(mission, seed)), encoding="utf-8")
        env = dict(os.environ, STO_PLANNER_CACHE=str(tmp / "cache"))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        py = sys.executable

        def replan_cmd(name: str) -> list[str]:
            target = tmp / f"{name}.gpkg"
            shutil.copy(planned_file, target)
            return [py, "main.py", "replan", str(target), "--changes", str(changes),
                    "--out", str(tmp / f"out-{name}"), "--seed", str(seed)]  # fmt: skip

        cold_s = _timed(replan_cmd("cold"), env)
        shutil.rmtree(tmp / "cache")
        warm_up_s = _timed([py, "-c", _WARM, str(planned_file), str(tmp / "out-plan")], env)
        # the machine may be shared: three runs, each on a fresh copy of the planned file
        load = os.getloadavg()[0]
        runs = sorted(_timed(replan_cmd(f"warm{i}"), env) for i in range(3))
        warm_s = runs[0]
        files = sum(1 for p in (tmp / "out-warm0").rglob("*") if p.is_file())
    ok = warm_s <= TARGET_COMMAND_S
    body = "\n".join(
        [
            "`python main.py replan DEMO --changes CHANGES.yaml --out DIR` on the demo mission "
            "(190 teams) with the scenario above (seed "
            f"{seed}), whole command: start-up, re-plan, validation, saving the mission "
            f"file and all {files} output files, booklet included.",
            "",
            "| case | wall time | target |",
            "| --- | ---: | ---: |",
            f"| after the plan's outputs were written (sheets cached), best of 3 | {warm_s:.1f} s "
            f"(others {runs[1]:.1f} s, {runs[2]:.1f} s) | "
            f"<= {TARGET_COMMAND_S:g} s {'(met)' if ok else '(MISSED)'} |",
            f"| with an empty cache (every sheet printed) | {cold_s:.1f} s | |",
            f"| writing the plan's outputs first (empty cache) | {warm_up_s:.1f} s | |",
            "",
            f"Load average when the timed runs started: {load:.1f} (other work shares "
            "the machine; the spread of the three runs shows its effect). "
            "Before the sheet cache (issue 10) the command took about 32 s. Each team's "
            "printed pages are cached under a hash of its sheet's HTML, page size, fonts "
            "and printer version, and each voting stop's alternates under a hash of what "
            "they depend on; the booklet is joined from the cached pages.",
        ]
    )
    print(body)
    if record:
        record_section("replan_command", "Re-plan command with every output", body)
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0915  # size: one timing step after another; to split
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=60.0, help="for the full plans")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument(
        "--scenarios", type=int, default=5, help="scenario draws to re-plan (the first is compared)"
    )
    parser.add_argument(
        "--command", action="store_true", help="time the whole replan command (all outputs)"
    )
    args = parser.parse_args(argv)

    mission, plan_s = planned(args.cache, args.time_limit, args.seed)
    if args.command:
        return command_benchmark(mission, args.seed, record=not args.no_record)
    base = mission.current_plan
    assert base is not None
    draws = []
    for i in range(max(1, args.scenarios)):
        sc = scenario(mission, args.seed + i)
        t0 = time.perf_counter()
        res = replan(mission, sc)
        seconds = time.perf_counter() - t0
        bad = validate_plan(res.mission, res.plan)
        lost_teams = {t.team_id for t in res.teams if t.why.startswith("team unavailable")}
        direct_i = set(res.touched) | lost_teams
        alt = [
            t.team_id for t in res.teams if t.status != "unchanged" and t.team_id not in direct_i
        ]
        prio = next(c for c in sc if isinstance(c, PriorityChange))
        focus = (
            f"{prio.dec_id}: {_dec_eyes(base, prio.dec_id)} -> {_dec_eyes(res.plan, prio.dec_id)}"
        )
        draws.append((args.seed + i, seconds, len(bad), len(direct_i), len(alt), res, focus))
        print(
            f"scenario {args.seed + i}: {seconds:.2f} s, {len(bad)} violations, "
            f"{len(direct_i)} touched, {len(alt)} others altered",
            file=sys.stderr,
        )
    changes = scenario(mission, args.seed)
    _, replan_s, _, _, _, result, _ = draws[0]
    t1 = time.perf_counter()
    violations = validate_plan(result.mission, result.plan)
    validate_s = time.perf_counter() - t1

    direct = set(result.touched) | {
        t.team_id for t in result.teams if t.why.startswith("team unavailable")
    }
    altered = [
        t.team_id for t in result.teams if t.status != "unchanged" and t.team_id not in direct
    ]
    changed = [t for t in result.teams if t.status != "unchanged"]

    after, _ = apply_changes(mission, changes)
    t2 = time.perf_counter()
    scratch = solve(after, time_limit_s=args.time_limit, seed=args.seed)
    scratch_s = time.perf_counter() - t2
    scratch_changed = sum(
        1 for r in scratch.routes if base.route(r.team_id) is None or base.route(r.team_id) != r
    )
    keys = ("openings", "voting_visits", "distinct_voting_stations", "counts", "tabulation_decs")
    cov_base = coverage(mission, base).summary()
    cov_re = coverage(result.mission, result.plan).summary()
    cov_new = coverage(after, scratch).summary()

    rows = [
        "| figure | plan before | re-plan | full plan from scratch | lost vs scratch |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for k in keys:
        lost = int(cov_new[k]) - int(cov_re[k])
        rows.append(f"| {k} | {cov_base[k]} | {cov_re[k]} | {cov_new[k]} | {lost} |")
    worst_s = max(d[1] for d in draws)
    all_bad = sum(d[2] for d in draws)
    worst_alt = max(d[4] for d in draws)
    ok_time = worst_s <= TARGET_S
    ok_alt = worst_alt <= TARGET_ALTERED
    draw_rows = [
        "| scenario draw | re-plan | violations | teams touched | others altered "
        "| priority DEC: voting visits (tab = tabulation followed), before -> after |",
        "| ---: | ---: | ---: | ---: | ---: | --- |",
        *(f"| {d[0]} | {d[1]:.2f} s | {d[2]} | {d[3]} | {d[4]} | {d[6]} |" for d in draws),
    ]
    body = "\n".join(
        [
            f"Demo mission, {len(mission.available_teams)} available teams, plan from "
            f"`solve` ({args.time_limit:g} s limit, seed {args.seed}). Scenario: 5 teams of one "
            "base unavailable, 20 stations with shifted hours (10 planned), 3 planned stations "
            "closed, 1 area (about 11 x 11 km) blocked around a planned station, 1 rural DEC "
            "with priority 3.",
            "",
            "| measure | result | target |",
            "| --- | ---: | ---: |",
            f"| re-plan wall time | {replan_s:.2f} s (worst of {len(draws)} draws "
            f"{worst_s:.2f} s) | <= {TARGET_S:g} s {'(met)' if ok_time else '(MISSED)'} |",
            f"| validator violations | {len(violations)} (all draws: {all_bad}) | 0 |",
            f"| teams changed (incl. removed/added) | {len(changed)} | |",
            f"| teams touched directly by a change | {len(direct)} | |",
            f"| teams no change touched that were altered | {len(altered)} (worst draw "
            f"{worst_alt}) | <= {TARGET_ALTERED} {'(met)' if ok_alt else '(MISSED)'} |",
            f"| day-model checks (time_route calls) | {int(result.stats['time_route_calls'])} | |",
            f"| validate_plan after the re-plan | {validate_s:.2f} s | |",
            f"| full plan from scratch (for comparison) | {scratch_s:.1f} s, changes "
            f"{scratch_changed} teams | |",
            "",
            *rows,
            "",
            "Other draws of the same scenario (other teams, stations, area and DEC):",
            "",
            *draw_rows,
            "",
            "Lost vs scratch > 0 means planning again from scratch would observe that many "
            "more (< 0: the re-plan observes more); the price is re-briefing almost every "
            "team. The plan from scratch has the same time limit as the first plan, so its "
            "figures vary with the machine's load between runs.",
        ]
    )
    print(body)
    if result.warnings:
        print("warnings:", *result.warnings, sep="\n  ", file=sys.stderr)
    if plan_s:
        print(f"(first plan took {plan_s:.1f} s)", file=sys.stderr)
    if not args.no_record:
        record_section("replan", "Re-planning after last-minute changes", body)
    return 0 if (ok_time and ok_alt and not all_bad) else 1


if __name__ == "__main__":
    sys.exit(main())
