"""Start the desktop application (``python main.py [MISSION] [--screenshot FILE]``).

Opens the mission given, else the last mission opened, else the bundled demo
mission; offers to recover autosaved changes left by a crash. With
``--screenshot`` it waits until the map has really drawn, saves a PNG of the main
window and exits (0 on success).
"""

from __future__ import annotations

import os
import sys
import time
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from geodata import DEMO_MISSION
from planner.errors import PlannerError
from planner.io.mission import new_mission, open_mission
from planner.model import Mission
from ui import app_settings, getting_started, i18n, logfile, recovery
from ui.main_window import MainWindow

SCREENSHOT_TIMEOUT_MS = 60000
translate = QCoreApplication.translate


def choose_mission(mission_path: Path | None) -> tuple[Mission, Path | None, str]:
    """(mission, its path, a message for the status bar) for the start-up."""
    candidates: list[Path] = []
    if mission_path is not None:
        candidates.append(mission_path)
    else:
        last = app_settings.last_mission()
        if last is not None and last.exists():
            candidates.append(last)
        candidates.append(DEMO_MISSION)
    problems = []
    for path in candidates:
        try:
            return open_mission(path), path, translate("App", "Opened {path}").format(path=path)
        except PlannerError as exc:
            problems.append(i18n.error_text(exc))
    return new_mission(), None, "; ".join(problems) or translate("App", "New mission")


def offer_recovery(window: MainWindow) -> None:
    found = recovery.find(window.recovery_dir)
    if not found:
        return
    item = found[0]
    answer = QMessageBox.question(
        window,
        translate("App", "Recover unsaved changes?"),
        translate(
            "App",
            "STO Planner did not close properly. Changes to {what} were kept.\n\n"
            "Recover them? (No deletes the autosaved copy.)",
        ).format(what=item.describe()),
    )
    if answer != QMessageBox.StandardButton.Yes:
        recovery.discard(window.recovery_dir, item.original)
        return
    try:
        mission = open_mission(item.file)
    except PlannerError as exc:
        QMessageBox.warning(window, translate("App", "Cannot recover"), i18n.error_text(exc))
        return
    window.load_mission(mission, item.original, dirty=True)
    window.statusBar().showMessage(
        translate("App", "Recovered {what}: save to keep it").format(what=item.describe()), 15000
    )


# size: start-up steps in order (translators, settings, window, recovery)
def run_gui(
    mission_path: Path | None,
    *,
    screenshot: Path | None = None,
    language: str | None = None,
    size: str | None = None,
) -> int:
    started = time.perf_counter()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium (the map) refuses its sandbox as root; Qt 6 reads only this variable.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    app_settings.configure_application()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName("STO Planner")
    app.setWindowIcon(QIcon(str(resources.files("ui").joinpath("icons", "sto-planner.png"))))
    logfile.setup()
    # the interface language (preferences; default: the system's) before any window
    i18n.install(language)
    mission, path, message = choose_mission(mission_path)
    if path is not None and path.resolve() == DEMO_MISSION.resolve():
        # the bundled file is never overwritten: Save asks where to keep a copy
        window = MainWindow(mission, None, title=translate("App", "Demo mission (Kazakhstan 2011)"))
    else:
        window = MainWindow(mission, path)
    if size:
        width, _, height = size.lower().partition("x")
        window.resize(int(width), int(height))
        window.fit_docks()
    window.show()
    window.statusBar().showMessage(message, 8000)
    if path is not None and path != DEMO_MISSION:
        app_settings.remember_mission(path)
    status = {"code": 0}
    if screenshot is not None:

        def grab(_count: int) -> None:
            plan = window.plan
            if plan is not None and plan.routes:
                # the team's day in the tables; the map keeps the whole mission in view
                window.select("team", plan.routes[0].team_id, source="map")
            # let the selection and the canvas repaint before grabbing
            QTimer.singleShot(1200, lambda: _save_and_quit(window, screenshot, app, status))

        def fail(msg: str) -> None:
            print(f"error: the map did not render: {msg}", file=sys.stderr)
            status["code"] = 1
            window.close()

        window.map.rendered.connect(grab)
        window.map.failed.connect(fail)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: fail("timed out"))
    else:
        QTimer.singleShot(0, lambda: offer_recovery(window))
        QTimer.singleShot(0, lambda: getting_started.maybe_show_on_first_start(window))
    window.map.rendered.connect(
        lambda n: window.statusBar().showMessage(
            translate("App", "{message}; map drawn ({n} stations) {s} s after start").format(
                message=message, n=i18n.number(n), s=i18n.number(time.perf_counter() - started, 1)
            ),
            8000,
        )
    )
    code = int(app.exec())
    return status["code"] or code


def _save_and_quit(
    window: MainWindow, path: Path, app: QApplication, status: dict[str, int]
) -> None:
    if not window.grab().save(str(path)):
        print(f"error: could not write {path}", file=sys.stderr)
        status["code"] = 1
    window.close()
    app.quit()
