"""The HTML page of the desktop map: folium (Leaflet) working offline.

The page is built once per mission layout (regions, stations, DECs, bases) and the
plan is pushed into it afterwards with ``stoSetPlan(...)`` so that an edit does not
reload 9,725 markers. Everything is drawn on one canvas renderer (fast for many
points). Clicks are reported to Python as console messages ``sto:pick:<kind>:<id>``
(see :mod:`ui.map_view`). No Qt here: the page is plain text and its data can be
tested without a browser.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from shapely.geometry import mapping

from planner.export.assets import jquery_js, leaflet_css, leaflet_js
from planner.model import Mission, Plan
from planner.presentation import PHASE_COLOURS, route_colour
from planner.presentation import UNPLANNED_COLOUR as UNVISITED_COLOUR

PICK_PREFIX = "sto:pick:"


def mission_data(mission: Mission) -> dict[str, Any]:
    """The fixed part of the map: stations, DECs, bases, region outlines."""
    stations = [
        [p.ps_id, round(p.lat, 5), round(p.lon, 5), p.name, p.dec_id, p.settlement[0], p.kind]
        for p in mission.polling_stations
        if p.lat is not None and p.lon is not None
    ]
    decs = [[d.dec_id, round(d.lat, 5), round(d.lon, 5), d.name] for d in mission.decs]
    bases = [[b.base_id, round(b.lat, 5), round(b.lon, 5), b.name] for b in mission.bases]
    regions = []
    for r in mission.regions:
        if r.geometry is None or r.geometry.is_empty:
            continue
        geom = r.geometry.simplify(0.01, preserve_topology=True)
        regions.append(
            {
                "type": "Feature",
                "properties": {"id": r.region_id, "name": r.name},
                "geometry": mapping(geom),
            }
        )
    return {
        "stations": stations,
        "decs": decs,
        "bases": bases,
        "regions": {"type": "FeatureCollection", "features": regions},
    }


def plan_data(mission: Mission, plan: Plan | None) -> dict[str, Any]:
    """The plan part: one polyline per team, and what each station is visited for."""
    routes = []
    visited: dict[str, str] = {}
    if plan is not None:
        for i, r in enumerate(plan.routes):
            pts = [[round(r.start_lat, 5), round(r.start_lon, 5)]]
            pts += [[round(v.lat, 5), round(v.lon, 5)] for v in r.visits]
            routes.append({"team": r.team_id, "colour": route_colour(i), "pts": pts})
            for v in r.visits:
                if v.ps_id:
                    # counting/opening outrank voting when one station has several
                    if visited.get(v.ps_id) in ("opening", "counting"):
                        continue
                    visited[v.ps_id] = v.phase
                else:
                    visited[f"DEC:{v.dec_id}"] = v.phase
    return {"routes": routes, "visited": visited, "colours": PHASE_COLOURS}


def bounds(mission: Mission) -> list[list[float]]:
    lats = [p.lat for p in mission.polling_stations if p.lat is not None]
    lons = [p.lon for p in mission.polling_stations if p.lon is not None]
    lats += [b.lat for b in mission.bases]
    lons += [b.lon for b in mission.bases]
    if not lats:
        return [[40.5, 46.5], [55.5, 87.5]]  # Kazakhstan
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


_SCRIPT = """
document.addEventListener('DOMContentLoaded', function () {
  var map = %(map)s;
  var DATA = %(data)s;
  var renderer = L.canvas({padding: 0.3});
  map.options.zoomSnap = 0.25;  // fit the mission snugly
  map.options.zoomDelta = 0.5;
  var STO = window.STO = {map: map, byId: {}, routes: {}, selected: null, ready: false};
  function pick(kind, id) { console.log('%(prefix)s' + kind + ':' + id); }
  STO.regions = {};
  L.geoJSON(DATA.regions, {renderer: renderer, interactive: false,
    style: {color: '#5f6b7a', weight: 1.2, fillColor: '#f4f1e8', fillOpacity: 0.55},
    onEachFeature: function (f, layer) { STO.regions[f.properties.id] = layer; }
  }).addTo(map);
  STO.routeLayer = L.layerGroup().addTo(map);
  STO.stationLayer = L.layerGroup().addTo(map);
  DATA.stations.forEach(function (s) {
    var m = L.circleMarker([s[1], s[2]], {renderer: renderer, radius: 2.5, weight: 0,
      fillColor: '%(grey)s', fillOpacity: 0.8});
    m.stoId = s[0];
    m.bindTooltip(s[0] + ' ' + s[3] + ' (' + s[4] + ', ' + (s[5] === 'u' ? 'urban' : 'rural') +
      (s[6] !== 'regular' ? ', ' + s[6] : '') + ')');
    m.on('click', function () { pick('station', s[0]); });
    m.addTo(STO.stationLayer);
    STO.byId[s[0]] = m;
  });
  DATA.decs.forEach(function (d) {
    var m = L.circleMarker([d[1], d[2]], {renderer: renderer, radius: 4, weight: 1.5,
      color: '#4a148c', fillColor: '#ffffff', fillOpacity: 1});
    m.bindTooltip('DEC ' + d[0] + ' ' + d[3]);
    m.on('click', function () { pick('dec', d[0]); });
    m.addTo(map);
    STO.byId['DEC:' + d[0]] = m;
  });
  DATA.bases.forEach(function (b) {
    var m = L.circleMarker([b[1], b[2]], {renderer: renderer, radius: 7, weight: 2,
      color: '#000000', fillColor: '#ffd54f', fillOpacity: 1});
    m.bindTooltip('Base ' + b[0] + ' ' + b[3]);
    m.on('click', function () { pick('base', b[0]); });
    m.addTo(map);
  });
  STO.highlight = L.circleMarker([0, 0], {radius: 10, weight: 3, color: '#ff1744',
    fill: false, interactive: false});
  STO.setPlan = function (plan) {
    STO.routeLayer.clearLayers();
    STO.routes = {};
    Object.keys(STO.byId).forEach(function (k) {
      if (k.indexOf('DEC:') !== 0) {
        STO.byId[k].setStyle({fillColor: '%(grey)s', radius: 2.5});
      }
    });
    Object.keys(plan.visited).forEach(function (k) {
      var m = STO.byId[k];
      if (m && k.indexOf('DEC:') !== 0) {
        m.setStyle({fillColor: plan.colours[plan.visited[k]], radius: 4});
        m.bringToFront();
      }
    });
    plan.routes.forEach(function (r) {
      var line = L.polyline(r.pts, {renderer: renderer, color: r.colour, weight: 2,
        opacity: 0.8});
      line.bindTooltip('Team ' + r.team);
      line.on('click', function () { pick('team', r.team); });
      line.addTo(STO.routeLayer);
      STO.routes[r.team] = line;
    });
    STO.planRoutes = plan.routes.length;
  };
  STO.select = function (kind, id) {
    Object.keys(STO.routes).forEach(function (t) {
      STO.routes[t].setStyle({weight: t === id && kind === 'team' ? 5 : 2});
    });
    if (kind === 'team' && STO.routes[id]) {
      STO.routes[id].bringToFront();
      map.fitBounds(STO.routes[id].getBounds(), {maxZoom: 11, padding: [30, 30], animate: false});
      STO.touched = true;
      STO.highlight.remove();
      STO.selected = 'team:' + id;
      return true;
    }
    if (kind === 'region' && STO.regions[id]) {
      map.fitBounds(STO.regions[id].getBounds(), {animate: false});
      STO.highlight.remove();
      STO.touched = true;
      STO.selected = 'region:' + id;
      return true;
    }
    var key = kind === 'dec' ? 'DEC:' + id : id;
    var m = STO.byId[key];
    if (!m) { return false; }
    STO.highlight.setLatLng(m.getLatLng()).addTo(map);
    if (!map.getBounds().contains(m.getLatLng()) || map.getZoom() < 9) {
      map.setView(m.getLatLng(), Math.max(map.getZoom(), 10), {animate: false});
      STO.touched = true;
    }
    STO.selected = kind + ':' + id;
    return true;
  };
  STO.markerCount = function () { return STO.stationLayer.getLayers().length; };
  STO.setPlan(%(plan)s);
  STO.bounds = %(bounds)s;
  STO.touched = false;
  map.fitBounds(STO.bounds, {animate: false});
  map.on('dragstart', function () { STO.touched = true; });
  map.on('resize', function () {
    if (!STO.touched) { map.fitBounds(STO.bounds, {animate: false}); }
  });
  STO.ready = true;
});
"""


def build_map_html(mission: Mission, plan: Plan | None, *, tiles: bool = False) -> str:
    """A complete HTML page for the mission and plan (scripts from local files)."""
    fmap = folium.Map(
        location=[48.0, 67.0],
        zoom_start=5,
        tiles="OpenStreetMap" if tiles else None,
        prefer_canvas=True,
        control_scale=True,
    )
    fmap.default_js = [
        ("leaflet", leaflet_js().as_uri()),
        ("jquery", jquery_js().as_uri()),
    ]
    fmap.default_css = [("leaflet_css", leaflet_css().as_uri())]
    script = _SCRIPT % {
        "map": fmap.get_name(),
        "data": json.dumps(mission_data(mission), separators=(",", ":")),
        "plan": json.dumps(plan_data(mission, plan), separators=(",", ":")),
        "bounds": json.dumps(bounds(mission)),
        "prefix": PICK_PREFIX,
        "grey": UNVISITED_COLOUR,
    }
    fmap.get_root().script.add_child(folium.Element(script))  # type: ignore[attr-defined]
    css = "<style>.leaflet-container{background:#dfe6ec;}</style>"
    fmap.get_root().header.add_child(folium.Element(css))  # type: ignore[attr-defined]
    return str(fmap.get_root().render())
