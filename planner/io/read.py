"""Read an input file (CSV, XLSX, GeoJSON, GeoPackage, Shapefile) into a plain table.

Every cell becomes text (``""`` when empty) so that validation sees what the user
typed, and every record keeps the row number a user sees in a spreadsheet: the
header is row 1, the first data row is row 2. For vector files (GeoJSON, GeoPackage,
Shapefile) the first feature is "row 2" likewise, so the numbers line up with the
attribute table in QGIS (feature number + 1).

Each format has its module (:mod:`read_csv`, :mod:`read_xlsx`, :mod:`read_vector`);
what they share (the table, the bounds) is in :mod:`read_base`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from planner.errors import InputError, Problem
from planner.i18n import msg
from planner.io.read_base import (
    HEADER_SEARCH_ROWS,
    MAX_CELLS,
    MAX_FILE_BYTES,
    MAX_PROBLEMS,
    MAX_ROWS,
    MAX_SECONDS,
    MAX_UNZIPPED_BYTES,
    SPREADSHEET_SUFFIXES,
    TEXT_SUFFIXES,
    VECTOR_SUFFIXES,
    RawTable,
    check_regular_file,
    fail,
    limit_problems,
)
from planner.io.read_csv import decode, read_csv, sniff_delimiter
from planner.io.read_vector import read_vector
from planner.io.read_xlsx import cell_text, read_xlsx

__all__ = [
    "HEADER_SEARCH_ROWS",
    "MAX_CELLS",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "MAX_SECONDS",
    "MAX_UNZIPPED_BYTES",
    "SPREADSHEET_SUFFIXES",
    "TEXT_SUFFIXES",
    "VECTOR_SUFFIXES",
    "RawTable",
    "cell_text",
    "check_regular_file",
    "decode",
    "limit_problems",
    "read_table",
    "sniff_delimiter",
]

#: Characters no cell may hold: C0 controls but tab, newline and carriage return (a
#: NUL cuts a value short in many programs; others break GPX/KML and terminals).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


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
        raise fail(label, msg("no such file"))
    if path.is_dir():
        raise fail(label, msg("is a folder, not a file"))
    check_regular_file(path, label)
    suffix = path.suffix.lower()
    if layer is not None and suffix not in VECTOR_SUFFIXES | SPREADSHEET_SUFFIXES:
        raise fail(label, msg("--layer is only for workbooks (a sheet) and GeoPackages (a layer)"))
    table = _read_by_suffix(path, layer, prefer_layer, is_column)
    _check_size(table, label, suffix)
    _refuse_control_characters(table)
    return table


def _read_by_suffix(
    path: Path, layer: str | None, prefer_layer: str, is_column: Callable[[str], bool]
) -> RawTable:
    label, suffix = str(path), path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return read_xlsx(path, label, is_column, layer or prefer_layer, strict=layer is not None)
    if suffix in VECTOR_SUFFIXES:
        return read_vector(path, label, layer, prefer_layer)
    if suffix in TEXT_SUFFIXES or suffix == "":
        return read_csv(path, label, is_column)
    if suffix == ".xls":
        raise fail(
            label, msg("old Excel .xls files cannot be read: save the sheet as .xlsx or CSV")
        )
    raise fail(
        label,
        msg(
            "unknown file type {suffix!r}: use CSV, XLSX, GeoJSON, GeoPackage or Shapefile",
            suffix=suffix,
        ),
    )


def _check_size(table: RawTable, label: str, suffix: str) -> None:
    if not table.headers and table.geometry is None:
        raise fail(label, msg("the file is empty (no header row)"))
    if not table.rows and suffix in VECTOR_SUFFIXES:
        raise fail(label, msg("the layer has no features"))
    if not table.rows:
        raise fail(label, msg("the file has a header but no data rows"))
    if len(table.rows) > MAX_ROWS:
        raise fail(
            label,
            msg(
                "{n:,} rows: more than this program reads ({max_rows:,})",
                n=len(table.rows),
                max_rows=MAX_ROWS,
            ),
        )


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
