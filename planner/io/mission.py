"""Read and write the mission GeoPackage: the only module that knows its layout.

A mission is one ``.gpkg`` file (SQLite; QGIS opens it). Layers are listed in
``docs/mission-file.md``. Saving is atomic: everything is written to a temporary
file in the same folder, flushed to disk, then renamed over the old file, so a
crash or a full disk leaves either the old or the new mission, never half of one.

Nothing in a file is trusted (docs/security.md): opening refuses a file with a missing
layer or a schema version out of range, names the layer and row of a bad stored value,
and never reads the routing server setting. A writer uses :class:`MissionSession`:
it holds the mission's lock (:mod:`planner.io.lock`) and refuses to save over a file
that changed since it was read; :func:`save_mission` also refuses read-only files and
writes through symbolic links.

The work is done by :mod:`mission_layout` (layers, schema version),
:mod:`mission_frames` and :mod:`mission_write` (saving), :mod:`mission_check` and
:mod:`mission_read` (opening); every public name is importable from here.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from planner.errors import MissionFileError
from planner.io.lock import FileStamp, MissionLock, real_path
from planner.io.mission_check import (
    check_mission_file,
    clean_stale_saves,
    damaged,
    locked,
    locked_error,
)
from planner.io.mission_layout import (
    APP_ID,
    CRS,
    LAYERS,
    OPTIONAL_LAYERS,
    SCHEMA_VERSION,
    UNTRUSTED_SETTINGS,
    now_iso,
)
from planner.io.mission_read import build_mission
from planner.io.mission_write import _write_layer, save_mission
from planner.model import Mission, Settings

__all__ = [
    "APP_ID",
    "CRS",
    "LAYERS",
    "OPTIONAL_LAYERS",
    "SCHEMA_VERSION",
    "UNTRUSTED_SETTINGS",
    "FileStamp",
    "MissionLock",
    "MissionSession",
    "_write_layer",
    "clean_stale_saves",
    "new_mission",
    "now_iso",
    "open_mission",
    "record",
    "save_mission",
    "with_layer",
]


def open_mission(path: str | os.PathLike[str]) -> Mission:
    """Read a mission file. Refuses non-mission, damaged and newer-version files
    clearly; removes what a killed save left beside it."""
    p = Path(path)
    check_mission_file(p)
    clean_stale_saves(p)
    try:
        return build_mission(p)
    except MissionFileError:
        raise
    except Exception as exc:  # a damaged or hand-edited file: say so, no traceback
        if locked(exc):
            raise locked_error(p) from None
        raise MissionFileError(damaged(p, exc)) from exc


# --------------------------------------------------------------------------- session


class MissionSession:
    """A mission opened for writing: the lock is held and the file's stamp kept, so a
    save refuses when another program changed the file since (see :mod:`lock`).

    ::

        with MissionSession(path) as session:
            mission = session.mission
            ...
            session.save(updated)

    With ``create`` a missing file is allowed (``mission`` is then None until saved).
    With ``read_only`` no lock is taken and :meth:`save` is refused (``--dry-run``).
    """

    def __init__(
        self, path: str | os.PathLike[str], *, create: bool = False, read_only: bool = False
    ) -> None:
        self.path = Path(path)
        self.lock = MissionLock(self.path)
        self.create = create
        self.read_only = read_only
        self.stamp: FileStamp | None = None
        self.mission: Mission | None = None

    def __enter__(self) -> MissionSession:
        if self.read_only:
            self.mission = open_mission(self.path)
            return self
        self.lock.acquire()
        try:
            target = real_path(self.path)
            self.stamp = FileStamp.of(target)
            if self.stamp is None and self.create:
                clean_stale_saves(self.path)
                return self
            self.mission = open_mission(self.path)
        except BaseException:
            self.lock.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock.release()

    def require(self) -> Mission:
        """The mission read on entry (an error when the file did not exist)."""
        if self.mission is None:
            raise MissionFileError(f"{self.path}: no such file")
        return self.mission

    def save(self, mission: Mission) -> None:
        """Store ``mission`` atomically, refusing when the file changed since read."""
        if self.read_only or not self.lock.held:
            raise MissionFileError(f"{self.path}: not open for writing")
        self.stamp = save_mission(mission, self.path, expect=self.stamp)
        self.mission = mission


# --------------------------------------------------------------------------- helpers


def new_mission(settings: Settings | None = None) -> Mission:
    """An empty mission (layers are filled by imports)."""
    return Mission(settings=settings or Settings())


def record(
    mission: Mission, kind: str, detail: dict[str, Any] | list[Any] | str, plan_revision: int = 0
) -> Mission:
    """``mission`` with one change-log entry appended (detail stored as JSON)."""
    text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)
    return mission.with_change(kind, text, now_iso(), plan_revision)


def with_layer(mission: Mission, kind: str, items: tuple[Any, ...]) -> Mission:
    """``mission`` with one input layer replaced (``kind`` as in the import command)."""
    if kind not in ("regions", "decs", "dec_areas", "polling_stations", "bases", "teams"):
        if kind == "observers":
            return replace(mission, observers=items)
        raise ValueError(f"unknown layer {kind}")
    return replace(mission, **{kind: items})  # type: ignore[arg-type]
