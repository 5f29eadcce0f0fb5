"""First-run help: the Getting started page, the offline user guide, templates, the log."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.io.importers import read_layer
from planner.io.mission import new_mission
from ui import getting_started, logfile


def test_page_opens_at_the_first_start_only_unless_asked(qtbot, make_window, mission) -> None:  # type: ignore[no-untyped-def]
    window = make_window(mission)
    first = getting_started.maybe_show_on_first_start(window)
    assert first is not None
    qtbot.addWidget(first)
    assert first.isVisible()
    assert "Getting started" in first.text.toPlainText()
    assert getting_started.maybe_show_on_first_start(window) is None  # second start
    first.show_at_start.setChecked(True)  # the user wants it every time
    again = getting_started.maybe_show_on_first_start(window)
    assert again is not None
    qtbot.addWidget(again)


def test_step_links_trigger_the_window_actions(qtbot, make_window, mission) -> None:  # type: ignore[no-untyped-def]
    window = make_window(mission)
    dialog = getting_started.show_getting_started(window)
    qtbot.addWidget(dialog)
    fired: list[str] = []
    window.act_find.triggered.connect(lambda: fired.append("find"))
    dialog._link(QUrl("action:find"))
    dialog._link(QUrl("action:no_such_thing"))  # ignored, no error
    assert fired == ["find"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_saved_template_is_accepted_by_the_importer(qtbot, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    dialog = getting_started.GettingStartedDialog(None)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentText("regions")
    saved = dialog.save_template(suffix, tmp_path / "my regions")
    assert saved == tmp_path / f"my regions{suffix}"
    regions = read_layer("regions", saved, new_mission())
    assert [r.region_id for r in regions] == ["NRT", "STH"]


def test_help_menu_offers_getting_started_guide_and_log(make_window, mission) -> None:  # type: ignore[no-untyped-def]
    window = make_window(mission)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    texts = [a.text() for a in help_menu.actions()]
    for entry in ("&Getting started", "&User guide", "Open &log folder", "&About STO Planner"):
        assert entry in texts


def test_user_guide_opens_offline_from_the_checkout(qtbot) -> None:  # type: ignore[no-untyped-def]
    path = getting_started.guide_path()
    assert path is not None and path.name == "user-guide.md"
    dialog = getting_started.open_user_guide(None)
    assert dialog is not None
    qtbot.addWidget(dialog)
    heading = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    assert heading in dialog.browser.toPlainText()


@pytest.fixture
def log_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(logfile, "log_dir", lambda: tmp_path)
    monkeypatch.setattr(logfile, "_handler", None)
    old_hook, root = sys.excepthook, logging.getLogger()
    handlers = list(root.handlers)
    yield tmp_path / logfile.LOG_NAME
    for h in root.handlers:
        if h not in handlers:
            root.removeHandler(h)
            h.close()
    sys.excepthook = old_hook


def test_log_file_records_the_start_and_unexpected_errors(qtbot, log_in_tmp: Path) -> None:  # type: ignore[no-untyped-def]
    assert logfile.setup() == log_in_tmp
    assert "STO Planner" in log_in_tmp.read_text(encoding="utf-8")
    assert sys.excepthook is logfile.handle_unexpected
    try:
        raise ValueError("disk on fire")
    except ValueError as exc:
        logfile.handle_unexpected(ValueError, exc, exc.__traceback__)
    text = log_in_tmp.read_text(encoding="utf-8")
    assert "ValueError: disk on fire" in text and "Traceback" in text
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    box = next(b for b in boxes if "disk on fire" in b.text())
    qtbot.addWidget(box)
    assert "Save your mission" in box.informativeText()
    assert str(log_in_tmp) in box.informativeText()  # where the log is, to send it
    box.close()
