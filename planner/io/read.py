"""Read an input file (CSV, XLSX, GeoJSON, GeoPackage, Shapefile) into a plain table.

Every cell becomes text (``""`` when empty) so that validation sees what the user
typed, and every record keeps the row number a user sees in a spreadsheet: the
header is row 1, the first data row is row 2. For vector files (GeoJSON, GeoPackage,
Shapefile) the first feature is "row 2" likewise, so the numbers line up with the
attribute table in QGIS (feature number + 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from shapely.geometry.base import BaseGeometry

from planner.errors import InputError, Problem

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm"})
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
VECTOR_SUFFIXES = frozenset({".geojson", ".json", ".gpkg", ".shp", ".zip", ".fgb", ".kml"})


@dataclass
class RawTable:
    """The cells of one input table as text, with spreadsheet row numbers."""

    file: str  # how problems name the file (its name as the user gave it)
    headers: list[str]  # as written in the file, in order
    cells: dict[str, list[str]]  # header -> one text per record
    rows: list[int]  # spreadsheet row number of each record
    geometry: list[BaseGeometry | None] | None = None  # vector files only
    notes: list[str] = field(default_factory=list)  # e.g. "reprojected from EPSG:32642"
    header_row: int = 1  # below a title row in some spreadsheets

    def __len__(self) -> int:
        return len(self.rows)


def _fail(file: str, message: str) -> InputError:
    return InputError([Problem(file, 0, "", message)])


def read_table(
    path: Path,
    *,
    layer: str | None = None,
    prefer_layer: str = "",
    is_column: Callable[[str], bool] = lambda header: False,
) -> RawTable:
    """Read ``path`` by its suffix. Raises InputError for unreadable or empty files.

    ``is_column`` tells whether a header names a known column; it finds the header row
    of a spreadsheet with a title above it (else the first non-blank row is the header).

    ``layer`` names the layer of a multi-layer file (GeoPackage); without it the
    layer called ``prefer_layer`` is used when there is one, else the first layer.
    """
    label = str(path)
    if not path.exists():
        raise _fail(label, "no such file")
    if path.is_dir():
        raise _fail(label, "is a folder, not a file")
    suffix = path.suffix.lower()
    if layer is not None and suffix not in VECTOR_SUFFIXES | SPREADSHEET_SUFFIXES:
        raise _fail(label, "--layer is only for workbooks (a sheet) and GeoPackages (a layer)")
    if suffix in SPREADSHEET_SUFFIXES:
        table = _read_xlsx(path, label, is_column, layer or prefer_layer, strict=layer is not None)
    elif suffix in VECTOR_SUFFIXES:
        table = _read_vector(path, label, layer, prefer_layer)
    elif suffix in TEXT_SUFFIXES or suffix == "":
        table = _read_csv(path, label, is_column)
    elif suffix == ".xls":
        raise _fail(label, "old Excel .xls files cannot be read: save the sheet as .xlsx or CSV")
    else:
        raise _fail(
            label,
            f"unknown file type {suffix!r}: use CSV, XLSX, GeoJSON, GeoPackage or Shapefile",
        )
    if not table.headers and table.geometry is None:
        raise _fail(label, "the file is empty (no header row)")
    if not table.rows and suffix in VECTOR_SUFFIXES:
        raise _fail(label, "the layer has no features")
    if not table.rows:
        raise _fail(label, "the file has a header but no data rows")
    return table


# --------------------------------------------------------------------------- CSV


#: Letters that CP1251 and the Kazakh Windows code page KZ-1048 read differently. In
#: CP1251 they are Serbian/Macedonian/Ukrainian (Ћ, Ќ, Ј, Ў, Ґ, ...); in a Kazakh file
#: they are Ә Ғ Қ Ң Ө Ұ Ү Һ, so seeing them means the file is KZ-1048.
_KZ1048_HINTS = frozenset("ЌЋќћЎўЈҐЄЇґєјЅѕї")


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding used: UTF-16 (with BOM), UTF-8 (BOM optional), else
    Windows-1251, or KZ-1048 when the text then holds letters only KZ-1048 uses for
    Kazakh."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251")
    if _KZ1048_HINTS.intersection(text):
        try:
            return data.decode("kz1048"), "KZ-1048"
        except UnicodeDecodeError:
            pass
    return text, "CP1251"


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter of a CSV: of ``;`` ``,`` and tab, the one used most on any of the
    first lines (a title line above the header may have none)."""
    best, most = ",", 0
    for line in lines:
        for d in (";", ",", "\t"):
            if line.count(d) > most:
                best, most = d, line.count(d)
    return best


#: How many rows from the top may hold a title above the header.
HEADER_SEARCH_ROWS = 10


def _tabulate(
    label: str,
    records: list[tuple[int, list[str]]],
    is_column: Callable[[str], bool],
    *,
    strict_width: str = "",
) -> RawTable:
    """Build the table from non-blank ``(row number, cells)`` records.

    The header is the first of the top rows naming at least two known columns (a
    title row above it is skipped), else the first row. With ``strict_width`` (the
    CSV delimiter) a row with more non-empty cells than the header is a problem.
    """
    head = 0
    for k, (_, cells) in enumerate(records[:HEADER_SEARCH_ROWS]):
        if sum(1 for c in cells if c.strip() and is_column(c)) >= 2:
            head = k
            break
    if not records:
        return RawTable(label, [], {}, [])
    header_row, header_cells = records[head]
    headers = [c.strip() for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    body: list[list[str]] = []
    rows: list[int] = []
    problems: list[Problem] = []
    for number, cells in records[head + 1 :]:
        if len(cells) > width:
            if strict_width and any(c.strip() for c in cells[width:]):
                problems.append(
                    Problem(
                        label,
                        number,
                        "",
                        f"{len(cells)} cells but the header has {width} "
                        f"(an unquoted {strict_width!r} inside a value?)",
                    )
                )
                continue
            body.append(cells[:width])
        else:
            body.append(cells + [""] * (width - len(cells)))
        rows.append(number)
    if problems:
        raise InputError(problems)
    columns = list(zip(*body, strict=True)) if body else [() for _ in headers]
    table = {h: [c.strip() for c in col] for h, col in zip(headers, columns, strict=True)}
    return RawTable(label, headers, table, rows, header_row=header_row)


def _read_csv(path: Path, label: str, is_column: Callable[[str], bool]) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(label, f"cannot be read ({exc.strerror})") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(label, "not a text (CSV) file")
    try:
        text, _encoding = decode(data)
    except UnicodeDecodeError:
        raise _fail(label, "cannot be decoded: save it as UTF-8 or Windows-1251 CSV") from None
    if not text.strip():
        raise _fail(label, "the file is empty")
    first_line, _, rest = text.partition("\n")
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        # Excel's "sep=;" hint line: Excel hides it, so the header is still row 1.
        delimiter, text = first_line.strip()[4], rest
    else:
        top = [line for line in text.split("\n", 2 * HEADER_SEARCH_ROWS)[:-1] if line.strip()]
        delimiter = sniff_delimiter(top[:5] or [text])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = [
            (number, record)
            for number, record in enumerate(reader, start=1)
            if "".join(record).strip()  # blank lines still count as rows
        ]
    except csv.Error as exc:
        raise _fail(label, f"not a readable CSV file ({exc})") from None
    return _tabulate(label, records, is_column, strict_width=delimiter)


# --------------------------------------------------------------------------- XLSX


def cell_text(value: Any) -> str:  # noqa: PLR0911  # one return per cell type; harden owns planner/io
    """A spreadsheet or attribute value as the text a user would read in the cell."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.year < 1901:  # a time of day stored as a date-time (Excel's day 0)
            return f"{value.hour:02d}:{value.minute:02d}"
        return value.isoformat(sep=" ")
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return str(value).strip()


def _read_xlsx(
    path: Path, label: str, is_column: Callable[[str], bool], sheet_name: str, *, strict: bool
) -> RawTable:
    """The sheet ``sheet_name`` (must exist when ``strict``), else the first sheet."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors: all mean "not readable"
        raise _fail(label, f"not a readable XLSX workbook ({exc})") from None
    try:
        if strict and sheet_name not in book.sheetnames:
            raise _fail(
                label, f"no sheet {sheet_name!r}; its sheets are: {', '.join(book.sheetnames)}"
            )
        sheet = book[sheet_name] if sheet_name in book.sheetnames else book.worksheets[0]
        records = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            texts = [cell_text(v) for v in values]
            if any(texts):
                records.append((number, texts))
    finally:
        book.close()
    return _tabulate(label, records, is_column)


# --------------------------------------------------------------------------- vector


def _read_vector(path: Path, label: str, layer: str | None, prefer_layer: str) -> RawTable:
    import pyogrio

    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:  # GDAL errors: the file is not a vector data set
        raise _fail(label, f"not a readable GeoJSON/GeoPackage/Shapefile ({exc})") from None
    if not layers:
        raise _fail(label, "the file has no layers")
    if layer is not None and layer not in layers:
        raise _fail(label, f"no layer {layer!r}; its layers are: {', '.join(layers)}")
    chosen = layer or (prefer_layer if prefer_layer in layers else layers[0])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pyogrio.read_dataframe(path, layer=chosen)
    except Exception as exc:
        raise _fail(label, f"layer {chosen!r} cannot be read ({exc})") from None
    notes = []
    if len(layers) > 1:
        notes.append(f"layer {chosen!r}")
    geometry: list[BaseGeometry | None] | None = None
    if "geometry" in frame.columns and hasattr(frame, "crs"):
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            try:
                src = frame.crs.to_string()
                frame = frame.to_crs(4326)
                notes.append(f"reprojected from {src} to WGS 84")
            except Exception as exc:
                raise _fail(label, f"cannot convert its coordinates to WGS 84 ({exc})") from None
        geometry = [None if g is None or g.is_empty else g for g in frame.geometry]
    headers = [str(c) for c in frame.columns if c != "geometry"]
    cells = {h: [cell_text(v) for v in frame[h].tolist()] for h in headers}
    rows = list(range(2, len(frame) + 2))
    return RawTable(label, headers, cells, rows, geometry, notes)
