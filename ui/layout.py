"""Default sizes of the main window's docks, from the window's own size.

On a 1366x768 laptop the bottom dock must show at least six rows of a team's
day; the side docks get enough width for their tables without squeezing the
map below a third of the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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


def fit_columns_from_sample(view: Any, *, stretch: int, sample: int = 300) -> None:
    """Column widths from the header and the first rows (ResizeToContents over 9,725
    stations would be slow); one line per row; ``stretch`` takes the rest (-1: the
    last column does)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView

    model = view.model()
    header = view.horizontalHeader()
    fm = view.fontMetrics()
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(fm.height() + 6)
    rows = min(model.rowCount(), sample)
    for col in range(model.columnCount()):
        if col == stretch:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            continue
        texts = [str(model.headerData(col, Qt.Orientation.Horizontal) or "")]
        texts += [str(model.index(r, col).data() or "") for r in range(rows)]
        width = max(fm.horizontalAdvance(t) for t in texts) + 16
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(col, min(width, 320))
    header.setStretchLastSection(stretch < 0)
