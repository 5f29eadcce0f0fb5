"""The Uncovered view: counts per phase, the list, on the map on demand, CSV; the
coverage panel's shortfalls link to it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planner.uncovered import uncovered
from tests.ui.test_map import js

pytestmark = pytest.mark.gui


@pytest.fixture
def sparse_window(make_window, mission, qtbot):  # type: ignore[no-untyped-def]
    """A window on a plan with one voting visit per team: some DECs get none."""
    from tests.ui.fakes import greedy_plan

    w = make_window(mission.with_plan(greedy_plan(mission, voting=1)))
    if not w.map.is_ready:
        with qtbot.waitSignal(w.map.rendered, timeout=30000):
            pass
    return w


def test_coverage_shortfall_opens_the_uncovered_view_on_the_map(  # type: ignore[no-untyped-def]
    qtbot, sparse_window, tmp_path: Path
):
    window = sparse_window
    mission = window.mission
    expected = uncovered(mission, mission.current_plan)
    decs_without_voting = {i.ident for i in expected.of("dec", "voting")}
    assert decs_without_voting  # the tiny plan leaves some DECs without a voting visit
    # the coverage panel says how many and links to the list
    text = window.coverage.shortfall.text()
    assert f"{len(decs_without_voting)} DECs without a voting visit" in text
    assert 'href="dec:voting"' in text
    window.coverage.shortfall.linkActivated.emit("dec:voting")
    view = window.uncovered
    assert window.uncovered_dock.isVisible()
    assert view.current() == ("dec", "voting")
    listed = {view.model.id_at(r).split(":", 1)[1] for r in range(view.model.rowCount())}
    assert listed == decs_without_voting
    assert f"<b>{len(decs_without_voting)}</b>" in view.summary.text()
    # rung in red on the map
    qtbot.waitUntil(
        lambda: js(qtbot, window, "STO.uncoveredCount || 0") == len(decs_without_voting),
        timeout=5000,
    )
    view.on_map.setChecked(False)
    qtbot.waitUntil(lambda: js(qtbot, window, "STO.uncoveredCount") == 0, timeout=5000)
    # every phase's stations are counted
    view.choose("station", "opening")
    not_opened = len(expected.of("station", "opening"))
    assert view.model.rowCount() == not_opened
    located_open = [p for p in mission.polling_stations if p.located and p.status == "open"]
    assert not_opened == len(located_open) - len(
        {v.ps_id for _t, _s, v in mission.current_plan.visits() if v.phase == "opening"}
    )
    # exported as CSV: all kinds and phases
    out = view.export_csv(tmp_path / "uncovered.csv")
    assert out is not None
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(expected.items)
    assert {r["id"] for r in rows if r["kind"] == "dec" and r["phase"] == "voting"} == (
        decs_without_voting
    )


def test_double_click_selects_the_uncovered_item(qtbot, window) -> None:
    view = window.uncovered
    view.choose("station", "voting")
    index = view.proxy.index(0, 0)
    ident = view.model.id_at(view.proxy.mapToSource(index).row()).split(":", 1)[1]
    with qtbot.waitSignal(window.selected, timeout=5000) as blocker:
        view.table.doubleClicked.emit(index)
    assert blocker.args == ["station", ident]
