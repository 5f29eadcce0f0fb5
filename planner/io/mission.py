"""Read and write the mission GeoPackage: the only module that knows its layout.

A mission is one ``.gpkg`` file (SQLite; QGIS opens it). Layers are listed in
``docs/mission-file.md``. Saving is atomic: everything is written to a temporary
file in the same folder, flushed to disk, then renamed over the old file, so a
crash or a full disk leaves either the old or the new mission, never half of one.
"""

# size: mission file read/write; harden owns planner/io and splits _frames/_build
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import warnings
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from planner.errors import InputError, MissionFileError
from planner.io.observers import observers_frame, observers_from_rows
from planner.model import (
    Base,
    ChangeRecord,
    Dec,
    DecArea,
    Mission,
    Plan,
    PollingStation,
    Region,
    Settings,
    Team,
    TeamRoute,
    Visit,
    format_hhmm,
    parse_hhmm,
    settings_from_pairs,
)

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


_TEAM_COLUMNS = [
    *("team_id", "base_id", "members", "available", "driver", "interpreter", "phone"),
    *("observer_ids", "pinned"),
]


def now_iso() -> str:
    """The current UTC time as ISO 8601 text, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# --------------------------------------------------------------------------- save


def _multi(geom: BaseGeometry | None) -> BaseGeometry | None:
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    return geom


def _pt(lat: float | None, lon: float | None) -> Point | None:
    if lat is None or lon is None:
        return None
    return Point(lon, lat)


# size: one table per layer; harden splits it
def _frames(mission: Mission) -> dict[str, pd.DataFrame]:
    """Every layer of ``mission`` as a (Geo)DataFrame with its stored columns."""
    meta = {"schema_version": str(SCHEMA_VERSION), "app": APP_ID, "saved": now_iso()}
    out: dict[str, pd.DataFrame] = {
        "mission_meta": pd.DataFrame({"key": list(meta), "value": list(meta.values())}),
        "settings": pd.DataFrame(mission.settings.to_pairs(), columns=["key", "value"]),
    }

    def gdf(
        rows: list[dict[str, Any]], geoms: list[BaseGeometry | None], columns: list[str]
    ) -> gpd.GeoDataFrame:
        frame = pd.DataFrame(rows, columns=columns)
        return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)

    out["regions"] = gdf(
        [
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
        ],
        [_multi(r.geometry) for r in mission.regions],
        ["region_id", "name", "utc_offset_min", "base_id", "name_ru", "name_kk", "iso_code"],
    )
    out["dec_areas"] = gdf(
        [{"dec_id": a.dec_id, "region_id": a.region_id} for a in mission.dec_areas],
        [_multi(a.geometry) for a in mission.dec_areas],
        ["dec_id", "region_id"],
    )
    out["decs"] = gdf(
        [
            {"dec_id": d.dec_id, "region_id": d.region_id, "name": d.name, "seat_kind": d.seat_kind}
            for d in mission.decs
        ],
        [_pt(d.lat, d.lon) for d in mission.decs],
        ["dec_id", "region_id", "name", "seat_kind"],
    )
    ps_cols = [
        "ps_id",
        "pec_number",
        "region_id",
        "dec_id",
        "name",
        "address",
        "settlement",
        "kind",
        "voters",
        "open_time",
        "close_time",
        "priority",
        "status",
    ]
    out["polling_stations"] = gdf(
        [
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
        ],
        [_pt(p.lat, p.lon) for p in mission.polling_stations],
        ps_cols,
    )
    out["bases"] = gdf(
        [
            {
                "base_id": b.base_id,
                "name": b.name,
                "region_ids": ",".join(b.region_ids),
                "contacts": b.contacts,
            }
            for b in mission.bases
        ],
        [_pt(b.lat, b.lon) for b in mission.bases],
        ["base_id", "name", "region_ids", "contacts"],
    )
    out["teams"] = gdf(
        [
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
        ],
        [_pt(t.lat, t.lon) for t in mission.teams],
        _TEAM_COLUMNS,
    )
    out["observers"] = observers_frame(mission.observers)
    out["plans"] = pd.DataFrame(
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
    visit_geoms: list[BaseGeometry | None] = []
    for plan in mission.plans:
        for r in plan.routes:
            route_rows.append(
                {
                    "revision": plan.revision,
                    "team_id": r.team_id,
                    "start_lat": r.start_lat,
                    "start_lon": r.start_lon,
                    "depart_start": format_hhmm(r.depart_start),
                    "lunch_start": "" if r.lunch_start is None else format_hhmm(r.lunch_start),
                    "note": r.note,
                }
            )
            pts = [(r.start_lon, r.start_lat)] + [(v.lon, v.lat) for v in r.visits]
            route_geoms.append(LineString(pts) if len(pts) >= 2 else None)
            for seq, v in enumerate(r.visits, start=1):
                visit_rows.append(
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
                )
                visit_geoms.append(Point(v.lon, v.lat))
    out["plan_routes"] = gdf(
        route_rows,
        route_geoms,
        ["revision", "team_id", "start_lat", "start_lon", "depart_start", "lunch_start", "note"],
    )
    out["plan_visits"] = gdf(
        visit_rows,
        visit_geoms,
        [
            "revision",
            "team_id",
            "seq",
            "phase",
            "ps_id",
            "dec_id",
            "region_id",
            "lat",
            "lon",
            "arrive",
            "depart",
            "travel_min",
            "travel_km",
            "pinned",
        ],
    )
    out["change_log"] = pd.DataFrame(
        [
            {
                "seq": c.seq,
                "at": c.at,
                "kind": c.kind,
                "detail": c.detail,
                "plan_revision": c.plan_revision,
            }
            for c in mission.change_log
        ],
        columns=["seq", "at", "kind", "detail", "plan_revision"],
    )
    return out


def _write_layer(path: Path, layer: str, frame: pd.DataFrame, geometry_type: str | None) -> None:
    kwargs: dict[str, Any] = {"layer": layer, "driver": "GPKG"}
    if geometry_type is not None:
        kwargs["geometry_type"] = geometry_type
        kwargs["promote_to_multi"] = geometry_type.startswith("Multi")
    if frame.empty:
        # Give empty columns a definite type so GDAL can create them.
        frame = frame.astype({c: "object" for c in frame.columns if c != "geometry"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        pyogrio.write_dataframe(frame, path, **kwargs)


def save_mission(
    mission: Mission,
    path: str | os.PathLike[str],
    *,
    _write: Callable[[Path, str, pd.DataFrame, str | None], None] | None = None,
) -> None:
    """Write ``mission`` to ``path`` atomically (temp file, fsync, rename).

    On any failure the previous file at ``path`` is left exactly as it was and a
    :class:`MissionFileError` is raised. ``_write`` is for tests that simulate a
    failing disk.
    """
    target = Path(path)
    write = _write or _write_layer
    folder = target.parent if str(target.parent) else Path()
    if not folder.exists():
        raise MissionFileError(f"{target}: folder {folder} does not exist")
    tmp = folder / f".{target.name}.{os.getpid()}.saving"
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        for layer, frame in _frames(mission).items():
            write(tmp, layer, frame, LAYERS[layer])
        with tmp.open("rb+") as fh:
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                tmp.chmod(target.stat().st_mode & 0o777)
        tmp.replace(target)
        _fsync_dir(folder)
    except Exception as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, MissionFileError):
            raise
        raise MissionFileError(
            f"{target}: could not save the mission ({exc}); the previous file is unchanged"
        ) from exc


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- open


def _check_mission_file(path: Path) -> None:
    if not path.exists():
        raise MissionFileError(f"{path}: no such file")
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise MissionFileError(f"{path}: cannot be read ({exc.strerror})") from None
    if header != b"SQLite format 3\x00":
        raise MissionFileError(f"{path}: not a mission file (not a GeoPackage)")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "mission_meta" not in tables:
                raise MissionFileError(
                    f"{path}: a GeoPackage, but not an STO Planner mission "
                    "(no mission_meta table). Import its layers into a mission instead."
                )
            meta = dict(con.execute("SELECT key, value FROM mission_meta").fetchall())
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise MissionFileError(f"{path}: damaged mission file ({exc})") from None
    if meta.get("app") != APP_ID:
        raise MissionFileError(f"{path}: not an STO Planner mission")
    try:
        version = int(meta.get("schema_version", "0"))
    except ValueError:
        raise MissionFileError(f"{path}: unreadable schema version") from None
    if version > SCHEMA_VERSION:
        raise MissionFileError(
            f"{path}: made by a newer STO Planner (mission format {version}; this version "
            f"reads up to {SCHEMA_VERSION}). Update the program to open it."
        )


def _read(path: Path, layer: str, layers: set[str]) -> pd.DataFrame:
    if layer not in layers:
        return pd.DataFrame()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        frame: pd.DataFrame = pyogrio.read_dataframe(path, layer=layer)
    return frame


def _txt(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _opt_float(value: Any) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)


def _latlon(geom: Any) -> tuple[float | None, float | None]:
    if geom is None or getattr(geom, "is_empty", True):
        return None, None
    return float(geom.y), float(geom.x)


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    if frame.empty:
        return []
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def open_mission(path: str | os.PathLike[str]) -> Mission:
    """Read a mission file. Refuses non-mission and newer-version files clearly."""
    p = Path(path)
    _check_mission_file(p)
    try:
        layers = {str(name) for name, _ in pyogrio.list_layers(p)}
        return _build(p, layers)
    except (InputError, MissionFileError):
        raise
    except Exception as exc:  # a damaged or hand-edited file: say so, no traceback
        raise MissionFileError(f"{p}: damaged mission file ({exc})") from exc


# size: one layer per block; harden splits it
def _build(p: Path, layers: set[str]) -> Mission:
    settings_df = _read(p, "settings", layers)
    settings = (
        settings_from_pairs((str(r["key"]), _txt(r["value"])) for r in _rows(settings_df))
        if len(settings_df)
        else Settings()
    )

    regions = tuple(
        Region(
            region_id=str(r["region_id"]),
            name=_txt(r["name"]),
            utc_offset_min=int(r["utc_offset_min"]),
            base_id=_txt(r["base_id"]),
            geometry=r.get("geometry"),
            name_ru=_txt(r.get("name_ru")),
            name_kk=_txt(r.get("name_kk")),
            iso_code=_txt(r.get("iso_code")),
        )
        for r in _rows(_read(p, "regions", layers))
    )
    dec_areas = tuple(
        DecArea(dec_id=str(r["dec_id"]), region_id=_txt(r["region_id"]), geometry=r["geometry"])
        for r in _rows(_read(p, "dec_areas", layers))
        if r.get("geometry") is not None
    )
    decs = []
    for r in _rows(_read(p, "decs", layers)):
        lat, lon = _latlon(r.get("geometry"))
        decs.append(
            Dec(
                dec_id=str(r["dec_id"]),
                region_id=_txt(r["region_id"]),
                name=_txt(r["name"]),
                lat=lat or 0.0,
                lon=lon or 0.0,
                seat_kind=_txt(r.get("seat_kind")),
            )
        )
    stations = []
    for r in _rows(_read(p, "polling_stations", layers)):
        lat, lon = _latlon(r.get("geometry"))
        prio = r.get("priority")
        stations.append(
            PollingStation(
                ps_id=str(r["ps_id"]),
                pec_number=int(r["pec_number"]),
                region_id=_txt(r["region_id"]),
                dec_id=_txt(r["dec_id"]),
                name=_txt(r["name"]),
                address=_txt(r["address"]),
                settlement=_txt(r["settlement"]),  # type: ignore[arg-type]
                kind=_txt(r["kind"]),  # type: ignore[arg-type]
                voters=int(r["voters"]),
                open_time=parse_hhmm(_txt(r["open_time"])),
                close_time=parse_hhmm(_txt(r["close_time"])),
                lat=lat,
                lon=lon,
                priority=1.0 if prio is None or pd.isna(prio) else float(prio),
                status=_txt(r.get("status")) or "open",  # type: ignore[arg-type]
            )
        )
    bases = []
    for r in _rows(_read(p, "bases", layers)):
        lat, lon = _latlon(r.get("geometry"))
        bases.append(
            Base(
                base_id=str(r["base_id"]),
                name=_txt(r["name"]),
                region_ids=tuple(x.strip() for x in _txt(r["region_ids"]).split(",") if x.strip()),
                lat=lat or 0.0,
                lon=lon or 0.0,
                contacts=_txt(r.get("contacts")),
            )
        )
    teams = []
    for r in _rows(_read(p, "teams", layers)):
        lat, lon = _latlon(r.get("geometry"))
        avail = r.get("available")
        teams.append(
            Team(
                team_id=str(r["team_id"]),
                base_id=_txt(r["base_id"]),
                members=tuple(m.strip() for m in _txt(r["members"]).split(";") if m.strip()),
                available=True if avail is None or pd.isna(avail) else bool(int(avail)),
                lat=lat,
                lon=lon,
                driver=_txt(r.get("driver")),
                interpreter=_txt(r.get("interpreter")),
                phone=_txt(r.get("phone")),
                observer_ids=tuple(x for x in _txt(r.get("observer_ids")).split(";") if x),
                pinned=_txt(r.get("pinned")) in ("1", "1.0", "True"),
            )
        )
    plans = _read_plans(p, layers)
    change_log = tuple(
        ChangeRecord(
            seq=int(r["seq"]),
            at=_txt(r["at"]),
            kind=_txt(r["kind"]),
            detail=_txt(r["detail"]),
            plan_revision=int(r["plan_revision"] or 0),
        )
        for r in _rows(_read(p, "change_log", layers))
    )
    return Mission(
        regions=regions,
        decs=tuple(decs),
        polling_stations=tuple(stations),
        bases=tuple(bases),
        teams=tuple(teams),
        dec_areas=dec_areas,
        settings=settings,
        plans=plans,
        change_log=change_log,
        observers=observers_from_rows(_rows(_read(p, "observers", layers))),
    )


def _read_plans(p: Path, layers: set[str]) -> tuple[Plan, ...]:
    plan_rows = list(_rows(_read(p, "plans", layers)))
    if not plan_rows:
        return ()
    visits: dict[tuple[int, str], list[tuple[int, Visit]]] = {}
    for r in _rows(_read(p, "plan_visits", layers)):
        key = (int(r["revision"]), str(r["team_id"]))
        visits.setdefault(key, []).append(
            (
                int(r["seq"]),
                Visit(
                    phase=_txt(r["phase"]),  # type: ignore[arg-type]
                    ps_id=_txt(r["ps_id"]),
                    dec_id=_txt(r["dec_id"]),
                    region_id=_txt(r["region_id"]),
                    lat=float(r["lat"]),
                    lon=float(r["lon"]),
                    arrive=parse_hhmm(_txt(r["arrive"])),
                    depart=parse_hhmm(_txt(r["depart"])),
                    travel_min=int(r["travel_min"]),
                    travel_km=float(r["travel_km"]),
                    pinned=bool(int(r["pinned"] or 0)),
                ),
            )
        )
    routes: dict[int, list[TeamRoute]] = {}
    for r in _rows(_read(p, "plan_routes", layers)):
        rev, team = int(r["revision"]), str(r["team_id"])
        stops = tuple(v for _, v in sorted(visits.get((rev, team), []), key=lambda x: x[0]))
        lunch = _txt(r["lunch_start"])
        routes.setdefault(rev, []).append(
            TeamRoute(
                team_id=team,
                start_lat=float(r["start_lat"]),
                start_lon=float(r["start_lon"]),
                depart_start=parse_hhmm(_txt(r["depart_start"])),
                visits=stops,
                lunch_start=parse_hhmm(lunch) if lunch else None,
                note=_txt(r["note"]),
            )
        )
    plans = []
    for r in sorted(plan_rows, key=lambda x: int(x["revision"])):
        rev = int(r["revision"])
        plans.append(
            Plan(
                routes=tuple(routes.get(rev, [])),
                revision=rev,
                parent=int(r["parent"] or 0),
                created=_txt(r["created"]),
                seed=int(r["seed"] or 0),
                label=_txt(r["label"]),
                unassigned_teams=tuple(x for x in _txt(r["unassigned_teams"]).split(",") if x),
            )
        )
    return tuple(plans)


# --------------------------------------------------------------------------- helpers


def new_mission(settings: Settings | None = None) -> Mission:
    """An empty mission (layers are filled by imports)."""
    return Mission(settings=settings or Settings())


def record(
    mission: Mission, kind: str, detail: dict[str, Any] | list[Any] | str, plan_revision: int = 0
) -> Mission:
    """``mission`` with one change-log entry appended (detail stored as JSON)."""
    text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)
    return mission.with_change(kind, text, now_iso(), plan_revision)


def with_layer(mission: Mission, kind: str, items: tuple[Any, ...]) -> Mission:
    """``mission`` with one input layer replaced (``kind`` as in the import command)."""
    if kind not in ("regions", "decs", "dec_areas", "polling_stations", "bases", "teams"):
        if kind == "observers":
            return replace(mission, observers=items)
        raise ValueError(f"unknown layer {kind}")
    return replace(mission, **{kind: items})  # type: ignore[arg-type]
