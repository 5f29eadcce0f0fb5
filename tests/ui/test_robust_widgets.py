"""The GUI shows what a real day does to the plan: slack and risky legs on the
team's timeline, expected figures next to the planned ones in the coverage panel."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from planner.model import Mission
from planner.rehearsal import prepare_team, slack, station_prizes_of
from planner.solver import solve
from tests.factories import tiny_mission
from ui.widgets.coverage_panel import CoveragePanel
from ui.widgets.timeline import TeamDayPanel


def _planned() -> Mission:
    m = tiny_mission(n_teams=2)
    return m.with_plan(solve(m, time_limit_s=1, workers=1))


def test_coverage_panel_shows_planned_and_expected_visits(qtbot: QtBot) -> None:
    m = _planned()
    panel = CoveragePanel()
    qtbot.addWidget(panel)
    panel.set_mission(m)
    model = panel.headline_model
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Voting visits" in labels
    row = labels.index("Voting visits expected (rehearsal)")
    expected = model.index(row, 1).data()
    planned = model.index(labels.index("Voting visits"), 1).data()
    assert 0 < int(expected) <= int(planned)
    assert "Teams at the count in time" in labels


def test_timeline_gets_the_slack_of_every_stop(qtbot: QtBot) -> None:
    m = _planned()
    panel = TeamDayPanel()
    qtbot.addWidget(panel)
    assert m.current_plan is not None
    route = m.current_plan.routes[0]
    panel.set_team(m, route.team_id)
    want = slack(prepare_team(m, route, station_prizes_of(m)), m.settings)
    assert panel.timeline.slack == want
    voting = {i for i, v in enumerate(route.visits, start=1) if v.phase == "voting"}
    assert voting <= {i for i, *_rest in want}
    assert all(latest >= dep for _i, dep, latest, _r in want)
    panel.resize(800, 300)
    panel.timeline.grab()  # paints slack and legs without error
