"""Read an XLSX workbook, bounded: a zip that unpacks to too much, too many rows or
cells, or too long a read is refused before it exhausts the machine."""

from __future__ import annotations

import datetime as dt
import math
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from planner.errors import InputError
from planner.i18n import msg
from planner.io.read_base import (
    HEADER_SEARCH_ROWS,
    MAX_CELLS,
    MAX_ROWS,
    MAX_SECONDS,
    MAX_UNZIPPED_BYTES,
    RawTable,
    fail,
    tabulate,
    why,
)


def _hhmm(value: dt.time | dt.datetime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _float_text(value: float) -> str:
    if math.isnan(value):
        return ""
    return str(int(value)) if value.is_integer() else repr(value)


def _datetime_text(value: dt.datetime) -> str:
    if value.year < 1901:  # a time of day stored as a date-time (Excel's day 0)
        return _hhmm(value)
    return value.isoformat(sep=" ")


def _duration_text(value: dt.timedelta) -> str:
    minutes = round(value.total_seconds() / 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


#: How a cell of each type reads, checked in order (the first matching type wins).
_CELL_TEXT: tuple[tuple[type[Any], Callable[[Any], str]], ...] = (
    (bool, lambda value: "1" if value else "0"),
    (float, _float_text),
    (dt.datetime, _datetime_text),
    (dt.time, _hhmm),
    (dt.timedelta, _duration_text),
)


def cell_text(value: Any) -> str:
    """A spreadsheet or attribute value as the text a user would read in the cell."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    for kind, text in _CELL_TEXT:
        if isinstance(value, kind):
            return text(value)
    return str(value).strip()


def read_xlsx(
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
        raise fail(label, msg("not a readable XLSX workbook ({exc})", exc=why(exc))) from None
    try:
        if strict and sheet_name not in book.sheetnames:
            raise fail(
                label,
                msg(
                    "no sheet {sheet_name!r}; its sheets are: {sheetnames}",
                    sheet_name=sheet_name,
                    sheetnames=", ".join(book.sheetnames),
                ),
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
                raise fail(
                    label,
                    msg(
                        "more than {max_rows:,} rows or {max_cells:,} cells: more than this "
                        "program reads",
                        max_rows=MAX_ROWS,
                        max_cells=MAX_CELLS,
                    ),
                )
            if number % 1000 == 0 and time.monotonic() > deadline:
                raise fail(
                    label,
                    msg(
                        "reading took longer than {max_seconds:.0f} s: refused",
                        max_seconds=MAX_SECONDS,
                    ),
                )
            texts = [cell_text(v) for v in values]
            if any(texts):
                records.append((number, texts))
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet part: XML or zip errors
        raise fail(label, msg("not a readable XLSX workbook ({exc})", exc=why(exc))) from None
    finally:
        book.close()
    return tabulate(label, records, is_column)


def _check_zip(path: Path, label: str) -> None:
    """Refuse a workbook whose parts unpack to more than :data:`MAX_UNZIPPED_BYTES`
    (a "zip bomb": a few MB that expand to GB), before unpacking anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(max(0, info.file_size) for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise fail(label, msg("not a readable XLSX workbook ({exc})", exc=why(exc))) from None
    if total > MAX_UNZIPPED_BYTES:
        raise fail(
            label,
            msg(
                "unpacks to {total:,.0f} MB: more than this program reads ({max_unzipped_bytes} "
                "MB); a damaged or hostile workbook?",
                total=total / 2**20,
                max_unzipped_bytes=MAX_UNZIPPED_BYTES // 2**20,
            ),
        )
