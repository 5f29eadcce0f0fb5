#!/bin/sh
# Collect the interface's strings into resources/i18n/*.ts (pyside6-lupdate) and
# compile them to .qm (pyside6-lrelease). The .ts files are edited by translators
# (Qt Linguist or a text editor); both .ts and .qm are committed.
set -e
cd "$(dirname "$0")/.."
python scripts/planner_strings.py
for lang in ru; do
    pyside6-lupdate -no-obsolete $(find ui -name '*.py' | sort) -ts "resources/i18n/sto_planner_$lang.ts"
    pyside6-lrelease "resources/i18n/sto_planner_$lang.ts" -qm "resources/i18n/sto_planner_$lang.qm"
done
