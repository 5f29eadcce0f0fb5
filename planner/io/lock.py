"""Who may write a mission file, and whether it changed since it was read.

Two guards keep work from being lost when two programs (two ``plan`` runs, two
windows, QGIS) touch the same mission:

* :class:`MissionLock` — a mission opened for writing holds an exclusive lock on
  ``.NAME.gpkg.lock`` beside it (``flock`` on POSIX, ``msvcrt.locking`` on Windows).
  The operating system drops the lock when the holder exits or is killed, so a
  crash never leaves a mission locked. A second writer — another process or a
  second window of the same process — is refused with a message naming the holder.
* :class:`FileStamp` — what the file looked like when it was read (inode, size,
  modification time). :func:`planner.io.mission.save_mission` refuses to replace a
  file whose stamp changed since (written by a program that does not take the lock).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from planner.errors import MissionFileError
from planner.i18n import msg

__all__ = ["FileStamp", "MissionLock", "lock_path", "real_path"]


def real_path(path: str | os.PathLike[str]) -> Path:
    """The file a mission path names, symbolic links followed (saves write through)."""
    return Path(os.path.realpath(path))


def lock_path(path: str | os.PathLike[str]) -> Path:
    """``.NAME.gpkg.lock`` beside the real mission file."""
    target = real_path(path)
    return target.with_name(f".{target.name}.lock")


@dataclass(frozen=True, slots=True)
class FileStamp:
    """Identity of a file's contents as the file system tells it (cheap to take)."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> FileStamp | None:
        """The stamp of ``path`` now, or None when there is no such file."""
        try:
            st = Path(path).stat()
        except FileNotFoundError:
            return None
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class MissionLock:
    """An exclusive write lock on one mission file (a context manager).

    ``MissionLock(path).acquire()`` raises :class:`MissionFileError` when another
    program or window holds it: "... is open for writing by ... (open it read-only?)".
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.mission = Path(path)
        self.path = lock_path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> MissionLock:
        if self._fd is not None:
            return self
        for _ in range(20):  # the holder may remove the file as we lock it: retry
            fd = self._lock_once()
            if fd is None:
                continue
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                note = f"process {os.getpid()} on {socket.gethostname()}"
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, note.encode("utf-8"))
            self._fd = fd
            return self
        raise MissionFileError(
            msg("{mission}: could not take its lock; try again", mission=self.mission)
        )

    def _lock_once(self) -> int | None:
        """A locked descriptor of the lock file, None when the file was replaced
        meanwhile; raises when another holder has it."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise MissionFileError(
                msg(
                    "{mission}: cannot be opened for writing: its folder does not let "
                    "STO Planner create {lock} ({strerror}); open it read-only "
                    "or copy it to a folder you can write to",
                    mission=self.mission,
                    lock=self.path.name,
                    strerror=exc.strerror,
                )
            ) from None
        if not _try_lock(fd):
            holder = ""
            with contextlib.suppress(OSError, UnicodeDecodeError):
                os.lseek(fd, 0, os.SEEK_SET)
                holder = os.read(fd, 200).decode("utf-8").strip()
            os.close(fd)
            by = f" ({holder})" if holder else ""
            raise MissionFileError(
                msg(
                    "{mission}: is open for writing by another STO Planner{by}; "
                    "close it there first, or open it read-only",
                    mission=self.mission,
                    by=by,
                )
            )
        try:
            same = os.fstat(fd).st_ino == self.path.stat().st_ino
        except OSError:
            same = False
        if not same:
            os.close(fd)
            return None
        return fd

    def release(self) -> None:
        """Drop the lock and remove the lock file (a waiting writer that opened the
        old file sees it is gone and takes a fresh one)."""
        if self._fd is not None:
            if sys.platform != "win32":
                with contextlib.suppress(OSError):
                    self.path.unlink()
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def __enter__(self) -> MissionLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()
