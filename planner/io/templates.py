"""Import templates a user can fill in: one CSV or XLSX per import kind.

The header row is exactly the kind's columns from :mod:`planner.io.schema` (required
ones first, in the documented order); the example rows describe one small, consistent
mission (two regions, their DECs, stations, a base and two teams), so the six
templates imported in the order of :data:`~planner.io.schema.KINDS` into a new
mission give a mission that can be planned. A test imports every template.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from planner.errors import PlannerError
from planner.io.schema import COLUMNS, KINDS

__all__ = ["TEMPLATE_FORMATS", "example_rows", "headers", "write_template"]

TEMPLATE_FORMATS = (".csv", ".xlsx")

_SQUARE = "POLYGON(({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"


def _square(x0: float, y0: float, x1: float, y1: float) -> str:
    return _SQUARE.format(x0=x0, y0=y0, x1=x1, y1=y1)


# Example values per kind and column. Areas are given as WKT polygons (lon lat).
_EXAMPLES: dict[str, list[dict[str, str]]] = {
    "regions": [
        {
            "region_id": "NRT",
            "name": "North Region",
            "utc_offset_min": "360",
            "base_id": "NRT",
            "name_ru": "Северная область",
            "name_kk": "Солтүстік облысы",
            "iso_code": "",
            "wkt": _square(70.0, 51.0, 72.0, 52.0),
        },
        {
            "region_id": "STH",
            "name": "South Region",
            "utc_offset_min": "360",
            "base_id": "NRT",
            "name_ru": "Южная область",
            "name_kk": "Оңтүстік облысы",
            "iso_code": "",
            "wkt": _square(70.0, 50.0, 72.0, 51.0),
        },
    ],
    "decs": [
        {
            "dec_id": "NRT-D01",
            "region_id": "NRT",
            "name": "North City DEC",
            "lat": "51.50",
            "lon": "71.00",
            "seat_kind": "city",
        },
        {
            "dec_id": "STH-D01",
            "region_id": "STH",
            "name": "South District DEC",
            "lat": "50.50",
            "lon": "71.00",
            "seat_kind": "district",
        },
    ],
    "dec_areas": [
        {"dec_id": "NRT-D01", "region_id": "NRT", "wkt": _square(70.0, 51.0, 72.0, 52.0)},
        {"dec_id": "STH-D01", "region_id": "STH", "wkt": _square(70.0, 50.0, 72.0, 51.0)},
    ],
    "polling_stations": [
        {
            "ps_id": "NRT-0001",
            "pec_number": "1",
            "region_id": "NRT",
            "dec_id": "NRT-D01",
            "name": "School No. 1",
            "address": "1 Abay Street, North City",
            "settlement": "urban",
            "kind": "regular",
            "voters": "1850",
            "open_time": "07:00",
            "close_time": "20:00",
            "priority": "1.0",
            "status": "open",
            "lat": "51.51",
            "lon": "71.02",
        },
        {
            "ps_id": "NRT-0002",
            "pec_number": "2",
            "region_id": "NRT",
            "dec_id": "NRT-D01",
            "name": "City Hospital",
            "address": "5 Lenin Street, North City",
            "settlement": "urban",
            "kind": "hospital",
            "voters": "240",
            "open_time": "07:00",
            "close_time": "20:00",
            "priority": "1.5",
            "status": "open",
            "lat": "51.49",
            "lon": "70.98",
        },
        {
            "ps_id": "STH-0001",
            "pec_number": "101",
            "region_id": "STH",
            "dec_id": "STH-D01",
            "name": "Village Club",
            "address": "Central Street 3, Zhanaauyl",
            "settlement": "rural",
            "kind": "regular",
            "voters": "620",
            "open_time": "07:00",
            "close_time": "20:00",
            "priority": "1.0",
            "status": "open",
            "lat": "50.52",
            "lon": "71.05",
        },
    ],
    "bases": [
        {
            "base_id": "NRT",
            "name": "North City base",
            "region_ids": "NRT; STH",
            "lat": "51.50",
            "lon": "71.01",
            "contacts": "LTO team, +7 700 000 0000",
        },
    ],
    "teams": [
        {
            "team_id": "T001",
            "base_id": "NRT",
            "members": "A. Observer; B. Observer",
            "available": "1",
            "lat": "",
            "lon": "",
            "driver": "C. Driver",
            "interpreter": "D. Interpreter",
            "phone": "+7 700 000 0001",
        },
        {
            "team_id": "T002",
            "base_id": "NRT",
            "members": "E. Observer; F. Observer",
            "available": "1",
            "lat": "",
            "lon": "",
            "driver": "",
            "interpreter": "",
            "phone": "",
        },
    ],
    "observers": [
        {
            "observer_id": "O0001",
            "name": "A. Observer",
            "gender": "f",
            "nationality": "IE",
            "languages": "en, ru",
            "experience": "3",
            "delegation": "ODIHR",
            "arrival": "2011-03-30",
            "needs": "",
            "not_with": "",
            "prefer_with": "",
            "base_id": "NRT",
            "available": "1",
            "phone": "+7 700 000 0011",
        },
        {
            "observer_id": "O0002",
            "name": "B. Observer",
            "gender": "m",
            "nationality": "DE",
            "languages": "de, en",
            "experience": "0",
            "delegation": "ODIHR",
            "arrival": "2011-03-30",
            "needs": "vegetarian",
            "not_with": "",
            "prefer_with": "O0001",
            "base_id": "",
            "available": "1",
            "phone": "",
        },
    ],
}

_AREA_COLUMN = "wkt"


def headers(kind: str) -> list[str]:
    """The template's header row: the kind's columns (and ``wkt`` for area kinds)."""
    if kind not in COLUMNS:
        raise PlannerError(f"unknown import kind {kind!r}: one of {', '.join(KINDS)}")
    names = [c.name for c in COLUMNS[kind]]
    if any(_AREA_COLUMN in row for row in _EXAMPLES[kind]):
        names.append(_AREA_COLUMN)
    return names


def example_rows(kind: str) -> list[list[str]]:
    """The example rows of ``kind``'s template, in the order of :func:`headers`."""
    names = headers(kind)
    return [[row.get(name, "") for name in names] for row in _EXAMPLES[kind]]


def write_template(kind: str, path: Path) -> Path:
    """Write ``kind``'s template to ``path`` (.csv UTF-8, or .xlsx); atomically."""
    suffix = path.suffix.lower()
    if suffix not in TEMPLATE_FORMATS:
        raise PlannerError(f"{path.name}: a template is a .csv or an .xlsx file")
    rows = [headers(kind), *example_rows(kind)]
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        if suffix == ".csv":
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                csv.writer(fh).writerows(rows)
        else:
            os.close(fd)
            _write_xlsx(kind, rows, tmp)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _write_xlsx(kind: str, rows: list[list[str]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = kind
    required = {c.name for c in COLUMNS[kind] if c.required}
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if r == 1:
                cell.font = Font(bold=value in required)
    sheet.freeze_panes = "A2"
    book.save(path)
