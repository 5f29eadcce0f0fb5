"""Printing only what changed: a second booklet reuses every unchanged team's pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner.app import SheetRequest, remove_stop
from sheets_qt.cache import PageCache
from sheets_qt.printer import print_sheets_blocking
from tests.planner.replan.test_replan import planned_mission

pytestmark = pytest.mark.gui


def _pages(path: Path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(path).pages]


def test_after_an_edit_only_the_edited_team_is_printed_again(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache")
    mission = planned_mission()
    plan = mission.current_plan
    assert plan is not None
    first = SheetRequest(mission, plan, tmp_path / "first.pdf")
    print_sheets_blocking(first, cache=cache)
    assert cache.misses >= len(plan.routes)

    key = plan.route("T003").phase_visits("voting")[0].ps_id  # type: ignore[union-attr]
    edited = remove_stop(mission, "T003", key).mission
    new_plan = edited.current_plan
    assert new_plan is not None and new_plan.revision == 2
    second = SheetRequest(edited, new_plan, tmp_path / "second.pdf")
    cache.hits = cache.misses = 0
    print_sheets_blocking(second, cache=cache)
    # every sheet looked up once; only T003's sheet (and the front) were missing
    assert cache.misses <= 2
    pages = _pages(tmp_path / "second.pdf")
    text = "\n".join(pages)
    assert key not in text.split("Team T003", 1)[1].split("Team T004", 1)[0]
    # unchanged teams keep the revision their day was made in; T003 shows the new one
    sheets = {m.group(1): page for page in pages if (m := re.search(r"Team (T\d+) ·", page))}
    assert "plan revision 1" in sheets["T001"] and "plan revision 2" in sheets["T003"]
    # the contents point at the page each team starts on
    toc = next(p for p in pages if "Contents" in p)
    for team in ("T001", "T002", "T003", "T004"):
        number = int(re.search(rf"{team} .*? (\d+)\s*$", toc, re.M).group(1))  # type: ignore[union-attr]
        assert f"Team {team}" in pages[number - 1]
