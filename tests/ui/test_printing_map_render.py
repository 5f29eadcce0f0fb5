"""The exported coverage map really draws in a browser with no network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.export.coverage_map import write_coverage_map
from tests.factories import tiny_mission
from tests.planner.export._export_plan import tiny_plan

pytestmark = pytest.mark.gui


def test_map_renders_offline(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage

    mission = tiny_mission()
    path = write_coverage_map(mission, tiny_plan(mission), tmp_path / "coverage_map.html")
    page = QWebEnginePage()
    try:
        with qtbot.waitSignal(page.loadFinished, timeout=30_000):
            page.load(QUrl.fromLocalFile(str(path)))
        result: list[str] = []
        script = (
            "JSON.stringify({L: typeof L, drawn: window.stoCoverageMap || null,"
            " layers: document.querySelectorAll('.leaflet-control-layers-selector').length,"
            " legend: !!document.getElementById('sto-legend')})"
        )
        page.runJavaScript(script, 0, result.append)
        qtbot.waitUntil(lambda: bool(result), timeout=10_000)
        state = json.loads(result[0])
        located = sum(1 for p in mission.polling_stations if p.lat is not None)
        assert state["L"] == "object"
        assert state["drawn"] == {"stations": located, "decs": 4, "routes": 2, "bases": 2}
        assert state["layers"] == 9  # 4 phase switches + 5 overlays
        assert state["legend"]
    finally:
        del page
