"""The window and the mission lock (issue 11): a mission open in one window is opened
read-only elsewhere after asking, and a save never overwrites a file that another
program changed since the window read it.

The real :class:`DocumentController` is driven in a small host window with the parts
of MainWindow it uses (``mission``, ``load_mission``, status bar, title), so these
tests do not depend on the rest of the main window.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from planner.io.lock import FileStamp
from planner.io.mission import MissionLock, open_mission, save_mission
from planner.model import Mission
from tests.factories import tiny_mission
from ui.controllers.document import DocumentController
from ui.controllers.runner import WorkerRunner


class Host(QMainWindow):
    """What DocumentController asks of its window."""

    def __init__(self, mission: Mission, path: Path | None, recovery_dir: Path) -> None:
        super().__init__()
        self.mission = mission
        self.runner = WorkerRunner(self)
        self.document = DocumentController(self, self.runner, path=path, recovery_dir=recovery_dir)

    def load_mission(self, mission: Mission, path: Path | None, *, dirty: bool = False) -> None:
        self.mission = mission
        self.document.loaded(mission, path, dirty=dirty)
        self.update_title()

    def fill_recent(self) -> None:
        pass

    def update_title(self) -> None:
        self.setWindowTitle(self.document.title())


@pytest.fixture
def make_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    def make(mission: Mission, path: Path | None = None) -> Host:
        host = Host(mission, path, tmp_path / "recovery")
        qtbot.addWidget(host, before_close_func=_close)
        return host

    return make


def _close(host: Host) -> None:
    host.runner.wait()
    host.document.release()


class Asked:
    """A stand-in for a QMessageBox static call: records the text, gives ``answer``."""

    def __init__(self, answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok):
        self.answer = answer
        self.texts: list[str] = []

    def __call__(self, _parent: Any, _title: str, text: str, *_args: Any) -> Any:
        self.texts.append(text)
        return self.answer


def test_a_mission_open_in_another_window_is_opened_read_only_after_asking(
    make_window, mission_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_window(open_mission(mission_path), mission_path)
    assert first.document.lock is not None and first.document.lock.held
    second = make_window(tiny_mission(n_teams=2))
    asked = Asked(QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "question", asked)

    assert second.document.open_path(mission_path)

    assert len(asked.texts) == 1 and "read-only" in asked.texts[0]
    assert "open for writing by another STO Planner" in asked.texts[0]
    assert second.document.read_only and "(read-only)" in second.document.title()
    assert len(second.mission.teams) == 4  # the mission is shown
    # Save goes to "Save as": the mission in use is left alone, a copy is written.
    before = FileStamp.of(mission_path)
    copy = tmp_path / "copy.gpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(copy), ""))
    assert second.document.save(wait=True)
    assert FileStamp.of(mission_path) == before
    assert len(open_mission(copy).teams) == 4
    assert second.document.path == copy and not second.document.read_only


def test_no_to_the_read_only_question_leaves_the_window_as_it_was(
    make_window, mission_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = MissionLock(mission_path).acquire()  # another process, as far as the window knows
    try:
        window = make_window(tiny_mission(n_teams=2))
        asked = Asked(QMessageBox.StandardButton.No)
        monkeypatch.setattr(QMessageBox, "question", asked)
        assert not window.document.open_path(mission_path)
        assert len(asked.texts) == 1 and "Open it read-only?" in asked.texts[0]
        assert window.document.path is None and len(window.mission.teams) == 2
    finally:
        held.release()


def test_the_lock_is_held_while_open_and_dropped_on_opening_another(
    make_window, mission_path: Path, tmp_path: Path
) -> None:
    window = make_window(open_mission(mission_path), mission_path)
    with pytest.raises(Exception, match="open for writing"):
        MissionLock(mission_path).acquire()
    other = tmp_path / "other.gpkg"
    save_mission(tiny_mission(n_teams=2), other)
    assert window.document.open_path(other)
    MissionLock(mission_path).acquire().release()  # free again
    window.document.release()
    MissionLock(other).acquire().release()  # closing the window frees it too


def test_a_save_does_not_overwrite_a_file_changed_behind_the_windows_back(
    make_window, mission_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(open_mission(mission_path), mission_path)
    save_mission(tiny_mission(n_teams=2), mission_path)  # a program that ignores the lock
    shown = Asked()
    monkeypatch.setattr(QMessageBox, "critical", shown)

    assert not window.document.save(wait=True)

    assert len(shown.texts) == 1 and "changed by another program" in shown.texts[0]
    assert len(open_mission(mission_path).teams) == 2  # the other change is kept


def test_saving_twice_in_the_same_window_is_not_a_change_behind_its_back(
    make_window, mission_path: Path, qtbot
) -> None:
    window = make_window(open_mission(mission_path), mission_path)
    assert window.document.save(wait=True)
    with qtbot.waitSignal(window.document.saved, timeout=20000):
        window.document.save()  # off the GUI thread, with the stamp of the first save
    assert window.document.save(wait=True)


def test_a_missing_or_bad_file_is_refused_without_the_read_only_question(
    make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(tiny_mission(n_teams=2))
    asked, warned = Asked(QMessageBox.StandardButton.Yes), Asked()
    monkeypatch.setattr(QMessageBox, "question", asked)
    monkeypatch.setattr(QMessageBox, "warning", warned)
    bad = tmp_path / "notes.gpkg"
    bad.write_text("not a mission")
    assert not window.document.open_path(tmp_path / "gone.gpkg")
    assert not window.document.open_path(bad)
    assert asked.texts == []
    assert "no such file" in warned.texts[0] and "not a mission file" in warned.texts[1]
    assert not list(tmp_path.glob(".*.lock"))  # no lock left behind
    assert window.document.path is None and window.document.lock is None
