"""KML 2.2 per team (``kml/<team_id>.kml``) for Google Earth, Organic Maps, OsmAnd.

Stops are placemarks in order with a style per phase, and the day is a
LineString. KML viewers show ``description`` as HTML, so user text is
HTML-escaped before the XML writer escapes it again: a station named
``<script>`` is shown as text, never run.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from pathlib import Path

from planner.export.field_text import (
    route_title,
    stop_description,
    stop_name,
    utc_time,
    xml_safe,
)
from planner.export.safe_paths import write_atomic
from planner.model import Mission, TeamRoute
from planner.presentation import PHASE_COLOURS, kml_colour

KML_NS = "http://www.opengis.net/kml/2.2"
#: aabbggrr colours per phase (KML order), as on the route sheets.
STYLE_COLOURS = {phase: kml_colour(colour) for phase, colour in PHASE_COLOURS.items()}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{KML_NS}}}{tag}", {k: xml_safe(v) for k, v in attrib.items()})
    if text is not None:
        el.text = xml_safe(text)
    return el


def kml_document(mission: Mission, route: TeamRoute) -> bytes:
    """The KML file of one team's day as UTF-8 bytes."""
    ET.register_namespace("", KML_NS)
    root = ET.Element(f"{{{KML_NS}}}kml")
    doc = _sub(root, "Document")
    _sub(doc, "name", route_title(mission, route))
    for phase, colour in STYLE_COLOURS.items():
        style = _sub(doc, "Style", id=f"phase-{phase}")
        icon_style = _sub(style, "IconStyle")
        _sub(icon_style, "color", colour)
        _sub(icon_style, "scale", "1.2" if phase != "voting" else "1.0")
    line_style = _sub(_sub(doc, "Style", id="route"), "LineStyle")
    _sub(line_style, "color", "ff444444")
    _sub(line_style, "width", "3")
    folder = _sub(doc, "Folder")
    _sub(folder, "name", "Stops")
    for seq, v in enumerate(route.visits, start=1):
        pm = _sub(folder, "Placemark")
        _sub(pm, "name", stop_name(mission, seq, v))
        desc = html.escape(stop_description(mission, v)).replace("\n", "<br/>")
        _sub(pm, "description", desc)
        when = utc_time(mission, v.arrive, v.region_id)
        if when is not None:
            _sub(_sub(pm, "TimeStamp"), "when", when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        _sub(pm, "styleUrl", f"#phase-{v.phase}")
        _sub(_sub(pm, "Point"), "coordinates", f"{v.lon:.6f},{v.lat:.6f},0")
    line = _sub(doc, "Placemark")
    _sub(line, "name", f"Team {route.team_id} route")
    _sub(line, "styleUrl", "#route")
    coords = [(route.start_lon, route.start_lat)] + [(v.lon, v.lat) for v in route.visits]
    ls = _sub(line, "LineString")
    _sub(ls, "tessellate", "1")
    _sub(ls, "coordinates", " ".join(f"{lon:.6f},{lat:.6f},0" for lon, lat in coords))
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def write_kml(mission: Mission, route: TeamRoute, path: Path) -> Path:
    return write_atomic(path, kml_document(mission, route))
