"""Qt WebEngine's helper processes end with the process that started them (Linux).

Chromium starts ``QtWebEngineProcess`` children (a zygote, renderers, a GPU or
utility process). When ``plan`` is killed with ``kill -9`` while it prints the route
sheets, they are re-parented and live on. :func:`start_reaper` (called by
:func:`sheets_qt.engine.ensure_app` before Qt WebEngine is first used) starts a small
watchdog process that, while its parent lives, records the parent's
``QtWebEngineProcess`` descendants (process id and start time, read from ``/proc``)
and, as soon as the parent is gone, kills those of them that still run, and their
own descendants. It kills nothing else: only processes it saw descending from its
parent (or from one of those), checked by start time so that a reused process id is
left alone. Where there is no ``/proc`` (Windows, macOS) nothing is started: there
Chromium's children end by themselves when their pipe to the browser closes
(docs/security.md).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

__all__ = ["POLL_S", "SCAN_S", "descendants", "start_reaper"]

#: How often the watchdog checks that its parent runs.
POLL_S = 0.1
#: How often it looks for the parent's WebEngine children (renderers started since
#: are found at the end as descendants of the zygotes, which start first).
SCAN_S = 0.5
WEBENGINE = "QtWebEngineProcess"

_started: list[object] = []


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, start time) of ``pid``, or None when it is gone or a zombie."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rfind(")") + 2 :].split()
    if fields[0] == "Z":
        return None
    return int(fields[1]), int(fields[19])


def _table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, start time) of every process."""
    out: dict[int, tuple[int, int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            info = _stat(int(entry.name))
            if info is not None:
                out[int(entry.name)] = info
    return out


def descendants(roots: set[int], table: dict[int, tuple[int, int]]) -> set[int]:
    """Every process below ``roots`` (not the roots themselves)."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, _start) in table.items():
        children.setdefault(ppid, []).append(pid)
    found: set[int] = set()
    todo = list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _is_webengine(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return WEBENGINE.encode() in cmdline.split(b"\0", 1)[0]


def _watch(parent: int, poll_s: float = POLL_S) -> None:
    """The watchdog's body: record the parent's WebEngine children; reap them after it."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent
    seen: dict[int, int] = {}  # pid -> start time
    next_scan = 0.0
    while os.getppid() == parent:
        if time.monotonic() >= next_scan:  # reading all of /proc costs a few ms
            table = _table()
            for pid in descendants({parent}, table):
                if pid not in seen and _is_webengine(pid):
                    seen[pid] = table[pid][1]
            next_scan = time.monotonic() + SCAN_S
        time.sleep(poll_s)
    # The parent is gone: its children were re-parented. Kill the recorded ones that
    # are still the same processes, and whatever they started since the last look.
    table = _table()
    alive = {pid for pid, start in seen.items() if table.get(pid, (0, -1))[1] == start}
    for pid in alive | descendants(alive, table):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def start_reaper() -> bool:
    """Start the watchdog for this process once (Linux only); True when it runs."""
    if _started:
        return True
    if not sys.platform.startswith("linux") or not Path("/proc/self/stat").exists():
        return False
    ctx = multiprocessing.get_context("spawn")  # safe next to threads; works when frozen
    proc = ctx.Process(target=_watch, args=(os.getpid(),), name="webengine-reaper", daemon=True)
    proc.start()
    _started.append(proc)
    return True
