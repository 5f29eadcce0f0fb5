"""Default sizes of the main window's docks, from the window's own size.

On a 1366x768 laptop the bottom dock must show at least six rows of a team's
day; the side docks get enough width for their tables without squeezing the
map below a third of the window.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DockSizes:
    browser: int
    coverage: int
    tables: int


def dock_sizes(width: int, height: int) -> DockSizes:
    small = height < 900
    return DockSizes(
        browser=max(200, min(300, int(width * 0.15))),
        coverage=max(380, min(460, int(width * 0.3))),
        tables=int(height * (0.5 if small else 0.4)),
    )
