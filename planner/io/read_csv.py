"""Read a CSV file: its encoding (UTF-8, UTF-16, Windows-1251, KZ-1048), its
delimiter, and refusals of NUL bytes and lines in another encoding, each at its row
and column."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from planner.errors import InputError, Problem
from planner.i18n import msg
from planner.io.read_base import (
    HEADER_SEARCH_ROWS,
    MAX_PROBLEMS,
    RawTable,
    fail,
    limit_problems,
    tabulate,
    why,
)

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
                Problem(
                    label, number, _cell_of(line, nul, header), msg("holds a NUL byte (U+0000)")
                )
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
                    msg(
                        "not UTF-8 like the rest of the file (a line pasted from a Windows-1251 "
                        "file?): save the whole file as UTF-8"
                    ),
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


def read_csv(path: Path, label: str, is_column: Callable[[str], bool]) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise fail(label, msg("cannot be read ({strerror})", strerror=exc.strerror)) from None
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data[:4096] and not utf16:
        raise fail(label, msg("not a text (CSV) file"))
    if not utf16:
        _refuse_bad_bytes(data, label)
    try:
        text, _encoding = decode(data)
    except UnicodeDecodeError:
        raise fail(label, msg("cannot be decoded: save it as UTF-8 or Windows-1251 CSV")) from None
    if not text.strip():
        raise fail(label, msg("the file is empty"))
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
        raise fail(label, msg("not a readable CSV file ({exc})", exc=why(exc))) from None
    return tabulate(label, records, is_column, strict_width=delimiter)
