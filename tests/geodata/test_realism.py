"""Is the demo geography believable? Measured against real region boundaries.

The reference (OpenStreetMap boundaries of the 16 regions, ../shared/reference) is
read here only, to measure the project's own stated geography; nothing from it is
used to build the demo. The tests skip when ../shared is absent (a user's clone).
"""

from __future__ import annotations

import statistics
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geodata import DEMO_MISSION
from planner.io.mission import open_mission
from planner.model import Mission

#: World Cylindrical Equal Area: areas (and so IoU) are not distorted by latitude.
EQUAL_AREA = "EPSG:6933"


@pytest.fixture(scope="module")
def mission() -> Mission:
    return open_mission(DEMO_MISSION)


@pytest.fixture
def reference(shared_dir: Path) -> dict[str, shapely.Geometry]:
    """Real region polygons by region_id (ISO 3166-2 code without the KZ- prefix)."""
    path = shared_dir / "reference" / "kz_regions_2016_osm.geojson"
    if not path.exists():
        pytest.skip("reference boundaries not present")
    frame = gpd.read_file(path)
    return {
        str(code).removeprefix("KZ-"): geom
        for code, geom in zip(frame["iso3166_2"], frame.geometry, strict=True)
    }


def region_iou(mission: Mission, reference: dict[str, shapely.Geometry]) -> dict[str, float]:
    ours = gpd.GeoSeries([r.geometry for r in mission.regions], crs="EPSG:4326")
    real = gpd.GeoSeries([reference[r.region_id] for r in mission.regions], crs="EPSG:4326")
    ours, real = ours.to_crs(EQUAL_AREA), real.to_crs(EQUAL_AREA)
    out = {}
    for r, a, b in zip(mission.regions, ours, real, strict=True):
        out[r.region_id] = a.intersection(b).area / a.union(b).area
    return out


def test_every_region_overlaps_its_real_area(mission, reference):
    iou = region_iou(mission, reference)
    print({k: round(v, 3) for k, v in sorted(iou.items(), key=lambda kv: kv[1])})
    assert set(iou) == set(reference)
    worst = min(iou, key=lambda k: iou[k])
    assert iou[worst] >= 0.6, f"{worst}: IoU {iou[worst]:.2f} with its real area"
    assert statistics.median(iou.values()) >= 0.75


def test_domestic_stations_lie_in_their_real_region(mission, reference):
    located = [p for p in mission.polling_stations if p.located]
    inside = 0
    misses: dict[str, int] = {}
    for rid in {p.region_id for p in located}:
        ps = [p for p in located if p.region_id == rid]
        ok = shapely.contains_xy(
            reference[rid],
            [p.lon for p in ps],
            [p.lat for p in ps],
        )
        inside += int(ok.sum())
        misses[rid] = int((~ok).sum())
    share = inside / len(located)
    print(f"inside: {share:.4f}", {k: v for k, v in sorted(misses.items()) if v})
    assert len(located) == 9690
    assert share >= 0.97


def test_district_seats_lie_in_their_real_region(mission, reference):
    wrong = [
        d.dec_id
        for d in mission.decs
        if not reference[d.region_id].contains(shapely.Point(d.lon, d.lat))
    ]
    # seats are stated to ~5 km; a seat on a region's edge may miss by that much
    assert len(wrong) <= 4, wrong
