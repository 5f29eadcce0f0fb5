"""What every file reader shares: the table it returns, the bounds on what one import
may read, the messages of a refusal, and turning rows into a table under its header
row (CSV and XLSX)."""

from __future__ import annotations

import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from planner.errors import InputError, Problem
from planner.i18n import msg

#: Bounds on what one import may make the program read (a mission has ~10,000
#: stations; 100,000 is the scale benchmark): anything beyond is refused, not read.
MAX_FILE_BYTES = 256 * 2**20
MAX_UNZIPPED_BYTES = 512 * 2**20  # an XLSX is a zip: its parts, unpacked
MAX_ROWS = 500_000
MAX_CELLS = 20_000_000
MAX_SECONDS = 300.0  # reading one file (a workbook of 100,000 rows takes ~30 s)
MAX_PROBLEMS = 200  # listed; the rest are counted

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


def why(exc: BaseException, limit: int = 200) -> str:
    """An exception's text for a message, cut short (GDAL echoes the bad input)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def fail(file: str, message: str) -> InputError:
    return InputError([Problem(file, 0, "", message)])


def check_regular_file(path: Path, label: str, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Refuse devices (``/dev/zero``), FIFOs and sockets, which would hang or never
    end, and files larger than ``max_bytes``."""
    try:
        st = path.stat()
    except OSError as exc:
        raise fail(label, msg("cannot be read ({strerror})", strerror=exc.strerror)) from None
    if not stat.S_ISREG(st.st_mode):
        raise fail(label, msg("not a regular file (a device, pipe or socket): give a saved file"))
    if st.st_size > max_bytes:
        raise fail(
            label,
            msg(
                "{st_size:.0f} MB: larger than this program reads ({max_bytes} MB)",
                st_size=st.st_size / 2**20,
                max_bytes=max_bytes // 2**20,
            ),
        )


def limit_problems(problems: list[Problem]) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems and one line counting the rest."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    file = problems[0].file
    return [
        *problems[:MAX_PROBLEMS],
        Problem(file, 0, "", msg("... and {rest:,} more problems", rest=rest)),
    ]


#: How many rows from the top may hold a title above the header.
HEADER_SEARCH_ROWS = 10


def tabulate(
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
                        msg(
                            "{n} cells but the header has {width} (an unquoted {strict_width!r} "
                            "inside a value?)",
                            n=len(cells),
                            width=width,
                            strict_width=strict_width,
                        ),
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
