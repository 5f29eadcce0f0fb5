"""changes.csv: one row per team with what the re-plan did to its day."""

from __future__ import annotations

import csv
from pathlib import Path

from planner.export.changes_csv import COLUMNS, write_changes_csv
from planner.replan.changes import parse_changes_text
from planner.replan.core import preview, replan
from tests.planner.replan.test_replan import planned_mission


def test_rows_name_stops_added_removed_retimed(tmp_path: Path) -> None:
    m = planned_mission()
    res = replan(
        m, parse_changes_text("- polling_station_closed: N-0003\n- team_unavailable: T004\n")
    )
    path = write_changes_csv(res, tmp_path / "changes.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = {r["team_id"]: r for r in reader}
    assert set(rows) == {"T001", "T002", "T003", "T004"}
    assert rows["T004"]["status"] == "removed"
    assert rows["T004"]["stops_removed"].split(";")[0] == "opening:W-0013"
    assert "tabulation:W-D02" in rows["T004"]["stops_removed"].split(";")
    assert rows["T003"] == {
        "team_id": "T003",
        "status": "unchanged",
        "stops_added": "",
        "stops_removed": "",
        "stops_retimed": "",
        "revision": "2",
        "parent_revision": "1",
        "reason": "",
    }
    assert rows["T001"]["status"] == "changed"
    assert "N-0003" in rows["T001"]["stops_removed"].split(";")
    assert rows["T001"]["reason"] == "N-0003 closed"


def test_preview_lists_the_teams_each_change_touches() -> None:
    m = planned_mission()
    changes = parse_changes_text(
        "- polling_station_closed: N-0003\n"
        "- team_unavailable: T004\n"
        "- polling_station_closed: N-0010\n"  # planned by nobody
        "- pin: {team_id: T001, ps_id: N-0012}\n"  # T003's visit
    )
    assert preview(m, changes) == [["T001"], ["T004"], [], ["T001", "T003"]]
