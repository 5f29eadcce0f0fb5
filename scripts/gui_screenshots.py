"""Screenshots for docs/user-guide.md (run under Xvfb, see docs/user-guide.md).

    xvfb-run -s "-screen 0 1600x1000x24" python scripts/gui_screenshots.py MISSION OUTDIR \\
        --lang ru --size 1600x1000

Writes main-window-<lang>[-WxH].png, uncovered-<lang>.png and settings-<lang>.png:
the main window with the first team's day, the Uncovered view (DECs without a
voting visit, ringed on the map) and the Coverage tab of the settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:  # noqa: PLR0915  # size: one step per screenshot, read top to bottom
    parser = argparse.ArgumentParser()
    parser.add_argument("mission", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--only-main", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()  # no saved layout or language

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from planner.io.mission import open_mission
    from ui import app_settings, i18n
    from ui.main_window import MainWindow

    app_settings.configure_application()
    app = QApplication(sys.argv[:1])
    i18n.install(args.lang)
    mission = open_mission(args.mission)
    window = MainWindow(mission, args.mission, recovery_dir=Path(tempfile.mkdtemp()))
    width, _, height = args.size.partition("x")
    window.resize(int(width), int(height))
    window.fit_docks()
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.size == "1600x1000" else f"-{args.size}"
    steps: list = []

    def shot(name: str) -> None:
        window.grab().save(str(args.out / name))

    def main_window() -> None:
        plan = window.plan
        if plan is not None and plan.routes:
            window.select("team", plan.routes[0].team_id, source="map")
        QTimer.singleShot(1500, lambda: (shot(f"main-window-{args.lang}{suffix}.png"), nxt()))

    def uncovered() -> None:
        window.show_uncovered("dec", "voting")
        QTimer.singleShot(1500, lambda: (shot(f"uncovered-{args.lang}.png"), nxt()))

    def settings() -> None:
        from ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(window.mission.settings, window)
        dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
        dialog.show()
        QTimer.singleShot(
            800, lambda: (dialog.grab().save(str(args.out / f"settings-{args.lang}.png")), nxt())
        )

    def nxt() -> None:
        if steps:
            steps.pop(0)()
        else:
            window._saved_mission = window.mission
            window.close()
            app.quit()

    steps[:] = [main_window] if args.only_main else [main_window, uncovered, settings]
    window.map.rendered.connect(lambda _n: QTimer.singleShot(300, nxt))
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
