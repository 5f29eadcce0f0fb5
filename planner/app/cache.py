"""The user's cache folder, and the remembered alternates of route sheets.

Both are pure speed-ups: deleting the folder changes no output, only how long the
next export takes. ``$STO_PLANNER_CACHE`` chooses the folder (tests, benchmarks).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path

from planner.export.alternates import Alternate

#: Entries kept in the alternates memo (a demo plan needs about 2,200).
MAX_ALTERNATES = 40_000
_CODE = ("day.py", "export/alternates.py", "travel.py", "model.py")


def cache_dir() -> Path:
    """``$STO_PLANNER_CACHE`` or the platform's user cache folder for STO Planner."""
    env = os.environ.get("STO_PLANNER_CACHE")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sto-planner"


def _code_version() -> str:
    """A digest of the code that computes alternates: new code, new memo."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for name in _CODE:
        with contextlib.suppress(OSError):
            h.update((root / name).read_bytes())
    return h.hexdigest()[:16]


class AlternatesMemo(MutableMapping[str, tuple[Alternate, ...]]):
    """Stop digest -> alternates, loaded from and saved to a JSON file in the cache."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or cache_dir()) / f"alternates-{_code_version()}.json"
        self._data: dict[str, tuple[Alternate, ...]] = {}
        self._used: set[str] = set()
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            self._data = {k: tuple(Alternate(*a) for a in v) for k, v in raw.items()}
        except (OSError, ValueError, TypeError):
            self._data = {}

    def __getitem__(self, key: str) -> tuple[Alternate, ...]:
        self._load()
        value = self._data[key]
        self._used.add(key)
        return value

    def __setitem__(self, key: str, value: tuple[Alternate, ...]) -> None:
        self._load()
        self._data[key] = value
        self._used.add(key)

    def __delitem__(self, key: str) -> None:
        self._load()
        del self._data[key]

    def __iter__(self) -> Iterator[str]:
        self._load()
        return iter(self._data)

    def __len__(self) -> int:
        self._load()
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        self._load()
        return key in self._data

    def save(self) -> None:
        """Write the memo (this run's entries first kept when trimming); never fails."""
        if not self._used:
            return
        keep = [k for k in self._data if k in self._used]
        keep += [k for k in self._data if k not in self._used][: MAX_ALTERNATES - len(keep)]
        data = {
            k: [[a.ps_id, a.distance_km, a.arrive, a.depart, a.delay_min] for a in self._data[k]]
            for k in keep
        }
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            tmp.replace(self.path)
