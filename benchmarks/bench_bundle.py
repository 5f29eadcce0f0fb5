"""The desktop bundle: build time, size (unpacked, zipped), start-up time vs the venv.

    python -m benchmarks.bench_bundle [--no-build]

Runs ``scripts/build-app.sh`` (timed; ``--no-build`` reuses dist/sto-planner), then
``scripts/check-app.sh`` (copies the bundle outside the source tree, zips it, runs a
screenshot, plans the demo and validates; times the bundled app's start-up against
``python main.py`` in this venv, in the same run). Prints the numbers and records
them in docs/benchmarks.md. Targets: at most 400 MB unpacked and 200 MB zipped.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from benchmarks._record import record_section

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "sto-planner"
TARGET_UNPACKED_MB = 400
TARGET_ZIPPED_MB = 200


def _du_mb(path: Path) -> float:
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total / 1024 / 1024


def _components(internal: Path) -> list[tuple[str, float]]:
    """Largest parts of the bundle, grouped the way docs/packaging.md explains them."""
    groups = {
        "Qt WebEngine (Chromium) core library": ["PySide6/Qt/lib/libQt6WebEngineCore*"],
        "Qt WebEngine resources, ICU data, locales": [
            "PySide6/Qt/resources",
            "PySide6/Qt/translations",
        ],
        "other Qt libraries and plugins, PySide6 modules": [
            "PySide6/Qt/lib/libQt6[!W]*",
            "PySide6/Qt/lib/libicu*",
            "PySide6/Qt/plugins",
            "PySide6/*.so*",
        ],
        "GDAL (pyogrio) with GDAL/PROJ data": ["pyogrio", "pyogrio.libs"],
        "OR-Tools native libraries": ["ortools"],
        "numpy, pandas (and OpenBLAS)": ["numpy", "numpy.libs", "pandas"],
        "pyproj, shapely": ["pyproj", "pyproj.libs", "shapely", "shapely.libs"],
        "Python runtime": ["libpython3*", "base_library.zip", "python3*", "lib-dynload"],
        "STO Planner (code, templates, fonts, demo mission, docs)": [
            "planner",
            "ui",
            "geodata",
            "cli",
            "docs",
        ],
    }
    out = []
    for name, patterns in groups.items():
        size = 0.0
        for pattern in patterns:
            for p in internal.glob(pattern):
                if p.is_symlink():
                    continue
                size += _du_mb(p) if p.is_dir() else p.stat().st_size / 1024 / 1024
        out.append((name, size))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="reuse dist/sto-planner")
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHON": sys.executable}
    build_s = None
    if not args.no_build:
        t0 = time.perf_counter()
        subprocess.run(["bash", "scripts/build-app.sh"], cwd=ROOT, env=env, check=True)
        build_s = time.perf_counter() - t0
    proc = subprocess.run(
        ["bash", "scripts/check-app.sh", str(DIST)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        print("the bundle check failed: nothing recorded", file=sys.stderr)
        return 1
    size = re.search(r"bundle: (\d+) MB unpacked, (\d+) MB zipped", proc.stdout)
    start = re.search(
        r"startup: --help ([\d.]+) s bundle / ([\d.]+) s venv; GUI to screenshot "
        r"([\d.]+) s bundle / ([\d.]+) s venv",
        proc.stdout,
    )
    ok = re.search(r"booklet (\d+) pages; (\d+) solver worker", proc.stdout)
    assert size and start and ok, proc.stdout
    unpacked, zipped = int(size[1]), int(size[2])
    parts = _components(DIST / "_internal")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    verdict = (
        f"unpacked {'meets' if unpacked <= TARGET_UNPACKED_MB else 'MISSES'} the "
        f"{TARGET_UNPACKED_MB} MB target; zipped "
        f"{'meets' if zipped <= TARGET_ZIPPED_MB else 'MISSES'} the {TARGET_ZIPPED_MB} MB target"
    )
    rows = "\n".join(f"| {name} | {mb:.0f} MB |" for name, mb in parts)
    body = f"""
PyInstaller one-folder bundle for Linux x86-64 (`scripts/build-app.sh`, checked by
`scripts/check-app.sh` from a copy outside the source tree with no venv on PATH: GUI
screenshot, demo plan with a {ok[1]}-page booklet ({ok[2]} solver worker processes
seen), validate). What is inside and why: [packaging.md](packaging.md).

| measure | value |
| --- | --- |
| build time (`scripts/build-app.sh`, clean) | {f"{build_s:.0f} s" if build_s else "not measured"} |
| unpacked size | **{unpacked} MB** (target {TARGET_UNPACKED_MB} MB) |
| zipped (`zip -ry`, default level) | **{zipped} MB** (target {TARGET_ZIPPED_MB} MB) |
| start-up, `--help` (bundle / venv `python main.py`) | {start[1]} s / {start[2]} s |
| start-up to a rendered map (`--screenshot`, bundle / venv) | {start[3]} s / {start[4]} s |

Result: {verdict}. Load average when done: {load} (shared machine; compare the
bundle and the venv, measured one after the other in the same run).

Largest parts (unpacked):

| part | size |
| --- | --- |
{rows}
"""
    print(body)
    record_section("bundle", "Desktop bundle (`benchmarks/bench_bundle.py`)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
