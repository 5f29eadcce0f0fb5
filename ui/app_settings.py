"""Where the application keeps its own preferences (QSettings), not the mission's.

Organization "STO Planner": on Windows the registry, on macOS a plist, on Linux an
INI file under ~/.config. Tests point QSettings at a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

ORGANIZATION = "STO Planner"
APPLICATION = "STO Planner"
MAX_RECENT = 8


def configure_application() -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def store() -> QSettings:
    configure_application()
    return QSettings(ORGANIZATION, APPLICATION)


def recent_missions() -> list[Path]:
    value = store().value("recent", [])
    if isinstance(value, str):
        return [Path(value)] if value else []
    if isinstance(value, (list, tuple)):
        return [Path(str(v)) for v in value]
    return []


def remember_mission(path: Path) -> None:
    path = path.resolve()
    items = [p for p in recent_missions() if p != path]
    items.insert(0, path)
    s = store()
    s.setValue("recent", [str(p) for p in items[:MAX_RECENT]])
    s.setValue("last_mission", str(path))


def last_mission() -> Path | None:
    value = store().value("last_mission", "")
    return Path(str(value)) if value else None


def set_map_tiles(on: bool) -> None:
    store().setValue("map/tiles", "true" if on else "false")


def map_tiles_enabled() -> bool:
    return str(store().value("map/tiles", "false")).lower() in ("true", "1")
