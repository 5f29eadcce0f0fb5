"""GUI test fixtures: isolated QSettings, a tiny mission file, a window with a fake solver."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from planner.io.mission import save_mission
from planner.model import Mission
from tests.factories import tiny_mission
from tests.ui.fakes import fake_solve, greedy_plan


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[Path]:
    """Every GUI test reads and writes its own QSettings under tmp_path."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    yield folder


@pytest.fixture
def mission() -> Mission:
    """tiny_mission with 4 teams, no plan."""
    return tiny_mission(n_teams=4)


@pytest.fixture
def planned_mission(mission: Mission) -> Mission:
    """tiny_mission with a greedy plan stored as revision 1."""
    return mission.with_plan(greedy_plan(mission))


@pytest.fixture
def mission_path(tmp_path: Path, planned_mission: Mission) -> Path:
    path = tmp_path / "tiny.gpkg"
    save_mission(planned_mission, path)
    return path


@pytest.fixture
def make_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Factory: a MainWindow on a mission, with the fake solver; closed cleanly after."""
    from ui.main_window import MainWindow

    def make(mission: Mission, path: Path | None = None, **kwargs) -> MainWindow:  # type: ignore[no-untyped-def]
        kwargs.setdefault("solve", fake_solve)
        kwargs.setdefault("recovery_dir", tmp_path / "recovery")
        window = MainWindow(mission, path, **kwargs)
        qtbot.addWidget(window, before_close_func=_quiet)
        window.resize(1200, 800)
        window.show()
        return window

    return make


def _quiet(window) -> None:  # type: ignore[no-untyped-def]
    """Before pytest-qt closes a window: stop work, no "save changes?" prompt."""
    if window.is_busy:
        window.cancel_plan()
    window.wait_for_workers()
    window.document.mark_clean()


@pytest.fixture
def window(make_window, planned_mission: Mission, mission_path: Path, qtbot):  # type: ignore[no-untyped-def]
    """A window on the planned tiny mission file, with its map rendered."""
    from planner.io.mission import open_mission

    w = make_window(open_mission(mission_path), mission_path)
    if not w.map.is_ready:
        with qtbot.waitSignal(w.map.rendered, timeout=30000):
            pass
    return w
