"""A re-plan gives the days it changed the robust check of a new plan (issue 12)."""

from __future__ import annotations

from dataclasses import replace

from planner.rehearsal import DelayModel, prepare_team, rehearse_team, station_prizes_of
from planner.replan.changes import parse_changes_text
from planner.replan.core import replan
from planner.solver.robust import CHECK_RUNS, CHECK_SEED
from planner.validate import validate_plan
from tests.planner.replan.test_replan import planned_mission

#: Rough roads, so that the count margin matters.
ROUGH = {"delay_drive_median": 1.4, "delay_drive_spread": 0.4, "delay_visit_extra_min": 25.0}


def test_changed_days_reach_the_count_target_and_untouched_ones_keep_their_sheet() -> None:
    m = planned_mission()
    m = replace(m, settings=replace(m.settings, **ROUGH))
    base = m.current_plan
    assert base is not None
    # the stored plan's margins, as a plan made by `plan` would have them
    m = m.with_plan(
        replace(base, routes=tuple(replace(r, count_margin_min=5) for r in base.routes))
    )
    base = m.current_plan
    assert base is not None
    prizes = station_prizes_of(m)
    delay = DelayModel.from_settings(m.settings)

    def p_count(route) -> float:  # type: ignore[no-untyped-def]
        day = prepare_team(m, route, prizes)
        return rehearse_team(day, m.settings, delay, CHECK_RUNS, CHECK_SEED).p_count

    old_t001 = base.route("T001")
    assert old_t001 is not None
    # T001 loses a stop: its re-timed day is checked like a new plan's (its own
    # count margin, still at the target); the other teams keep their sheets exactly
    res = replan(m, parse_changes_text("- polling_station_closed: N-0003\n"), source="c.yaml")
    assert validate_plan(res.mission, res.plan) == []
    status = {t.team_id: t.status for t in res.teams}
    assert status["T001"] == "changed"
    new_t001 = res.plan.route("T001")
    assert new_t001 is not None and new_t001.count_margin_min is not None
    assert p_count(new_t001) >= m.settings.count_target_probability
    for team_id, st in status.items():
        if st == "unchanged":
            assert res.plan.route(team_id) == base.route(team_id)  # margin included
