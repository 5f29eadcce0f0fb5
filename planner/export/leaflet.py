"""Leaflet pieces for folium maps that work offline: Leaflet and jQuery from the
xstatic packages (inlined or as local files, never a CDN), and many points or lines
drawn from one compact JSON array instead of one folium object each."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from planner.export.assets import jquery_js, leaflet_css, leaflet_js

__all__ = ["Lines", "Points", "safe_json", "use_assets"]


def safe_json(value: Any) -> str:
    """JSON that can sit inside a ``<script>`` element (no ``</script>`` breaks out)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Points(MacroElement):
    """Circle markers from one array ``[lat, lon, colour index, radius, tooltip html]``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var colours = {{ this.colours }};
            var rows = {{ this.rows }};
            var group = {{ this._parent.get_name() }};
            var renderer = L.canvas({padding: 0.3});
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                L.circleMarker([r[0], r[1]], {
                    renderer: renderer, radius: r[3], color: "{{ this.stroke }}",
                    weight: {{ this.weight }}, fillColor: colours[r[2]],
                    fillOpacity: 0.85
                }).bindTooltip(r[4]).addTo(group);
            }
            window.stoCoverageMap = window.stoCoverageMap || {};
            window.stoCoverageMap["{{ this.key }}"] = rows.length;
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        key: str,
        rows: list[list[Any]],
        colours: Sequence[str],
        *,
        stroke: str = "#333",
        weight: float = 0.4,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "StoPoints"
        self.key = key
        self.rows = safe_json(rows)
        self.colours = safe_json(list(colours))
        self.stroke = stroke
        self.weight = weight


class Lines(MacroElement):
    """Polylines from ``[colour, [[lat, lon], ...], tooltip html]``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var rows = {{ this.rows }};
            var group = {{ this._parent.get_name() }};
            for (var i = 0; i < rows.length; i++) {
                L.polyline(rows[i][1], {color: rows[i][0], weight: 2.5, opacity: 0.85})
                    .bindTooltip(rows[i][2]).addTo(group);
            }
            window.stoCoverageMap = window.stoCoverageMap || {};
            window.stoCoverageMap["routes"] = rows.length;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list[Any]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "StoLines"
        self.rows = safe_json(rows)


def _css_with_images(css_path: Path) -> str:
    """Leaflet's CSS with its icon images inlined as data URIs."""
    css = css_path.read_text(encoding="utf-8")
    folder = css_path.parent

    def inline(match: re.Match[str]) -> str:
        target = folder / match.group(1)
        if not target.exists():
            return match.group(0)
        data = base64.b64encode(target.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[^)]+\.png)\)", inline, css)


def use_assets(m: folium.Map, inline: bool) -> None:
    """Point the map at Leaflet and jQuery from the xstatic packages (never a CDN)."""
    if inline:
        m.default_js = []
        m.default_css = []
        root = m.get_root()
        assert isinstance(root, Figure)
        header = root.header
        css = _css_with_images(leaflet_css()).replace("</", "<\\/")
        header.add_child(Element(f"<style>{css}</style>"), name="sto_leaflet_css")
        for name, path in (("sto_leaflet_js", leaflet_js()), ("sto_jquery_js", jquery_js())):
            js = path.read_text(encoding="utf-8").replace("</script", "<\\/script")
            header.add_child(Element(f"<script>{js}</script>"), name=name)
    else:
        m.default_js = [("leaflet", leaflet_js().as_uri()), ("jquery", jquery_js().as_uri())]
        m.default_css = [("leaflet_css", leaflet_css().as_uri())]
