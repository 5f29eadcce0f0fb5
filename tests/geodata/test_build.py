"""The committed demo mission is exactly what the builder makes from the facts.

Exact equality holds for the same shapely/GEOS versions: another GEOS may round a
Voronoi vertex differently and so move a synthetic village.
"""

from __future__ import annotations

import pyogrio

from geodata import DEMO_MISSION
from geodata.build_demo import main

LAYERS = (
    *("settings", "regions", "dec_areas", "decs", "polling_stations", "bases", "teams"),
    "observers",
)


def test_rebuild_gives_the_committed_file(tmp_path, capsys):
    out = tmp_path / "demo.gpkg"
    assert main(["--out", str(out)]) == 0
    assert "9725 polling stations" in capsys.readouterr().out
    for layer in LAYERS:
        built = pyogrio.read_dataframe(out, layer=layer)
        committed = pyogrio.read_dataframe(DEMO_MISSION, layer=layer)
        assert list(built.columns) == list(committed.columns), layer
        assert len(built) == len(committed), layer
        if "geometry" in built:
            assert built.geometry.to_wkb().tolist() == committed.geometry.to_wkb().tolist(), layer
            built, committed = built.drop(columns="geometry"), committed.drop(columns="geometry")
        assert built.equals(committed), layer
