"""Offline Leaflet for folium maps: no CDN, assets inlined or local files."""

from __future__ import annotations

import folium

from planner.export.leaflet import Points, safe_json, use_assets


def _page(inline: bool) -> str:
    m = folium.Map(location=[50.0, 70.0], tiles=None)
    use_assets(m, inline)
    group = folium.FeatureGroup(name="stations")
    Points("stations", [[50.0, 70.0, 0, 4, "<b>A</b>"]], ["#1b7837"]).add_to(group)
    group.add_to(m)
    html: str = m.get_root().render()
    return html


def test_inline_page_needs_no_network() -> None:
    html = _page(inline=True)
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    assert "L.map" in html and "data:image/png;base64," in html  # Leaflet and its icons
    assert '"#1b7837"' in html


def test_local_page_points_at_the_installed_files() -> None:
    html = _page(inline=False)
    assert "cdn.jsdelivr" not in html and "file://" in html


def test_safe_json_stays_inside_a_script_element() -> None:
    text = safe_json({"tip": "</script><b>&</b>"})
    assert "</" not in text and "<" not in text and "&" not in text
