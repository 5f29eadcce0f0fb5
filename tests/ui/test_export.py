"""Export from the window: every file, progress, Cancel, "Open folder", never blocking."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.gui


@pytest.fixture
def cold_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty sheet cache: every sheet is really printed by Qt WebEngine."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("STO_PLANNER_CACHE", str(folder))
    return folder


def test_export_stays_responsive_and_offers_to_open_the_folder(
    qtbot, window, tmp_path: Path, cold_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(window.exports.busy))
    timer.start(5)
    clicked_while_busy: list[bool] = []
    bar = window.tabs.tabBar()

    def click_a_tab(*_args: object) -> None:
        if clicked_while_busy:
            return
        target = 1 if window.tabs.currentIndex() != 1 else 2
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(target).center())
        clicked_while_busy.append(window.exports.busy and window.tabs.currentIndex() == target)

    with qtbot.waitSignal(window.export_finished, timeout=120000) as blocker:
        assert window.export_outputs(out)
        assert window.progress_bar.isVisible() and window.cancel_button.isVisible()
        assert not window.act_export.isEnabled() and not window.act_plan.isEnabled()
        # a click from the event loop while the sheets are being printed
        qtbot.waitUntil(lambda: window.exports.print_job is not None, timeout=60000)
        QTimer.singleShot(0, click_a_tab)
    timer.stop()
    written = blocker.args[0]
    assert clicked_while_busy == [True]
    # the event loop ran all along: many timer ticks while the export was busy
    assert sum(1 for busy in ticks if busy) >= 10
    names = {p.relative_to(out).as_posix() for p in written}
    assert {"assignments.csv", "coverage.csv", "route_sheets.pdf", "coverage_map.html"} <= names
    text = "\n".join(p.extract_text() or "" for p in PdfReader(out / "route_sheets.pdf").pages)
    for route in window.plan.routes:
        assert f"Team {route.team_id}" in text
    assert not window.progress_bar.isVisible() and window.act_export.isEnabled()
    assert f"Wrote {len(written)} files" in window.statusBar().currentMessage()
    box = window.exports.message_box
    assert box is not None and box.isVisible() and f"Wrote {len(written)} files" in box.text()
    opened: list[str] = []
    monkeypatch.setattr(
        "ui.controllers.export.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    button = next(b for b in box.buttons() if b.text() == "Open folder")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == [str(out)]
    box.close()


def test_a_second_export_prints_only_changed_sheets_and_cancel_stops(
    qtbot, window, tmp_path: Path, cold_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "show", lambda self: None)
    with qtbot.waitSignal(window.export_finished, timeout=120000):
        window.export_outputs(tmp_path / "first")
    printed_first = len(list(cold_cache.rglob("*.json")))  # one entry per sheet (+ front)
    assert printed_first >= len(window.plan.routes)
    # nothing changed: the second export reuses every printed sheet
    with qtbot.waitSignal(window.exports.started, timeout=5000):
        window.export_outputs(tmp_path / "second")
    qtbot.waitUntil(lambda: window.exports.print_job is not None, timeout=60000)
    job = window.exports.print_job
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        pass
    assert job.printed_teams == 0
    # Cancel: the export ends at once with a message, and no booklet is written
    with qtbot.waitSignal(window.export_finished, timeout=60000) as blocker:
        window.export_outputs(tmp_path / "third")
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [None]
    assert "cancelled" in window.statusBar().currentMessage().lower()
    assert not (tmp_path / "third" / "route_sheets.pdf").exists()
    assert window.act_export.isEnabled()
