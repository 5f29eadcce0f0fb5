"""Solver worker processes die with the process that started them.

A ``kill -9`` of ``plan`` (or of the app) gives its worker processes no chance to be
told: they would search on for minutes, holding cores and memory. Each worker runs
:func:`watch_parent` when it starts (the pool's initializer): a daemon thread that
ends the worker as soon as its parent is gone (it is then re-parented, so its
parent process id changes).
"""

from __future__ import annotations

import os
import threading
import time

__all__ = ["POLL_S", "watch_parent"]

#: How often a worker checks that its parent still runs.
POLL_S = 0.5


def _watch(parent_pid: int, poll_s: float) -> None:
    while True:
        if os.getppid() != parent_pid:
            os._exit(70)  # orphaned: nothing to report to, end now
        time.sleep(poll_s)


def watch_parent(parent_pid: int, poll_s: float = POLL_S) -> None:
    """Start the watchdog in this (worker) process; ``parent_pid`` is the pool owner's."""
    if os.getppid() != parent_pid:
        os._exit(70)
    threading.Thread(
        target=_watch, args=(parent_pid, poll_s), name="parent-watchdog", daemon=True
    ).start()
