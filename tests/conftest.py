"""Test set-up shared by every test: headless Qt, isolated settings, demo paths."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Headless by default so that `python -m pytest` works on a machine with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    # Chromium refuses its sandbox as root (CI); Qt 6 reads only this variable.
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def _sheet_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Printed route sheets are cached in a folder of the test session, not the user's."""
    os.environ["STO_PLANNER_CACHE"] = str(tmp_path_factory.mktemp("sto-cache"))


@pytest.fixture
def data_dir() -> Path:
    """Folder of tiny hand-made input files (tests/data)."""
    return DATA


@pytest.fixture
def shared_dir() -> Path:
    """../shared (reference data, benchmarks); skips the test when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (a user's clone has none)")
    return SHARED


@pytest.fixture(scope="session")
def _tiny_mission_saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from planner.io.mission import save_mission
    from tests.factories import tiny_mission

    path = tmp_path_factory.mktemp("saved") / "mission.gpkg"
    save_mission(tiny_mission(), path)
    return path


@pytest.fixture
def tiny_mission_file(tmp_path: Path, _tiny_mission_saved: Path) -> Path:
    """A fresh copy of tiny_mission() saved as ``tmp_path/mission.gpkg``."""
    path = tmp_path / "mission.gpkg"
    shutil.copy(_tiny_mission_saved, path)
    return path
