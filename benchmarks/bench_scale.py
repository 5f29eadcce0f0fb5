"""Benchmark: plan 100,000 polling stations with ``--time-limit 10`` (target: the
solve within 20 s of wall time; the time limit holds at every scale).

Builds, in a temporary folder, a mission with 17 regions tiling a Kazakhstan-sized
area, a base per region, 12 DECs per region, N stations spread over the regions
(a third rural, one in 40 special) and T teams spread over the bases, saves it, then
times the whole command ``python main.py plan MISSION --out DIR --time-limit 10
--dry-run`` in a fresh process. Reports: the solve (from the mission opened to the
plan validated, read from the progress lines), the whole command, the longest gap
between two progress lines during the solve (progress throughout), and the peak
memory (maximum resident set size of the command and its workers).

Usage: python -m benchmarks.bench_scale [N] [TEAMS]   (default 100000 190; records)
"""

from __future__ import annotations

import itertools
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._grid import grid_country
from benchmarks._record import record_section
from planner.io.mission import save_mission
from planner.model import Dec, Mission, PollingStation, Settings, Team

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 20.0
TIME_LIMIT = 10


def scale_mission(n: int, n_teams: int, seed: int = 7) -> Mission:
    """A synthetic mission of ``n`` stations and ``n_teams`` teams (see module doc)."""
    rng = random.Random(seed)
    regions, bases, corners = grid_country()
    decs = [
        Dec(
            f"{rid}-D{d:02d}",
            rid,
            f"DEC {d}",
            lat0 + 0.5 + 3.0 * ((d - 1) // 4) / 3,
            lon0 + 0.5 + 4.0 * ((d - 1) % 4) / 4,
        )
        for rid, lon0, lat0 in corners
        for d in range(1, 13)
    ]
    stations = []
    for i in range(n):
        dec = decs[i % len(decs)]
        rural = i % 3 == 0
        spread = 0.4 if rural else 0.05
        stations.append(
            PollingStation(
                f"{dec.dec_id}-{i // len(decs) + 1:05d}",
                i // len(decs) + 1,
                dec.region_id,
                dec.dec_id,
                f"School {i}",
                f"Street {i}",
                "rural" if rural else "urban",
                "regular" if i % 40 else "hospital",
                rng.randint(50, 3000),
                7 * 60,
                20 * 60,
                round(dec.lat + rng.uniform(-spread, spread), 5),
                round(dec.lon + rng.uniform(-spread, spread), 5),
            )
        )
    teams = tuple(
        Team(
            f"T{j + 1:04d}",
            bases[j % len(bases)].base_id,
            (f"Observer {2 * j}", f"Obs {2 * j + 1}"),
        )
        for j in range(n_teams)
    )
    return Mission(
        regions=tuple(regions),
        decs=tuple(decs),
        polling_stations=tuple(stations),
        bases=tuple(bases),
        teams=teams,
        settings=Settings(mission_name="Scale benchmark", election_date="2011-04-03"),
    )


_LINE = re.compile(r"^\[\s*([0-9.]+)s\] (\w+)")


def _progress_times(stderr: str) -> list[tuple[float, str]]:
    out = []
    for line in stderr.splitlines():
        m = _LINE.match(line)
        if m:
            out.append((float(m.group(1)), m.group(2)))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_teams = int(sys.argv[2]) if len(sys.argv) > 2 else 190
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.gpkg"
        t0 = time.perf_counter()
        save_mission(scale_mission(n, n_teams), path)
        build = time.perf_counter() - t0
        cmd = [
            sys.executable,
            str(ROOT / "main.py"),
            "plan",
            str(path),
            "--out",
            str(Path(tmp) / "out"),
            "--time-limit",
            str(TIME_LIMIT),
            "--dry-run",
        ]
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_mb = after.ru_maxrss / 1024  # kB on Linux; the largest child (command or worker)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"plan failed with exit status {proc.returncode}")
    times = _progress_times(proc.stderr)
    opened = next(t for t, stage in times if stage == "open")
    validated = next(t for t, stage in times if stage == "validate")
    during = [t for t, _ in times if opened <= t <= validated]
    gap = max((b - a for a, b in itertools.pairwise(during)), default=0.0)
    solve_s = validated - opened
    verdict = "meets" if solve_s <= TARGET_S else "MISSES"
    lines = proc.stderr.splitlines()
    first = next((i for i, ln in enumerate(lines) if ln.startswith("teams planned:")), len(lines))
    summary = lines[first:]
    body = "\n".join(
        [
            f"`python -m benchmarks.bench_scale {n} {n_teams}`: a synthetic mission of {n:,} "
            f"stations (17 regions, 204 DECs) and {n_teams} teams, planned with "
            f"`plan --time-limit {TIME_LIMIT} --dry-run` in a fresh process.",
            "",
            "| measure | value |",
            "| --- | --- |",
            f"| solve (mission opened -> plan validated) | **{solve_s:.1f} s** ({verdict} the "
            f"{TARGET_S:.0f} s target) |",
            f"| longest gap between progress lines while solving | {gap:.1f} s |",
            f"| whole command (start-up, reading, solving, writing outputs) | {wall:.1f} s wall, "
            f"{cpu:.1f} s CPU |",
            f"| peak memory (largest process) | {peak_mb:,.0f} MB |",
            f"| building and saving the mission (not timed above) | {build:.1f} s |",
            f"| machine load when started (1-minute load average, 2 cores) | {load:.1f} |",
            "",
            "```",
            *summary[-10:],
            "```",
        ]
    )
    print(body)
    record_section("scale", "Scale: 100,000 stations with --time-limit 10", body)


if __name__ == "__main__":
    main()
