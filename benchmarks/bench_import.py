"""Benchmark: import 100,000 polling stations from CSV (target: under 30 s).

Builds, in a temporary folder, a mission with 17 regions (boxes tiling a
Kazakhstan-sized area, with outlines so the "inside the regions" check runs), a base
per region and 200 DECs, and a CSV of N stations with Russian headers as a CEC list
would have. Times the whole command ``python main.py import`` in a fresh process
(start-up, reading, checking, saving), then again replacing the N stations it just
imported, and a bad file with one problem per 1,000 rows (all-or-nothing: refused).

Usage: python -m benchmarks.bench_import [N]    (default 100000; records the results)
"""

from __future__ import annotations

import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._grid import grid_country
from benchmarks._record import record_section
from planner.io.mission import save_mission
from planner.model import Dec, Mission, Settings

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 30.0


def _mission() -> Mission:
    regions, bases, corners = grid_country()
    decs = [
        Dec(f"{rid}-D{d:02d}", rid, f"DEC {d}", lat0 + 0.3 * d / 4 + 1, lon0 + 0.35 * d)
        for rid, lon0, lat0 in corners
        for d in range(1, 13)
    ]
    return Mission(
        regions=tuple(regions),
        decs=tuple(decs),
        bases=tuple(bases),
        settings=Settings(mission_name="Import benchmark"),
    )


def _write_csv(path: Path, mission: Mission, n: int, *, bad_every: int = 0) -> None:
    rng = random.Random(7)
    decs = mission.decs
    header = [
        "Номер участка",
        "Область",
        "ОИК",
        "Наименование",
        "Адрес",
        "Тип населённого пункта",
        "Вид",
        "Избирателей",
        "Время открытия",
        "Время закрытия",
        "Широта",
        "Долгота",
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(header)
        counters: dict[str, int] = {}
        for i in range(n):
            dec = decs[i % len(decs)]
            region = mission.region_by_id[dec.region_id]
            assert region.geometry is not None
            minx, miny, maxx, maxy = region.geometry.bounds
            number = counters[dec.region_id] = counters.get(dec.region_id, 0) + 1
            lat = round(rng.uniform(miny + 0.01, maxy - 0.01), 5)
            lon = round(rng.uniform(minx + 0.01, maxx - 0.01), 5)
            voters = str(rng.randint(50, 3000))
            if bad_every and i % bad_every == 0:
                voters = "много"
            w.writerow(
                [
                    number,
                    dec.region_id,
                    dec.dec_id,
                    f"Школа № {number}",
                    f"ул. Абая, {number}",
                    "город" if i % 3 else "село",
                    "обычный" if i % 40 else "больница",
                    voters,
                    "07:00",
                    "20:00",
                    str(lat).replace(".", ","),
                    str(lon).replace(".", ","),
                ]
            )


def _run(mission: Path, src: Path) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (user + system: unaffected by other load), exit, stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "import",
            str(mission),
            "--kind",
            "polling_stations",
            str(src),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode, proc.stderr


def _phases(mission_path: Path, src: Path) -> dict[str, float]:
    """Seconds per phase of one import, in this process (mission already holds N stations)."""
    from planner.io.importers import apply_layer, load_layer
    from planner.io.mission import open_mission

    t: dict[str, float] = {}
    t0 = time.perf_counter()
    mission = open_mission(mission_path)
    t["open the mission file"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    read = load_layer("polling_stations", src, mission)
    t["read and check the CSV"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    updated = apply_layer(mission, "polling_stations", read.items, src)
    t["check other layers' references"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    save_mission(updated, mission_path)
    t["save atomically"] = time.perf_counter() - t0
    return t


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        mission = _mission()
        mission_path = folder / "bench.gpkg"
        save_mission(mission, mission_path)
        good, bad = folder / "stations.csv", folder / "stations_bad.csv"
        _write_csv(good, mission, n)
        _write_csv(bad, mission, n, bad_every=1000)
        size_mb = good.stat().st_size / 1e6

        first, cpu1, rc1, err1 = _run(mission_path, good)
        again, cpu2, rc2, err2 = _run(mission_path, good)
        refused, cpu3, rc3, err3 = _run(mission_path, bad)
        problems = sum(1 for line in err3.splitlines() if line.startswith(str(bad)))
        phases = _phases(mission_path, good)
        gpkg_mb = mission_path.stat().st_size / 1e6
    ok = rc1 == 0 and rc2 == 0 and rc3 == 2
    print(f"stations: {n:,}  CSV {size_mb:.1f} MB  mission file after import {gpkg_mb:.1f} MB")
    print(f"import into a mission without stations: {first:5.1f} s, CPU {cpu1:5.1f} s (exit {rc1})")
    print(f"re-import replacing {n:,} stations:     {again:5.1f} s, CPU {cpu2:5.1f} s (exit {rc2})")
    print(
        f"bad file ({problems} problems) refused: {refused:5.1f} s, CPU {cpu3:5.1f} s (exit {rc3})"
    )
    if not ok:
        print(err1[-2000:], err2[-2000:], err3[-500:], sep="\n")
    for phase, seconds in phases.items():
        print(f"  re-import phase: {phase:34s} {seconds:5.1f} s")
    load = "{:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg())
    print(f"load average at the end: {load}")
    phase_rows = "\n".join(f"| {p} | {s:.1f} s |" for p, s in phases.items())
    verdict = "met" if ok and first < TARGET_S else "NOT met"
    print(f"target < {TARGET_S:.0f} s: {verdict}")
    record_section(
        "import",
        "Importing polling stations from CSV (`benchmarks/bench_import.py`)",
        f"""
Whole command `python main.py import MISSION --kind polling_stations FILE` in a fresh
process (start-up, decoding, checking every cell and position against 17 region
outlines and 204 DECs, building the objects, atomic save). CSV: {n:,} rows, Russian
headers, semicolons, decimal commas, {size_mb:.1f} MB. Target: under {TARGET_S:.0f} s.

| case | wall time | CPU time | exit status |
| --- | --- | --- | --- |
| **import into a mission with no stations** (the target) | {first:.1f} s | {cpu1:.1f} s | {rc1} |
| re-import, replacing the {n:,} stations just imported | {again:.1f} s | {cpu2:.1f} s | {rc2} |
| bad file ({problems} bad values, 1 per 1,000 rows) | {refused:.1f} s | {cpu3:.1f} s | {rc3} |

Target {verdict} (wall time of the first case). CPU time (user + system) does not grow
with other programs' load; wall time does. Mission file after import: {gpkg_mb:.1f} MB.
Load average when done: {load} (the machine is shared).

Where a re-import's time goes (in one process, {n:,} stations already in the mission):

| phase | time |
| --- | --- |
{phase_rows}
""",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
