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
import fnmatch
import os
import re
import subprocess
import sys
import time
import zlib
from pathlib import Path

from benchmarks._record import record_section

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "sto-planner"
TARGET_UNPACKED_MB = 400
TARGET_ZIPPED_MB = 200


#: Parts of the bundle as docs/packaging.md explains them: (name, patterns relative to
#: the bundle folder); a file counts in the first part that matches it.
PARTS: list[tuple[str, tuple[str, ...]]] = [
    ("Qt WebEngine (Chromium) core library", ("_internal/PySide6/Qt/lib/libQt6WebEngineCore*",)),
    (
        "Qt WebEngine process, resources, Chromium's ICU data, locales",
        (
            "_internal/PySide6/Qt/libexec/*",
            "_internal/PySide6/Qt/resources/*",
            "_internal/PySide6/Qt/translations/qtwebengine_locales/*",
        ),
    ),
    ("Qt's ICU libraries (data trimmed)", ("_internal/PySide6/Qt/lib/libicu*",)),
    (
        "other Qt libraries, plugins, translations, PySide6 bindings",
        ("_internal/PySide6/*", "_internal/shiboken6/*"),
    ),
    ("GDAL (pyogrio) with GDAL/PROJ data", ("_internal/pyogrio/*", "_internal/pyogrio.libs/*")),
    ("OR-Tools native libraries", ("_internal/ortools/*", "_internal/ortools.libs/*")),
    (
        "numpy, pandas (and OpenBLAS)",
        ("_internal/numpy/*", "_internal/numpy.libs/*", "_internal/pandas/*"),
    ),
    ("pyproj, shapely", ("_internal/pyproj*", "_internal/shapely*")),
    (
        "Python runtime, launcher (with all Python code)",
        (
            "sto-planner",
            "_internal/libpython3*",
            "_internal/base_library.zip",
            "_internal/python3*",
        ),
    ),
    ("system libraries (X11/xcb, NSS, GLib, OpenSSL, ...)", ("_internal/lib*",)),
    (
        "STO Planner data (templates, fonts, demo mission, user guide)",
        tuple(f"_internal/{p}/*" for p in ("planner", "ui", "geodata", "docs", "sheets_qt")),
    ),
    ("everything else", ("*",)),
]


def _components(dist: Path) -> list[tuple[str, float, float]]:
    """(part, MB unpacked, MB deflated at level 9 as in ``zip -9``) for each part."""
    sizes = {name: [0, 0] for name, _ in PARTS}
    for path in sorted(dist.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(dist).as_posix()
        name = next(n for n, pats in PARTS if any(fnmatch.fnmatch(rel, p) for p in pats))
        data = path.read_bytes()
        sizes[name][0] += len(data)
        sizes[name][1] += len(zlib.compress(data, 9))
    return [(name, raw / 2**20, packed / 2**20) for name, (raw, packed) in sizes.items()]


def _tar_xz_mb(dist: Path) -> tuple[float, float]:
    """Size of ``tar -cJ`` of the bundle with ``xz -9`` (MB) and the seconds it took."""
    t0 = time.perf_counter()
    tar = subprocess.Popen(
        ["tar", "-C", str(dist.parent), "-cf", "-", dist.name], stdout=subprocess.PIPE
    )
    xz = subprocess.run(
        ["xz", "-9", "-T0", "-c"], stdin=tar.stdout, capture_output=True, check=True
    )
    tar.wait()
    return len(xz.stdout) / 2**20, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="reuse dist/sto-planner")
    parser.add_argument("--no-xz", action="store_true", help="skip the (slow) tar.xz size")
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
    parts = _components(DIST)
    xz_mb, xz_s = (0.0, 0.0) if args.no_xz else _tar_xz_mb(DIST)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    verdict = (
        f"unpacked {'meets' if unpacked <= TARGET_UNPACKED_MB else 'MISSES'} the "
        f"{TARGET_UNPACKED_MB} MB target; zipped "
        f"{'meets' if zipped <= TARGET_ZIPPED_MB else 'MISSES'} the {TARGET_ZIPPED_MB} MB target"
    )
    rows = "\n".join(f"| {name} | {mb:.0f} MB | {z:.0f} MB |" for name, mb, z in parts)
    xz_row = f"**{xz_mb:.0f} MB** ({xz_s:.0f} s to compress)" if xz_mb else "not measured"
    body = f"""
PyInstaller one-folder bundle for Linux x86-64 (`scripts/build-app.sh`, checked by
`scripts/check-app.sh` from a copy outside the source tree with no venv on PATH: GUI
screenshot, demo plan with a {ok[1]}-page booklet ({ok[2]} solver worker processes
seen), validate). What is inside and why: [packaging.md](packaging.md).

| measure | value |
| --- | --- |
| build time (`scripts/build-app.sh`, clean) | {f"{build_s:.0f} s" if build_s else "not measured"} |
| unpacked size | **{unpacked} MB** (target {TARGET_UNPACKED_MB} MB) |
| zipped (`zip -9 -ry`) | **{zipped} MB** (target {TARGET_ZIPPED_MB} MB) |
| `tar.xz` (`xz -9`; an installer or `.dmg` with LZMA is near this) | {xz_row} |
| start-up, `--help` (bundle / venv `python main.py`) | {start[1]} s / {start[2]} s |
| start-up to a rendered map (`--screenshot`, bundle / venv) | {start[3]} s / {start[4]} s |

Result: {verdict}. Load average when done: {load} (shared machine; compare the
bundle and the venv, measured one after the other in the same run).

Parts (each file counted once; "deflated" = each file alone at zip's level 9):

| part | unpacked | deflated |
| --- | --- | --- |
{rows}
"""
    print(body)
    record_section("bundle", "Desktop bundle (`benchmarks/bench_bundle.py`)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
