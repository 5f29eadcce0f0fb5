"""Write the mission GeoPackage atomically: everything goes to a temporary file in the
same folder, is flushed to disk, then renamed over the old file, so a crash or a full
disk leaves either the old or the new mission, never half of one. Read-only files are
refused, symbolic links written through, and a stamp check refuses to overwrite a file
another program changed since it was read."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio

from planner.errors import MissionFileError
from planner.io.lock import FileStamp, real_path
from planner.io.mission_frames import frames
from planner.io.mission_layout import LAYERS, SQLITE_SIDE_FILES
from planner.model import Mission

Writer = Callable[[Path, str, pd.DataFrame, str | None], None]

_ANY: Any = object()  # save_mission(expect=...): do not compare stamps


def _write_layer(path: Path, layer: str, frame: pd.DataFrame, geometry_type: str | None) -> None:
    kwargs: dict[str, Any] = {"layer": layer, "driver": "GPKG"}
    if geometry_type is not None:
        kwargs["geometry_type"] = geometry_type
        kwargs["promote_to_multi"] = geometry_type.startswith("Multi")
    if frame.empty:
        # Give empty columns a definite type so GDAL can create them.
        frame = frame.astype({c: "object" for c in frame.columns if c != "geometry"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        pyogrio.write_dataframe(frame, path, **kwargs)


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _size_needed(mission: Mission, target: Path) -> int:
    """A generous estimate of the bytes a save needs (old file, or rows x 1 KB)."""
    rows = (
        len(mission.polling_stations)
        + len(mission.decs)
        + len(mission.teams)
        + len(mission.change_log)
        + sum(len(r.visits) + 1 for p in mission.plans for r in p.routes)
    )
    old = target.stat().st_size if target.exists() else 0
    return max(old, rows * 1024) + 1024 * 1024


def _check_writable(target: Path, folder: Path) -> None:
    if target.exists():
        st = target.stat()
        if not stat.S_ISREG(st.st_mode):
            raise MissionFileError(f"{target}: not a regular file; nothing was saved")
        if not st.st_mode & 0o222:
            raise MissionFileError(
                f"{target}: the file is read-only; nothing was saved (make it writable, "
                "or save a copy under another name)"
            )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise MissionFileError(
            f"{target}: the folder {folder} is read-only; nothing was saved "
            "(save a copy in a folder you can write to)"
        )


def save_mission(
    mission: Mission,
    path: str | os.PathLike[str],
    *,
    expect: FileStamp | None = _ANY,
    _write: Writer | None = None,
) -> FileStamp | None:
    """Write ``mission`` to ``path`` atomically (temp file, fsync, rename).

    On any failure the previous file at ``path`` is left exactly as it was and a
    :class:`MissionFileError` is raised. A symbolic link is written through: its
    target is replaced and the link kept. A read-only file is refused. With
    ``expect`` (the :class:`FileStamp` taken when the file was read, None = there was
    no file) the save is refused when the file changed since. Returns the stamp of
    the new file. ``_write`` is for tests that simulate a failing disk.
    """
    shown = Path(path)
    target = real_path(shown)
    needed = _check_before_save(mission, shown, target, expect)
    tmp = target.parent / f".{target.name}.{os.getpid()}.saving"
    try:
        _write_and_replace(mission, tmp, target, _write or _write_layer)
    except Exception as exc:
        _remove_temp(tmp)
        if isinstance(exc, MissionFileError):
            raise
        raise _save_error(exc, shown, target.parent, needed) from exc
    return FileStamp.of(target)


def _check_before_save(
    mission: Mission, shown: Path, target: Path, expect: FileStamp | None
) -> int:
    """Refuse a save that cannot or must not happen; returns the bytes it needs."""
    folder = target.parent
    if not folder.exists():
        raise MissionFileError(f"{shown}: folder {folder} does not exist")
    _check_writable(target, folder)
    if expect is not _ANY and FileStamp.of(target) != expect:
        raise MissionFileError(
            f"{shown}: the file was changed by another program since it was read; "
            "nothing was saved (open it again to see the other change)"
        )
    needed = _size_needed(mission, target)
    free = _free_bytes(folder)
    if free is not None and free < needed:
        raise MissionFileError(
            f"{shown}: not enough free disk space in {folder} ({free // 2**20} MB free, "
            f"about {needed // 2**20 + 1} MB needed); nothing was saved"
        )
    return needed


def _write_and_replace(mission: Mission, tmp: Path, target: Path, write: Writer) -> None:
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    for layer, frame in frames(mission).items():
        write(tmp, layer, frame, LAYERS[layer])
    with tmp.open("rb+") as fh:
        fh.flush()
        os.fsync(fh.fileno())
    if target.exists():
        with contextlib.suppress(OSError):
            tmp.chmod(target.stat().st_mode & 0o777)
    tmp.replace(target)
    _fsync_dir(target.parent)


def _remove_temp(tmp: Path) -> None:
    for leftover in (tmp, *(Path(f"{tmp}{s}") for s in SQLITE_SIDE_FILES)):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _save_error(exc: Exception, shown: Path, folder: Path, needed: int) -> MissionFileError:
    free = _free_bytes(folder)
    full = getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or (
        free is not None and free < needed
    )
    if full:
        return MissionFileError(
            f"{shown}: the disk is full ({(free or 0) // 2**20} MB free in {folder}); "
            "the previous file is unchanged"
        )
    return MissionFileError(
        f"{shown}: could not save the mission ({exc}); the previous file is unchanged"
    )


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
