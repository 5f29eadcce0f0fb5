"""Outputs written all-or-nothing: into a hidden staging folder, then moved into place.

A full disk (or any error) while the outputs are written must not leave ``DIR`` with
some files new and some old. :class:`Staging` gives a hidden folder inside ``DIR``
(``.sto-outputs.PID.staging``: the same file system as ``DIR`` even when ``DIR`` is
a mount point, so every move is an atomic rename). Only when every file is written
does :meth:`Staging.commit` move them into ``DIR`` (and remove the files that must
go, such as an earlier run's field files of teams no longer planned); on an error
the staging folder is removed and ``DIR`` keeps its previous complete set. A
killed run's staging folder is removed by the next run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

__all__ = ["Staging"]

PREFIX = ".sto-outputs."
SUFFIX = ".staging"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def _remove_leftovers(out_dir: Path) -> None:
    """Staging folders of runs that were killed (their process is gone)."""
    for path in out_dir.glob(f"{PREFIX}*{SUFFIX}"):
        pid = path.name[len(PREFIX) : -len(SUFFIX)]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


class Staging:
    """``with Staging(DIR) as stage: write into stage.path; stage.commit()``."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / f"{PREFIX}{os.getpid()}{SUFFIX}"
        self.cleanups: list[Callable[[], None]] = []

    def __enter__(self) -> Staging:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(self.out_dir)
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def final(self, staged: Path) -> Path:
        """Where a file written into the staging folder ends up in ``DIR``."""
        return self.out_dir / Path(staged).relative_to(self.path)

    def commit(self, staged: list[Path]) -> list[Path]:
        """Move every staged file into ``DIR`` (one rename each); the final paths."""
        moved = []
        for path in staged:
            target = self.final(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            Path(path).replace(target)
            moved.append(target)
        for cleanup in self.cleanups:
            with contextlib.suppress(OSError):
                cleanup()
        return moved
