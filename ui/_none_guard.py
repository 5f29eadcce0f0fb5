"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

Measured here (PySide6/shiboken6 6.12.0, CPython 3.11.7): every call of a wrapped
Qt method that returns nothing (``button.setEnabled(True)``, ``app.processEvents()``,
``QStandardItem.setData(...)``) takes one reference from ``None`` without giving it
back. After a few thousand such calls ``None``'s count reaches zero and Python
aborts with "Fatal Python error: none_dealloc" - in a GUI, within minutes.

Python 3.12 made ``None`` immortal (its count is pinned at a huge value), so the
bug is harmless there. On older Pythons we do the same by hand, once, before any
Qt call: raise ``None``'s count so high that no session can use it up. The count
is the first field of every CPython object (``ob_refcnt``). Nothing else changes.
"""

from __future__ import annotations

import ctypes
import importlib.metadata
import platform
import sys

#: As good as immortal: 2**40 lost references would take days of calls.
HEADROOM = 1 << 40


def _binding_affected() -> bool:
    """True for the shiboken6 releases seen losing references (6.12.x) or unknown ones.

    The project pins PySide6 6.11 (pyproject.toml), which does not have the defect;
    this guard only matters when someone runs the application with 6.12.
    """
    try:
        version = importlib.metadata.version("shiboken6")
    except importlib.metadata.PackageNotFoundError:
        return True
    return version.startswith("6.12")


def protect_none() -> bool:
    """Pin None's reference count high on CPython < 3.12; True if it did."""
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    if not _binding_affected():
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < HEADROOM:
        count.value += HEADROOM
    return True
