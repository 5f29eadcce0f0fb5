"""Progress on standard error for long commands."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class StderrProgress:
    """Prints ``[  3.2s] stage: message`` lines; at most a few per second."""

    def __init__(self, stream: TextIO | None = None, min_interval_s: float = 0.5) -> None:
        self.stream = stream or sys.stderr
        self.t0 = time.monotonic()
        self.min_interval_s = min_interval_s
        self._last = -1e9
        self._last_stage = ""

    def __call__(self, stage: str, message: str = "", *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and stage == self._last_stage and now - self._last < self.min_interval_s:
            return
        self._last, self._last_stage = now, stage
        text = f"[{now - self.t0:6.1f}s] {stage}" + (f": {message}" if message else "")
        print(text, file=self.stream, flush=True)
