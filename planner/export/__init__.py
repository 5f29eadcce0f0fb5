"""What the mission hands out: CSV, route sheets (HTML), maps, GPX/KML."""
