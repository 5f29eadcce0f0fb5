"""The bundled demo mission (synthetic, built from stated facts) and its builder."""

from pathlib import Path

DEMO_MISSION = Path(__file__).resolve().parent / "kazakhstan_2011_demo.gpkg"
