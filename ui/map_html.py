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
from html import escape
from typing import Any

import folium
from shapely.geometry import mapping

from planner.export.assets import jquery_js, leaflet_css, leaflet_js
from planner.model import Mission, Plan
from planner.places import dec_places, settlements
from planner.presentation import PHASE_COLOURS, route_colour
from planner.presentation import UNPLANNED_COLOUR as UNVISITED_COLOUR

PICK_PREFIX = "sto:pick:"
BASE_COLOUR = "#ffd54f"
#: the legend's words (the app passes them translated)
LEGEND_TEXT = {
    "title": "Legend",
    "opening": "opening",
    "voting": "voting",
    "counting": "counting",
    "unplanned": "station not planned",
    "dec": "DEC premises",
    "base": "base",
    "route": "team route (selected: thick)",
    "uncovered": "not covered (Uncovered view)",
}
#: the lowest zoom at which each kind of place is named (declutter by importance)
LABEL_MIN_ZOOM = {"town": 7, "dec": 8, "village": 10}


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
    # place names from the mission's own data (offline): towns, villages, DEC areas
    places = [
        [escape(pl.name), round(pl.lat, 5), round(pl.lon, 5), pl.kind, pl.weight]
        for pl in settlements(mission) + dec_places(mission)
    ]
    return {
        "stations": stations,
        "decs": decs,
        "bases": bases,
        "places": places,
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
  L.control.scale({imperial: false}).addTo(map);  // km only
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
      color: '#000000', fillColor: '%(base)s', fillOpacity: 1});
    m.bindTooltip(b[0] + ' ' + b[3]);
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
  function legendHeight() {  // the route is fitted above the legend, not under it
    var box = document.getElementById('sto-map-legend');
    return box ? box.offsetHeight : 0;
  }
  STO.select = function (kind, id) {
    Object.keys(STO.routes).forEach(function (t) {
      STO.routes[t].setStyle({weight: t === id && kind === 'team' ? 5 : 2});
    });
    if (kind === 'team' && STO.routes[id]) {
      STO.routes[id].bringToFront();
      map.fitBounds(STO.routes[id].getBounds(), {maxZoom: 11, paddingTopLeft: [30, 30],
        paddingBottomRight: [30, legendHeight() + 20], animate: false});
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
  // ---- legend (bottom right, folds away)
  var T = %(legend)s;
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function () {
    var div = L.DomUtil.create('div', 'sto-legend');
    div.id = 'sto-map-legend';
    function dot(fill, ring, r) {
      return '<i style="display:inline-block;width:' + r + 'px;height:' + r + 'px;' +
        'border-radius:50%%;background:' + fill + ';border:2px solid ' + ring +
        ';margin-right:5px;vertical-align:middle"></i>';
    }
    var c = %(phase_colours)s;
    function row(html) { return '<span>' + html + '</span>'; }
    // two columns: the legend stays small on a laptop-sized map
    div.innerHTML = '<details open><summary><b>' + T.title + '</b></summary>' +
      '<div class="sto-legend-grid">' +
      row(dot(c.opening, c.opening, 8) + T.opening) +
      row(dot('%(grey)s', '%(grey)s', 5) + T.unplanned) +
      row(dot(c.voting, c.voting, 8) + T.voting) +
      row(dot('#ffffff', '#4a148c', 8) + T.dec) +
      row(dot(c.counting, c.counting, 8) + T.counting) +
      row(dot('%(base)s', '#000000', 11) + T.base) +
      row('<i style="display:inline-block;width:18px;height:3px;background:#1f77b4;' +
          'margin-right:5px;vertical-align:middle"></i>' + T.route) +
      row(dot('transparent', '#d50000', 9) + T.uncovered) + '</div></details>';
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo(map);
  // ---- place names, decluttered: important ones first, none on top of another
  var MINZ = %(min_zoom)s;
  STO.labels = DATA.places.map(function (p) {
    var m = L.marker([p[1], p[2]], {interactive: false, keyboard: false,
      icon: L.divIcon({className: 'sto-place sto-' + p[3], html: '<span>' + p[0] + '</span>',
        iconSize: null})});
    return {m: m, kind: p[3], weight: p[4], name: p[0], on: false};
  });
  STO.labels.sort(function (a, b) {
    var rank = {town: 0, dec: 1, village: 2};
    return (rank[a.kind] - rank[b.kind]) || (b.weight - a.weight);
  });
  STO.labelLayer = L.layerGroup().addTo(map);
  STO.declutter = function () {
    var z = map.getZoom(), view = map.getBounds(), boxes = [], shown = 0;
    var size = map.getSize(), origin = map.getContainer().getBoundingClientRect();
    // the controls (zoom, scale, legend, attribution) are obstacles too
    map.getContainer().querySelectorAll('.leaflet-control').forEach(function (c) {
      var r = c.getBoundingClientRect();
      boxes.push([r.left - origin.left, r.top - origin.top, r.right - origin.left,
                  r.bottom - origin.top]);
    });
    STO.labels.forEach(function (l) {
      var want = z >= MINZ[l.kind] && view.contains(l.m.getLatLng());
      if (want) {
        var pt = map.latLngToContainerPoint(l.m.getLatLng());
        var w = l.name.length * (l.kind === 'town' ? 7.5 : 6.5), h = 14;
        var box = [pt.x - w / 2, pt.y - h / 2, pt.x + w / 2, pt.y + h / 2];
        want = box[0] >= 0 && box[1] >= 0 && box[2] <= size.x && box[3] <= size.y &&
          !boxes.some(function (b) {
          return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3];
        });
        if (want) { boxes.push(box); shown++; }
      }
      if (want && !l.on) { l.m.addTo(STO.labelLayer); l.on = true; }
      if (!want && l.on) { STO.labelLayer.removeLayer(l.m); l.on = false; }
    });
    STO.shownLabels = shown;
    return shown;
  };
  map.on('zoomend moveend', STO.declutter);
  // ---- what is not covered, on demand (the Uncovered view)
  STO.uncoveredLayer = L.layerGroup().addTo(map);
  STO.setUncovered = function (points) {
    STO.uncoveredLayer.clearLayers();
    points.forEach(function (p) {
      L.circleMarker([p[0], p[1]], {renderer: renderer, radius: 6, weight: 2,
        color: '#d50000', fill: false, interactive: false}).addTo(STO.uncoveredLayer);
    });
    STO.uncoveredCount = points.length;
  };
  STO.setPlan(%(plan)s);
  STO.bounds = %(bounds)s;
  STO.touched = false;
  map.fitBounds(STO.bounds, {animate: false});
  STO.declutter();
  map.on('dragstart', function () { STO.touched = true; });
  map.on('resize', function () {
    if (!STO.touched) { map.fitBounds(STO.bounds, {animate: false}); }
  });
  STO.ready = true;
});
"""


def build_map_html(
    mission: Mission,
    plan: Plan | None,
    *,
    tiles: bool = False,
    legend: dict[str, str] | None = None,
) -> str:
    """A complete HTML page for the mission and plan (scripts from local files)."""
    fmap = folium.Map(
        location=[48.0, 67.0],
        zoom_start=5,
        tiles="OpenStreetMap" if tiles else None,
        prefer_canvas=True,
        control_scale=False,
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
        "base": BASE_COLOUR,
        "legend": json.dumps({**LEGEND_TEXT, **(legend or {})}, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e"),
        "phase_colours": json.dumps(PHASE_COLOURS),
        "min_zoom": json.dumps(LABEL_MIN_ZOOM),
    }
    fmap.get_root().script.add_child(folium.Element(script))  # type: ignore[attr-defined]
    css = (
        "<style>.leaflet-container{background:#dfe6ec;}"
        ".sto-legend{background:rgba(255,255,255,.93);padding:3px 7px;border:1px solid #888;"
        "border-radius:4px;font:11px/1.4 sans-serif}"
        ".sto-legend-grid{display:grid;grid-template-columns:auto auto;column-gap:10px}"
        ".sto-place{background:none;border:none}"
        ".sto-place span{position:absolute;white-space:nowrap;transform:translate(-50%,-50%);"
        "color:#333;"
        "font:11px sans-serif;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;"
        "pointer-events:none}"
        ".sto-town{font-weight:bold;font-size:12px}"
        ".sto-dec{color:#6a5d7b;font-size:10px;letter-spacing:.06em;text-transform:uppercase}"
        ".sto-village{font-style:italic}</style>"
    )
    fmap.get_root().header.add_child(folium.Element(css))  # type: ignore[attr-defined]
    return str(fmap.get_root().render())
