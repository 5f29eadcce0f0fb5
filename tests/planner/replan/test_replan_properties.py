"""What must hold after any set of changes (hypothesis, on the tiny mission).

- the re-planned day of every team passes the plan validator;
- a team whose day changed was touched by a change or asked to help (it says why);
- pinned stops stay with their team;
- applying the same changes again changes nothing more.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.errors import InputError
from planner.model import Mission
from planner.replan.changes import (
    AreaBlocked,
    Change,
    Pin,
    PriorityChange,
    StationClosed,
    StationMoved,
    TeamAdded,
    TeamUnavailable,
    VotingHours,
)
from planner.replan.core import replan
from planner.validate import validate_plan
from tests.planner.replan.test_replan import planned_mission

BASE: Mission = planned_mission()
TEAMS = sorted(BASE.team_by_id)
STATIONS = sorted(p.ps_id for p in BASE.polling_stations if p.located)
DECS = sorted(BASE.dec_by_id)


@st.composite
def a_change(draw: Any) -> Change:  # noqa: PLR0911  # one return per change kind drawn
    kinds = ["unavailable", "closed", "moved", "hours", "area", "prio", "pin", "added", "tab"]
    kind = draw(st.sampled_from(kinds))
    ps = draw(st.sampled_from(STATIONS))
    station = BASE.station_by_id[ps]
    assert station.lat is not None and station.lon is not None
    if kind == "unavailable":
        return TeamUnavailable(draw(st.sampled_from(TEAMS)))
    if kind == "closed":
        return StationClosed(ps)
    if kind == "moved":
        dlat = draw(st.floats(-0.05, 0.05))
        dlon = draw(st.floats(-0.05, 0.05))
        return StationMoved(ps, round(station.lat + dlat, 5), round(station.lon + dlon, 5))
    if kind == "hours":
        opens = draw(st.sampled_from([360, 420, 480, 540]))
        closes = draw(st.sampled_from([960, 1080, 1140, 1200]))
        return VotingHours(ps, opens, closes)
    if kind == "area":
        d = draw(st.sampled_from([0.01, 0.03, 0.06]))
        x, y = round(station.lon, 4), round(station.lat, 4)
        return AreaBlocked(((x - d, y - d), (x + d, y - d), (x + d, y + d), (x - d, y + d)))
    if kind == "prio":
        return PriorityChange(draw(st.sampled_from([2.0, 3.0])), dec_id=draw(st.sampled_from(DECS)))
    if kind == "added":
        return TeamAdded("T900", draw(st.sampled_from(["BN", "BW"])), ("A B", "C D"))
    team = draw(st.sampled_from(TEAMS))
    same_region = BASE.base_by_id[BASE.team_by_id[team].base_id].region_ids
    if kind == "tab":
        dec = draw(st.sampled_from(DECS))
        assume(BASE.dec_by_id[dec].region_id in same_region)
        return Pin(team, "tabulation", dec_id=dec)
    assume(station.region_id in same_region)
    phase = draw(st.sampled_from(["voting", "voting", "opening", "counting"]))
    return Pin(team, phase, ps_id=ps)


@settings(
    max_examples=int(__import__("os").environ.get("REPLAN_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.lists(a_change(), min_size=1, max_size=5))
def test_any_changes_give_a_valid_plan_touching_only_what_they_must(
    changes: list[Change],
) -> None:
    try:
        res = replan(BASE, changes)
    except InputError:
        assume(False)  # a contradictory draw (a pin on a closed station...)
        return
    assert validate_plan(res.mission, res.plan) == []
    base = BASE.current_plan
    assert base is not None
    for t in res.teams:
        if t.status != "unchanged":
            assert t.why, f"{t.team_id} changed without a reason"
        else:
            assert res.plan.route(t.team_id) == base.route(t.team_id)
    for c in changes:
        if isinstance(c, Pin) and not any(
            isinstance(o, (StationClosed, TeamUnavailable)) for o in changes
        ):
            held = res.plan.route(c.team_id)
            if any(a.change == c and a.effective for a in res.applied):
                assert held is not None
                assert any(v.key == c.key and v.phase == c.phase and v.pinned for v in held.visits)
    again = replan(res.mission, changes)
    assert not again.is_new_revision
    assert again.plan == res.plan
