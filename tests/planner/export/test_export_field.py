"""GPX, KML and Apollo-style CSVs: files a phone or a reporting platform reads."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from planner.export.apollo import (
    LOCATION_COLUMNS,
    PARTICIPANT_COLUMNS,
    location_rows,
    participant_rows,
    write_apollo,
)
from planner.export.gpx import GPX_NS, gpx_document
from planner.export.kml import KML_NS, kml_document
from tests.factories import tiny_mission
from tests.planner.export._export_plan import tiny_plan, with_kazakh_names

G = {"g": GPX_NS}
K = {"k": KML_NS}


@pytest.fixture
def mission_plan():  # type: ignore[no-untyped-def]
    mission = with_kazakh_names(tiny_mission())
    return mission, tiny_plan(mission)


def test_gpx_has_one_waypoint_per_stop_in_order_and_a_track(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    route = plan.route("T001")
    root = ET.fromstring(gpx_document(mission, route))
    wpts = root.findall("g:wpt", G)
    assert len(wpts) == len(route.visits)
    for i, (w, v) in enumerate(zip(wpts, route.visits, strict=True), start=1):
        assert (float(w.get("lat")), float(w.get("lon"))) == pytest.approx((v.lat, v.lon))
        name = w.findtext("g:name", namespaces=G)
        assert name.startswith(f"{i:02d} ")
        assert w.findtext("g:type", namespaces=G) == v.phase
    # Sorted by name = the order of the day.
    names = [w.findtext("g:name", namespaces=G) for w in wpts]
    assert names == sorted(names)
    # Arrival in UTC: opening at 06:30 local (UTC+6) on 3 April 2011 -> 00:30Z.
    assert wpts[0].findtext("g:time", namespaces=G) == "2011-04-03T00:30:00Z"
    trkpts = root.findall("g:trk/g:trkseg/g:trkpt", G)
    assert len(trkpts) == len(route.visits) + 1  # from the overnight location


def test_gpx_and_kml_keep_markup_as_text(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    route = plan.route("T001")
    gpx = gpx_document(mission, route)
    kml = kml_document(mission, route)
    for raw in (gpx, kml):
        assert b"<script>" not in raw
    gnames = [
        w.findtext("g:name", namespaces=G) for w in ET.fromstring(gpx).iter(f"{{{GPX_NS}}}wpt")
    ]
    assert any("<script>alert(1)</script>" in n for n in gnames)
    assert any("Әуезов" in n for n in gnames)
    # KML descriptions are shown as HTML by viewers: markup must arrive escaped.
    descs = [d.text or "" for d in ET.fromstring(kml).iter(f"{{{KML_NS}}}description")]
    assert not any("<b>" in d or "<script" in d for d in descs)
    assert any("&lt;b&gt;" in d for d in descs)


def test_kml_placemarks_in_order_with_route_line(mission_plan) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    route = plan.route("T002")
    root = ET.fromstring(kml_document(mission, route))
    points = root.findall(".//k:Folder/k:Placemark", K)
    assert len(points) == len(route.visits)
    lon, lat, _ = points[0].findtext("k:Point/k:coordinates", namespaces=K).split(",")
    assert (float(lat), float(lon)) == pytest.approx((route.visits[0].lat, route.visits[0].lon))
    line = root.findtext(".//k:LineString/k:coordinates", namespaces=K)
    assert len(line.split()) == len(route.visits) + 1


def test_apollo_locations_and_participants(mission_plan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    mission, plan = mission_plan
    paths = write_apollo(mission, plan, tmp_path)
    assert [p.name for p in paths] == ["locations.csv", "participants.csv"]
    locs = list(csv.DictReader(io.StringIO(paths[0].read_text(encoding="utf-8"))))
    assert tuple(locs[0]) == LOCATION_COLUMNS
    levels = [r["level"] for r in locs]
    assert levels.count("region") == 2 and levels.count("dec") == 4
    assert levels.count("polling_station") == len(mission.polling_stations)
    by_id = {r["location_id"]: r for r in locs}
    assert by_id["N-0002"]["planned_phases"] == "opening"
    assert by_id["N-0002"]["planned_teams"] == "T001"
    assert by_id["N-0002"]["parent_id"] == "N-D01"
    assert by_id["N-0005"]["name"] == "<script>alert(1)</script>"  # CSV keeps text as is
    people = list(csv.DictReader(io.StringIO(paths[1].read_text(encoding="utf-8"))))
    assert tuple(people[0]) == PARTICIPANT_COLUMNS
    t1 = [p for p in people if p["team_id"] == "T001"]
    assert [p["role"] for p in t1] == ["observer", "observer", "interpreter", "driver"]
    assert t1[0]["location_id"] == "N-0006"  # the counting station
    assert t1[0]["partner_id"] == "T001-2"
    assert t1[0]["assigned_locations"].split(";")[0] == "N-0002"


def test_apollo_defuses_spreadsheet_formulas() -> None:
    from dataclasses import replace

    mission = tiny_mission()
    teams = (replace(mission.teams[0], members=("=HYPERLINK(1)", "B")), *mission.teams[1:])
    mission = replace(mission, teams=teams)
    people = participant_rows(mission, None)
    assert people[0]["name"] == "'=HYPERLINK(1)"
    assert all(r["planned_phases"] == "" for r in location_rows(mission, None))
