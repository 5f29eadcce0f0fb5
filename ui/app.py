"""Start the desktop application (minimal window until the main window lands)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from geodata import DEMO_MISSION
from planner.mission import open_mission


def run_gui(mission_path: Path | None, *, screenshot: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    path = mission_path or DEMO_MISSION
    window = QMainWindow()
    window.setWindowTitle(f"STO Planner — {path.name}")
    if path.exists():
        mission = open_mission(path)
        text = (
            f"{len(mission.regions)} regions, {len(mission.decs)} DECs, "
            f"{len(mission.polling_stations)} polling stations, {len(mission.teams)} teams"
        )
    else:
        text = f"{path} not found"
    window.setCentralWidget(QLabel(text))
    window.resize(900, 600)
    window.show()
    if screenshot is not None:

        def grab() -> None:
            window.grab().save(str(screenshot))
            app.quit()

        QTimer.singleShot(500, grab)
    return int(app.exec())
