"""GPX 1.1 per team (``gpx/<team_id>.gpx``) for phone navigation apps.

Each stop is a waypoint, in order (name = seq + phase + PEC and station, so the
list sorts in the order of the day; desc = local times and address; time = the
planned arrival in UTC), and the day is a track from the overnight location
through every stop. Written with the standard library; XML escapes all text.
"""

from __future__ import annotations

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

GPX_NS = "http://www.topografix.com/GPX/1/1"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{GPX_NS}}}{tag}", {k: xml_safe(v) for k, v in attrib.items()})
    if text is not None:
        el.text = xml_safe(text)
    return el


def gpx_document(mission: Mission, route: TeamRoute) -> bytes:
    """The GPX file of one team's day as UTF-8 bytes."""
    ET.register_namespace("", GPX_NS)
    root = ET.Element(f"{{{GPX_NS}}}gpx", {"version": "1.1", "creator": "STO Planner"})
    meta = _sub(root, "metadata")
    _sub(meta, "name", route_title(mission, route))
    for seq, v in enumerate(route.visits, start=1):
        wpt = _sub(root, "wpt", lat=f"{v.lat:.6f}", lon=f"{v.lon:.6f}")
        when = utc_time(mission, v.arrive, v.region_id)
        if when is not None:
            _sub(wpt, "time", when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        _sub(wpt, "name", stop_name(mission, seq, v))
        _sub(wpt, "desc", stop_description(mission, v))
        _sub(wpt, "sym", "Flag, Red" if v.phase != "voting" else "Flag, Blue")
        _sub(wpt, "type", v.phase)
    trk = _sub(root, "trk")
    _sub(trk, "name", f"Team {route.team_id} route")
    seg = _sub(trk, "trkseg")
    _sub(seg, "trkpt", lat=f"{route.start_lat:.6f}", lon=f"{route.start_lon:.6f}")
    for v in route.visits:
        _sub(seg, "trkpt", lat=f"{v.lat:.6f}", lon=f"{v.lon:.6f}")
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def write_gpx(mission: Mission, route: TeamRoute, path: Path) -> Path:
    return write_atomic(path, gpx_document(mission, route))
