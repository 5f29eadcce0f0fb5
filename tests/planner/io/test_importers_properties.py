"""Imports never crash: any text comes back verbatim, any table or bytes give domain
objects or FILE:ROW:COLUMN problems (property tests of planner.io.importers)."""

from __future__ import annotations

import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import InputError
from planner.io.importers import read_layer
from tests.factories import tiny_mission

MISSION = tiny_mission()

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s.strip() != "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_TEXT,
    address=_TEXT,
    encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
    delimiter=st.sampled_from([",", ";"]),
)
def test_any_text_comes_back_verbatim(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    address: str,
    encoding: str,
    delimiter: str,
) -> None:
    path = tmp_path_factory.mktemp("verbatim") / "stations.csv"
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(
            [
                "ps_id",
                "pec_number",
                "region_id",
                "dec_id",
                "name",
                "address",
                "settlement",
                "voters",
                "lat",
                "lon",
            ]
        )
        writer.writerow(["N-1", "1", "N", "N-D01", name, address, "urban", "10", "51.0", "71.0"])
    (station,) = read_layer("polling_stations", path, MISSION)
    assert (station.name, station.address) == (name, address)


_CELL = st.one_of(
    st.sampled_from(["", "N", "N-D01", "51.0", "71,0", "07:00", "urban", "abroad", "-1", "1e9"]),
    st.text(max_size=8),
)
_HEADER = st.sampled_from(
    [
        "ps_id",
        "Номер участка",
        "region_id",
        "ОИК",
        "name",
        "Адрес",
        "settlement",
        "kind",
        "voters",
        "open_time",
        "close_time",
        "Широта",
        "Долгота",
        "priority",
        "x",
        "",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(_HEADER, min_size=1, max_size=12),
    rows=st.lists(st.lists(_CELL, max_size=14), max_size=5),
    delimiter=st.sampled_from([",", ";"]),
    kind=st.sampled_from(["polling_stations", "decs", "teams", "bases", "regions"]),
)
def test_any_table_gives_objects_or_problems_never_a_crash(
    tmp_path_factory: pytest.TempPathFactory,
    header: list[str],
    rows: list[list[str]],
    delimiter: str,
    kind: str,
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    try:
        read_layer(kind, path, MISSION)
    except InputError as exc:
        assert exc.problems
        assert all(p.file == str(path) and p.message for p in exc.problems)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_problems_never_a_crash(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "t.csv"
    path.write_bytes(data)
    try:
        read_layer("teams", path, MISSION)
    except InputError as exc:
        assert exc.problems
