"""The plan validator: a valid plan passes; each broken rule is caught, and only it.

Every case starts from the hand-made valid plan of ``test_validate_builder`` and
breaks one thing the way it could go wrong in real life (a time typed wrong, a
station closed after planning, a shifted opening hour, two teams sent to one DEC).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from planner.day import StopRef, time_route
from planner.model import Dec, Mission, Plan, TeamRoute, Visit
from planner.travel import EstimatedTravel
from planner.validate import RULES, Violation, validate_plan
from tests.planner.test_validate_builder import STARTS, VALID_STOPS, build_route, valid_plan

Case = Callable[[Mission, Plan], tuple[Mission, Plan]]


# --------------------------------------------------------------------------- helpers


def _route(plan: Plan, team_id: str) -> TeamRoute:
    r = plan.route(team_id)
    assert r is not None
    return r


def set_route(plan: Plan, which: str, **changes: Any) -> Plan:
    routes = tuple(
        dataclasses.replace(r, **changes) if r.team_id == which else r for r in plan.routes
    )
    return dataclasses.replace(plan, routes=routes)


def set_visit(plan: Plan, team_id: str, seq: int, **changes: Any) -> Plan:
    r = _route(plan, team_id)
    visits = list(r.visits)
    visits[seq - 1] = dataclasses.replace(visits[seq - 1], **changes)
    return set_route(plan, team_id, visits=tuple(visits))


def set_station(m: Mission, ps_id: str, **changes: Any) -> Mission:
    stations = tuple(
        dataclasses.replace(p, **changes) if p.ps_id == ps_id else p for p in m.polling_stations
    )
    return dataclasses.replace(m, polling_stations=stations)


def set_team(m: Mission, team_id: str, **changes: Any) -> Mission:
    teams = tuple(dataclasses.replace(t, **changes) if t.team_id == team_id else t for t in m.teams)
    return dataclasses.replace(m, teams=teams)


def set_settings(m: Mission, **changes: Any) -> Mission:
    return dataclasses.replace(m, settings=dataclasses.replace(m.settings, **changes))


def rebuild(m: Mission, plan: Plan, team_id: str, stops: list[tuple[str, str]]) -> Plan:
    """Re-time ``team_id`` with other stops (by the test's own day model)."""
    route = build_route(m, team_id, STARTS[m.team_by_id[team_id].base_id], stops)
    return dataclasses.replace(
        plan, routes=tuple(route if r.team_id == team_id else r for r in plan.routes)
    )


def t001_stop(plan: Plan, seq: int) -> Any:
    return _route(plan, "T001").visits[seq - 1]


# T001: 1 opening N-0002 06:30-07:45 | 2 voting N-0003 07:55-08:35 | 3 N-0004 08:49-09:29 |
# 4 N-0010 11:22-12:02 | lunch 12:02 | 5 N-0011 13:42-14:22 | 6 N-0001 (hospital) |
# 7 counting N-0005 16:19-23:00 | 8 tabulation N-D01 23:10-24:40.


def _second_opening(m: Mission, p: Plan) -> tuple[Mission, Plan]:
    # N-0003's hours shifted to 09:00: the team can open two stations, which is not the day
    m = set_station(m, "N-0003", open_time=540)
    stops = [("opening", "N-0002"), ("opening", "N-0003"), *VALID_STOPS["T001"][2:]]
    return m, rebuild(m, p, "T001", stops)


def _tabulate_elsewhere(m: Mission, p: Plan) -> tuple[Mission, Plan]:
    extra = Dec("N-D03", "N", "North third district", 51.01, 71.02)
    m = dataclasses.replace(m, decs=(*m.decs, extra))
    return m, rebuild(m, p, "T001", [*VALID_STOPS["T001"][:-1], ("tabulation", "N-D03")])


def _unknown_region(m: Mission, p: Plan) -> tuple[Mission, Plan]:
    return set_station(m, "N-0003", region_id="X"), set_visit(p, "T001", 2, region_id="X")


def _counting_as_voting(m: Mission, p: Plan) -> tuple[Mission, Plan]:
    v = t001_stop(p, 7)
    return m, set_visit(p, "T001", 7, phase="voting", depart=v.arrive + 40)


def _max_leg(m: Mission, p: Plan) -> tuple[Mission, Plan]:
    longest = max(v.travel_min for _, _, v in p.visits())
    return set_settings(m, max_leg_min=longest - 1), p


def _max_driving(m: Mission, p: Plan) -> tuple[Mission, Plan]:
    most = max(r.driving_min for r in p.routes)
    return set_settings(m, max_driving_min=most - 1), p


def _home_drives(m: Mission, p: Plan) -> list[tuple[int, int]]:
    """(working day, night driving) of each route, the drive home included."""
    s = m.settings
    out = []
    for r in p.routes:
        last = r.visits[-1]
        home = EstimatedTravel(s).leg((last.lat, last.lon), (r.start_lat, r.start_lon))[0]
        drives = [(v.arrive - v.travel_min, v.arrive) for v in r.visits]
        drives.append((last.depart, last.depart + home))
        night = sum(max(0, b - max(a, s.night_from)) for a, b in drives)
        out.append((last.depart + home - r.depart_start, night))  # one time zone per route
    return out


def _long_day(m: Mission, p: Plan) -> tuple[Mission, Plan]:
    return set_settings(m, max_working_day_min=max(w for w, _n in _home_drives(m, p)) - 1), p


def _night_drive(m: Mission, p: Plan) -> tuple[Mission, Plan]:
    return set_settings(m, max_night_driving_min=max(n for _w, n in _home_drives(m, p)) - 1), p


def _closes_early(m: Mission, p: Plan) -> tuple[Mission, Plan]:
    # N-0001's hours shifted: it closes at 16:00 while T001 observes it until 16:08
    return set_station(m, "N-0001", close_time=960), p


def _t003_with(stops_change: dict[int, tuple[str, str]]) -> Case:
    def case(m: Mission, p: Plan) -> tuple[Mission, Plan]:
        stops = list(VALID_STOPS["T003"])
        for i, stop in stops_change.items():
            stops[i] = stop
        return m, rebuild(m, p, "T003", stops)

    return case


def _t001_with(stops_change: dict[int, tuple[str, str]]) -> Case:
    def case(m: Mission, p: Plan) -> tuple[Mission, Plan]:
        stops = list(VALID_STOPS["T001"])
        for i, stop in stops_change.items():
            stops[i] = stop
        return m, rebuild(m, p, "T001", stops)

    return case


CASES: dict[str, Case] = {
    "unknown-team": lambda m, p: (
        m,
        dataclasses.replace(set_route(p, "T003", team_id="T099"), unassigned_teams=("T003",)),
    ),
    "team-unavailable": lambda m, p: (set_team(m, "T003", available=False), p),
    "duplicate-route": lambda m, p: (
        m,
        dataclasses.replace(p, routes=(*p.routes, TeamRoute("T003", 51.0, 71.0, 300))),
    ),
    "no-stops": lambda m, p: (m, set_route(p, "T003", visits=(), lunch_start=None)),
    "start-location": lambda m, p: (set_team(m, "T001", lat=51.05, lon=71.0), p),
    "opening-missing": lambda m, p: (m, set_visit(p, "T001", 1, phase="voting")),
    "counting-missing": _counting_as_voting,
    "tabulation-missing": lambda m, p: (
        m,
        set_route(p, "T001", visits=_route(p, "T001").visits[:-1]),
    ),
    "phase-order": _second_opening,
    "tabulation-dec": _tabulate_elsewhere,
    "unknown-station": lambda m, p: (m, set_visit(p, "T001", 2, ps_id="N-9999")),
    "unknown-dec": lambda m, p: (m, set_visit(p, "T001", 8, dec_id="N-D99")),
    "unknown-region": _unknown_region,
    "station-closed": lambda m, p: (set_station(m, "N-0003", status="closed"), p),
    "station-unlocated": lambda m, p: (set_station(m, "N-0003", kind="abroad"), p),
    "station-area": lambda m, p: (m, set_visit(p, "T001", 2, dec_id="N-D02")),
    "coordinates": lambda m, p: (
        m,
        set_visit(p, "T001", 2, lat=t001_stop(p, 2).lat + 0.0005),
    ),
    "outside-base": lambda m, p: (set_team(m, "T003", base_id="BW"), p),
    "opening-late": lambda m, p: (m, set_visit(p, "T001", 1, arrive=6 * 60 + 31)),
    "opening-short": lambda m, p: (m, set_visit(p, "T001", 1, depart=7 * 60 + 44)),
    "voting-short": lambda m, p: (m, set_visit(p, "T001", 2, depart=8 * 60 + 34)),
    "window": _closes_early,
    "counting-late": lambda m, p: (m, set_visit(p, "T001", 7, arrive=19 * 60 + 46)),
    "counting-short": lambda m, p: (m, set_visit(p, "T001", 7, depart=22 * 60 + 59)),
    "tabulation-short": lambda m, p: (
        m,
        set_visit(p, "T001", 8, depart=t001_stop(p, 8).arrive + 89),
    ),
    "late-end": lambda m, p: (m, set_visit(p, "T001", 8, depart=26 * 60 + 1)),
    "early-departure": lambda m, p: (m, set_route(p, "T001", depart_start=4 * 60 + 29)),
    "leg-too-short": lambda m, p: (m, set_visit(p, "T001", 3, arrive=8 * 60 + 40)),
    "travel-mismatch": lambda m, p: (
        m,
        set_visit(p, "T001", 3, travel_km=t001_stop(p, 3).travel_km + 5),
    ),
    "leg-too-long": _max_leg,
    "driving-limit": _max_driving,
    "working-day": _long_day,
    "night-driving": _night_drive,
    "lunch-missing": lambda m, p: (m, set_route(p, "T001", lunch_start=None)),
    "lunch-window": lambda m, p: (set_settings(m, lunch_latest=12 * 60), p),
    "lunch-gap": lambda m, p: (m, set_route(p, "T001", lunch_start=12 * 60 + 10)),
    "shared-station": _t003_with({2: ("voting", "N-0003")}),
    "team-revisit": _t001_with({6: ("counting", "N-0003")}),
    "shared-dec": _t003_with({3: ("counting", "N-0007"), 4: ("tabulation", "N-D01")}),
}


# --------------------------------------------------------------------------- tests


def test_the_hand_made_plan_is_valid() -> None:
    m, plan = valid_plan()
    assert validate_plan(m, plan) == []


def test_the_solver_day_model_agrees_on_the_valid_plan() -> None:
    """The same stops timed by planner.day also pass (two readings, one rule)."""
    m, _ = valid_plan()
    routes = []
    for tid, stops in VALID_STOPS.items():
        refs = [
            StopRef(ph, dec_id=ident) if ph == "tabulation" else StopRef(ph, ps_id=ident)  # type: ignore[arg-type]
            for ph, ident in stops
        ]
        routes.append(time_route(m, tid, STARTS[m.team_by_id[tid].base_id], refs))
    assert validate_plan(m, Plan(routes=tuple(routes))) == []


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_broken_rule_is_reported_alone(rule: str) -> None:
    m, plan = valid_plan()
    m2, broken = CASES[rule](m, plan)
    found = validate_plan(m2, broken)
    assert found, f"{rule}: nothing reported"
    assert {v.rule for v in found} == {rule}, [str(v) for v in found]
    for v in found:
        assert v.message and v.team_id


def test_messages_name_the_stop_and_the_times() -> None:
    m, plan = valid_plan()
    broken = set_visit(plan, "T001", 1, arrive=6 * 60 + 31)
    (v,) = validate_plan(m, broken)
    assert v == Violation(
        "T001",
        1,
        "opening-late",
        "arrives 06:31 at N-0002 (No. 2), after 06:30 = 30 min before it opens at 07:00",
    )
    assert str(v).startswith("T001 stop 1: arrives 06:31")


def test_unassigned_teams_may_have_no_route() -> None:
    m, plan = valid_plan()
    without = dataclasses.replace(plan, routes=plan.routes[:2], unassigned_teams=("T003",))
    assert validate_plan(m, without) == []


def test_time_zone_crossing_leg_is_converted() -> None:
    """Legs into a UTC+5 region arrive an hour earlier on the clock, and back later.

    A station of region W (UTC+5) just over the border next to N-0011 replaces T001's
    5th stop; the clock times are those a team would read on its watch in each region.
    """
    m, plan = valid_plan()
    n11 = m.station_by_id["N-0011"]
    assert n11.lat is not None and n11.lon is not None
    m2 = set_station(m, "W-0004", lat=n11.lat + 0.001, lon=n11.lon)
    both = dataclasses.replace(m2.base_by_id["BN"], region_ids=("N", "W"))
    m2 = dataclasses.replace(m2, bases=tuple(both if b.base_id == "BN" else b for b in m2.bases))
    travel = EstimatedTravel(m2.settings)
    t001 = _route(plan, "T001")
    v4, v6 = t001.visits[3], t001.visits[5]
    assert t001.lunch_start == v4.depart
    in_min, in_km = travel.leg((v4.lat, v4.lon), (n11.lat + 0.001, n11.lon))
    arrive_w = t001.lunch_start + m2.settings.lunch_break_min + in_min - 60
    border = Visit(
        "voting",
        "W-0004",
        "W-D01",
        "W",
        n11.lat + 0.001,
        n11.lon,
        arrive_w,
        arrive_w + 40,
        in_min,
        in_km,
    )
    out_min, out_km = travel.leg((border.lat, border.lon), (v6.lat, v6.lon))
    arrive_n = border.depart + out_min + 60
    assert arrive_n <= v6.arrive  # the rest of the day still works
    after = dataclasses.replace(
        v6, travel_min=out_min, travel_km=out_km, arrive=arrive_n, depart=arrive_n + 40
    )
    crossing = set_route(plan, "T001", visits=(*t001.visits[:4], border, after, *t001.visits[6:]))
    assert validate_plan(m2, crossing) == []
    # back in UTC+6, one minute earlier than the converted arrival is too early
    early = set_visit(crossing, "T001", 6, arrive=arrive_n - 1)
    assert [v.rule for v in validate_plan(m2, early)] == ["leg-too-short"]


def test_a_team_may_end_at_the_count_when_another_team_follows_its_dec() -> None:
    """One team per DEC is enough: T003 counts in T001's DEC N-D01 and stops there."""
    m, plan = valid_plan()
    stops = [*VALID_STOPS["T003"][:3], ("counting", "N-0007")]
    shared = rebuild(m, plan, "T003", stops)
    assert validate_plan(m, shared) == []
    # ... but not when nobody goes on to that DEC
    alone = set_route(shared, "T001", visits=_route(shared, "T001").visits[:-1])
    assert sorted((v.team_id, v.rule) for v in validate_plan(m, alone)) == [
        ("T001", "tabulation-missing"),
        ("T003", "tabulation-missing"),
    ]


def test_a_team_that_cannot_reach_its_dec_in_time_may_end_at_the_count() -> None:
    """With the day ending at 25:00, T002 (DEC 53 min away) and T003 (45 min) could not
    stay 90 min at their DECs after the count ends at 23:00; T001 (10 min) still can."""
    m, plan = valid_plan()
    m2 = set_settings(m, latest_end=25 * 60)
    short = plan
    for tid in ("T002", "T003"):
        short = set_route(short, tid, visits=_route(plan, tid).visits[:-1])
    assert validate_plan(m2, short) == []
    without_t001 = set_route(short, "T001", visits=_route(plan, "T001").visits[:-1])
    (v,) = validate_plan(m2, without_t001)
    assert (v.team_id, v.rule) == ("T001", "tabulation-missing")
    assert "could stay until 24:40" in v.message


def test_the_validator_and_coverage_do_not_use_the_solver() -> None:
    """Independence: a bug in the solver's day model must not hide in the validator."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "planner"
    for name in ("validate.py", "coverage.py"):
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        imported = [
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        ] + [a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names]
        assert not [m for m in imported if m.startswith("planner.solver")], (name, imported)


def test_every_rule_code_is_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "coverage.md").read_text("utf-8")
    assert [code for code in RULES if f"| `{code}` |" not in doc] == []
