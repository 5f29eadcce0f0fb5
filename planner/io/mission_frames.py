"""A mission as the (Geo)DataFrames of its stored layers, one builder per layer group
(the layout is in :mod:`planner.io.mission_layout` and docs/mission-file.md)."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from planner.io.mission_layout import (
    APP_ID,
    CRS,
    LAYERS,
    SCHEMA_VERSION,
    UNTRUSTED_SETTINGS,
    now_iso,
)
from planner.io.observers import observers_frame
from planner.model import Mission, Plan, format_hhmm

_TEAM_COLUMNS = [
    *("team_id", "base_id", "members", "available", "driver", "interpreter", "phone"),
    *("observer_ids", "pinned"),
]
_STATION_COLUMNS = [
    *("ps_id", "pec_number", "region_id", "dec_id", "name", "address", "settlement"),
    *("kind", "voters", "open_time", "close_time", "priority", "status"),
]
_ROUTE_COLUMNS = [
    *("revision", "team_id", "start_lat", "start_lon", "depart_start", "lunch_start", "note"),
    "count_margin",
]
_VISIT_COLUMNS = [
    *("revision", "team_id", "seq", "phase", "ps_id", "dec_id", "region_id", "lat", "lon"),
    *("arrive", "depart", "travel_min", "travel_km", "pinned"),
]

Frames = dict[str, pd.DataFrame]


def _multi(geom: BaseGeometry | None) -> BaseGeometry | None:
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    return geom


def _pt(lat: float | None, lon: float | None) -> Point | None:
    if lat is None or lon is None:
        return None
    return Point(lon, lat)


def _gdf(
    rows: list[dict[str, Any]], geoms: list[BaseGeometry | None], columns: list[str]
) -> gpd.GeoDataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


def frames(mission: Mission) -> Frames:
    """Every layer of ``mission`` as a (Geo)DataFrame with its stored columns, in the
    order the layers are written."""
    out: Frames = {}
    for step in (_meta, _areas, _decs_and_stations, _bases_and_teams, _plans, _change_log):
        out.update(step(mission))
    return {name: out[name] for name in LAYERS}


def _meta(mission: Mission) -> Frames:
    meta = {"schema_version": str(SCHEMA_VERSION), "app": APP_ID, "saved": now_iso()}
    return {
        "mission_meta": pd.DataFrame({"key": list(meta), "value": list(meta.values())}),
        "settings": pd.DataFrame(
            [(k, "" if k in UNTRUSTED_SETTINGS else v) for k, v in mission.settings.to_pairs()],
            columns=["key", "value"],
        ),
    }


def _areas(mission: Mission) -> Frames:
    region_columns = [
        *("region_id", "name", "utc_offset_min", "base_id", "name_ru", "name_kk", "iso_code")
    ]
    regions = [
        {
            "region_id": r.region_id,
            "name": r.name,
            "utc_offset_min": r.utc_offset_min,
            "base_id": r.base_id,
            "name_ru": r.name_ru,
            "name_kk": r.name_kk,
            "iso_code": r.iso_code,
        }
        for r in mission.regions
    ]
    return {
        "regions": _gdf(regions, [_multi(r.geometry) for r in mission.regions], region_columns),
        "dec_areas": _gdf(
            [{"dec_id": a.dec_id, "region_id": a.region_id} for a in mission.dec_areas],
            [_multi(a.geometry) for a in mission.dec_areas],
            ["dec_id", "region_id"],
        ),
    }


def _decs_and_stations(mission: Mission) -> Frames:
    stations = [
        {
            "ps_id": p.ps_id,
            "pec_number": p.pec_number,
            "region_id": p.region_id,
            "dec_id": p.dec_id,
            "name": p.name,
            "address": p.address,
            "settlement": p.settlement,
            "kind": p.kind,
            "voters": p.voters,
            "open_time": format_hhmm(p.open_time),
            "close_time": format_hhmm(p.close_time),
            "priority": p.priority,
            "status": p.status,
        }
        for p in mission.polling_stations
    ]
    return {
        "decs": _gdf(
            [
                {
                    "dec_id": d.dec_id,
                    "region_id": d.region_id,
                    "name": d.name,
                    "seat_kind": d.seat_kind,
                }
                for d in mission.decs
            ],
            [_pt(d.lat, d.lon) for d in mission.decs],
            ["dec_id", "region_id", "name", "seat_kind"],
        ),
        "polling_stations": _gdf(
            stations, [_pt(p.lat, p.lon) for p in mission.polling_stations], _STATION_COLUMNS
        ),
    }


def _bases_and_teams(mission: Mission) -> Frames:
    bases = [
        {
            "base_id": b.base_id,
            "name": b.name,
            "region_ids": ",".join(b.region_ids),
            "contacts": b.contacts,
        }
        for b in mission.bases
    ]
    teams = [
        {
            "team_id": t.team_id,
            "base_id": t.base_id,
            "members": "; ".join(t.members),
            "available": int(t.available),
            "driver": t.driver,
            "interpreter": t.interpreter,
            "phone": t.phone,
            "observer_ids": ";".join(t.observer_ids),
            "pinned": int(t.pinned),
        }
        for t in mission.teams
    ]
    return {
        "bases": _gdf(
            bases,
            [_pt(b.lat, b.lon) for b in mission.bases],
            ["base_id", "name", "region_ids", "contacts"],
        ),
        "teams": _gdf(teams, [_pt(t.lat, t.lon) for t in mission.teams], _TEAM_COLUMNS),
        "observers": observers_frame(mission.observers),
    }


def _plans(mission: Mission) -> Frames:
    plans = pd.DataFrame(
        [
            {
                "revision": p.revision,
                "parent": p.parent,
                "created": p.created,
                "seed": p.seed,
                "label": p.label,
                "unassigned_teams": ",".join(p.unassigned_teams),
            }
            for p in mission.plans
        ],
        columns=["revision", "parent", "created", "seed", "label", "unassigned_teams"],
    )
    route_rows: list[dict[str, Any]] = []
    route_geoms: list[BaseGeometry | None] = []
    visit_rows: list[dict[str, Any]] = []
    for plan in mission.plans:
        rows, geoms = _route_rows(plan)
        route_rows += rows
        route_geoms += geoms
        visit_rows += _visit_rows(plan)
    visit_geoms: list[BaseGeometry | None] = [Point(v["lon"], v["lat"]) for v in visit_rows]
    return {
        "plans": plans,
        "plan_routes": _gdf(route_rows, route_geoms, _ROUTE_COLUMNS),
        "plan_visits": _gdf(visit_rows, visit_geoms, _VISIT_COLUMNS),
    }


def _route_rows(plan: Plan) -> tuple[list[dict[str, Any]], list[BaseGeometry | None]]:
    rows: list[dict[str, Any]] = []
    geoms: list[BaseGeometry | None] = []
    for r in plan.routes:
        rows.append(
            {
                "revision": plan.revision,
                "team_id": r.team_id,
                "start_lat": r.start_lat,
                "start_lon": r.start_lon,
                "depart_start": format_hhmm(r.depart_start),
                "lunch_start": "" if r.lunch_start is None else format_hhmm(r.lunch_start),
                "note": r.note,
                "count_margin": "" if r.count_margin_min is None else str(r.count_margin_min),
            }
        )
        pts = [(r.start_lon, r.start_lat)] + [(v.lon, v.lat) for v in r.visits]
        geoms.append(LineString(pts) if len(pts) >= 2 else None)
    return rows, geoms


def _visit_rows(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "revision": plan.revision,
            "team_id": r.team_id,
            "seq": seq,
            "phase": v.phase,
            "ps_id": v.ps_id,
            "dec_id": v.dec_id,
            "region_id": v.region_id,
            "lat": v.lat,
            "lon": v.lon,
            "arrive": format_hhmm(v.arrive),
            "depart": format_hhmm(v.depart),
            "travel_min": v.travel_min,
            "travel_km": v.travel_km,
            "pinned": int(v.pinned),
        }
        for r in plan.routes
        for seq, v in enumerate(r.visits, start=1)
    ]


def _change_log(mission: Mission) -> Frames:
    log = [
        {
            "seq": c.seq,
            "at": c.at,
            "kind": c.kind,
            "detail": c.detail,
            "plan_revision": c.plan_revision,
        }
        for c in mission.change_log
    ]
    return {
        "change_log": pd.DataFrame(log, columns=["seq", "at", "kind", "detail", "plan_revision"])
    }
