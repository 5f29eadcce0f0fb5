"""The same data read from XLSX, GeoJSON, GeoPackage and Shapefile (made here, in tmp_path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon, box

from planner.errors import InputError
from planner.io.importers import load_layer, read_layer
from planner.model import DecArea, Mission, Region
from tests.factories import tiny_mission

MISSION = tiny_mission()

ROWS = [
    # ps_id, pec, region, dec, name, address, settlement, voters, lat, lon
    (
        "N-0101",
        101,
        "N",
        "N-D01",
        "Мектеп № 5 «Ақ жол»",
        "Абай к-сі, 1",
        "urban",
        1500,
        51.01,
        71.02,
    ),
    ("W-0101", 101, "W", "W-D01", "School <7>", "Central & square", "rural", 320, 50.01, 57.01),
]


def _frame() -> gpd.GeoDataFrame:
    cols = ["ps_id", "pec_number", "region_id", "dec_id", "name", "address", "settlement", "voters"]
    frame = pd.DataFrame([r[:8] for r in ROWS], columns=cols)
    return gpd.GeoDataFrame(frame, geometry=[Point(r[9], r[8]) for r in ROWS], crs="EPSG:4326")


def _check(stations: tuple[object, ...]) -> None:
    got = [(p.ps_id, p.name, p.address, p.voters, p.lat, p.lon) for p in stations]  # type: ignore[attr-defined]
    assert got == [(r[0], r[4], r[5], r[7], r[8], r[9]) for r in ROWS]


def test_xlsx_first_sheet_with_time_cells_and_float_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "Номер участка",
            "Область",
            "ОИК",
            "Название",
            "Адрес",
            "Тип населённого пункта",
            "Избирателей",
            "Время открытия",
            "Широта",
            "Долгота",
            "ps_id",
        ]
    )
    for r in ROWS:
        sheet.append(
            [float(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], dt.time(7, 0), r[8], r[9], r[0]]
        )
    book.create_sheet("Notes").append(["ignored"])
    path = tmp_path / "stations.xlsx"
    book.save(path)
    stations = read_layer("polling_stations", path, MISSION)
    _check(stations)
    assert stations[0].pec_number == 101 and stations[0].open_time == 420


def test_xlsx_problems_use_the_sheet_row_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["team_id", "base_id", "members"])
    sheet.append(["T1", "BN", "A; B"])
    sheet.append([None, None, None])  # a blank row still counts in the sheet
    sheet.append(["T2", "NOPE", "C; D"])
    path = tmp_path / "teams.xlsx"
    book.save(path)
    with pytest.raises(InputError) as info:
        read_layer("teams", path, MISSION)
    assert [(p.row, p.column) for p in info.value.problems] == [(4, "base_id")]


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".shp"])
def test_vector_files_take_points_from_geometry(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"stations{suffix}"
    _frame().to_file(path, engine="pyogrio")
    _check(read_layer("polling_stations", path, MISSION))


def test_vector_rows_are_feature_number_plus_one(tmp_path: Path) -> None:
    frame = _frame()
    frame.loc[1, "settlement"] = "suburb"
    path = tmp_path / "stations.geojson"
    frame.to_file(path, engine="pyogrio")
    with pytest.raises(InputError) as info:
        read_layer("polling_stations", path, MISSION)
    assert [str(p).split(": ", 1)[0] for p in info.value.problems] == [f"{path}:3:settlement"]


def test_projected_shapefile_is_reprojected(tmp_path: Path) -> None:
    path = tmp_path / "stations.shp"
    _frame().to_crs(32642).to_file(path, engine="pyogrio")  # UTM zone 42N
    read = load_layer("polling_stations", path, MISSION)
    assert read.items[0].lat == pytest.approx(51.01, abs=1e-6)
    assert any("reprojected" in n for n in read.notes)


def test_geopackage_layer_by_kind_name_or_option(tmp_path: Path) -> None:
    path = tmp_path / "many.gpkg"
    gpd.GeoDataFrame({"x": [1]}, geometry=[Point(0, 0)], crs="EPSG:4326").to_file(
        path, layer="other", engine="pyogrio"
    )
    _frame().to_file(path, layer="polling_stations", engine="pyogrio")
    _frame().iloc[:1].to_file(path, layer="just_one", engine="pyogrio")
    assert len(read_layer("polling_stations", path, MISSION)) == 2
    assert len(read_layer("polling_stations", path, MISSION, layer="just_one")) == 1
    with pytest.raises(InputError, match="no layer 'nope'; its layers are: other, "):
        read_layer("polling_stations", path, MISSION, layer="nope")


def test_point_geometry_outside_regions_and_not_a_point(tmp_path: Path) -> None:
    frame = _frame()
    frame.loc[0, "geometry"] = Point(51.01, 71.02)  # x/y given the wrong way round
    frame.loc[1, "geometry"] = box(57, 50, 57.1, 50.1)
    path = tmp_path / "stations.gpkg"
    frame.to_file(path, engine="pyogrio", geometry_type="Unknown")
    with pytest.raises(InputError) as info:
        read_layer("polling_stations", path, MISSION)
    lines = [str(p).replace(f"{path}:", "") for p in info.value.problems]
    assert lines[0].startswith("2:geometry: lat and lon look swapped")
    assert lines[1] == "3:geometry: geometry is a Polygon, expected a point"


def test_regions_from_geojson_polygons_are_stored_as_multipolygons(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"region_id": ["N"], "name": ["Солтүстік"], "utc_offset_min": [360], "base_id": ["BN"]},
        geometry=[box(70, 50.5, 72, 51.5)],
        crs="EPSG:4326",
    )
    path = tmp_path / "regions.geojson"
    frame.to_file(path, engine="pyogrio")
    (region,) = read_layer("regions", path, MISSION)
    assert isinstance(region, Region)
    assert region.geometry is not None and region.geometry.geom_type == "MultiPolygon"
    assert region.name == "Солтүстік" and region.utc_offset_min == 360


def test_dec_areas_from_wkt_column_repair_self_intersection(tmp_path: Path) -> None:
    bowtie = Polygon([(71, 51), (71.1, 51.1), (71.1, 51), (71, 51.1)])
    assert not bowtie.is_valid
    path = tmp_path / "areas.csv"
    path.write_text(
        f'dec_id,region_id,WKT\nN-D01,N,"{bowtie.wkt}"\nN-D02,N,POINT (71 51)\nN-D03,N,junk\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_layer("dec_areas", path, MISSION)
    lines = [str(p).replace(f"{path}:", "") for p in info.value.problems]
    assert lines == [
        "3:geometry: geometry is a Point, expected a polygon",
        "4:dec_id: 'N-D03' is not one of the mission's DECs (N-D01, N-D02, W-D01, W-D02)",
        "4:WKT: not a valid WKT geometry (e.g. POLYGON ((lon lat, ...)))",
    ]
    path.write_text(f'dec_id,region_id,WKT\nN-D01,N,"{bowtie.wkt}"\n', encoding="utf-8")
    (area,) = read_layer("dec_areas", path, MISSION)
    assert isinstance(area, DecArea) and area.geometry.is_valid
    assert area.geometry.area == pytest.approx(0.005)


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    """CEC spreadsheets often start with a title; rows keep their sheet numbers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Список команд наблюдателей"])
    sheet.append([])
    sheet.append(["Команда", "База", "Наблюдатели", "Доступна"])
    sheet.append(["T1", "BN", "A; B", "да"])
    sheet.append(["T2", "BW", "C; D", "может быть"])
    path = tmp_path / "teams.xlsx"
    book.save(path)
    with pytest.raises(InputError) as info:
        read_layer("teams", path, MISSION)
    assert [str(p).replace(f"{path}:", "") for p in info.value.problems] == [
        "5:Доступна: 'может быть' is not allowed; use one of: 1, 0, yes, no, true, false, да, нет"
    ]
    csv_path = tmp_path / "teams.csv"
    csv_path.write_text(
        "Teams for election day;;\nteam_id;base_id;comment\nT1;BN;x\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        read_layer("teams", csv_path, MISSION)
    assert [str(p).replace(f"{csv_path}:", "") for p in info.value.problems] == [
        "2:members: required column 'members' is missing (also accepted: observers, names, "
        "наблюдатели, состав, члены)"
    ]


def test_layers_can_be_copied_from_another_mission_file(tmp_path: Path) -> None:
    from planner.io.mission import save_mission

    other = tmp_path / "other.gpkg"
    save_mission(MISSION, other)
    stations = read_layer("polling_stations", other, MISSION)
    assert stations == MISSION.polling_stations
    teams = read_layer("teams", other, MISSION)
    assert teams == MISSION.teams


def test_zipped_shapefile(tmp_path: Path) -> None:
    import zipfile

    folder = tmp_path / "shp"
    folder.mkdir()
    _frame().to_file(folder / "stations.shp", engine="pyogrio")
    archive = tmp_path / "stations.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for part in folder.iterdir():
            zf.write(part, part.name)
    _check(read_layer("polling_stations", archive, MISSION))


def test_workbook_sheet_by_kind_name_or_option(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["This workbook lists the teams and bases."])
    teams = book.create_sheet("teams")
    teams.append(["team_id", "base_id", "members"])
    teams.append(["T1", "BN", "A; B"])
    spare = book.create_sheet("spare teams")
    spare.append(["team_id", "base_id", "members"])
    spare.append(["T8", "BW", "C; D"])
    spare.append(["T9", "BW", "E; F"])
    path = tmp_path / "mission.xlsx"
    book.save(path)
    assert [t.team_id for t in read_layer("teams", path, MISSION)] == ["T1"]
    picked = read_layer("teams", path, MISSION, layer="spare teams")
    assert [t.team_id for t in picked] == ["T8", "T9"]
    with pytest.raises(InputError, match="no sheet 'Teams'; its sheets are: Read me, teams"):
        read_layer("teams", path, MISSION, layer="Teams")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (pd.NA, ""),
        (pd.NaT, ""),
        (float("nan"), ""),
        (101.0, "101"),
        (51.25, "51.25"),
        (True, "1"),
        (dt.time(7, 5), "07:05"),
        (dt.datetime(1899, 12, 30, 20, 0), "20:00"),  # a time cell stored as a date-time
        (dt.timedelta(hours=25, minutes=10), "25:10"),
        ("  Қарағанды  ", "Қарағанды"),
    ],
)
def test_cells_read_as_a_user_sees_them(value: object, text: str) -> None:
    from planner.io.read import cell_text

    assert cell_text(value) == text


def test_layer_without_features(tmp_path: Path) -> None:
    path = tmp_path / "none.gpkg"
    _frame().iloc[:0].to_file(path, layer="teams", engine="pyogrio")
    with pytest.raises(InputError) as info:
        read_layer("teams", path, MISSION)
    assert [str(p) for p in info.value.problems] == [f"{path}:0:: the layer has no features"]


def test_the_demo_mission_rebuilds_from_its_own_layers() -> None:
    """Real scale (9,725 stations, 207 DECs): every layer of the bundled demo passes
    every check and comes back equal when imported into an empty mission in order."""
    from geodata import DEMO_MISSION
    from planner.io.importers import apply_layer
    from planner.io.mission import open_mission

    if not DEMO_MISSION.exists():
        pytest.skip("the demo mission has not been built")
    demo = open_mission(DEMO_MISSION)
    mission = Mission()
    for kind in ("regions", "bases", "decs", "dec_areas", "polling_stations", "teams"):
        items = read_layer(kind, DEMO_MISSION, mission)
        mission = apply_layer(mission, kind, items, DEMO_MISSION)
        assert getattr(mission, kind) == getattr(demo, kind), kind
    assert len(mission.polling_stations) == 9725
