"""The day model (planner.day.time_route): one test per rule, on tiny_mission."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.day import InfeasibleRoute, StopRef, stops_of, time_route
from planner.model import Mission, PollingStation, Settings, TeamRoute
from planner.travel import EstimatedTravel
from tests.factories import tiny_mission

N_SEAT = (51.0, 71.0)
W_SEAT = (50.0, 57.0)


def _mission(**settings: object) -> Mission:
    return tiny_mission(settings=Settings(**settings))  # type: ignore[arg-type]


def _with_station(mission: Mission, ps_id: str, **changes: object) -> Mission:
    stations = tuple(
        replace(p, **changes) if p.ps_id == ps_id else p  # type: ignore[arg-type]
        for p in mission.polling_stations
    )
    return replace(mission, polling_stations=stations)


def _ps(mission: Mission, ps_id: str) -> PollingStation:
    return mission.station_by_id[ps_id]


def _day(*voting: str, opening: str = "N-0001", counting: str = "N-0004") -> list[StopRef]:
    return [
        StopRef("opening", opening),
        *(StopRef("voting", v) for v in voting),
        StopRef("counting", counting),
        StopRef("tabulation"),
    ]


def _leg(mission: Mission, a: tuple[float, float], ps_id: str) -> int:
    p = _ps(mission, ps_id)
    assert p.lat is not None and p.lon is not None
    return EstimatedTravel(mission.settings).leg(a, (p.lat, p.lon))[0]


def test_ordinary_day_is_timed_by_every_phase_rule() -> None:
    m = tiny_mission()
    s = m.settings
    r = time_route(m, "T001", N_SEAT, _day("N-0002", "N-0003", "N-0009"))
    opening, v1, v2, v3, count, tab = r.visits
    # opening: there exactly 30 min before 07:00, leaves at 07:45; left home just in time
    assert opening.arrive == 420 - s.arrive_before_open_min
    assert opening.depart == 420 + s.opening_observation_min
    assert r.depart_start == opening.arrive - opening.travel_min
    # voting: each visit observed 40 min, each leg driven in its travel time
    for prev, v in ((opening, v1), (v1, v2), (v2, v3)):
        assert v.depart - max(v.arrive, 420) == s.voting_observation_min
        assert v.arrive >= prev.depart + v.travel_min
    # counting: stays until close + count, tabulation at its DEC after the count
    assert count.depart == 1200 + s.count_duration_min
    assert tab.phase == "tabulation" and tab.dec_id == count.dec_id == "N-D01"
    assert tab.arrive == count.depart + tab.travel_min
    assert tab.depart == tab.arrive + s.tabulation_observation_min
    assert r.driving_min == sum(v.travel_min for v in r.visits)


def test_opening_arrival_follows_the_stations_own_opening_time() -> None:
    m = tiny_mission()  # W-0002 opens at 08:00
    r = time_route(m, "T002", W_SEAT, _day(opening="W-0002", counting="W-0004"))
    assert r.visits[0].arrive == 480 - 30
    assert r.visits[0].depart == 480 + 45


def test_opening_too_late_after_earliest_departure_is_refused_with_times() -> None:
    m = _mission(earliest_departure=6 * 60 + 55)
    with pytest.raises(InfeasibleRoute) as exc:
        time_route(m, "T001", N_SEAT, _day())
    err = exc.value
    assert err.team_id == "T001" and err.seq == 1
    leg = _leg(m, N_SEAT, "N-0001")
    assert f"arrives 06:{55 + leg - 60:02d}" in err.reason or "arrives 07:" in err.reason
    assert "N-0001 (No. 1)" in err.reason and "06:30 = 30 min before it opens" in err.reason


def test_depart_start_never_before_earliest_departure() -> None:
    m = tiny_mission()
    # a rural opening station: the team would leave before 04:30 only if it were far
    r = time_route(m, "T001", N_SEAT, _day(opening="N-0001"))
    assert r.depart_start >= m.settings.earliest_departure
    # a voting-first day waits at home until it is worth leaving, but not before 04:30
    r2 = time_route(m, "T001", N_SEAT, [StopRef("voting", "N-0002"), StopRef("counting", "N-0004")])
    assert r2.depart_start >= m.settings.earliest_departure
    assert r2.visits[0].arrive <= 420


def test_voting_waits_for_a_station_that_opens_later() -> None:
    m = _mission(opening_observation_min=30)  # W-0002 opens 08:00; opening ends 07:30
    r = time_route(m, "T002", W_SEAT, _day("W-0002", opening="W-0001", counting="W-0004"))
    v = r.visits[1]
    assert v.arrive < 480
    assert v.depart == 480 + 40


def test_voting_must_end_before_the_station_closes() -> None:
    m = _with_station(tiny_mission(), "N-0003", close_time=8 * 60)  # closes 08:00
    with pytest.raises(InfeasibleRoute) as exc:
        time_route(m, "T001", N_SEAT, _day("N-0002", "N-0003"))
    assert exc.value.seq == 3
    assert "after it closes at 08:00" in exc.value.reason


def test_counting_arrival_before_closing_minus_margin() -> None:
    # count at a station that closes 10:00: the team must be there by 09:30 (30 min)
    m = _with_station(tiny_mission(), "N-0004", close_time=10 * 60)
    with pytest.raises(InfeasibleRoute) as exc:
        time_route(m, "T001", N_SEAT, _day("N-0002", "N-0003", "N-0009"))
    assert exc.value.seq == 5
    assert "09:30 = 30 min before it closes" in exc.value.reason
    # without the far rural visit it is in time, and stays until 10:00 + count
    r = time_route(m, "T001", N_SEAT, _day("N-0002"))
    assert r.visits[2].arrive <= 10 * 60 - 30
    assert r.visits[2].depart == 10 * 60 + 180


def test_tabulation_must_be_at_the_counting_stations_dec() -> None:
    m = tiny_mission()
    stops = [*_day()[:-1], StopRef("tabulation", dec_id="N-D02")]
    with pytest.raises(InfeasibleRoute) as exc:
        time_route(m, "T001", N_SEAT, stops)
    assert exc.value.seq == 3 and "belongs to DEC N-D01" in exc.value.reason


def test_tabulation_must_end_by_the_latest_end_of_day() -> None:
    m = _mission(latest_end=24 * 60)  # count ends 23:00, +90 min tabulation > 24:00
    with pytest.raises(InfeasibleRoute) as exc:
        time_route(m, "T001", N_SEAT, _day())
    assert exc.value.seq == 3 and "latest end of the day 24:00" in exc.value.reason
    r = time_route(m, "T001", N_SEAT, _day()[:-1])  # without tabulation the day works
    assert r.visits[-1].phase == "counting"


def test_daily_driving_limit() -> None:
    m = _mission(max_driving_min=150)
    stops = _day("N-0009", "N-0010")
    with pytest.raises(InfeasibleRoute) as exc:
        time_route(m, "T001", N_SEAT, stops)
    assert exc.value.seq == 0 and "more than the limit of 2 h 30 min" in exc.value.reason
    r = time_route(tiny_mission(), "T001", N_SEAT, stops)
    assert r.driving_min > 150


def test_longest_single_leg() -> None:
    m = _mission(max_leg_min=60)
    with pytest.raises(InfeasibleRoute) as exc:
        time_route(m, "T001", N_SEAT, _day("N-0002", "N-0009"))
    assert exc.value.seq == 3 and "longest leg allowed (1 h)" in exc.value.reason


def _lunch_ok(m: Mission, r: TeamRoute) -> None:
    s = m.settings
    assert r.lunch_start is not None
    assert s.lunch_earliest <= r.lunch_start <= s.lunch_latest
    gaps = [
        (a, b)
        for a, b in zip(r.visits, r.visits[1:], strict=False)
        if a.depart <= r.lunch_start
        and r.lunch_start + s.lunch_break_min + b.travel_min <= b.arrive
    ]
    assert gaps, "the break fits between two consecutive stops"


def test_lunch_break_is_placed_in_its_window_between_two_stops() -> None:
    m = tiny_mission()
    r = time_route(m, "T001", N_SEAT, _day("N-0002", "N-0003", "N-0005", "N-0006", "N-0007"))
    _lunch_ok(m, r)
    # the break delays the team: the route is at most 30 min later than without one
    r0 = time_route(_mission(lunch_break_min=0), "T001", N_SEAT, stops_of(r))
    assert r0.lunch_start is None
    assert r.visits[-2].arrive <= r0.visits[-2].arrive + 30


def test_lunch_break_impossible_when_window_has_passed() -> None:
    m = _mission(lunch_earliest=6 * 60, lunch_latest=7 * 60 + 30)  # opening ends 07:45
    with pytest.raises(InfeasibleRoute) as exc:
        time_route(m, "T001", N_SEAT, _day("N-0002"))
    assert "no room for the 30 min lunch break starting 06:00-07:30" in exc.value.reason


def test_leg_across_time_zone_border_converts_local_times() -> None:
    # a UTC+5 (region W) station just across the border from the UTC+6 opening station
    m = _with_station(_mission(lunch_break_min=0), "W-0004", lat=50.99, lon=71.05)
    stops = [
        StopRef("opening", "N-0001"),
        StopRef("voting", "W-0004"),
        StopRef("counting", "N-0004"),
    ]
    r = time_route(m, "T001", N_SEAT, stops)
    o, v, c = r.visits
    assert v.region_id == "W"
    # 07:45 UTC+6 is 06:45 UTC+5: the visit starts before W-0004 opens at 07:00 local
    assert v.arrive == o.depart + v.travel_min - 60
    assert v.depart == 420 + 40
    # and back into UTC+6: an hour later on the clock
    assert c.arrive == v.depart + c.travel_min + 60


def test_closed_and_abroad_stations_cannot_be_visited() -> None:
    m = _with_station(tiny_mission(), "N-0002", status="closed")
    with pytest.raises(InfeasibleRoute, match=r"N-0002 \(No\. 2\) is closed"):
        time_route(m, "T001", N_SEAT, _day("N-0002"))
    with pytest.raises(InfeasibleRoute, match="no location"):
        time_route(m, "T001", N_SEAT, _day("ABR-0001"))


def test_phase_order_and_duplicates_are_refused() -> None:
    m = tiny_mission()
    bad = [
        [StopRef("voting", "N-0002"), StopRef("opening", "N-0001")],
        [StopRef("opening", "N-0001"), StopRef("tabulation")],
        [*_day("N-0002", "N-0002")],
        [*_day(), StopRef("voting", "N-0005")],
        [StopRef("counting", "N-0004"), StopRef("counting", "N-0005")],
    ]
    for stops in bad:
        with pytest.raises(InfeasibleRoute):
            time_route(m, "T001", N_SEAT, stops)


def test_pinned_flag_is_copied_and_stops_round_trip() -> None:
    m = tiny_mission()
    stops = _day("N-0002", "N-0003")
    stops[1] = StopRef("voting", "N-0002", pinned=True)
    r = time_route(m, "T001", N_SEAT, stops)
    assert [v.pinned for v in r.visits] == [False, True, False, False, False]
    again = stops_of(r)
    assert [(x.phase, x.ps_id, x.pinned) for x in again] == [
        (x.phase, x.ps_id, x.pinned) for x in stops
    ]
    assert time_route(m, "T001", N_SEAT, again) == r


def test_the_named_rules_agree_with_a_timed_day() -> None:
    """What the re-planner, anchors and alternates ask planner.day matches time_route."""
    from planner.day import (
        can_reach_opening,
        counting_end,
        lunch_start_after,
        opening_deadline,
        opening_end,
        visit_still_fits,
        voting_departure,
    )

    m = tiny_mission()
    s = m.settings
    r = time_route(m, "T001", N_SEAT, _day("N-0002", "N-0003"))
    opening, v1, _v2, count, _tab = r.visits
    assert all(visit_still_fits(_ps(m, v.ps_id), v, s) for v in r.visits if v.ps_id)
    assert opening.arrive == opening_deadline(_ps(m, "N-0001").open_time, s)
    assert opening.depart == opening_end(_ps(m, "N-0001").open_time, s)
    assert v1.depart == voting_departure(v1.arrive, _ps(m, "N-0002").open_time, s)
    assert count.depart == counting_end(_ps(m, "N-0004").close_time, s)
    assert can_reach_opening(_ps(m, "N-0001").open_time, opening.travel_min, s)
    # A station that now opens an hour earlier no longer fits the planned opening visit.
    later = replace(_ps(m, "N-0001"), open_time=opening.arrive - s.arrive_before_open_min - 1)
    assert not visit_still_fits(later, opening, s)
    # Lunch starts no earlier than its window and never after it.
    assert lunch_start_after(0, s) == s.lunch_earliest
    assert lunch_start_after(s.lunch_latest + 1, s) is None
