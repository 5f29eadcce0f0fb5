"""A hand-made valid plan on ``tiny_mission`` for validator and coverage tests.

The builder times stops by the day model written out here, on purpose without the
solver's day model, so that the validator is checked against an independent
reading of the rules.
"""

from __future__ import annotations

from planner.model import Mission, Plan, TeamRoute, Visit
from planner.travel import EstimatedTravel
from tests.factories import tiny_mission

Stop = tuple[str, str]  # (phase, ps_id) or ("tabulation", dec_id)

#: The valid plan's stops: team -> stops (tabulation at the counting station's DEC).
VALID_STOPS: dict[str, list[Stop]] = {
    "T001": [
        ("opening", "N-0002"),
        ("voting", "N-0003"),
        ("voting", "N-0004"),
        ("voting", "N-0010"),
        ("voting", "N-0011"),
        ("voting", "N-0001"),
        ("counting", "N-0005"),
        ("tabulation", "N-D01"),
    ],
    "T002": [
        ("opening", "W-0002"),  # opens 08:00
        ("voting", "W-0003"),
        ("voting", "W-0009"),
        ("voting", "W-0010"),
        ("counting", "W-0011"),
        ("tabulation", "W-D02"),
    ],
    "T003": [
        ("opening", "N-0012"),
        ("voting", "N-0013"),
        ("voting", "N-0006"),
        ("counting", "N-0014"),
        ("tabulation", "N-D02"),
    ],
}
STARTS = {"BN": (51.0, 71.0), "BW": (50.0, 57.0)}


def build_route(
    mission: Mission,
    team_id: str,
    start: tuple[float, float],
    stops: list[Stop],
) -> TeamRoute:
    """Earliest times for ``stops``; lunch after the first stop left at/after lunch_earliest
    (or just before counting)."""
    s = mission.settings
    travel = EstimatedTravel(s)
    places = []
    for phase, ident in stops:
        if phase == "tabulation":
            d = mission.dec_by_id[ident]
            places.append((phase, "", d.dec_id, d.region_id, d.lat, d.lon, 0, 0))
        else:
            p = mission.station_by_id[ident]
            assert p.lat is not None and p.lon is not None
            places.append(
                (phase, p.ps_id, p.dec_id, p.region_id, p.lat, p.lon, p.open_time, p.close_time)
            )
    offsets = [mission.region_by_id[pl[3]].utc_offset_min for pl in places]
    legs = []
    prev = start
    for pl in places:
        legs.append(travel.leg(prev, (pl[4], pl[5])))
        prev = (pl[4], pl[5])
    first = places[0]
    depart_start = max(s.earliest_departure, first[6] - s.arrive_before_open_min - legs[0][0])
    t = depart_start
    prev_off = offsets[0]
    visits = []
    lunch_start = None
    for i, (pl, (minutes, km), off) in enumerate(zip(places, legs, offsets, strict=True)):
        phase, ps_id, dec_id, region_id, lat, lon, opens, closes = pl
        lunch_due = t >= s.lunch_earliest or phase == "counting"
        if s.lunch_break_min > 0 and lunch_start is None and i > 0 and lunch_due:
            lunch_start = max(t, s.lunch_earliest)
            assert lunch_start <= s.lunch_latest
            t = lunch_start + s.lunch_break_min
        arrive = t + minutes + (off - prev_off)
        if phase == "opening":
            depart = opens + s.opening_observation_min
        elif phase == "voting":
            depart = max(arrive, opens) + s.voting_observation_min
        elif phase == "counting":
            depart = closes + s.count_duration_min
        else:
            depart = arrive + s.tabulation_observation_min
        visits.append(
            Visit(phase, ps_id, dec_id, region_id, lat, lon, arrive, depart, minutes, km)  # type: ignore[arg-type]
        )
        t = depart
        prev_off = off
    return TeamRoute(team_id, start[0], start[1], depart_start, tuple(visits), lunch_start)


def valid_plan(mission: Mission | None = None) -> tuple[Mission, Plan]:
    """tiny_mission (3 teams) and a plan that follows every rule."""
    m = mission or tiny_mission()
    routes = tuple(
        build_route(m, tid, STARTS[m.team_by_id[tid].base_id], stops)
        for tid, stops in VALID_STOPS.items()
    )
    return m, Plan(routes=routes, seed=1, label="hand-made")


def test_builder_gives_the_day_the_rules_describe() -> None:
    m, plan = valid_plan()
    s = m.settings
    t1 = plan.route("T001")
    assert t1 is not None
    opening, counting, tab = t1.visits[0], t1.visits[-2], t1.visits[-1]
    assert opening.arrive <= 420 - s.arrive_before_open_min
    assert opening.depart == 420 + s.opening_observation_min
    assert counting.depart == 1200 + s.count_duration_min
    assert tab.arrive > counting.depart and tab.depart <= s.latest_end
    assert t1.lunch_start is not None
    assert s.lunch_earliest <= t1.lunch_start <= s.lunch_latest
    t2 = plan.route("T002")
    assert t2 is not None and t2.visits[0].depart == 480 + s.opening_observation_min
