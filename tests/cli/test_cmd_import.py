"""`main.py import`: all or nothing, exit status 2 with one line per problem, no traceback."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from cli.main import main
from planner.io.mission import open_mission, save_mission
from tests.factories import tiny_mission


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def mission_path(tiny_mission_file: Path) -> Path:
    return tiny_mission_file


def test_good_import_replaces_the_layer_and_logs_it(
    mission_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = data_dir / "import/stations_good.csv"
    assert main(["import", str(mission_path), "--kind", "polling_stations", str(src)]) == 0
    err = capsys.readouterr().err
    assert "imported 4 polling_stations from stations_good.csv (replaced 33)" in err
    mission = open_mission(mission_path)
    assert [p.ps_id for p in mission.polling_stations] == ["N-0101", "N-0102", "W-0101", "ABR-0101"]
    assert mission.station_by_id["N-0101"].address.endswith("& Ә Ғ Қ Ң Ө Ұ Ү Һ І")
    assert len(mission.decs) == 4 and len(mission.teams) == 3  # other layers untouched
    entry = mission.change_log[-1]
    assert entry.kind == "import"
    assert json.loads(entry.detail) == {
        "kind": "polling_stations",
        "file": "stations_good.csv",
        "rows": 4,
        "replaced": 33,
    }
    # re-running the same import gives the same layer (replace, not append)
    assert main(["import", str(mission_path), "--kind", "polling_stations", str(src)]) == 0
    assert len(open_mission(mission_path).polling_stations) == 4


@pytest.mark.parametrize(
    "case",
    [
        (
            "polling_stations",
            "stations_bad.csv",
            "stations_bad.csv:7:lat: lat and lon look swapped",
        ),
        ("polling_stations", "empty.csv", "empty.csv:0:: the file is empty"),
        ("decs", "decs_bad.csv", "decs_bad.csv:3:region_id: 'Q' is not one"),
        ("decs", "decs_without_n_d02.csv", "decs_without_n_d02.csv:0:dec_id: DEC 'N-D02' is not"),
        ("bases", "bases_without_bw.csv", "bases_without_bw.csv:0:base_id: base 'BW' is not"),
        ("teams", "teams_bad.csv", "teams_bad.csv:3:base_id: 'BQ'"),
    ],
)
def test_bad_input_exits_2_and_leaves_the_mission_byte_for_byte(
    mission_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, str, str],
) -> None:
    kind, name, expected = case
    before = _sha(mission_path)
    src = data_dir / "import" / name
    assert main(["import", str(mission_path), "--kind", kind, str(src)]) == 2
    err = capsys.readouterr().err
    assert _sha(mission_path) == before
    problem_lines = [line for line in err.splitlines() if not line.startswith("[")]
    assert any(line.startswith(f"{src.parent}/{expected}") for line in problem_lines), err
    assert all(line.startswith(str(src)) for line in problem_lines), err
    assert "Traceback" not in err
    assert not list(mission_path.parent.glob(".*.saving"))


def test_replacing_decs_names_the_stations_that_still_use_a_missing_one(
    mission_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = data_dir / "import/decs_without_n_d02.csv"
    assert main(["import", str(mission_path), "--kind", "decs", str(src)]) == 2
    err = capsys.readouterr().err
    assert "polling_stations still use it (8: N-0009, N-0010," in err
    assert "dec_areas still use it (1: N-D02)" in err


def test_create_builds_a_mission_from_spreadsheets(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new.gpkg"
    src = tmp_path / "regions.csv"
    src.write_text(
        "region_id,name,utc_offset_min,base_id\nN,North,360,BN\nW,West,300,BW\n", encoding="utf-8"
    )
    assert main(["import", str(target), "--kind", "regions", str(src)]) == 1
    assert "add --create" in capsys.readouterr().err
    assert not target.exists()
    assert main(["import", str(target), "--kind", "regions", str(src), "--create"]) == 0
    assert "into a new mission" in capsys.readouterr().err
    bases = tmp_path / "bases.csv"
    bases.write_text(
        "base_id,name,region_ids,lat,lon\nBN,North,N,51,71\nBW,West,W,50,57\n", encoding="utf-8"
    )
    assert main(["import", str(target), "--kind", "bases", str(bases)]) == 0
    assert (
        main(["import", str(target), "--kind", "teams", str(data_dir / "import/teams_good.csv")])
        == 0
    )
    mission = open_mission(target)
    assert [r.region_id for r in mission.regions] == ["N", "W"]
    assert mission.base_of_region("W") is not None
    assert len(mission.teams) == 3
    assert [c.kind for c in mission.change_log] == ["import"] * 3


def test_create_with_bad_input_creates_nothing(tmp_path: Path, data_dir: Path) -> None:
    target = tmp_path / "new.gpkg"
    src = data_dir / "import/teams_bad.csv"
    assert main(["import", str(target), "--kind", "teams", str(src), "--create"]) == 2
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_not_a_mission_file_is_a_clear_error(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "fake.gpkg"
    shutil.copy(data_dir / "import/stations_good.csv", fake)
    before = _sha(fake)
    src = data_dir / "import/stations_good.csv"
    assert main(["import", str(fake), "--kind", "polling_stations", str(src)]) == 1
    err = capsys.readouterr().err
    assert "not a mission file" in err and "Traceback" not in err
    assert _sha(fake) == before


def test_help_lists_kinds_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for word in (
        "--kind",
        "--layer",
        "--create",
        "--dry-run",
        "polling_stations",
        "FILE:ROW:COLUMN",
    ):
        assert word in out


def test_dry_run_checks_but_writes_nothing(
    mission_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _sha(mission_path)
    good = data_dir / "import/stations_good.csv"
    argv = ["import", str(mission_path), "--kind", "polling_stations", str(good), "--dry-run"]
    assert main(argv) == 0
    assert "checked 4 polling_stations in stations_good.csv: no problems" in capsys.readouterr().err
    assert _sha(mission_path) == before
    bad = data_dir / "import/stations_bad.csv"
    argv = ["import", str(mission_path), "--kind", "polling_stations", str(bad), "--dry-run"]
    assert main(argv) == 2
    assert "stations_bad.csv:7:lat: lat and lon look swapped" in capsys.readouterr().err
    assert _sha(mission_path) == before


def test_summary_warns_when_the_current_plan_names_removed_stations(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.model import Plan, TeamRoute, Visit

    route = TeamRoute(
        "T001",
        51.0,
        71.0,
        380,
        (Visit("opening", "N-0001", "N-D01", "N", 51.0, 71.0, 390, 465, 10, 3.2),),
    )
    path = tmp_path / "planned.gpkg"
    save_mission(tiny_mission().with_plan(Plan(routes=(route,))), path)
    src = data_dir / "import/stations_good.csv"
    assert main(["import", str(path), "--kind", "polling_stations", str(src)]) == 0
    err = capsys.readouterr().err
    assert "the current plan (revision 1) names 1 stations no longer in the mission" in err
    assert "(N-0001): plan again" in err
    assert len(open_mission(path).plans) == 1  # the plan is history: kept as it was
