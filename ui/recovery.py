"""Autosave to a recovery file, and finding it again after a crash.

While a mission has unsaved changes, the window writes it every few minutes to
``<recovery dir>/<key>.gpkg`` (a full mission file, saved atomically) with a small
JSON note naming the real mission file. A clean save or a deliberate "discard"
removes both. If the program dies, the next start finds the pair and offers to
recover.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths


def default_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".sto-planner") / "recovery"


@dataclass(frozen=True, slots=True)
class Recovery:
    file: Path  # the recovery mission file
    original: Path | None  # the mission it belongs to (None: never saved)
    saved_at: str  # ISO time of the autosave

    def describe(self) -> str:
        from ui.i18n import date_time

        name = (
            self.original.name
            if self.original
            else QCoreApplication.translate("Recovery", "an unsaved new mission")
        )
        return QCoreApplication.translate("Recovery", "{name} (autosaved {when})").format(
            name=name, when=date_time(self.saved_at)
        )


def _key(original: Path | None) -> str:
    text = str(original.resolve()) if original else "untitled"
    stem = original.stem if original else "untitled"
    return f"{stem}-{hashlib.sha1(text.encode()).hexdigest()[:10]}"


def recovery_path(folder: Path, original: Path | None) -> Path:
    return folder / f"{_key(original)}.gpkg"


def write_note(folder: Path, original: Path | None) -> None:
    note = recovery_path(folder, original).with_suffix(".json")
    data = {
        "original": str(original.resolve()) if original else "",
        "saved_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    tmp = note.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(note)


def discard(folder: Path, original: Path | None) -> None:
    path = recovery_path(folder, original)
    for p in (path, path.with_suffix(".json")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def find(folder: Path) -> list[Recovery]:
    """Recovery files left behind, newest first."""
    out: list[Recovery] = []
    if not folder.is_dir():
        return out
    for note in folder.glob("*.json"):
        mission_file = note.with_suffix(".gpkg")
        if not mission_file.exists():
            continue
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        original = Path(data["original"]) if data.get("original") else None
        out.append(Recovery(mission_file, original, str(data.get("saved_at", ""))))
    out.sort(key=lambda r: r.saved_at, reverse=True)
    return out
