"""Leaflet and jQuery shipped by the xstatic packages, for maps that work offline.

folium loads its scripts from CDNs by default; with no network the page is blank.
The desktop map points folium at these files (``file://`` URIs); an exported map
inlines them so the HTML is one self-contained file that opens anywhere.
"""

from __future__ import annotations

from pathlib import Path

import xstatic.pkg.jquery as xjquery
import xstatic.pkg.leaflet as xleaflet


def leaflet_js() -> Path:
    return Path(xleaflet.BASE_DIR) / "leaflet.js"


def leaflet_css() -> Path:
    return Path(xleaflet.BASE_DIR) / "leaflet.css"


def jquery_js() -> Path:
    base = Path(xjquery.BASE_DIR)
    for name in ("jquery.min.js", "jquery.js"):
        if (base / name).exists():
            return base / name
    raise FileNotFoundError(f"jQuery not found in {base}")
