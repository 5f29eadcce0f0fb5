"""Issue 11 fuzz: random bytes and random CSV/XLSX/GeoJSON/YAML structure.

Every importer (each kind, each file type) and the changes reader get hostile input
through ``cli.main.main``: the exit status is always 0 or 2 (never a traceback, which
would escape ``main`` and fail the test), and on 2 the mission file is byte for byte
what it was. Bounded for CI: about 1,200 examples through the command line and 1,200
straight into the readers, in well under a minute on an idle machine; derandomised so
that a failure in CI is reproducible (each test also passed 1,000-3,000 random examples
when written).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import main
from planner.app import planning as app_planning
from planner.errors import InputError
from planner.io.importers import KINDS, load_layer
from planner.io.mission import save_mission
from planner.io.schema import ALIASES, COLUMNS
from planner.replan.changes import KINDS as CHANGE_KINDS
from planner.replan.changes import check_changes, parse_changes_text
from planner.solver import solve
from tests.factories import tiny_mission

FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

MISSION = tiny_mission(n_teams=2)
IDS = ["N", "W", "BN", "BW", "N-D01", "W-D02", "T001", "T002", "N-0001", "W-0003", "A; B"]
HOSTILE = ["=1+1", "@SUM(A1)", "-2", "+7 701", "../../x", "/abs/x", "a/b", "T" * 300]
NUMBERS = ["51.0", "71.0", "50,1", "1e400", "-1e400", "nan", "9" * 400, "07:00", "25:99", "0"]
WORDS = ["urban", "rural", "regular", "abroad", "open", "closed", "yes", "нет", "POLYGON EMPTY"]
HEADERS = sorted({c.name for cols in COLUMNS.values() for c in cols} | {"wkt"})
HEADERS += [a for names in ALIASES.values() for a in names[:2]]

cells = st.one_of(
    st.sampled_from(IDS + HOSTILE + NUMBERS + WORDS + [""]),
    st.text(max_size=12),
)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "saved.gpkg"
    save_mission(MISSION.with_plan(solve(MISSION, time_limit_s=0.5, workers=1)), path)
    return path


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("work")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def _fresh(saved: Path, work: Path) -> Iterator[Path]:
    mission = work / "mission.gpkg"
    shutil.copy(saved, mission)
    yield mission


def _run(argv: list[str], mission: Path) -> int:
    before = _sha(mission)
    with contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(argv)
    assert code in (0, 2), (code, err.getvalue()[-2000:])
    assert "Traceback" not in err.getvalue()
    if code == 2:
        assert _sha(mission) == before
    return code


# --------------------------------------------------------------------------- importers

SUFFIXES = [".csv", ".txt", ".xlsx", ".geojson", ".json", ".gpkg", ".shp", ".kml", ".zip"]


@settings(FUZZ, max_examples=300)
@given(
    data=st.binary(max_size=600),
    kind=st.sampled_from(KINDS),
    suffix=st.sampled_from(SUFFIXES),
)
def test_random_bytes_to_every_importer(
    saved: Path, work: Path, data: bytes, kind: str, suffix: str
) -> None:
    src = work / f"input{suffix}"
    src.write_bytes(data)
    with _fresh(saved, work) as mission:
        _run(["import", str(mission), "--kind", kind, str(src)], mission)


def _csv_bytes(headers: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buf.getvalue().encode(encoding, "replace")


csv_tables = st.tuples(
    st.lists(st.sampled_from(HEADERS) | st.text(max_size=8), min_size=1, max_size=9),
    st.lists(st.lists(cells, max_size=10), max_size=5),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16"]),
)


@settings(FUZZ, max_examples=200)
@given(table=csv_tables, kind=st.sampled_from(KINDS))
def test_random_csv_structure_to_every_importer(
    saved: Path, work: Path, table: tuple[list[str], list[list[str]], str, str], kind: str
) -> None:
    src = work / "input.csv"
    src.write_bytes(_csv_bytes(*table))
    with _fresh(saved, work) as mission:
        _run(["import", str(mission), "--kind", kind, str(src)], mission)


@settings(FUZZ, max_examples=700)
@given(table=csv_tables, kind=st.sampled_from(KINDS))
def test_random_csv_structure_straight_into_the_reader(
    work: Path, table: tuple[list[str], list[list[str]], str, str], kind: str
) -> None:
    src = work / "direct.csv"
    src.write_bytes(_csv_bytes(*table))
    with contextlib.suppress(InputError):
        load_layer(kind, src, MISSION)


# --------------------------------------------------------------------------- changes

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.sampled_from(IDS + HOSTILE + NUMBERS + WORDS),
    st.text(max_size=10),
)
KEYS = ["team_id", "base_id", "ps_id", "dec_id", "lat", "lon", "members", "driver", "phone"]
KEYS += ["open_time", "close_time", "polygon", "name", "weight", "phase", "interpreter"]
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=16,
)
changes_docs = st.one_of(
    st.lists(st.dictionaries(st.sampled_from(CHANGE_KINDS), values, min_size=1, max_size=2)),
    values,
)


def _yaml_text(doc: Any, edit: tuple[str, int]) -> str:
    noise, where = edit
    text = yaml.safe_dump(doc, allow_unicode=True, default_flow_style=None)
    where = where % (len(text) + 1)
    return text[:where] + noise + text[where:]


noises = st.tuples(
    st.sampled_from(["", "", "", "&a ", "*a", "!!python/object:os.system ", "[", "\x00", "\t"]),
    st.integers(0, 10_000),
)


class _Accepted(Exception):
    """The changes passed the reader and the mission check: replanning would start."""


@pytest.fixture
def no_replanning(monkeypatch: pytest.MonkeyPatch) -> None:
    def checked_only(mission: Any, changes: Any, **kw: Any) -> None:
        check_changes(mission, changes, kw.get("source", ""))
        raise _Accepted

    monkeypatch.setattr(app_planning, "replan", checked_only)


@settings(FUZZ, max_examples=300)
@given(doc=changes_docs, edit=noises)
def test_random_yaml_structure_to_the_changes_reader(
    saved: Path, work: Path, no_replanning: None, doc: Any, edit: tuple[str, int]
) -> None:
    src = work / "changes.yaml"
    src.write_text(_yaml_text(doc, edit), encoding="utf-8")
    out = work / "out"
    with _fresh(saved, work) as mission, contextlib.suppress(_Accepted):
        _run(["replan", str(mission), "--changes", str(src), "--out", str(out)], mission)


@settings(FUZZ, max_examples=150)
@given(data=st.binary(max_size=400))
def test_random_bytes_to_the_changes_reader(
    saved: Path, work: Path, no_replanning: None, data: bytes
) -> None:
    src = work / "changes.yaml"
    src.write_bytes(data)
    with _fresh(saved, work) as mission, contextlib.suppress(_Accepted):
        _run(["replan", str(mission), "--changes", str(src), "--out", str(work / "o")], mission)


@settings(FUZZ, max_examples=500)
@given(doc=changes_docs, edit=noises)
def test_random_yaml_structure_straight_into_the_reader(doc: Any, edit: tuple[str, int]) -> None:
    with contextlib.suppress(InputError):
        check_changes(MISSION, parse_changes_text(_yaml_text(doc, edit)))


# --------------------------------------------------------------------------- workbooks, GeoJSON

sheet_cells = st.one_of(
    cells,
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
)


@settings(FUZZ, max_examples=100)
@given(
    table=st.tuples(
        st.lists(st.sampled_from(HEADERS) | st.text(max_size=8), min_size=1, max_size=8),
        st.lists(st.lists(sheet_cells, max_size=9), max_size=4),
        st.booleans(),
    ),
    kind=st.sampled_from(KINDS),
)
def test_random_workbook_structure_to_every_importer(
    saved: Path, work: Path, table: tuple[list[str], list[list[Any]], bool], kind: str
) -> None:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def clean(v: Any) -> Any:
        return ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v

    headers, rows, title = table
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append(["Список участков"])
    sheet.append([clean(h) for h in headers])
    for row in rows:
        sheet.append([clean(v) for v in row])
    src = work / "input.xlsx"
    book.save(src)
    with _fresh(saved, work) as mission:
        _run(["import", str(mission), "--kind", kind, str(src)], mission)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | cells,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
coords = st.tuples(
    st.floats(-1e6, 1e6, allow_nan=False) | st.sampled_from([71.0, 57.0, 1e308]),
    st.floats(-1e6, 1e6, allow_nan=False) | st.sampled_from([51.0, 50.0, -1e308]),
)
geometries = st.one_of(
    st.none(),
    st.builds(lambda c: {"type": "Point", "coordinates": list(c)}, coords),
    st.builds(
        lambda ring: {"type": "Polygon", "coordinates": [[list(c) for c in ring]]},
        st.lists(coords, max_size=6),
    ),
    st.builds(
        lambda c: {"type": "LineString", "coordinates": [list(x) for x in c]},
        st.lists(coords, max_size=3),
    ),
)


@settings(FUZZ, max_examples=150)
@given(
    features=st.lists(
        st.tuples(
            st.dictionaries(
                st.sampled_from(HEADERS) | st.text(max_size=6), json_values, max_size=8
            ),
            geometries,
        ),
        max_size=4,
    ),
    kind=st.sampled_from(KINDS),
)
def test_random_geojson_structure_to_every_importer(
    saved: Path, work: Path, features: list[tuple[dict[str, Any], Any]], kind: str
) -> None:
    import json

    doc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": p, "geometry": g} for p, g in features],
    }
    src = work / "input.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    with _fresh(saved, work) as mission:
        _run(["import", str(mission), "--kind", kind, str(src)], mission)
