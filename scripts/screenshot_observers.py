"""Screenshot of the Observers view for docs/img/observers-view.png (run under Xvfb).

xvfb-run -s "-screen 0 1600x1000x24" python scripts/screenshot_observers.py MISSION OUT.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from planner.io.mission import open_mission
from ui.main_window import MainWindow


def main(mission_path: str, out: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow(open_mission(mission_path), None, title="Demo mission (Kazakhstan 2011)")
    window.resize(1600, 1000)
    window.show()
    window.observers_dock.raise_()
    window.resizeDocks([window.observers_dock], [820], Qt.Orientation.Horizontal)
    tree = window.observers_view.tree
    tree.setCurrentItem(tree.topLevelItem(1))

    def grab() -> None:
        window.grab().save(str(Path(out)))
        window._saved_mission = window.mission
        window.close()
        app.quit()

    window.map.rendered.connect(lambda *_: QTimer.singleShot(1500, grab))
    QTimer.singleShot(45000, grab)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
