"""Checks before a mission file is read: is it a regular SQLite file, an STO Planner
mission, of a schema version this program reads, with every layer present? Also the
clean-up of what a save killed mid-way left beside the mission."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from pathlib import Path

from planner.errors import MissionFileError
from planner.i18n import Message, msg
from planner.io.lock import real_path
from planner.io.mission_layout import APP_ID, LAYERS, OPTIONAL_LAYERS, SCHEMA_VERSION

_SAVING = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.saving(?:-journal|-wal|-shm)?$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftover from an earlier, failed save
    if os.name != "posix":  # pragma: no cover - Windows: trust only old leftovers
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_stale_saves(path: str | os.PathLike[str]) -> list[Path]:
    """Remove ``.NAME.gpkg.PID.saving`` files (and their SQLite journals) that a save
    killed mid-way left beside the mission; a live process's are kept. Returns the
    files removed."""
    target = real_path(path)
    removed: list[Path] = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = _SAVING.match(entry.name)
        if m is None or m["name"] != target.name:
            continue
        stale = not _alive(int(m["pid"]))
        if os.name != "posix":  # pragma: no cover - Windows
            with contextlib.suppress(OSError):
                stale = time.time() - entry.stat().st_mtime > 3600
        if stale:
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


# --------------------------------------------------------------------------- open


def locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def locked_error(path: Path) -> MissionFileError:
    return MissionFileError(
        msg(
            "{path}: the file is locked by another program (QGIS, or a copy of STO Planner "
            "saving it); close it there and try again",
            path=path,
        )
    )


def damaged(path: Path, exc: BaseException) -> Message:
    """``path`` is a damaged mission file; the library's words (SQLite, GDAL) kept."""
    return msg("{path}: damaged mission file ({error})", path=path, error=str(exc))


def check_mission_file(path: Path) -> None:
    """Refuse, with a message naming ``path``, a file that is not a readable mission."""
    _check_header(path)
    tables, meta = _tables_and_meta(path)
    _check_meta(path, meta)
    missing = [name for name in LAYERS if name not in tables and name not in OPTIONAL_LAYERS]
    if missing:
        raise MissionFileError(
            msg(
                "{path}: damaged mission file: layer(s) {layers} missing (deleted "
                "by another program?). Nothing was changed; restore a backup copy.",
                path=path,
                layers=", ".join(missing),
            )
        )


def _check_header(path: Path) -> None:
    if not path.exists():
        raise MissionFileError(msg("{path}: no such file", path=path))
    if not path.is_file():
        raise MissionFileError(msg("{path}: not a mission file (not a regular file)", path=path))
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise MissionFileError(
            msg("{path}: cannot be read ({strerror})", path=path, strerror=exc.strerror)
        ) from None
    if header != b"SQLite format 3\x00":
        raise MissionFileError(msg("{path}: not a mission file (not a GeoPackage)", path=path))


def _tables_and_meta(path: Path) -> tuple[set[str], dict[str, str]]:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "mission_meta" not in tables:
                raise MissionFileError(
                    msg(
                        "{path}: a GeoPackage, but not an STO Planner mission "
                        "(no mission_meta table). Import its layers into a mission instead.",
                        path=path,
                    )
                )
            meta = {str(k): str(v) for k, v in con.execute("SELECT key, value FROM mission_meta")}
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if locked(exc):
            raise locked_error(path) from None
        raise MissionFileError(damaged(path, exc)) from None
    except sqlite3.DatabaseError as exc:
        raise MissionFileError(damaged(path, exc)) from None
    return tables, meta


def _check_meta(path: Path, meta: dict[str, str]) -> None:
    if meta.get("app") != APP_ID:
        raise MissionFileError(f"{path}: not an STO Planner mission")
    raw = meta.get("schema_version")
    if raw is None:
        raise MissionFileError(f"{path}: damaged mission file (no schema_version in mission_meta)")
    try:
        version = int(raw.strip())
    except ValueError:
        raise MissionFileError(f"{path}: unreadable schema version {raw[:20]!r}") from None
    if version > SCHEMA_VERSION:
        raise MissionFileError(
            msg(
                "{path}: made by a newer STO Planner (mission format {version}; this version "
                "reads up to {supported}). Update the program to open it.",
                path=path,
                version=version,
                supported=SCHEMA_VERSION,
            )
        )
    if version < 1:
        raise MissionFileError(
            f"{path}: damaged mission file (schema_version {version}; formats start at 1)"
        )


def has_layer(path: Path, layer: str) -> bool:
    """Whether the file has ``layer`` (optional layers of older missions)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0)
    try:
        row = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (layer,)
        ).fetchone()
    finally:
        con.close()
    return row is not None
