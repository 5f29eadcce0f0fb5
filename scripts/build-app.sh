#!/usr/bin/env bash
# Build the one-folder desktop app with PyInstaller: leaves dist/sto-planner/ with the
# launcher dist/sto-planner/sto-planner (sto-planner.exe on Windows; on macOS also
# "dist/STO Planner.app"). Run it in the environment of the README's install, on the
# system you build for (PyInstaller does not cross-compile). See docs/packaging.md.
#
#   bash scripts/build-app.sh          (installs the .[build] extra if PyInstaller is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  "$PY" -m pip install --quiet -e ".[build]"
fi
# This checkout's code and package data, even if the environment has another
# editable install of the project (its finder comes after sys.path).
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/sto-planner.spec
echo "built dist/sto-planner in $(( $(date +%s) - start )) s; $(du -sh dist/sto-planner | cut -f1) unpacked"
