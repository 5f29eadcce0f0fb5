#!/usr/bin/env bash
# Build the wheel and the sdist, install the wheel into a fresh venv (no system
# site-packages, no source tree on sys.path) and use the installed program from a
# temporary folder: plan the demo mission (all outputs, PDF with pages), replan it,
# import into a new mission, validate, and take a GUI screenshot. Proves that the
# package data (templates, fonts, demo mission) travels inside the wheel.
#
#   bash scripts/check-wheel.sh [PYTHON]      (default: python3; run by .ci/run)
#
# pip's cache is reused, so after the first run this takes a minute or two plus the
# plan itself. Needs poppler-utils (pdfinfo) and the Qt libraries of
# scripts/install-linux-deps.sh.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
PY=${1:-python3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sto-wheel.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() { echo "check-wheel: FAILED: $*" >&2; exit 1; }
# pip here warns about every missing local index folder: show only the rest, keep the status.
pipq() {
  local log rc=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || rc=$?
  grep -v "is ignored: it is neither" "$log" || true
  rm -f "$log"
  return $rc
}

echo "== build wheel and sdist ($("$PY" --version))"
"$PY" -m venv "$WORK/buildenv"
pipq "$WORK/buildenv/bin/python" -m pip install --quiet --upgrade pip build
# Build from a clean copy of the tracked files, as a release would (no stray outputs).
git -C "$SRC" ls-files -z | (cd "$SRC" && xargs -0 tar cf - --) | (mkdir -p "$WORK/src" && cd "$WORK/src" && tar xf -)
"$WORK/buildenv/bin/python" -m build --outdir "$WORK/dist" "$WORK/src" >"$WORK/build.log" 2>&1 \
  || { tail -30 "$WORK/build.log"; fail "build"; }
ls -l "$WORK/dist"
wheel=$(ls "$WORK"/dist/*.whl)
sdist=$(ls "$WORK"/dist/*.tar.gz)
"$PY" -m zipfile -l "$wheel" | awk '{print $1}' >"$WORK/wheel.txt"
tar tzf "$sdist" >"$WORK/sdist.txt"
for f in planner/export/templates/route_sheet.html.j2 planner/export/templates/route_sheet.css \
         planner/export/fonts/DejaVuSans.ttf geodata/kazakhstan_2011_demo.gpkg \
         ui/icons/sto-planner.png ui/translations/sto_planner_ru.qm \
         planner/locale/ru/LC_MESSAGES/planner.mo; do
  grep -qx "$f" "$WORK/wheel.txt" || fail "$f is not in the wheel"
  grep -q "/$f\$" "$WORK/sdist.txt" || fail "$f is not in the sdist"
done

echo "== install the wheel into a fresh venv"
"$PY" -m venv "$WORK/venv"
pipq "$WORK/venv/bin/python" -m pip install --quiet --upgrade pip
pipq "$WORK/venv/bin/python" -m pip install --quiet "$wheel"
APP="$WORK/venv/bin/sto-planner"

run="$WORK/run"
mkdir -p "$run"
cd "$run"   # nothing of the source tree is reachable from here
export PYTHONPATH="" QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export QTWEBENGINE_DISABLE_SANDBOX=1 HOME="$WORK/home"   # fresh settings, no last mission
mkdir -p "$HOME"
where=$("$WORK/venv/bin/python" -c "import planner, geodata; print(planner.__file__, geodata.DEMO_MISSION)")
case "$where" in "$WORK/venv/"*) ;; *) fail "not the installed package: $where";; esac
demo=$("$WORK/venv/bin/python" -c "import geodata; print(geodata.DEMO_MISSION)")
guide=$("$WORK/venv/bin/python" -c "from ui.getting_started import guide_path; print(guide_path())")
case "$guide" in "$WORK/venv/share/sto-planner/docs/user-guide.md") ;; *) fail "user guide: $guide";; esac
cp "$demo" mission.gpkg

echo "== sto-planner plan (from $run)"
"$APP" plan mission.gpkg --out out --time-limit 5 2>plan.log || { tail -20 plan.log; fail "plan"; }
for f in assignments.csv route_sheets.pdf coverage_map.html coverage.csv; do
  [ -s "out/$f" ] || fail "plan wrote no out/$f"
done
[ -n "$(ls out/gpx)" ] && [ -n "$(ls out/kml)" ] || fail "no GPX/KML files"
pages=$(pdfinfo out/route_sheets.pdf | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -ge 10 ] || fail "route_sheets.pdf has ${pages:-no} pages"
pdffonts out/route_sheets.pdf >fonts.txt  # (a pipe into grep -q dies of SIGPIPE under pipefail)
grep -q DejaVuSans fonts.txt || fail "the bundled font is not in the PDF"
echo "route_sheets.pdf: $pages pages"

echo "== sto-planner validate"
"$APP" validate mission.gpkg || fail "validate"

echo "== sto-planner replan"
printf -- '- team_unavailable: T042\n- polling_station_closed: AKT-0166\n' > changes.yaml
"$APP" replan mission.gpkg --changes changes.yaml --out out2 2>replan.log || { tail -20 replan.log; fail "replan"; }
[ -s out2/changes.csv ] && [ -s out2/route_sheets_changed.pdf ] || fail "replan outputs"

echo "== sto-planner import (a new mission from the demo's layers)"
for kind in regions decs dec_areas polling_stations bases teams; do
  "$APP" import new.gpkg --kind "$kind" "$demo" --create >/dev/null || fail "import $kind"
done

echo "== sto-planner --screenshot"
"$APP" --screenshot shot.png 2>gui.log || { tail -20 gui.log; fail "screenshot"; }
[ -s shot.png ] || fail "no screenshot"
echo "check-wheel: OK (wheel $(basename "$wheel"), $pages-page booklet)"
