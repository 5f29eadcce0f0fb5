"""Issue 11, hostile input files: refused with FILE:ROW:COLUMN, bounded, never a
traceback, and the mission left byte for byte as it was (exit status 2)."""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pytest
from shapely.geometry import Point, box

from cli.main import main
from planner.io.mission import open_mission

DATA = Path(__file__).parents[2] / "data"
HOSTILE = DATA / "hostile"
GOOD = DATA / "import" / "stations_good.csv"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def mission(tiny_mission_file: Path) -> Path:
    return tiny_mission_file


def _refused(
    mission: Path, kind: str, file: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> str:
    before = _sha(mission)
    code = main(["import", str(mission), "--kind", kind, str(file), *extra])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert _sha(mission) == before
    return err


def _good_lines() -> list[bytes]:
    return GOOD.read_bytes().split(b"\n")


# --------------------------------------------------------------------------- encodings


def test_one_cp1251_line_in_a_utf8_csv_is_refused_at_its_row_and_column(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _good_lines()
    lines[2] = lines[2].replace(b"Village club", "Сельский клуб".encode("cp1251"))
    bad = tmp_path / "stations.csv"
    bad.write_bytes(b"\n".join(lines))
    err = _refused(mission, "polling_stations", bad, capsys)
    assert f"{bad}:3:name: not UTF-8 like the rest of the file" in err


def test_a_nul_byte_after_the_first_4_kb_is_refused_not_truncated(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _good_lines()
    lines[1] = lines[1].replace(b"<b>", b"<b>" + b"x" * 5000)  # past 4 KB
    lines[2] = lines[2].replace(b"Village club", b"Village\x00club")
    bad = tmp_path / "stations.csv"
    bad.write_bytes(b"\n".join(lines))
    assert bad.read_bytes().index(b"\x00") > 4096
    err = _refused(mission, "polling_stations", bad, capsys)
    assert f"{bad}:3:name: holds a NUL byte" in err


def test_control_characters_in_names_are_refused_at_import(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.read_text(encoding="utf-8").replace("Village club", "Village\x07club")
    bad = tmp_path / "stations.csv"
    bad.write_text(text, encoding="utf-8")
    err = _refused(mission, "polling_stations", bad, capsys)
    assert f"{bad}:3:name: holds the control character U+0007" in err


def test_control_characters_in_geojson_are_refused(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "teams.geojson"
    bad.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"team_id": "T001", "base_id": "BN", "members": "Anna\\u001bB"}, '
        '"geometry": {"type": "Point", "coordinates": [71.0, 51.0]}}]}',
        encoding="utf-8",
    )
    err = _refused(mission, "teams", bad, capsys)
    assert f"{bad}:2:members: holds the control character U+001B" in err


# --------------------------------------------------------------------------- numbers, WKT


def test_a_5000_digit_number_is_out_of_range_not_a_traceback(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.read_text(encoding="utf-8").replace(",320,", "," + "9" * 5000 + ",")
    bad = tmp_path / "stations.csv"
    bad.write_text(text, encoding="utf-8")
    err = _refused(mission, "polling_stations", bad, capsys)
    assert f"{bad}:3:voters: 9999" in err and "out of range" in err
    assert len(err) < 2000


@pytest.mark.parametrize(
    ("wkt", "message"),
    [
        ("POLYGON ((70 50, 1e400 50, 71 51, 70 50))", "not finite"),
        ("POLYGON EMPTY", "empty geometry"),
    ],
)
def test_bad_outlines_in_wkt_are_named(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], wkt: str, message: str
) -> None:
    bad = tmp_path / "regions.csv"
    bad.write_text(
        f'region_id,name,utc_offset_min,base_id,wkt\nN,North,360,BN,"{wkt}"\n'
        'W,West,300,BW,"POLYGON ((56 49.5, 58 49.5, 58 50.5, 56 50.5, 56 49.5))"\n',
        encoding="utf-8",
    )
    err = _refused(mission, "regions", bad, capsys)
    assert f"{bad}:2:" in err and message in err
    assert "is it in WGS 84" not in err


# --------------------------------------------------------------------------- special files


def test_dev_zero_is_refused_as_a_special_file(
    mission: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(mission, "teams", Path("/dev/zero"), capsys)
    assert "not a regular file" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_as_file_or_changes_is_refused_without_hanging(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    err = _refused(mission, "teams", fifo, capsys)
    assert "not a regular file" in err
    before = _sha(mission)
    code = main(["replan", str(mission), "--changes", str(fifo), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "not a regular file" in err and _sha(mission) == before


# --------------------------------------------------------------------------- workbooks


def _book(path: Path, rows: int = 2) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["team_id", "base_id", "members"])
    for i in range(rows):
        sheet.append([f"T{i:03d}", "BN", "Anna; Bob"])
    book.save(path)


def test_an_xlsx_zip_bomb_is_refused_before_unpacking(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "teams.xlsx"
    _book(bomb)
    chunk = b"\0" * 2**20
    z = zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
    with z, z.open("xl/media/padding.bin", "w", force_zip64=True) as fh:
        for _ in range(600):  # 600 MB of zeros, a few hundred KB packed
            fh.write(chunk)
    assert bomb.stat().st_size < 5 * 2**20
    err = _refused(mission, "teams", bomb, capsys)
    assert "unpacks to 600 MB" in err


def test_an_xlsx_declaring_a_million_rows_reads_only_the_rows_there_are(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "plain.xlsx"
    _book(src, rows=3)
    liar = tmp_path / "teams.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(
                    rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data
                )
                assert n == 1
            zout.writestr(item, data)
    assert main(["import", str(mission), "--kind", "teams", str(liar)]) == 0
    assert "imported 3 teams" in capsys.readouterr().err
    assert len(open_mission(mission).teams) == 3


# --------------------------------------------------------------------------- vector files


def test_a_shapefile_without_its_dbf_is_one_clear_message(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = gpd.GeoDataFrame(
        {"ps_id": [f"N-{i}" for i in range(30)]},
        geometry=[Point(71.0, 51.0)] * 30,
        crs="EPSG:4326",
    )
    shp = tmp_path / "stations.shp"
    frame.to_file(shp)
    shp.with_suffix(".dbf").unlink()
    err = _refused(mission, "polling_stations", shp, capsys)
    assert "stations.dbf is missing" in err
    assert len(err.strip().splitlines()) <= 2


def test_regions_in_a_wrong_crs_are_refused(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = gpd.GeoDataFrame(
        {"region_id": ["N"], "name": ["North"], "utc_offset_min": [360], "base_id": ["BN"]},
        geometry=[box(70.0, 50.5, 72.0, 51.5)],  # degrees...
        crs="EPSG:32642",  # ... said to be UTM metres
    )
    bad = tmp_path / "regions.gpkg"
    frame.to_file(bad, layer="regions")
    err = _refused(mission, "regions", bad, capsys)
    assert "look like degrees" in err


def test_a_region_with_null_geometry_is_refused(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = gpd.GeoDataFrame(
        {
            "region_id": ["N", "W"],
            "name": ["North", "West"],
            "utc_offset_min": [360, 300],
            "base_id": ["BN", "BW"],
        },
        geometry=[box(70.0, 50.5, 72.0, 51.5), None],
        crs="EPSG:4326",
    )
    bad = tmp_path / "regions.gpkg"
    frame.to_file(bad, layer="regions")
    err = _refused(mission, "regions", bad, capsys)
    assert f"{bad}:3:geometry: no outline" in err


def test_ten_thousand_unknown_columns_are_summarised(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = GOOD.read_text(encoding="utf-8").splitlines()
    extra = [f"junk_{i}" for i in range(10_000)]
    text = "\n".join(
        [lines[0] + "," + ",".join(extra)] + [ln + "," * len(extra) for ln in lines[1:]]
    )
    src = tmp_path / "stations.csv"
    src.write_text(text + "\n", encoding="utf-8")
    assert main(["import", str(mission), "--kind", "polling_stations", str(src)]) == 0
    err = capsys.readouterr().err
    assert "and 9,990 more" in err and len(err) < 2000


# --------------------------------------------------------------------------- CHANGES.yaml


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("laughs.yaml", "anchors and aliases"),
        ("alias.yaml", "anchors and aliases"),
        ("deep.yaml", "levels deep"),
        ("team_added_types.yaml", "driver must be text, not a list"),
    ],
)
def test_hostile_changes_files_are_refused_clearly(
    mission: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    message: str,
) -> None:
    before = _sha(mission)
    code = main(
        ["replan", str(mission), "--changes", str(HOSTILE / name), "--out", str(tmp_path / "o")]
    )
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
    assert f"{HOSTILE / name}:" in err
    assert _sha(mission) == before


def test_team_added_mapping_as_phone_is_refused(tmp_path: Path) -> None:
    from planner.errors import InputError
    from planner.replan.changes import parse_changes_text

    with pytest.raises(InputError) as err:
        parse_changes_text(
            "- team_added: {team_id: T9, base_id: BN, phone: {a: 1}, members: [A, B]}\n"
        )
    assert "phone must be text, not a mapping" in str(err.value)
    with pytest.raises(InputError, match="members must be text, not a list"):
        parse_changes_text("- team_added: {team_id: T9, base_id: BN, members: [A, B]}\n")


def test_too_many_changes_are_refused(tmp_path: Path) -> None:
    from planner.errors import InputError
    from planner.replan.changes import parse_changes_text

    with pytest.raises(InputError, match="more than 10,000"):
        parse_changes_text("- team_unavailable: T001\n" * 10_001)
