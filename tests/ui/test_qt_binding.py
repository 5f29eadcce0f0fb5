"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every call of a
method that returns nothing; a long session then aborts with "none_dealloc". The
project pins a release without that defect on 3.11; this test fails if it comes back.
Python 3.12+ made ``None`` immortal (PEP 683): its count never changes, so there the
defect is harmless (the project uses PySide6 6.12 on 3.12+) and this check could not
fail; it is skipped rather than passing without meaning.
"""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+ (PEP 683)"
)
def test_void_qt_calls_keep_none_alive() -> None:
    from PySide6.QtCore import QPointF

    point = QPointF()
    before = sys.getrefcount(None)
    for i in range(2000):
        point.setX(float(i))
    after = sys.getrefcount(None)
    # Other threads may create/drop a few references meanwhile; a leak is ~2000.
    assert abs(after - before) < 200
