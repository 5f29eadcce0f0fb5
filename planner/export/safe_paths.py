"""Where output files go: an output folder checked before anything is stored, file
names that cannot leave it, and files written whole with the user's permissions.

``plan`` and ``replan`` store a new plan revision and then write their outputs; a
revision stored whose outputs then fail halfway would leave printed sheets naming a
revision that the folder does not match. So the folder is checked *before* the
revision is stored (:func:`check_output_dir`), and per-team file names come from
:func:`field_file_names`, which maps any id to a safe, unique name:

* letters, digits, ``-``, ``_`` and ``.`` are kept; any other character (``/``,
  ``\\``, ``:``, spaces, control characters, ...) becomes ``_``;
* a name that had to change, starts with a dot, is a Windows device name
  (``CON``, ``NUL``, ``COM1`` ...), is empty or is longer than
  :data:`MAX_NAME_CHARS` is cut and given ``-`` and 8 hex digits of a hash of the
  id, so two ids never share a file and the same id always gets the same name.

So ``T001`` stays ``T001`` while ``../../x`` becomes ``_.._x-`` and 8 hex digits, a
file inside the folder (docs/security.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from planner.errors import PlannerError

__all__ = [
    "MAX_NAME_CHARS",
    "MIN_FREE_BYTES",
    "check_output_dir",
    "field_file_names",
    "file_mode",
    "safe_file_name",
    "write_atomic",
]

#: Longest per-team file name stem (before ``.gpx``); file systems allow 255 bytes.
MAX_NAME_CHARS = 64
#: Free space an output folder must have before a plan is stored (route sheets of a
#: large mission are tens of MB).
MIN_FREE_BYTES = 64 * 2**20

_UNSAFE = re.compile(r"[^0-9A-Za-z_.\-]")
_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def safe_file_name(ident: str) -> str:
    """A file name stem for ``ident`` that stays inside its folder on every system."""
    stem = _UNSAFE.sub("_", ident).lstrip(".")
    changed = stem != ident
    if (
        changed
        or not stem
        or len(stem) > MAX_NAME_CHARS
        or stem.split(".")[0].lower() in _DEVICES
        or stem.endswith(".")
    ):
        stem = f"{stem[: MAX_NAME_CHARS - 9].rstrip('.')}-{_digest(ident)}"
    return stem


def field_file_names(ids: Iterable[str]) -> dict[str, str]:
    """``id -> file stem`` for every id, unique even on case-insensitive disks."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for ident in ids:
        if ident in out:
            continue
        stem = safe_file_name(ident)
        if stem.lower() in taken:
            stem = f"{stem[: MAX_NAME_CHARS - 9]}-{_digest('dup:' + ident)}"
        taken.add(stem.lower())
        out[ident] = stem
    return out


def check_output_dir(out: str | os.PathLike[str], *, min_free: int = MIN_FREE_BYTES) -> Path:
    """Make sure ``out`` is (or can become) a folder the outputs can be written to.

    Creates it when missing. Raises :class:`PlannerError` naming the folder when it
    is a file, cannot be created or written, or has less than ``min_free`` bytes free.
    Call it before storing a plan, so a bad ``--out`` stores nothing.
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise PlannerError(f"--out {folder}: is a file, not a folder; nothing was stored")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PlannerError(
            f"--out {folder}: the folder cannot be created ({exc.strerror}); nothing was stored"
        ) from None
    try:
        fd, probe = tempfile.mkstemp(prefix=".sto-probe-", dir=folder)
        os.close(fd)
        Path(probe).unlink()
    except OSError as exc:
        raise PlannerError(
            f"--out {folder}: cannot write there ({exc.strerror}); nothing was stored"
        ) from None
    with contextlib.suppress(OSError):
        free = shutil.disk_usage(folder).free
        if free < min_free:
            raise PlannerError(
                f"--out {folder}: only {free // 2**20} MB free on that disk (the outputs "
                f"need up to {min_free // 2**20} MB); nothing was stored"
            )
    return folder


_UMASK_LOCK = threading.Lock()


def file_mode() -> int:
    """The mode a new file gets from the user's umask (0644 with the usual 022)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` to ``path`` whole: into a hidden file beside it, then renamed over
    it, so a reader (or a full disk) never leaves half a file. The file gets the
    user's usual permissions (umask), not the private 0600 of a temporary file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        Path(tmp).chmod(file_mode())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
