"""Manual edits are checked by the day model and stored as new plan revisions."""

from __future__ import annotations

import json

import pytest

from planner.model import Mission
from ui.plan_edits import (
    EditRefused,
    add_station,
    candidate_stations,
    move_stop,
    pin_stop,
    remove_stop,
    set_team_available,
)


def test_every_edit_is_a_new_revision_with_parent_and_log(planned_mission: Mission) -> None:
    old = planned_mission.current_plan
    route = old.route("T001")
    key = route.phase_visits("voting")[0].ps_id
    result = remove_stop(planned_mission, "T001", key)
    new = result.mission.current_plan
    assert new.revision == old.revision + 1 and new.parent == old.revision
    assert len(result.mission.plans) == 2  # the old revision is kept
    log = result.mission.change_log[-1]
    assert log.kind == "manual_edit" and log.plan_revision == new.revision
    assert json.loads(log.detail)["stop"] == key
    assert key not in [v.ps_id for v in new.route("T001").visits]
    # other teams untouched
    assert new.route("T002") == old.route("T002")
    # re-timed: the next stop is now reached straight from the opening
    assert new.route("T001").visits[1].ps_id == route.visits[2].ps_id


def test_removing_the_count_also_drops_the_tabulation(planned_mission: Mission) -> None:
    route = planned_mission.current_plan.route("T003")
    counting = route.phase_visits("counting")[0].ps_id
    new = remove_stop(planned_mission, "T003", counting).mission.current_plan.route("T003")
    assert [v.phase for v in new.visits].count("tabulation") == 0
    assert [v.phase for v in new.visits].count("counting") == 0


def test_pin_keeps_times_and_marks_the_stop(planned_mission: Mission) -> None:
    route = planned_mission.current_plan.route("T002")
    key = route.visits[-2].key
    new = pin_stop(planned_mission, "T002", key).mission.current_plan.route("T002")
    assert new.visits[-2].pinned
    assert [(v.arrive, v.depart) for v in new.visits] == [
        (v.arrive, v.depart) for v in route.visits
    ]


def test_reorder_is_retimed_and_only_among_voting_visits(planned_mission: Mission) -> None:
    route = planned_mission.current_plan.route("T001")
    first, second = (v.ps_id for v in route.phase_visits("voting")[:2])
    result = move_stop(planned_mission, "T001", second, -1)
    voting = [v.ps_id for v in result.mission.current_plan.route("T001").phase_visits("voting")]
    assert voting[:2] == [second, first]
    with pytest.raises(EditRefused, match="only voting visits"):
        move_stop(planned_mission, "T001", first, -1)  # would swap with the opening


def test_add_station_checks_the_day_and_says_what_breaks(planned_mission: Mission) -> None:
    candidates = candidate_stations(planned_mission, "T001")
    assert candidates and all(ps.startswith("N-") for ps, _km in candidates[:3])
    ps_id = candidates[0][0]
    result = add_station(planned_mission, "T001", ps_id)
    after = result.mission.current_plan.route("T001")
    assert ps_id in [v.ps_id for v in after.phase_visits("voting")]
    assert any("voting visits" in line for line in result.consequences())
    with pytest.raises(EditRefused, match="does not fit") as info:
        add_station(planned_mission, "T001", "W-0010")  # ~1,000 km away, another region
    assert "longest leg" in info.value.reason or "driving" in info.value.reason
    with pytest.raises(EditRefused, match="already"):
        add_station(
            planned_mission, "T001", planned_mission.current_plan.route("T001").visits[1].ps_id
        )


def test_marking_a_team_unavailable_drops_its_day(planned_mission: Mission) -> None:
    result = set_team_available(planned_mission, "T004", False)
    assert not result.mission.team_by_id["T004"].available
    assert result.mission.current_plan.route("T004") is None
    assert len(result.mission.current_plan.routes) == 3
    back = set_team_available(result.mission, "T004", True)
    assert back.mission.team_by_id["T004"].available


def test_no_plan_no_edit(mission: Mission) -> None:
    with pytest.raises(EditRefused, match="no plan"):
        remove_stop(mission, "T001", "N-0001")
