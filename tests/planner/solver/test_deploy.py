"""Deployment: teams spread over districts in proportion to stations, rural ones included."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from planner.model import Base, Mission, Team
from planner.solver.anchors import Taken, choose_anchors
from planner.solver.deploy import deploy
from planner.travel import EstimatedTravel
from tests.factories import tiny_mission


def _one_base(mission: Mission) -> Mission:
    """Both regions served by one base, with every team at it."""
    base = Base("B", "Joint base", ("N", "W"), 51.0, 71.0)
    teams = tuple(replace(t, base_id="B") for t in mission.teams)
    return replace(mission, bases=(base,), teams=teams)


def test_each_district_gets_a_team_before_any_gets_two() -> None:
    m = tiny_mission(n_teams=4)
    d = deploy(m)
    assert sorted(x.home_dec for x in d.values()) == ["N-D01", "N-D02", "W-D01", "W-D02"]
    # rural districts are covered, and a chosen overnight location is the district seat
    for x in d.values():
        dec = m.dec_by_id[x.home_dec]
        assert (x.lat, x.lon) == (dec.lat, dec.lon) and x.chosen
    d6 = deploy(tiny_mission(n_teams=6))
    per_dec = Counter(x.home_dec for x in d6.values())
    assert max(per_dec.values()) == 2 and len(per_dec) == 4


def test_teams_follow_each_regions_share_of_stations() -> None:
    m = _one_base(tiny_mission(n_teams=6))
    # close the rural district of region W: N has 16 usable stations, W only 8
    stations = tuple(
        replace(p, status="closed") if p.dec_id == "W-D02" else p for p in m.polling_stations
    )
    m = replace(m, polling_stations=stations)
    per_region = Counter(m.dec_by_id[x.home_dec].region_id for x in deploy(m).values())
    assert per_region == {"N": 4, "W": 2}
    assert "W-D02" not in {x.home_dec for x in deploy(m).values()}


def test_a_given_overnight_location_is_kept() -> None:
    m = tiny_mission(n_teams=4)
    teams = tuple(replace(t, lat=51.26, lon=71.41) if t.team_id == "T001" else t for t in m.teams)
    d = deploy(replace(m, teams=teams))
    assert (d["T001"].lat, d["T001"].lon) == (51.26, 71.41) and not d["T001"].chosen
    assert d["T001"].home_dec == "N-D02"  # the nearest district seat
    assert d["T003"].home_dec == "N-D01"  # the other N team takes the other district


def test_unavailable_teams_are_not_deployed_and_taken_decs_count() -> None:
    m = tiny_mission(n_teams=4)
    teams = tuple(replace(t, available=False) if t.team_id == "T004" else t for t in m.teams)
    d = deploy(replace(m, teams=teams))
    assert "T004" not in d and len(d) == 3
    only: list[Team] = [m.team_by_id["T001"]]
    d1 = deploy(m, only, taken_decs={"N-D02"})
    assert d1["T001"].home_dec == "N-D01"


def test_anchors_are_distinct_and_in_the_home_district() -> None:
    m = tiny_mission(n_teams=4)
    d = deploy(m)
    a = choose_anchors(m, d.values(), EstimatedTravel(m.settings), Taken())
    assert len(a) == 4
    st = m.station_by_id
    openings = [x.opening for x in a.values()]
    counts = [x.counting for x in a.values()]
    assert len(set(openings)) == 4 and len(set(counts)) == 4
    for team_id, x in a.items():
        assert x.opening != x.counting
        assert st[x.opening].dec_id == d[team_id].home_dec
        assert st[x.counting].dec_id == x.tabulation_dec == d[team_id].home_dec
