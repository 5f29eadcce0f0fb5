"""Validated imports: every rule reports FILE:ROW:COLUMN, good files give domain objects."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planner.errors import InputError
from planner.io.importers import load_layer, read_layer
from planner.model import Mission, PollingStation, Team
from tests.factories import tiny_mission

MISSION = tiny_mission()


def _problems(kind: str, path: Path, mission: Mission = MISSION) -> list[str]:
    """Every problem line read_layer reports, with the folder stripped."""
    with pytest.raises(InputError) as info:
        read_layer(kind, path, mission)
    return [str(p).replace(str(path.parent) + "/", "") for p in info.value.problems]


def _has(lines: list[str], prefix: str, fragment: str) -> None:
    assert any(line.startswith(prefix) and fragment in line for line in lines), (
        f"no {prefix!r} line containing {fragment!r} in:\n" + "\n".join(lines)
    )


# --------------------------------------------------------------------------- good files


def test_good_csv_gives_stations_with_defaults_and_verbatim_text(data_dir: Path) -> None:
    stations = read_layer("polling_stations", data_dir / "import/stations_good.csv", MISSION)
    assert [p.ps_id for p in stations] == ["N-0101", "N-0102", "W-0101", "ABR-0101"]
    first = stations[0]
    assert isinstance(first, PollingStation)
    assert first.name == "Школа № 5 «Қарағанды»"
    assert first.address == "ул. Абая, 1; <b>кв. 2</b> & Ә Ғ Қ Ң Ө Ұ Ү Һ І"
    assert (first.lat, first.lon, first.priority, first.voters) == (51.01, 71.02, 2.5, 1500)
    w = stations[2]  # kind, times and priority left empty: the documented defaults
    assert (w.kind, w.open_time, w.close_time, w.priority) == ("regular", 420, 1200, 1.0)
    assert stations[1].open_time == 480 and stations[1].kind == "hospital"
    assert stations[3].lat is None and stations[3].kind == "abroad"


def test_utf8_with_bom_reads_like_plain_utf8(data_dir: Path) -> None:
    plain = read_layer("polling_stations", data_dir / "import/stations_good.csv", MISSION)
    bom = read_layer("polling_stations", data_dir / "import/stations_bom.csv", MISSION)
    assert bom == plain


def test_cp1251_semicolon_russian_headers_decimal_comma(data_dir: Path) -> None:
    path = data_dir / "import/stations_ru_cp1251.csv"
    assert path.read_bytes().decode("cp1251").startswith("Номер участка;")
    stations = read_layer("polling_stations", path, MISSION)
    # no ps_id column: ids are made from region and «Номер участка»
    assert [p.ps_id for p in stations] == ["N-0101", "N-0102", "W-0101"]
    assert stations[0].name == "Школа № 5" and stations[0].address == "ул. Абая, 1"
    assert stations[0].lat == 51.01 and stations[0].lon == 71.02
    assert [p.settlement for p in stations] == ["urban", "rural", "urban"]
    assert stations[2].voters == 1200  # "1 200" as Russian spreadsheets write it


def test_teams_with_aliases_yes_no_and_optional_overnight(data_dir: Path) -> None:
    read = load_layer("teams", data_dir / "import/teams_good.csv", MISSION)
    teams = read.items
    assert isinstance(teams[0], Team)
    assert teams[0].members == ("Anna Ivanova", "John Smith") and teams[0].driver == "Ерлан"
    assert (teams[0].lat, teams[0].lon) == (51.0, 71.0)
    assert [t.available for t in teams] == [True, True, False]
    assert teams[1].lat is None and teams[1].members[1] == "Олжас Сүлейменов"
    assert read.ignored_columns == ()


def test_unknown_columns_are_reported_as_ignored(tmp_path: Path) -> None:
    path = tmp_path / "decs.csv"
    path.write_text(
        "DEC ID;Region;Name;Latitude;Longitude;Comment\nN-D01;N;Town;51,0;71,0;x\n",
        encoding="utf-8",
    )
    read = load_layer("decs", path, MISSION)
    assert read.items[0].dec_id == "N-D01" and read.items[0].lat == 51.0
    assert read.ignored_columns == ("Comment",)


# --------------------------------------------------------------------------- every rule


def test_bad_values_are_all_reported_with_row_and_column(data_dir: Path) -> None:
    lines = _problems("polling_stations", data_dir / "import/stations_bad.csv")
    f = "stations_bad.csv"
    _has(lines, f"{f}:3:name:", "empty value")
    _has(lines, f"{f}:3:voters:", "'many' is not a whole number")
    _has(lines, f"{f}:4:open_time:", "not a time HH:MM")
    _has(lines, f"{f}:5:close_time:", "not after it opens")
    _has(lines, f"{f}:6:settlement:", "use one of: rural, urban")
    _has(lines, f"{f}:6:kind:", "use one of: abroad, hospital, military, other, prison, regular")
    _has(lines, f"{f}:7:lat:", "lat and lon look swapped")
    _has(lines, f"{f}:8:lat:", "out of range")
    _has(lines, f"{f}:9:lat:", "outside the mission's regions")
    _has(lines, f"{f}:2:ps_id:", "duplicate ps_id 'N-0201' (also on row 10)")
    _has(lines, f"{f}:10:ps_id:", "duplicate ps_id 'N-0201' (also on row 2)")
    _has(lines, f"{f}:11:region_id:", "'X' is not one of the mission's regions")
    _has(lines, f"{f}:11:dec_id:", "'X-D01' is not one of the mission's DECs")
    _has(lines, f"{f}:12:dec_id:", "belongs to region 'W', not 'N'")
    _has(lines, f"{f}:13:priority:", "out of range")
    _has(lines, f"{f}:13:lat:", "no coordinates")
    assert not any(line.startswith(f"{f}:8:") and "swapped" in line for line in lines)
    assert len(lines) == 16  # row 2 is otherwise fine: nothing else reported


def test_missing_required_columns_are_named_on_the_header_row(data_dir: Path) -> None:
    lines = _problems("polling_stations", data_dir / "import/stations_missing_columns.csv")
    assert lines == [
        "stations_missing_columns.csv:1:address: required column 'address' is missing "
        "(also accepted: addr, адрес, мекенжай, местонахождение)",
        "stations_missing_columns.csv:1:voters: required column 'voters' is missing "
        "(also accepted: electors, registered_voters, n_voters, voter_count, избирателей, "
        "число избирателей)",
    ]


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("empty.csv", "the file is empty"),
        ("header_only.csv", "no data rows"),
        ("no_such_file.csv", "no such file"),
    ],
)
def test_empty_or_missing_files(data_dir: Path, name: str, fragment: str) -> None:
    lines = _problems("polling_stations", data_dir / "import" / name)
    assert len(lines) == 1
    _has(lines, f"{name}:0::", fragment)


def test_unreadable_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"this is not a zip file")
    _has(_problems("teams", junk), "junk.xlsx:0::", "not a readable XLSX")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _has(_problems("teams", binary), "photo.csv:0::", "not a text (CSV) file")
    broken = tmp_path / "broken.geojson"
    broken.write_text("{ not json", encoding="utf-8")
    _has(_problems("teams", broken), "broken.geojson:0::", "not a readable")
    doc = tmp_path / "notes.docx"
    doc.write_bytes(b"PK")
    _has(_problems("teams", doc), "notes.docx:0::", "unknown file type")


def test_row_with_an_unquoted_comma(data_dir: Path) -> None:
    lines = _problems("polling_stations", data_dir / "import/ragged.csv")
    assert lines == [
        "ragged.csv:2:: 15 cells but the header has 14 (an unquoted ',' inside a value?)"
    ]


def test_decs_duplicates_unknown_region_empty_value(data_dir: Path) -> None:
    lines = _problems("decs", data_dir / "import/decs_bad.csv")
    _has(lines, "decs_bad.csv:2:dec_id:", "also on row 4")
    _has(lines, "decs_bad.csv:4:dec_id:", "also on row 2")
    _has(lines, "decs_bad.csv:3:region_id:", "'Q' is not one of the mission's regions (N, W)")
    _has(lines, "decs_bad.csv:5:name:", "empty value")
    _has(lines, "decs_bad.csv:5:lon:", "lat and lon must be given together")


def test_bases_unknown_region_in_list(data_dir: Path) -> None:
    lines = _problems("bases", data_dir / "import/bases_bad.csv")
    assert lines == ["bases_bad.csv:2:region_ids: 'Z': not a region of the mission (N, W)"]


def test_teams_unknown_base_bad_flag_half_position_no_members(data_dir: Path) -> None:
    lines = _problems("teams", data_dir / "import/teams_bad.csv")
    _has(lines, "teams_bad.csv:3:base_id:", "'BQ' is not one of the mission's bases")
    _has(lines, "teams_bad.csv:3:available:", "'maybe' is not allowed; use one of: 1, 0, yes")
    _has(lines, "teams_bad.csv:3:lon:", "lat and lon must be given together")
    _has(lines, "teams_bad.csv:4:members:", "empty value")


def test_regions_offsets_and_duplicates(data_dir: Path) -> None:
    lines = _problems("regions", data_dir / "import/regions_bad.csv")
    _has(lines, "regions_bad.csv:3:utc_offset_min:", "'7h' is not a whole number")
    _has(lines, "regions_bad.csv:4:utc_offset_min:", "not a whole quarter hour")
    _has(lines, "regions_bad.csv:4:base_id:", "'BX' is not one of the mission's bases")
    _has(lines, "regions_bad.csv:4:region_id:", "duplicate region_id 'N' (also on row 2)")


def test_same_column_twice_under_two_names(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("team_id,Команда,base_id,members\nT1,T1,BN,A; B\n", encoding="utf-8")
    assert _problems("teams", path) == [
        "t.csv:1:Команда: columns 'team_id' and 'Команда' both mean team_id; keep one"
    ]


def test_references_are_checked_only_once_the_other_layer_exists(data_dir: Path) -> None:
    """Into an empty mission, DECs of any region are accepted (regions come later)."""
    empty = Mission()
    decs = read_layer("decs", data_dir / "import/decs_without_n_d02.csv", empty)
    assert len(decs) == 3
    # ...but their positions are still checked for range
    bad = _problems("decs", data_dir / "import/decs_bad.csv", empty)
    assert not any("region_id" in line for line in bad)


def test_unknown_kind_is_refused(data_dir: Path) -> None:
    with pytest.raises(InputError, match="unknown kind 'stations'"):
        read_layer("stations", data_dir / "import/stations_good.csv", MISSION)


def test_docs_list_every_alias_and_column(data_dir: Path) -> None:
    """docs/cli.md is what users read: it must name every alias the code accepts."""
    from planner.io.schema import ALIASES, COLUMNS, normalise

    doc = (data_dir.parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    listed = {
        normalise(a)
        for line in doc.splitlines()
        if line.startswith("| `")
        for a in line.split("|")[2].split(",")
    }
    for column, aliases in ALIASES.items():
        assert any(column in line for line in doc.splitlines()), column
        for alias in aliases:
            assert normalise(alias) in listed, f"alias {alias!r} of {column} not in docs/cli.md"
    for kind, cols in COLUMNS.items():
        assert f"| `{kind}` |" in doc
        for col in cols:
            assert f"`{col.name}`" in doc, col.name


def test_apply_layer_in_memory_for_the_gui(data_dir: Path) -> None:
    from planner.io.importers import apply_layer

    decs_file = data_dir / "import/decs_without_n_d02.csv"
    decs = read_layer("decs", decs_file, MISSION)
    with pytest.raises(InputError) as info:
        apply_layer(MISSION, "decs", decs, decs_file)
    assert [p.column for p in info.value.problems] == ["dec_id", "dec_id"]
    teams_file = data_dir / "import/teams_good.csv"
    updated = apply_layer(MISSION, "teams", read_layer("teams", teams_file, MISSION), teams_file)
    assert [t.available for t in updated.teams] == [True, True, False]
    assert updated.change_log[-1].kind == "import"
    assert '"file": "teams_good.csv"' in updated.change_log[-1].detail
    assert updated.polling_stations == MISSION.polling_stations


def test_odd_numbers_are_problems_not_crashes(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "ps_id,pec_number,region_id,dec_id,name,address,settlement,voters,lat,lon\n"
        "N-1,²,N,N-D01,A,a,urban,1e3,51.0,71.0\n"
        "N-2,2,N,N-D01,A,a,urban,10,nan,71.0\n"
        "N-3,3,N,N-D01,A,a,urban,10,51.0,seventy\n",
        encoding="utf-8",
    )
    assert _problems("polling_stations", path) == [
        "s.csv:2:pec_number: '²' is not a whole number",
        "s.csv:2:voters: '1e3' is not a whole number",
        "s.csv:3:lat: 'nan' is not a number",
        "s.csv:4:lon: 'seventy' is not a number",
    ]


def test_points_far_outside_their_own_region(tmp_path: Path) -> None:
    """A station of region W geocoded into region N is caught; one just over the
    (simplified) border is not."""
    path = tmp_path / "s.csv"
    path.write_text(
        "ps_id,pec_number,region_id,dec_id,name,address,settlement,voters,lat,lon\n"
        "W-1,1,W,W-D01,A,a,urban,10,51.0,71.0\n"  # in N, ~1,000 km from W
        "W-2,2,W,W-D01,A,a,urban,10,50.51,57.0\n"  # 0.01 degrees north of W's outline
        "N-3,3,N,N-D01,A,a,urban,10,51.0,71.0\n",
        encoding="utf-8",
    )
    lines = _problems("polling_stations", path)
    assert len(lines) == 1
    assert lines[0].startswith("s.csv:2:lat: lat 51, lon 71 is about ")
    assert lines[0].endswith("km outside its region 'W' (it lies in region 'N')")


def test_stations_abroad_may_lie_outside_the_regions(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "ps_id,pec_number,region_id,dec_id,name,address,settlement,kind,voters,lat,lon\n"
        "ABR-1,901,N,N-D01,Embassy in Moscow,Moscow,urban,abroad,150,55.75,37.6\n"
        "ABR-2,902,N,N-D01,Embassy,Somewhere,urban,abroad,150,,\n"
        "N-3,3,N,N-D01,School,Moscow,urban,regular,150,55.75,37.6\n",
        encoding="utf-8",
    )
    lines = _problems("polling_stations", path)
    assert lines == ["s.csv:4:lat: lat 55.75, lon 37.6 is outside the mission's regions"]


def test_duplicate_made_ids_point_at_the_number_column(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "Номер участка;Область;ОИК;Название;Адрес;Тип населённого пункта;Избирателей;"
        "Широта;Долгота\n"
        "101;N;N-D01;A;a;город;10;51,0;71,0\n"
        "101;N;N-D01;B;b;город;10;51,0;71,0\n",
        encoding="utf-8",
    )
    assert _problems("polling_stations", path) == [
        "s.csv:2:Номер участка: duplicate station (region_id-pec_number) 'N-0101' (also on row 3)",
        "s.csv:3:Номер участка: duplicate station (region_id-pec_number) 'N-0101' (also on row 2)",
    ]


def test_dec_area_in_another_region_than_its_dec(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'dec_id,region_id,wkt\nN-D01,W,"POLYGON ((71 51, 71.1 51, 71.1 51.1, 71 51))"\n',
        encoding="utf-8",
    )
    assert _problems("dec_areas", path) == [
        "a.csv:2:region_id: DEC 'N-D01' belongs to region 'N', not 'W'"
    ]


def test_excel_sep_hint_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("sep=;\nteam_id;base_id;members\nT1;BN;Anna, Bert\nT2;XX;C\n", encoding="utf-8")
    lines = _problems("teams", path)
    assert len(lines) == 1 and lines[0].startswith("t.csv:3:base_id: 'XX'")


def test_kazakh_windows_code_page_is_recognised(tmp_path: Path) -> None:
    """Kazakh letters are not in CP1251; Windows writes them in KZ-1048."""
    path = tmp_path / "s.csv"
    path.write_bytes(
        (
            "Номер участка;Область;ОИК;Атауы;Мекенжай;Местность;Избирателей;Широта;Долгота\n"
            "7;N;N-D01;Қарағанды облысы № 7 мектеп;Әл-Фараби, 1 (Ғ Ң Ө Ұ Ү Һ І);ауыл;10;51;71\n"
        ).encode("kz1048")
    )
    (station,) = read_layer("polling_stations", path, MISSION)
    assert station.name == "Қарағанды облысы № 7 мектеп"
    assert station.address == "Әл-Фараби, 1 (Ғ Ң Ө Ұ Ү Һ І)"
    assert station.settlement == "rural"


def test_bases_and_regions_agree_on_who_covers_what(tmp_path: Path) -> None:
    bases = tmp_path / "b.csv"
    bases.write_text(
        "base_id,name,region_ids,lat,lon\nBN,North,N,51,71\nBW,West,N,50,57\n", encoding="utf-8"
    )
    assert _problems("bases", bases) == [
        "b.csv:3:region_ids: region 'N' is also listed by base 'BN' (row 2); each region has "
        "one base",
        "b.csv:3:region_ids: regions W name base 'BW' as theirs (base_id) but are not in its "
        "region_ids",
    ]
    regions = tmp_path / "r.csv"
    regions.write_text(
        "region_id,name,utc_offset_min,base_id\nN,North,360,BN\nW,West,300,BN\n",
        encoding="utf-8",
    )
    assert _problems("regions", regions) == [
        "r.csv:3:base_id: base 'BN' does not list region 'W' in its region_ids (N)"
    ]


def test_utf16_text_as_excel_saves_unicode_text(data_dir: Path, tmp_path: Path) -> None:
    """Excel's "Unicode text" is UTF-16 with a BOM and tabs."""
    text = (data_dir / "import/stations_good.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    path = tmp_path / "stations.txt"
    path.write_bytes("\r\n".join("\t".join(r) for r in rows).encode("utf-16"))
    utf16 = read_layer("polling_stations", path, MISSION)
    assert utf16 == read_layer("polling_stations", data_dir / "import/stations_good.csv", MISSION)
