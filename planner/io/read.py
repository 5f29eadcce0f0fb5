"""Read an input file (CSV, XLSX, GeoJSON, GeoPackage, Shapefile) into a plain table.

Every cell becomes text (``""`` when empty) so that validation sees what the user
typed, and every record keeps the row number a user sees in a spreadsheet: the
header is row 1, the first data row is row 2. For vector files (GeoJSON, GeoPackage,
Shapefile) the first feature is "row 2" likewise, so the numbers line up with the
attribute table in QGIS (feature number + 1).
"""

# size: file readers with their bounds; to split per format (issue 10 shape pass)
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import stat
import time
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from shapely.geometry.base import BaseGeometry

from planner.errors import InputError, Problem

#: Bounds on what one import may make the program read (a mission has ~10,000
#: stations; 100,000 is the scale benchmark): anything beyond is refused, not read.
MAX_FILE_BYTES = 256 * 2**20
MAX_UNZIPPED_BYTES = 512 * 2**20  # an XLSX is a zip: its parts, unpacked
MAX_ROWS = 500_000
MAX_CELLS = 20_000_000
MAX_SECONDS = 300.0  # reading one file (a workbook of 100,000 rows takes ~30 s)
MAX_PROBLEMS = 200  # listed; the rest are counted

#: Characters no cell may hold: C0 controls but tab, newline and carriage return (a
#: NUL cuts a value short in many programs; others break GPX/KML and terminals).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

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


def _why(exc: BaseException, limit: int = 200) -> str:
    """An exception's text for a message, cut short (GDAL echoes the bad input)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
    check_regular_file(path, label)
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
    if len(table.rows) > MAX_ROWS:
        raise _fail(label, f"{len(table.rows):,} rows: more than this program reads ({MAX_ROWS:,})")
    _refuse_control_characters(table)
    return table


def check_regular_file(path: Path, label: str, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Refuse devices (``/dev/zero``), FIFOs and sockets, which would hang or never
    end, and files larger than ``max_bytes``."""
    try:
        st = path.stat()
    except OSError as exc:
        raise _fail(label, f"cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise _fail(label, "not a regular file (a device, pipe or socket): give a saved file")
    if st.st_size > max_bytes:
        raise _fail(
            label,
            f"{st.st_size / 2**20:.0f} MB: larger than this program reads "
            f"({max_bytes // 2**20} MB)",
        )


def limit_problems(problems: list[Problem]) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems and one line counting the rest."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    file = problems[0].file
    return [*problems[:MAX_PROBLEMS], Problem(file, 0, "", f"... and {rest:,} more problems")]


def _refuse_control_characters(table: RawTable) -> None:
    problems: list[Problem] = []
    for header in table.headers:
        if _CONTROL.search(header):
            problems.append(
                Problem(table.file, table.header_row, repr(header)[1:-1], _control_message(header))
            )
    for header, cells in table.cells.items():
        for k, cell in enumerate(cells):
            if _CONTROL.search(cell):
                problems.append(Problem(table.file, table.rows[k], header, _control_message(cell)))
                if len(problems) > MAX_PROBLEMS:
                    raise InputError(limit_problems(problems))
    if problems:
        raise InputError(problems)


def _control_message(text: str) -> str:
    m = _CONTROL.search(text)
    code = f"U+{ord(m.group()):04X}" if m else "?"
    return f"holds the control character {code}, which no name or value may contain"


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


def _cell_of(line: bytes, at: int, header: bytes) -> str:
    """The header of the CSV cell holding byte ``at`` of ``line`` (best effort)."""
    text = line[:at].decode("utf-8", "replace")
    delimiter = sniff_delimiter([header.decode("utf-8", "replace")])
    index = len(next(csv.reader([text + "x"], delimiter=delimiter), [""])) - 1
    names = next(csv.reader([header.decode("utf-8", "replace")], delimiter=delimiter), [])
    return names[index].strip() if index < len(names) else f"column {index + 1}"


def _refuse_bad_bytes(data: bytes, label: str) -> None:
    """A NUL byte anywhere, or a file mostly UTF-8 with lines in another encoding
    (a pasted Windows-1251 line), is refused at the row and column it is in: read
    either way, the value would be silently cut short or turned to mojibake."""
    lines = data.split(b"\n")
    header = lines[0].removeprefix(b"\xef\xbb\xbf")
    problems: list[Problem] = []
    utf8_lines = 0
    bad: list[tuple[int, int, bytes]] = []
    for number, line in enumerate(lines, start=1):
        nul = line.find(b"\x00")
        if nul >= 0:
            problems.append(
                Problem(label, number, _cell_of(line, nul, header), "holds a NUL byte (U+0000)")
            )
            continue
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError as exc:
            bad.append((number, exc.start, line))
        if len(problems) > MAX_PROBLEMS:
            break
    if utf8_lines and bad:
        for number, at, line in bad:
            problems.append(
                Problem(
                    label,
                    number,
                    _cell_of(line, at, header),
                    "not UTF-8 like the rest of the file (a line pasted from a "
                    "Windows-1251 file?): save the whole file as UTF-8",
                )
            )
    if problems:
        raise InputError(limit_problems(problems))


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
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data[:4096] and not utf16:
        raise _fail(label, "not a text (CSV) file")
    if not utf16:
        _refuse_bad_bytes(data, label)
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
        raise _fail(label, f"not a readable CSV file ({_why(exc)})") from None
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

    _check_zip(path, label)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors: all mean "not readable"
        raise _fail(label, f"not a readable XLSX workbook ({_why(exc)})") from None
    try:
        if strict and sheet_name not in book.sheetnames:
            raise _fail(
                label, f"no sheet {sheet_name!r}; its sheets are: {', '.join(book.sheetnames)}"
            )
        sheet = book[sheet_name] if sheet_name in book.sheetnames else book.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # read the rows there are, not the rows declared
        records = []
        cells = 0
        deadline = time.monotonic() + MAX_SECONDS
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells += len(values)
            if number > MAX_ROWS + HEADER_SEARCH_ROWS or cells > MAX_CELLS:
                raise _fail(
                    label,
                    f"more than {MAX_ROWS:,} rows or {MAX_CELLS:,} cells: more than "
                    "this program reads",
                )
            if number % 1000 == 0 and time.monotonic() > deadline:
                raise _fail(label, f"reading took longer than {MAX_SECONDS:.0f} s: refused")
            texts = [cell_text(v) for v in values]
            if any(texts):
                records.append((number, texts))
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet part: XML or zip errors
        raise _fail(label, f"not a readable XLSX workbook ({_why(exc)})") from None
    finally:
        book.close()
    return _tabulate(label, records, is_column)


def _check_zip(path: Path, label: str) -> None:
    """Refuse a workbook whose parts unpack to more than :data:`MAX_UNZIPPED_BYTES`
    (a "zip bomb": a few MB that expand to GB), before unpacking anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(max(0, info.file_size) for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _fail(label, f"not a readable XLSX workbook ({_why(exc)})") from None
    if total > MAX_UNZIPPED_BYTES:
        raise _fail(
            label,
            f"unpacks to {total / 2**20:,.0f} MB: more than this program reads "
            f"({MAX_UNZIPPED_BYTES // 2**20} MB); a damaged or hostile workbook?",
        )


# --------------------------------------------------------------------------- vector


def _read_vector(path: Path, label: str, layer: str | None, prefer_layer: str) -> RawTable:
    import pyogrio

    if path.suffix.lower() == ".shp":
        siblings = {p.name.lower() for p in path.parent.iterdir()}
        if f"{path.stem.lower()}.dbf" not in siblings:
            raise _fail(
                label,
                f"the shapefile's attribute table {path.stem}.dbf is missing: copy it (and "
                f"{path.stem}.prj) next to {path.name}",
            )
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:  # GDAL errors: the file is not a vector data set
        raise _fail(label, f"not a readable GeoJSON/GeoPackage/Shapefile ({_why(exc)})") from None
    if not layers:
        raise _fail(label, "the file has no layers")
    if layer is not None and layer not in layers:
        raise _fail(label, f"no layer {layer!r}; its layers are: {', '.join(layers)}")
    chosen = layer or (prefer_layer if prefer_layer in layers else layers[0])
    try:
        count = int(pyogrio.read_info(path, layer=chosen).get("features", 0))
    except Exception as exc:
        raise _fail(label, f"layer {chosen!r} cannot be read ({_why(exc)})") from None
    if count > MAX_ROWS:
        raise _fail(label, f"{count:,} features: more than this program reads ({MAX_ROWS:,})")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pyogrio.read_dataframe(path, layer=chosen)
    except Exception as exc:
        raise _fail(label, f"layer {chosen!r} cannot be read ({_why(exc)})") from None
    notes = []
    if len(layers) > 1:
        notes.append(f"layer {chosen!r}")
    geometry: list[BaseGeometry | None] | None = None
    if "geometry" in frame.columns and hasattr(frame, "crs"):
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            _refuse_degrees_in_projected_crs(frame, label)
            try:
                src = frame.crs.to_string()
                frame = frame.to_crs(4326)
                notes.append(f"reprojected from {src} to WGS 84")
            except Exception as exc:
                raise _fail(
                    label, f"cannot convert its coordinates to WGS 84 ({_why(exc)})"
                ) from None
        geometry = [None if g is None or g.is_empty else g for g in frame.geometry]
    headers = [str(c) for c in frame.columns if c != "geometry"]
    cells = {h: [cell_text(v) for v in frame[h].tolist()] for h in headers}
    rows = list(range(2, len(frame) + 2))
    return RawTable(label, headers, cells, rows, geometry, notes)


def _refuse_degrees_in_projected_crs(frame: Any, label: str) -> None:
    """A file that says its coordinates are metres (a projected CRS) but holds
    degrees has a wrong ``.prj``: reprojected, it lands near 0 N 0 E and every later
    import fails against it, so it is refused here."""
    if not frame.crs.is_projected:
        return
    import numpy as np

    bounds = np.asarray(frame.total_bounds, dtype=float)
    if (
        np.isfinite(bounds).all()
        and np.all(np.abs(bounds[[0, 2]]) <= 180)
        and np.all(np.abs(bounds[[1, 3]]) <= 90)
    ):
        raise _fail(
            label,
            f"the file says its coordinates are in {frame.crs.to_string()} (metres) but they "
            "look like degrees of longitude/latitude: its .prj is wrong (use WGS 84, "
            "EPSG:4326)",
        )
