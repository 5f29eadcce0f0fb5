"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every call of a
method that returns nothing; a long session then aborts with "none_dealloc". The
project pins a release without that defect; this test fails if it comes back.
"""

from __future__ import annotations

import sys


def test_void_qt_calls_keep_none_alive() -> None:
    from PySide6.QtCore import QPointF

    point = QPointF()
    before = sys.getrefcount(None)
    for i in range(2000):
        point.setX(float(i))
    after = sys.getrefcount(None)
    # Other threads may create/drop a few references meanwhile; a leak is ~2000.
    assert abs(after - before) < 200
