"""The map panel: the folium page in a QWebEngineView, with selection both ways.

Python -> map: ``select(kind, id)`` runs ``STO.select`` in the page.
Map -> Python: the page logs ``sto:pick:<kind>:<id>`` to its console; the page
subclass below turns that into the :attr:`MapView.picked` signal. ``loadFinished``
fires even when the page's scripts failed, so :attr:`MapView.rendered` is emitted
only once the page itself reports that Leaflet is there and the markers are drawn.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner.model import Mission, Plan
from ui.map_html import PICK_PREFIX, build_map_html, plan_data

translate = QCoreApplication.translate


def legend_text() -> dict[str, str]:
    """The map legend's words in the interface language."""
    return {
        "title": translate("Map", "Legend"),
        "opening": translate("Phase", "opening"),
        "voting": translate("Phase", "voting"),
        "counting": translate("Phase", "counting"),
        "unplanned": translate("Map", "station not planned"),
        "dec": translate("Map", "DEC premises"),
        "base": translate("Map", "base"),
        "route": translate("Map", "team route (selected: thick)"),
        "uncovered": translate("Map", "not covered (Uncovered view)"),
    }


READY_JS = "(typeof L !== 'undefined' && window.STO && STO.ready) ? STO.markerCount() : -1"


class _BridgePage(QWebEnginePage):
    picked = Signal(str, str)

    def javaScriptConsoleMessage(  # noqa: N802 (Qt override)
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        if message.startswith(PICK_PREFIX):
            kind, _, ident = message[len(PICK_PREFIX) :].partition(":")
            self.picked.emit(kind, ident)


class MapView(QWidget):
    """Shows a mission and its plan; reports clicks; says when it has really drawn."""

    picked = Signal(str, str)  # kind ("station", "team", "dec", "base"), id
    rendered = Signal(int)  # number of station markers drawn
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, tiles: bool = False) -> None:
        super().__init__(parent)
        self.tiles = tiles
        self._dir = Path(tempfile.mkdtemp(prefix="sto-map-"))
        self._mission: Mission | None = None
        self._ready = False
        self._pending_plan: Plan | None = None
        self._pending_select: tuple[str, str] | None = None
        self._polls = 0
        self.marker_count = -1
        self._disposed = False
        self._generation = 0  # one per page load: late answers from an old page are ignored
        self.view = QWebEngineView(self)
        page = _BridgePage(self.view)
        page.picked.connect(self.picked)
        self.view.setPage(page)
        settings = page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, tiles
        )
        self.view.loadFinished.connect(self._on_load_finished)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(50)
        self._poll_timer.timeout.connect(self._poll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    @property
    def is_ready(self) -> bool:
        return self._ready

    def show_mission(self, mission: Mission, plan: Plan | None) -> None:
        """Load the page for ``mission`` (reloads only when the layout changed)."""
        same_layout = (
            self._mission is not None
            and self._mission.polling_stations is mission.polling_stations
            and self._mission.decs is mission.decs
            and self._mission.bases is mission.bases
            and self._mission.regions is mission.regions
        )
        self._mission = mission
        if same_layout and self._ready:
            self.set_plan(plan)
            return
        self._ready = False
        self._generation += 1
        self._poll_timer.stop()
        html = build_map_html(mission, plan, tiles=self.tiles, legend=legend_text())
        path = self._dir / "map.html"
        path.write_text(html, encoding="utf-8")
        self._pending_plan = None
        self.view.load(QUrl.fromLocalFile(str(path)))

    def set_tiles(self, on: bool, plan: Plan | None) -> None:
        """Turn the online background map on or off (reloads the page)."""
        self.tiles = on
        self.view.page().settings().setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, on
        )
        mission, self._mission = self._mission, None
        if mission is not None:
            self.show_mission(mission, plan)

    def set_plan(self, plan: Plan | None) -> None:
        if self._mission is None:
            return
        if not self._ready:
            self._pending_plan = plan
            return
        data = json.dumps(plan_data(self._mission, plan), separators=(",", ":"))
        self.view.page().runJavaScript(f"STO.setPlan({data});")

    def select(self, kind: str, ident: str) -> None:
        if not self._ready:
            self._pending_select = (kind, ident)
            return
        self.view.page().runJavaScript(f"STO.select({json.dumps(kind)}, {json.dumps(ident)});")

    def set_uncovered(self, points: list[list[float]]) -> None:
        """Ring these [lat, lon] points in red (the Uncovered view); [] clears."""
        if not self._ready:
            return
        self.view.page().runJavaScript(f"STO.setUncovered({json.dumps(points)});")

    def run_js(self, script: str, callback: Callable[[object], None] | None = None) -> None:
        if callback is None:
            self.view.page().runJavaScript(script)
        else:
            self.view.page().runJavaScript(script, 0, callback)

    # -- readiness
    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            self.failed.emit(translate("Map", "the map page could not be loaded"))
            return
        self._polls = 0
        self._poll_timer.start()

    def _poll(self) -> None:
        self._polls += 1
        if self._polls > 200:  # 10 s
            self._poll_timer.stop()
            self.failed.emit(translate("Map", "the map did not draw (Leaflet missing?)"))
            return
        generation = self._generation
        self.view.page().runJavaScript(
            READY_JS, 0, lambda value: self._on_ready_answer(generation, value)
        )

    def _on_ready_answer(self, generation: int, value: object) -> None:
        if generation != self._generation or self._ready:
            return
        if not isinstance(value, (int, float)) or value < 0:
            return
        self._poll_timer.stop()
        self._ready = True
        self.marker_count = int(value)
        if self._pending_plan is not None:
            plan, self._pending_plan = self._pending_plan, None
            self.set_plan(plan)
        if self._pending_select is not None:
            kind, ident = self._pending_select
            self._pending_select = None
            self.select(kind, ident)
        self.rendered.emit(self.marker_count)

    def dispose(self) -> None:
        """Delete the page before the view (Qt warns otherwise) and the temp files."""
        if self._disposed:
            return
        self._disposed = True
        self._poll_timer.stop()
        page = self.view.page()
        page.picked.disconnect() if isinstance(page, _BridgePage) else None
        self.view.deleteLater()
        page.deleteLater()
        shutil.rmtree(self._dir, ignore_errors=True)
