"""Printed route sheets kept on disk, each team's pages keyed by what made them.

Printed PDFs are kept whole (a chunk of teams printed together shares its fonts);
``<key>.json`` says which pages of which printed file are that sheet. A key is the
SHA-256 of the sheet's HTML (which holds the template, the CSS and every value
printed), the page size, the fonts' bytes, the printer's ``salt`` (the Qt version)
and :data:`ENGINE_VERSION`. The same key therefore always means the same printed
pages, and a re-plan re-prints only the teams whose sheet changed. The folder is the
user's cache folder (``$STO_PLANNER_CACHE/sheets`` when that is set); old entries are
dropped when there are more than :data:`MAX_ENTRIES`.

No Qt here: splitting and joining PDFs is done with pypdf.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from planner.app.cache import cache_dir

#: Bump when the way sheets are printed changes (page layout, printer settings).
ENGINE_VERSION = "1"
MAX_ENTRIES = 6000


def default_dir() -> Path:
    """The ``sheets`` folder of the user's cache (see :func:`planner.app.cache.cache_dir`)."""
    return cache_dir() / "sheets"


@functools.cache
def _fonts_digest(fonts: tuple[Path, ...]) -> str:
    h = hashlib.sha256()
    for font in fonts:
        with contextlib.suppress(OSError):
            h.update(font.read_bytes())
    return h.hexdigest()


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


@dataclass(frozen=True, slots=True)
class Pages:
    """Pages ``first .. first + count - 1`` (0-based) of a printed PDF."""

    pdf: Path
    first: int
    count: int


class PageCache:
    """``key -> PDF`` files in one folder (written atomically)."""

    def __init__(self, folder: Path | None = None, *, salt: str = "") -> None:
        self.folder = Path(folder) if folder is not None else default_dir()
        self.salt = salt
        self.hits = 0
        self.misses = 0

    def key(self, html: str, page_size: str, fonts: Sequence[Path] = ()) -> str:
        h = hashlib.sha256()
        for part in (ENGINE_VERSION, self.salt, page_size.upper(), _fonts_digest(tuple(fonts))):
            h.update(part.encode())
            h.update(b"\0")
        h.update(html.encode("utf-8"))
        return h.hexdigest()

    def _entry_file(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> Pages | None:
        """The cached pages for ``key`` (None: not printed yet, or dropped)."""
        entry = self._entry_file(key)
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            pages = Pages(self.folder / str(data["pdf"]), int(data["first"]), int(data["count"]))
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        if not pages.pdf.is_file():
            self.misses += 1
            return None
        self.hits += 1
        with contextlib.suppress(OSError):
            entry.touch()  # recently used: kept when the cache is trimmed
            pages.pdf.touch()
        return pages

    def put_printed(self, pdf: Path, spans: Sequence[tuple[str, int, int]]) -> list[Pages]:
        """Keep a printed PDF whose pages ``(key, first, count)`` belong to sheets.

        The whole printed file is kept (its sheets share one copy of the fonts, which
        keeps joining fast and the booklet small); each key points into it.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256("".join(k for k, _, _ in spans).encode()).hexdigest()
        target = self.folder / f"printed-{digest[:32]}.pdf"
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        shutil.copyfile(pdf, tmp)
        tmp.replace(target)
        out = []
        for key, first, count in spans:
            entry = self._entry_file(key)
            data = {"pdf": target.name, "first": first, "count": count}
            tmp_entry = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
            tmp_entry.write_text(json.dumps(data), encoding="utf-8")
            tmp_entry.replace(entry)
            out.append(Pages(target, first, count))
        return out

    def note(self, name: str) -> int | None:
        """A small number remembered between runs (e.g. a booklet front's page count)."""
        try:
            return int((self.folder / f"{name}.note").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def set_note(self, name: str, value: int) -> None:
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / f"{name}.note").write_text(str(value), encoding="utf-8")

    def trim(self) -> None:
        """Drop the least recently used entries and printed files beyond :data:`MAX_ENTRIES`."""
        if not self.folder.is_dir():
            return
        for pattern in ("*.json", "printed-*.pdf"):
            files = sorted(self.folder.glob(pattern), key=lambda p: p.stat().st_mtime)
            for path in files[: max(0, len(files) - MAX_ENTRIES)]:
                with contextlib.suppress(OSError):
                    path.unlink()


class Assembler:
    """Joins cached pages into one PDF, a part at a time (so a GUI can keep turning).

    A part is ``(outline label or None, pages)``; a label becomes a bookmark on the
    part's first page, so a reader can jump to each team's sheet. Each printed file is
    read once, and what its pages share (fonts) is written once.
    """

    def __init__(self, target: Path, *, title: str = "") -> None:
        self.target = Path(target)
        self.writer = PdfWriter()
        self._readers: dict[Path, PdfReader] = {}
        if title:
            self.writer.add_metadata({"/Title": title})

    def add(self, label: str | None, pages: Pages) -> None:
        reader = self._readers.get(pages.pdf)
        if reader is None:
            reader = self._readers[pages.pdf] = PdfReader(pages.pdf)
        start = len(self.writer.pages)
        for i in range(pages.first, pages.first + pages.count):
            self.writer.add_page(reader.pages[i])
        if label:
            self.writer.add_outline_item(title=label, page_number=start)

    def write(self) -> Path:
        """Write the target atomically (mode 0644 minus the umask)."""
        target = self.target
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.assembling")
        try:
            with tmp.open("wb") as fh:
                self.writer.write(fh)
            umask = os.umask(0)
            os.umask(umask)
            tmp.chmod(0o666 & ~umask)
            tmp.replace(target)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
        return target
