#!/bin/sh
# Collect the interface's strings into ui/translations/*.ts (pyside6-lupdate) and
# compile them to .qm (pyside6-lrelease). The .ts files are edited by translators
# (Qt Linguist or a text editor); both .ts and .qm are committed. The planner's run-time
# messages have their own catalogues (planner/locale/<lang>/LC_MESSAGES/planner.po,
# compiled to .mo by scripts/planner_messages.py; see docs/user-guide.md).
set -e
cd "$(dirname "$0")/.."
python scripts/planner_strings.py
# the planner's run-time messages: planner/locale/<lang>/LC_MESSAGES/planner.po -> .mo
python scripts/planner_messages.py
for lang in ru; do
    pyside6-lupdate -no-obsolete $(find ui sheets_qt -name '*.py' | sort) -ts "ui/translations/sto_planner_$lang.ts"
    pyside6-lrelease "ui/translations/sto_planner_$lang.ts" -qm "ui/translations/sto_planner_$lang.qm"
done
