"""The demo map picture shows the country, its lakes and its stations where they are."""

from __future__ import annotations

from geodata import DEMO_MISSION
from geodata.render_map import (
    COUNTRY,
    OUTSIDE,
    RURAL,
    SPECIAL,
    URBAN,
    WATER,
    main,
    rasterise,
)
from planner.io.mission import open_mission


def test_map_raster_puts_land_water_and_stations_in_place():
    mission = open_mission(DEMO_MISSION)
    img, grid = rasterise(mission, width=1800)
    assert img.shape == (grid.height, 1800, 3)

    def colour(lon: float, lat: float) -> tuple[int, ...]:
        x, y = grid.pixel(lon, lat)
        return tuple(int(c) for c in img[y, x])

    assert colour(47.0, 41.0) == OUTSIDE  # the Caspian, outside the country
    assert colour(76.0, 46.6) == WATER  # Lake Balkhash
    assert colour(67.0, 48.5) not in (OUTSIDE, WATER)  # the steppe in Karaganda region
    # urban, rural and special stations all show (not hidden under fills or seats)
    pixels = img.reshape(-1, 3)
    for rgb in (URBAN, RURAL, SPECIAL):
        assert (pixels == rgb).all(axis=1).sum() > 300, rgb


def test_render_writes_a_png_close_up(tmp_path, capsys):
    out = tmp_path / "aktobe.png"
    assert main([str(out), "--extent", "56.0", "49.5", "58.5", "51.0", "--width", "400"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert str(out) in capsys.readouterr().out
    assert COUNTRY[0] < 56.0
