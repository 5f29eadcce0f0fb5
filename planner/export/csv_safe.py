"""CSV text that is safe to open in Excel or LibreOffice Calc.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return followed by one) as a formula, so a station named
``=HYPERLINK("http://…")`` or a phone ``+7 …`` could run or leak something when an
observer opens ``assignments.csv``. Every text cell of every CSV the program writes
goes through :func:`defuse`: such a cell gets a leading ``'`` (shown by neither
program, and the usual OWASP advice). A cell that is a plain number (``-12``,
``-0.5``, ``+3``, ``1e-5``) stays a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["csv_text", "defuse"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def defuse(value: object) -> str:
    """``value`` as CSV cell text that a spreadsheet shows as text, never runs."""
    text = "" if value is None else str(value)
    if text.startswith(_TRIGGERS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """A header line and one line per row (UTF-8 text, ``\\n`` line ends), every
    cell defused."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([defuse(c) for c in columns])
    for row in rows:
        writer.writerow([defuse(row.get(c, "")) for c in columns])
    return buf.getvalue()
