"""PySide6 6.12 on Python 3.11 loses a reference to None on every void Qt call;
importing ``ui`` must make a long session safe (else: "Fatal Python error: none_dealloc")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import ui
from PySide6.QtWidgets import QApplication, QPushButton
app = QApplication([])
button = QPushButton("x")
for i in range(200_000):  # far more than None's natural count of a few thousand
    button.setEnabled(i % 2 == 0)
print("alive")
"""


def test_a_long_session_of_qt_calls_does_not_abort_python() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert "alive" in proc.stdout
