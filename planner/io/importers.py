"""Validated imports: a CSV/XLSX/GeoJSON/GeoPackage/Shapefile becomes one mission layer.

:func:`read_layer` reads and checks a file and returns domain objects, or raises
:class:`InputError` listing every problem (``FILE:ROW:COLUMN: message``).
:func:`import_into` replaces that layer of a mission file, all or nothing: on any
problem the mission file is not touched. An import *replaces* the layer rather than
adding to it, so running the same import twice gives the same mission and a
corrected file simply supersedes the bad one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.errors import InputError, MissionFileError, Problem
from planner.io.check import Checker
from planner.io.kinds import BUILDERS
from planner.io.mission import MissionSession, new_mission, record, with_layer
from planner.io.read import RawTable, limit_problems, read_table
from planner.io.refs import layer_reference_problems, stale_plan_note
from planner.io.schema import KINDS, canonical_column
from planner.model import Mission

__all__ = [
    "KINDS",
    "ImportResult",
    "LayerRead",
    "apply_layer",
    "check_layer",
    "import_into",
    "load_layer",
    "read_layer",
    "read_raw",
]

Progress = Callable[[str, str], None]

#: Unknown columns named in an import's summary; the rest are counted.
MAX_IGNORED_SHOWN = 10


@dataclass(frozen=True)
class LayerRead:
    """What :func:`load_layer` found: the objects and notes for the user."""

    kind: str
    items: tuple[Any, ...]
    ignored_columns: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    """The outcome of :func:`import_into`, for a one-line summary."""

    kind: str
    file: str
    rows: int
    previous_rows: int
    created: bool
    ignored_columns: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())
    dry_run: bool = False

    def summary(self) -> str:
        if self.dry_run:
            text = (
                f"checked {self.rows} {self.kind} in {self.file}: no problems "
                f"(--dry-run: would replace {self.previous_rows}; nothing written)"
            )
        else:
            text = (
                f"imported {self.rows} {self.kind} from {self.file} (replaced {self.previous_rows})"
            )
            if self.created:
                text += " into a new mission"
        if self.notes:
            text += "; " + "; ".join(self.notes)
        if self.ignored_columns:
            shown = [c[:40] for c in self.ignored_columns[:MAX_IGNORED_SHOWN]]
            more = len(self.ignored_columns) - len(shown)
            text += "; ignored columns: " + ", ".join(shown)
            if more > 0:
                text += f" and {more:,} more"
        return text


def read_layer(
    kind: str,
    path: str | os.PathLike[str],
    mission: Mission | None = None,
    *,
    layer: str | None = None,
) -> tuple[Any, ...]:
    """Read ``path`` as layer ``kind`` checked against ``mission``; all problems at once."""
    return load_layer(kind, path, mission, layer=layer).items


def load_layer(
    kind: str,
    path: str | os.PathLike[str],
    mission: Mission | None = None,
    *,
    layer: str | None = None,
) -> LayerRead:
    """Like :func:`read_layer`, also telling which columns were ignored."""
    return check_layer(kind, read_raw(kind, path, layer=layer), mission)


def read_raw(kind: str, path: str | os.PathLike[str], *, layer: str | None = None) -> RawTable:
    """The cells of ``path`` for layer ``kind``, unchecked (the file's own problems:
    unreadable, empty, control characters, bounds)."""
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
    return read_table(
        Path(path),
        layer=layer,
        prefer_layer=kind,
        is_column=lambda header: canonical_column(header, kind) is not None,
    )


def check_layer(kind: str, table: RawTable, mission: Mission | None = None) -> LayerRead:
    """The objects of ``table`` checked against ``mission``; all problems at once."""
    check = Checker(kind, table, mission or Mission())
    items = BUILDERS[kind](check)
    if check.problems:
        raise InputError(limit_problems(sorted(check.problems, key=lambda p: p.row)))
    return LayerRead(kind, items, tuple(check.ignored), tuple(table.notes))


# --------------------------------------------------------------------------- into a mission


def apply_layer(
    mission: Mission,
    kind: str,
    items: tuple[Any, ...],
    file: str | os.PathLike[str],
    *,
    layer: str | None = None,
) -> Mission:
    """``mission`` with layer ``kind`` replaced by ``items`` (from :func:`read_layer`)
    and the import written to its change log.

    Raises InputError when another layer would be left naming ids that ``items``
    lacks (e.g. stations of a DEC missing from new ``decs``). For the GUI, which holds
    the mission in memory; :func:`import_into` does the same on a file.
    """
    updated = with_layer(mission, kind, items)
    problems: list[Problem] = layer_reference_problems(updated, kind, str(file))
    if problems:
        raise InputError(problems)
    detail = {"kind": kind, "file": Path(file).name, "rows": len(items)}
    detail["replaced"] = len(getattr(mission, kind))
    if layer:
        detail["layer"] = layer
    return record(updated, "import", detail)


def import_into(
    mission_path: str | os.PathLike[str],
    kind: str,
    file: str | os.PathLike[str],
    *,
    layer: str | None = None,
    create: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Replace layer ``kind`` of the mission file with the contents of ``file``.

    All or nothing: every check runs before anything is written, and the save is
    atomic. With ``create`` a missing mission file is made (empty, default settings).
    Raises InputError (problems in ``file``, or other layers that would lose their
    references) or MissionFileError. With ``dry_run`` everything is checked and
    nothing is written.
    """
    say = progress or (lambda stage, message: None)
    target = Path(mission_path)
    created = not target.exists()
    if created and not create:
        raise MissionFileError(f"{target}: no such mission file (add --create to make one)")
    say("read", str(file))
    table = read_raw(kind, file, layer=layer)  # an unreadable file fails before the mission
    # Held from reading to saving: no other writer in between (planner.io.lock).
    with MissionSession(target, create=created, read_only=dry_run and not created) as session:
        mission = session.mission or new_mission()
        read = check_layer(kind, table, mission)
        updated = apply_layer(mission, kind, read.items, file, layer=layer)
        if not dry_run:
            say("save", str(target))
            session.save(updated)
    stale = stale_plan_note(updated, kind)
    return ImportResult(
        kind,
        Path(file).name,
        len(read.items),
        len(getattr(mission, kind)),
        created,
        read.ignored_columns,
        (*read.notes, *((stale,) if stale else ())),
        dry_run,
    )
