"""Printed route sheets kept on disk, one PDF per team sheet, keyed by what made it.

A key is the SHA-256 of the sheet's HTML (which holds the template, the CSS and every
value printed), the page size, the fonts' bytes, the Qt version and
:data:`ENGINE_VERSION`. The same key therefore always means the same printed pages,
and a re-plan re-prints only the teams whose sheet changed. The folder is the user's
cache folder (``$STO_PLANNER_CACHE/sheets`` when that is set); old entries are dropped when
there are more than :data:`MAX_ENTRIES`.

No Qt here: splitting and joining PDFs is done with pypdf.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Sequence
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

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def get(self, key: str) -> Path | None:
        path = self.path(key)
        if path.is_file():
            self.hits += 1
            with contextlib.suppress(OSError):
                path.touch()  # recently used: kept when the cache is trimmed
            return path
        self.misses += 1
        return None

    def put_pages(self, key: str, reader: PdfReader, first: int, last: int) -> Path:
        """Store pages ``first..last`` (0-based, inclusive) of ``reader`` under ``key``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        writer = PdfWriter()
        for i in range(first, last + 1):
            writer.add_page(reader.pages[i])
        target = self.path(key)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            writer.write(fh)
        tmp.replace(target)
        return target

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
        """Drop the least recently used entries beyond :data:`MAX_ENTRIES`."""
        if not self.folder.is_dir():
            return
        entries = sorted(self.folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime)
        for path in entries[: max(0, len(entries) - MAX_ENTRIES)]:
            with contextlib.suppress(OSError):
                path.unlink()


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


class Assembler:
    """Joins PDFs into one file, a part at a time (so a GUI can keep turning).

    Parts are ``(outline label or None, pdf)``; a label becomes a bookmark on the
    part's first page, so a reader can jump to each team's sheet.
    """

    def __init__(self, target: Path, *, title: str = "") -> None:
        self.target = Path(target)
        self.writer = PdfWriter()
        if title:
            self.writer.add_metadata({"/Title": title})

    def add(self, label: str | None, pdf: Path) -> None:
        start = len(self.writer.pages)
        for page in PdfReader(pdf).pages:
            self.writer.add_page(page)
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
