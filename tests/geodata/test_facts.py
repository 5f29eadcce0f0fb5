"""The stated facts the demo is built from agree with each other (for whoever edits them)."""

from __future__ import annotations

from collections import Counter

import shapely

from geodata.facts import load_facts


def test_facts_are_consistent():
    facts = load_facts()
    regions = {r.region_id: r for r in facts.regions}
    assert len(regions) == 16
    assert sum(r.stations for r in facts.regions) + 35 == 9725
    assert sum(r.decs for r in facts.regions) == 207
    assert sum(r.shifted for r in facts.regions) == 1494
    assert sum(r.valid_votes for r in facts.regions) == 8_216_370  # the report's annex
    seats = Counter(s.region_id for s in facts.seats)
    assert {rid: r.decs for rid, r in regions.items()} == dict(seats)
    ids = [s.dec_id for s in facts.seats]
    assert len(set(ids)) == len(ids)
    assert all(s.dec_id.startswith(s.region_id + "-D") for s in facts.seats)
    assert all(s.seat_kind in ("city", "town", "rural") and s.pop_k > 0 for s in facts.seats)
    covered = Counter(rid for b in facts.bases for rid in b.region_ids)
    assert set(covered) == set(regions) and max(covered.values()) == 1
    for r in facts.regions:
        base = next(b for b in facts.bases if r.region_id in b.region_ids)
        assert base.base_id == r.base_id, r.region_id


def test_seats_and_bases_are_on_land():
    facts = load_facts()
    country = shapely.Polygon(facts.outline)
    assert country.is_valid
    water = shapely.union_all([shapely.Polygon(r) for r in facts.water.values()])
    places = [(s.dec_id, s.lon, s.lat) for s in facts.seats]
    places += [(b.base_id, b.lon, b.lat) for b in facts.bases]
    for name, lon, lat in places:
        point = shapely.Point(lon, lat)
        assert country.contains(point), f"{name} outside the national outline"
        assert not water.contains(point), f"{name} in a lake"
    for rid, ring in facts.cities.items():
        city = shapely.Polygon(ring)
        assert city.is_valid
        assert all(
            city.contains(shapely.Point(s.lon, s.lat)) for s in facts.seats if s.region_id == rid
        ), rid
