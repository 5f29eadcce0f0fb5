"""The mission file's layout: layer names and types, schema version, and the settings
a file may hold but is never trusted with (docs/mission-file.md)."""

from __future__ import annotations

from datetime import UTC, datetime

SCHEMA_VERSION = 1
APP_ID = "sto-planner"
CRS = "EPSG:4326"

#: Layer name -> geometry type, in the order they are written.
LAYERS: dict[str, str | None] = {
    "mission_meta": None,
    "settings": None,
    "regions": "MultiPolygon",
    "dec_areas": "MultiPolygon",
    "decs": "Point",
    "polling_stations": "Point",
    "bases": "Point",
    "teams": "Point",
    "observers": None,
    "plans": None,
    "plan_routes": "LineString",
    "plan_visits": "Point",
    "change_log": None,
}


#: Layers a mission written before they existed may lack (read as empty).
OPTIONAL_LAYERS = frozenset({"observers"})

#: Settings a mission file may hold but that are never taken from one: a routing
#: server is the user's own choice (app settings or ``--routing-server``), so a file
#: from elsewhere cannot make the laptop talk to a machine of its author's choosing.
UNTRUSTED_SETTINGS = frozenset({"routing_server_url"})

#: Files SQLite may leave beside a database being written.
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


def now_iso() -> str:
    """The current UTC time as ISO 8601 text, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
