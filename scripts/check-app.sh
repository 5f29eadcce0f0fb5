#!/usr/bin/env bash
# Prove the Linux desktop bundle works on its own: copy dist/sto-planner outside the
# source tree and, with no venv Python on PATH and a fresh home folder, run a GUI
# screenshot, plan the demo mission (all outputs, a PDF with pages; the solver's
# worker processes must really start from the frozen executable) and validate the plan.
# Prints the bundle's size (unpacked, zipped) and start-up times, bundle vs venv.
#
#   bash scripts/check-app.sh [DIST_DIR]     (default dist/sto-planner; after build-app.sh)
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
DIST=${1:-$SRC/dist/sto-planner}
[ -x "$DIST/sto-planner" ] || { echo "no $DIST/sto-planner: run scripts/build-app.sh first" >&2; exit 1; }
VENV_PY=$(command -v python || command -v python3)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sto-app.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() { echo "check-app: FAILED: $*" >&2; exit 1; }

cp -a "$DIST" "$WORK/sto-planner"
APP="$WORK/sto-planner/sto-planner"
unpacked=$(du -sm "$WORK/sto-planner" | cut -f1)
# -y keeps the symlinks PyInstaller makes for shared libraries (else they count twice);
# -9: the smallest zip (what a release ships; ~1 min here instead of ~40 s)
(cd "$WORK" && zip -9 -qry sto-planner.zip sto-planner)
zipped=$(( $(stat -c %s "$WORK/sto-planner.zip") / 1024 / 1024 ))
rm "$WORK/sto-planner.zip"
echo "bundle: ${unpacked} MB unpacked, ${zipped} MB zipped"

qt="$WORK/sto-planner/_internal/PySide6/Qt"
[ -x "$qt/libexec/QtWebEngineProcess" ] || fail "QtWebEngineProcess is missing"
locales=$(ls "$qt/translations/qtwebengine_locales" | sed 's/\.pak$//' | sort | tr '\n' ' ')
for l in $locales; do
  case "$l" in en-US|en-GB|ru|kk) ;; *) fail "unexpected WebEngine locale $l (only en/ru/kk)";; esac
done
echo "WebEngine locales: $locales"

mkdir -p "$WORK/run" "$WORK/home"
cd "$WORK/run"
# No venv, no source tree: only the system's own folders on PATH.
clean_env=(env -i "HOME=$WORK/home" "PATH=/usr/local/bin:/usr/bin:/bin" "LANG=C.UTF-8"
           "QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}" "QTWEBENGINE_DISABLE_SANDBOX=1"
           "TMPDIR=$WORK")
run_app() { "${clean_env[@]}" "$APP" "$@"; }

echo "== --version and start-up time"
run_app --version
"${clean_env[@]}" "$WORK/sto-planner/sto-planner-cli" --version >/dev/null || fail "sto-planner-cli"
t0=$(date +%s.%N); run_app --help >/dev/null; t1=$(date +%s.%N)
t2=$(date +%s.%N); "$VENV_PY" "$SRC/main.py" --help >/dev/null; t3=$(date +%s.%N)
cli_app=$(awk "BEGIN{print $t1 - $t0}"); cli_venv=$(awk "BEGIN{print $t3 - $t2}")

echo "== --screenshot (opens the bundled demo mission)"
t0=$(date +%s.%N)
run_app --screenshot shot.png 2>gui.log || { tail -20 gui.log; fail "screenshot"; }
t1=$(date +%s.%N)
[ -s shot.png ] || fail "no screenshot"
t2=$(date +%s.%N)
(cd "$WORK/home" && QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} QTWEBENGINE_DISABLE_SANDBOX=1 \
  HOME="$WORK/home" "$VENV_PY" "$SRC/main.py" --screenshot "$WORK/venv-shot.png" 2>/dev/null) \
  || fail "venv screenshot"
t3=$(date +%s.%N)
gui_app=$(awk "BEGIN{print $t1 - $t0}"); gui_venv=$(awk "BEGIN{print $t3 - $t2}")

echo "== plan the demo mission"
cp "$WORK/sto-planner/_internal/geodata/kazakhstan_2011_demo.gpkg" mission.gpkg
run_app plan mission.gpkg --out out --workers 2 2>plan.log &
pid=$!
workers=0
while kill -0 "$pid" 2>/dev/null; do
  # spawned solver workers of a frozen app run the same executable with this flag
  n=$(grep -l -a -- "--multiprocessing-fork" /proc/[0-9]*/cmdline 2>/dev/null \
      | xargs -r grep -l -a -- "$APP" 2>/dev/null | wc -l || true)
  [ "$n" -gt "$workers" ] && workers=$n
  sleep 0.5
done
wait "$pid" || { tail -20 plan.log; fail "plan"; }
[ "$workers" -ge 1 ] || fail "no solver worker process was seen (freeze_support?)"
for f in assignments.csv route_sheets.pdf coverage_map.html coverage.csv; do
  [ -s "out/$f" ] || fail "plan wrote no out/$f"
done
[ -n "$(ls out/gpx)" ] && [ -n "$(ls out/kml)" ] || fail "no GPX/KML files"
pages=$(pdfinfo out/route_sheets.pdf | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -ge 10 ] || fail "route_sheets.pdf has ${pages:-no} pages"
pdffonts out/route_sheets.pdf >fonts.txt  # (a pipe into grep -q dies of SIGPIPE under pipefail)
grep -q DejaVuSans fonts.txt || fail "the bundled font is not in the PDF"
grep -q "L.map\|leaflet" out/coverage_map.html || fail "coverage_map.html has no Leaflet"

echo "== validate"
run_app validate mission.gpkg || fail "validate"

echo "check-app: OK: ${unpacked} MB unpacked, ${zipped} MB zipped; booklet ${pages} pages;" \
     "${workers} solver worker(s) seen"
printf 'startup: --help %.2f s bundle / %.2f s venv; GUI to screenshot %.1f s bundle / %.1f s venv\n' \
  "$cli_app" "$cli_venv" "$gui_app" "$gui_venv"
