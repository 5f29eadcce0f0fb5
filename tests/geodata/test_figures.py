"""The demo mission's figures match the 2011 report and the stated planning assumptions."""

from __future__ import annotations

import statistics
from collections import Counter

import pytest
import shapely

from geodata import DEMO_MISSION
from geodata.facts import load_facts
from planner.io.mission import open_mission
from planner.model import Mission

# Stations and DECs per region (DOMAIN.md: report figures and the assumed split).
STATIONS = {
    "AKM": 726, "AKT": 521, "ALM": 955, "ATY": 287, "VOS": 1095, "ZHA": 497, "ZAP": 516,
    "KAR": 850, "KUS": 774, "KZY": 315, "MAN": 220, "PAV": 573, "SEV": 758, "YUZ": 955,
    "AST": 210, "ALA": 438,
}  # fmt: skip
DECS = {
    "AKM": 19, "AKT": 13, "ALM": 19, "ATY": 8, "VOS": 20, "ZHA": 11, "ZAP": 13, "KAR": 18,
    "KUS": 19, "KZY": 8, "MAN": 7, "PAV": 13, "SEV": 14, "YUZ": 15, "AST": 3, "ALA": 7,
}  # fmt: skip
UTC_PLUS_5 = {"AKT", "ATY", "MAN", "ZAP"}


@pytest.fixture(scope="module")
def mission() -> Mission:
    return open_mission(DEMO_MISSION)


def test_file_is_small_enough_to_bundle():
    assert DEMO_MISSION.stat().st_size < 15 * 1024 * 1024


def test_regions_and_time_zones(mission):
    assert {r.region_id for r in mission.regions} == set(STATIONS)
    for r in mission.regions:
        assert r.utc_offset_min == (300 if r.region_id in UTC_PLUS_5 else 360), r.region_id
        assert r.iso_code == f"KZ-{r.region_id}"
        assert r.name and r.name_ru and r.name_kk
        assert r.geometry is not None and r.geometry.is_valid and r.geometry.area > 0
        assert mission.base_of_region(r.region_id).base_id == r.base_id


def test_polling_stations_per_region(mission):
    domestic = Counter(p.region_id for p in mission.polling_stations if p.kind != "abroad")
    assert dict(domestic) == STATIONS
    assert len(mission.polling_stations) == 9725


def test_decs_per_region_and_ids(mission):
    assert dict(Counter(d.region_id for d in mission.decs)) == DECS
    assert len(mission.decs) == 207
    for d in mission.decs:
        region, num = d.dec_id.split("-D")
        assert region == d.region_id and len(num) == 2
    assert "AKT-D05" in mission.dec_by_id


def test_special_stations(mission):
    kinds = Counter(p.kind for p in mission.polling_stations)
    assert kinds["hospital"] == 269
    assert kinds["military"] == 146
    assert kinds["abroad"] == 35
    assert kinds["other"] == 75
    assert sum(n for k, n in kinds.items() if k != "regular") == 525
    abroad = [p for p in mission.polling_stations if p.kind == "abroad"]
    assert all(p.lat is None and p.lon is None and not p.located for p in abroad)
    assert all(p.dec_id in mission.dec_by_id for p in abroad)


def test_shifted_voting_hours(mission):
    shifted = [p for p in mission.polling_stations if (p.open_time, p.close_time) != (420, 1200)]
    assert len(shifted) == 1494
    per_region = Counter(p.region_id for p in shifted)
    assert per_region["AKT"] == 224
    assert per_region["SEV"] == 288
    assert per_region["VOS"] == 241
    for p in shifted:
        assert p.open_time in (360, 420, 480), p.ps_id
        assert p.close_time in (1080, 1140, 1200), p.ps_id
        assert p.close_time > p.open_time


def test_station_ids_and_pec_numbers(mission):
    ids = [p.ps_id for p in mission.polling_stations]
    assert len(set(ids)) == len(ids)
    for p in mission.polling_stations:
        region, num = p.ps_id.split("-")
        assert region == p.region_id and len(num) == 4
        assert mission.dec_by_id[p.dec_id].region_id == p.region_id
    pecs = Counter((p.region_id, p.pec_number) for p in mission.polling_stations)
    assert max(pecs.values()) == 1
    # the ids other documents use as examples exist
    for ps_id in ("AKT-0166", "AKT-0167", "SEV-0288", "AKM-0001"):
        assert ps_id in mission.station_by_id


def test_voters_are_realistic(mission):
    ps = mission.polling_stations
    total = sum(p.voters for p in ps)
    assert abs(total - 9_200_298) / 9_200_298 < 0.001
    urban = [p.voters for p in ps if p.kind == "regular" and p.settlement == "urban"]
    rural = [p.voters for p in ps if p.kind == "regular" and p.settlement == "rural"]
    assert 1500 <= statistics.median(urban) <= 3000
    assert 100 <= statistics.median(rural) <= 1500
    assert min(p.voters for p in ps) > 0
    assert max(p.voters for p in ps) <= 3500
    # a mix of urban and rural stations in every oblast
    for r in mission.regions:
        if r.region_id in ("AST", "ALA"):
            continue
        mix = Counter(p.settlement for p in ps if p.region_id == r.region_id)
        assert mix["rural"] > mix["urban"] / 3, r.region_id


def test_stations_lie_in_their_dec_area_and_region(mission):
    areas = {a.dec_id: a.geometry for a in mission.dec_areas}
    regions = {r.region_id: r.geometry for r in mission.regions}
    located = [p for p in mission.polling_stations if p.located]
    for dec_id, geom in areas.items():
        ps = [p for p in located if p.dec_id == dec_id]
        assert ps, f"{dec_id} has no stations"
        inside = shapely.contains_xy(geom, [p.lon for p in ps], [p.lat for p in ps])
        assert inside.all(), f"{dec_id}: stations outside the district"
    for rid, geom in regions.items():
        ps = [p for p in located if p.region_id == rid]
        inside = shapely.covers(geom, shapely.points([(p.lon, p.lat) for p in ps]))
        assert inside.all(), f"{rid}: stations outside the region"


def test_no_station_in_the_caspian_aral_or_balkhash(mission):
    facts = load_facts()
    water = shapely.union_all([shapely.Polygon(r) for r in facts.water.values()])
    country = shapely.Polygon(facts.outline)
    for p in mission.polling_stations:
        if p.located:
            pt = shapely.Point(p.lon, p.lat)
            assert country.contains(pt), f"{p.ps_id} outside the country (in the Caspian?)"
            assert not water.contains(pt), f"{p.ps_id} in a lake or sea"


def test_rural_villages_spread_out_around_their_seat(mission):
    """Rural stations are not piled on the seat: most lie 5-150 km away, some far out."""
    import math

    dists = []
    for p in mission.polling_stations:
        if p.settlement == "rural" and p.kind == "regular" and p.located:
            d = mission.dec_by_id[p.dec_id]
            dx = (p.lon - d.lon) * math.cos(math.radians(d.lat)) * 111.2
            dy = (p.lat - d.lat) * 111.2
            dists.append(math.hypot(dx, dy))
    dists.sort()
    median = dists[len(dists) // 2]
    assert 10 <= median <= 80
    assert dists[int(0.95 * len(dists))] > 50


def test_bases_and_teams(mission):
    assert len(mission.bases) == 14
    covered = [rid for b in mission.bases for rid in b.region_ids]
    assert sorted(covered) == sorted(STATIONS)
    assert mission.base_by_id["AST"].region_ids == ("AST", "AKM")
    assert mission.base_by_id["ALA"].region_ids == ("ALA", "ALM")
    teams = mission.teams
    assert [t.team_id for t in teams] == [f"T{i:03d}" for i in range(1, 191)]
    members = [m for t in teams for m in t.members]
    assert len(members) == 380 and len(set(members)) == 380
    for t in teams:
        assert t.available and not t.has_overnight
        assert t.base_id in mission.base_by_id
        assert t.driver and t.interpreter
    # teams per base roughly follow the stations the base covers
    per_base = Counter(t.base_id for t in teams)
    domestic = Counter(p.region_id for p in mission.polling_stations if p.kind != "abroad")
    for b in mission.bases:
        share = sum(domestic[r] for r in b.region_ids) / 9690 * 190
        assert abs(per_base[b.base_id] - share) <= 2, b.base_id


def test_settings(mission):
    assert mission.settings.mission_name == "OSCE/ODIHR EOM Kazakhstan 2011 (demo)"
    assert mission.settings.election_date == "2011-04-03"
    assert mission.settings.voting_observation_min == 40
    assert mission.plans == ()


def test_no_two_stations_share_a_position(mission):
    """Two stations in one village stand a few hundred metres apart, never on one point."""
    located = [(p.lat, p.lon) for p in mission.polling_stations if p.located]
    assert len(set(located)) == len(located)


def test_every_dec_seat_lies_in_its_district_and_region(mission):
    """Tabulation happens at the seat: it must be inside the DEC's own area and region."""
    areas = {a.dec_id: a.geometry for a in mission.dec_areas}
    regions = {r.region_id: r.geometry for r in mission.regions}
    for d in mission.decs:
        seat = shapely.Point(d.lon, d.lat)
        assert areas[d.dec_id].contains(seat), d.dec_id
        assert regions[d.region_id].contains(seat), d.dec_id


def test_villages_stand_apart(mission):
    """Villages of a district are at least ~1.5 km apart: no carpet of stations."""
    import math
    from collections import defaultdict

    villages: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for p in mission.polling_stations:
        if p.settlement == "rural" and p.located and p.address.startswith("с. "):
            place = p.address.split(",")[0]
            villages[p.dec_id].setdefault(place, (p.lat, p.lon))
    closest = math.inf
    for places in villages.values():
        pts = list(places.values())
        for i, (la, lo) in enumerate(pts):
            for lb, lob in pts[i + 1 :]:
                dx = (lo - lob) * math.cos(math.radians(la)) * 111.2
                closest = min(closest, math.hypot(dx, (la - lb) * 111.2))
    assert sum(len(v) for v in villages.values()) > 4000
    assert closest >= 1.5
