"""Read and write the mission GeoPackage: the only module that knows its layout.

A mission is one ``.gpkg`` file (SQLite; QGIS opens it). Layers are listed in
``docs/mission-file.md``. Saving is atomic: everything is written to a temporary
file in the same folder, flushed to disk, then renamed over the old file, so a
crash or a full disk leaves either the old or the new mission, never half of one.

Nothing in a file is trusted (docs/security.md): opening refuses a file with a missing
layer or a schema version out of range, names the layer and row of a bad stored value,
and never reads the routing server setting. A writer uses :class:`MissionSession`:
it holds the mission's lock (:mod:`planner.io.lock`) and refuses to save over a file
that changed since it was read; :func:`save_mission` also refuses read-only files and
writes through symbolic links.
"""

# size: read, write and lock; to split into modules (issue 10 shape pass)
from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import sqlite3
import stat
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from planner.errors import InputError, MissionFileError
from planner.io.lock import FileStamp, MissionLock, real_path
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


#: Layers a mission written before they existed may lack (read as empty).
OPTIONAL_LAYERS = frozenset({"observers"})

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


# size: to split into named steps (issue 10 shape pass)
def _frames(mission: Mission) -> dict[str, pd.DataFrame]:
    """Every layer of ``mission`` as a (Geo)DataFrame with its stored columns."""
    meta = {"schema_version": str(SCHEMA_VERSION), "app": APP_ID, "saved": now_iso()}
    out: dict[str, pd.DataFrame] = {
        "mission_meta": pd.DataFrame({"key": list(meta), "value": list(meta.values())}),
        "settings": pd.DataFrame(
            [(k, "" if k in UNTRUSTED_SETTINGS else v) for k, v in mission.settings.to_pairs()],
            columns=["key", "value"],
        ),
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


#: Settings a mission file may hold but that are never taken from one: a routing
#: server is the user's own choice (app settings or ``--routing-server``), so a file
#: from elsewhere cannot make the laptop talk to a machine of its author's choosing.
UNTRUSTED_SETTINGS = frozenset({"routing_server_url"})

_ANY: Any = object()  # save_mission(expect=...): do not compare stamps


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _size_needed(mission: Mission, target: Path) -> int:
    """A generous estimate of the bytes a save needs (old file, or rows x 1 KB)."""
    rows = (
        len(mission.polling_stations)
        + len(mission.decs)
        + len(mission.teams)
        + len(mission.change_log)
        + sum(len(r.visits) + 1 for p in mission.plans for r in p.routes)
    )
    old = target.stat().st_size if target.exists() else 0
    return max(old, rows * 1024) + 1024 * 1024


def _check_writable(target: Path, folder: Path) -> None:
    if target.exists():
        st = target.stat()
        if not stat.S_ISREG(st.st_mode):
            raise MissionFileError(f"{target}: not a regular file; nothing was saved")
        if not st.st_mode & 0o222:
            raise MissionFileError(
                f"{target}: the file is read-only; nothing was saved (make it writable, "
                "or save a copy under another name)"
            )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise MissionFileError(
            f"{target}: the folder {folder} is read-only; nothing was saved "
            "(save a copy in a folder you can write to)"
        )


# size: to split into named steps (issue 10 shape pass)
def save_mission(
    mission: Mission,
    path: str | os.PathLike[str],
    *,
    expect: FileStamp | None = _ANY,
    _write: Callable[[Path, str, pd.DataFrame, str | None], None] | None = None,
) -> FileStamp | None:
    """Write ``mission`` to ``path`` atomically (temp file, fsync, rename).

    On any failure the previous file at ``path`` is left exactly as it was and a
    :class:`MissionFileError` is raised. A symbolic link is written through: its
    target is replaced and the link kept. A read-only file is refused. With
    ``expect`` (the :class:`FileStamp` taken when the file was read, None = there was
    no file) the save is refused when the file changed since. Returns the stamp of
    the new file. ``_write`` is for tests that simulate a failing disk.
    """
    shown = Path(path)
    target = real_path(shown)
    write = _write or _write_layer
    folder = target.parent
    if not folder.exists():
        raise MissionFileError(f"{shown}: folder {folder} does not exist")
    _check_writable(target, folder)
    if expect is not _ANY and FileStamp.of(target) != expect:
        raise MissionFileError(
            f"{shown}: the file was changed by another program since it was read; "
            "nothing was saved (open it again to see the other change)"
        )
    needed = _size_needed(mission, target)
    free = _free_bytes(folder)
    if free is not None and free < needed:
        raise MissionFileError(
            f"{shown}: not enough free disk space in {folder} ({free // 2**20} MB free, "
            f"about {needed // 2**20 + 1} MB needed); nothing was saved"
        )
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
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in _SQLITE_SIDE_FILES)):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, MissionFileError):
            raise
        free = _free_bytes(folder)
        full = getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or (
            free is not None and free < needed
        )
        if full:
            raise MissionFileError(
                f"{shown}: the disk is full ({(free or 0) // 2**20} MB free in {folder}); "
                "the previous file is unchanged"
            ) from exc
        raise MissionFileError(
            f"{shown}: could not save the mission ({exc}); the previous file is unchanged"
        ) from exc
    return FileStamp.of(target)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
_SAVING = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.saving(?:-journal|-wal|-shm)?$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftover from an earlier, failed save
    if os.name != "posix":  # pragma: no cover - Windows: trust only old leftovers
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_stale_saves(path: str | os.PathLike[str]) -> list[Path]:
    """Remove ``.NAME.gpkg.PID.saving`` files (and their SQLite journals) that a save
    killed mid-way left beside the mission; a live process's are kept. Returns the
    files removed."""
    target = real_path(path)
    removed: list[Path] = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = _SAVING.match(entry.name)
        if m is None or m["name"] != target.name:
            continue
        stale = not _alive(int(m["pid"]))
        if os.name != "posix":  # pragma: no cover - Windows
            with contextlib.suppress(OSError):
                stale = time.time() - entry.stat().st_mtime > 3600
        if stale:
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


# --------------------------------------------------------------------------- open


def _locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _locked_error(path: Path) -> MissionFileError:
    return MissionFileError(
        f"{path}: the file is locked by another program (QGIS, or a copy of STO Planner "
        "saving it); close it there and try again"
    )


def _check_mission_file(path: Path) -> None:  # noqa: PLR0912  # size: to split into named steps (issue 10 shape pass)
    if not path.exists():
        raise MissionFileError(f"{path}: no such file")
    if not path.is_file():
        raise MissionFileError(f"{path}: not a mission file (not a regular file)")
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise MissionFileError(f"{path}: cannot be read ({exc.strerror})") from None
    if header != b"SQLite format 3\x00":
        raise MissionFileError(f"{path}: not a mission file (not a GeoPackage)")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "mission_meta" not in tables:
                raise MissionFileError(
                    f"{path}: a GeoPackage, but not an STO Planner mission "
                    "(no mission_meta table). Import its layers into a mission instead."
                )
            meta = {str(k): str(v) for k, v in con.execute("SELECT key, value FROM mission_meta")}
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if _locked(exc):
            raise _locked_error(path) from None
        raise MissionFileError(f"{path}: damaged mission file ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise MissionFileError(f"{path}: damaged mission file ({exc})") from None
    if meta.get("app") != APP_ID:
        raise MissionFileError(f"{path}: not an STO Planner mission")
    raw = meta.get("schema_version")
    if raw is None:
        raise MissionFileError(f"{path}: damaged mission file (no schema_version in mission_meta)")
    try:
        version = int(raw.strip())
    except ValueError:
        raise MissionFileError(f"{path}: unreadable schema version {raw[:20]!r}") from None
    if version > SCHEMA_VERSION:
        raise MissionFileError(
            f"{path}: made by a newer STO Planner (mission format {version}; this version "
            f"reads up to {SCHEMA_VERSION}). Update the program to open it."
        )
    if version < 1:
        raise MissionFileError(
            f"{path}: damaged mission file (schema_version {version}; formats start at 1)"
        )
    missing = [name for name in LAYERS if name not in tables and name not in OPTIONAL_LAYERS]
    if missing:
        raise MissionFileError(
            f"{path}: damaged mission file: layer(s) {', '.join(missing)} missing (deleted "
            "by another program?). Nothing was changed; restore a backup copy."
        )


def _read(path: Path, layer: str) -> pd.DataFrame:
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


T = TypeVar("T")


def _layer(path: Path, layer: str, make: Callable[[dict[str, Any]], T | None]) -> list[T]:
    """``make(row)`` for every row of ``layer``; a bad stored value is reported with
    its layer and row (feature 1 = the first row, as QGIS numbers them)."""
    out: list[T] = []
    for number, row in enumerate(_rows(_read(path, layer)), start=1):
        try:
            item = make(row)
        except Exception as exc:
            reason = (
                "; ".join(p.message for p in exc.problems)
                if isinstance(exc, InputError)
                else (f"missing column {exc}" if isinstance(exc, KeyError) else str(exc))
            )
            reason = " ".join(reason.split())
            if len(reason) > 300:
                reason = reason[:297] + "..."
            raise MissionFileError(
                f"{path}: damaged mission file: layer {layer}, row {number}: {reason}"
            ) from None
        if item is not None:
            out.append(item)
    return out


def open_mission(path: str | os.PathLike[str]) -> Mission:
    """Read a mission file. Refuses non-mission, damaged and newer-version files
    clearly; removes what a killed save left beside it."""
    p = Path(path)
    _check_mission_file(p)
    clean_stale_saves(p)
    try:
        return _build(p)
    except MissionFileError:
        raise
    except Exception as exc:  # a damaged or hand-edited file: say so, no traceback
        if _locked(exc):
            raise _locked_error(p) from None
        raise MissionFileError(f"{p}: damaged mission file ({exc})") from exc


def _settings(p: Path) -> Settings:
    pairs = [
        (str(r["key"]), _txt(r["value"]))
        for r in _rows(_read(p, "settings"))
        if str(r["key"]) not in UNTRUSTED_SETTINGS
    ]
    try:
        return settings_from_pairs(pairs) if pairs else Settings()
    except InputError as exc:
        reason = "; ".join(q.message for q in exc.problems)
        raise MissionFileError(f"{p}: damaged mission file: layer settings: {reason}") from None


# size: to split into named steps (issue 10 shape pass)
def _build(p: Path) -> Mission:
    settings = _settings(p)
    regions = _layer(
        p,
        "regions",
        lambda r: Region(
            region_id=str(r["region_id"]),
            name=_txt(r["name"]),
            utc_offset_min=int(r["utc_offset_min"]),
            base_id=_txt(r["base_id"]),
            geometry=r.get("geometry"),
            name_ru=_txt(r.get("name_ru")),
            name_kk=_txt(r.get("name_kk")),
            iso_code=_txt(r.get("iso_code")),
        ),
    )
    dec_areas = _layer(
        p,
        "dec_areas",
        lambda r: (
            DecArea(dec_id=str(r["dec_id"]), region_id=_txt(r["region_id"]), geometry=r["geometry"])
            if r.get("geometry") is not None
            else None
        ),
    )

    def dec(r: dict[str, Any]) -> Dec:
        lat, lon = _latlon(r.get("geometry"))
        return Dec(
            dec_id=str(r["dec_id"]),
            region_id=_txt(r["region_id"]),
            name=_txt(r["name"]),
            lat=lat or 0.0,
            lon=lon or 0.0,
            seat_kind=_txt(r.get("seat_kind")),
        )

    def station(r: dict[str, Any]) -> PollingStation:
        lat, lon = _latlon(r.get("geometry"))
        prio = r.get("priority")
        return PollingStation(
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

    def base(r: dict[str, Any]) -> Base:
        lat, lon = _latlon(r.get("geometry"))
        return Base(
            base_id=str(r["base_id"]),
            name=_txt(r["name"]),
            region_ids=tuple(x.strip() for x in _txt(r["region_ids"]).split(",") if x.strip()),
            lat=lat or 0.0,
            lon=lon or 0.0,
            contacts=_txt(r.get("contacts")),
        )

    def team(r: dict[str, Any]) -> Team:
        lat, lon = _latlon(r.get("geometry"))
        avail = r.get("available")
        return Team(
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

    decs = _layer(p, "decs", dec)
    stations = _layer(p, "polling_stations", station)
    bases = _layer(p, "bases", base)
    teams = _layer(p, "teams", team)
    plans = _read_plans(p)
    change_log = _layer(
        p,
        "change_log",
        lambda r: ChangeRecord(
            seq=int(r["seq"]),
            at=_txt(r["at"]),
            kind=_txt(r["kind"]),
            detail=_txt(r["detail"]),
            plan_revision=int(r["plan_revision"] or 0),
        ),
    )
    return Mission(
        regions=tuple(regions),
        decs=tuple(decs),
        polling_stations=tuple(stations),
        bases=tuple(bases),
        teams=tuple(teams),
        dec_areas=tuple(dec_areas),
        settings=settings,
        plans=plans,
        change_log=tuple(change_log),
        observers=observers_from_rows(_rows(_read(p, "observers"))) if _has(p, "observers") else (),
    )


def _has(path: Path, layer: str) -> bool:
    """Whether the file has ``layer`` (optional layers of older missions)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0)
    try:
        row = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (layer,)
        ).fetchone()
    finally:
        con.close()
    return row is not None


# size: to split into named steps (issue 10 shape pass)
def _read_plans(p: Path) -> tuple[Plan, ...]:
    plan_rows = _layer(p, "plans", lambda r: r)
    if not plan_rows:
        return ()
    visits: dict[tuple[int, str], list[tuple[int, Visit]]] = {}

    def visit(r: dict[str, Any]) -> None:
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

    _layer(p, "plan_visits", visit)
    routes: dict[int, list[TeamRoute]] = {}

    def route(r: dict[str, Any]) -> None:
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

    _layer(p, "plan_routes", route)
    by_revision: dict[int, dict[str, Any]] = {}
    for number, r in enumerate(plan_rows, start=1):
        try:
            by_revision[int(r["revision"])] = r
        except (KeyError, TypeError, ValueError):
            raise MissionFileError(
                f"{p}: damaged mission file: layer plans, row {number}: bad revision"
            ) from None

    def plan(r: dict[str, Any]) -> Plan:
        rev = int(r["revision"])
        return Plan(
            routes=tuple(routes.get(rev, [])),
            revision=rev,
            parent=int(r["parent"] or 0),
            created=_txt(r["created"]),
            seed=int(r["seed"] or 0),
            label=_txt(r["label"]),
            unassigned_teams=tuple(x for x in _txt(r["unassigned_teams"]).split(",") if x),
        )

    plans = []
    for number, rev in enumerate(sorted(by_revision), start=1):
        try:
            plans.append(plan(by_revision[rev]))
        except Exception as exc:
            raise MissionFileError(
                f"{p}: damaged mission file: layer plans, revision {rev}: {exc}"
            ) from None
        del number
    return tuple(plans)


# --------------------------------------------------------------------------- session


class MissionSession:
    """A mission opened for writing: the lock is held and the file's stamp kept, so a
    save refuses when another program changed the file since (see :mod:`lock`).

    ::

        with MissionSession(path) as session:
            mission = session.mission
            ...
            session.save(updated)

    With ``create`` a missing file is allowed (``mission`` is then None until saved).
    With ``read_only`` no lock is taken and :meth:`save` is refused (``--dry-run``).
    """

    def __init__(
        self, path: str | os.PathLike[str], *, create: bool = False, read_only: bool = False
    ) -> None:
        self.path = Path(path)
        self.lock = MissionLock(self.path)
        self.create = create
        self.read_only = read_only
        self.stamp: FileStamp | None = None
        self.mission: Mission | None = None

    def __enter__(self) -> MissionSession:
        if self.read_only:
            self.mission = open_mission(self.path)
            return self
        self.lock.acquire()
        try:
            target = real_path(self.path)
            self.stamp = FileStamp.of(target)
            if self.stamp is None and self.create:
                clean_stale_saves(self.path)
                return self
            self.mission = open_mission(self.path)
        except BaseException:
            self.lock.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock.release()

    def require(self) -> Mission:
        """The mission read on entry (an error when the file did not exist)."""
        if self.mission is None:
            raise MissionFileError(f"{self.path}: no such file")
        return self.mission

    def save(self, mission: Mission) -> None:
        """Store ``mission`` atomically, refusing when the file changed since read."""
        if self.read_only or not self.lock.held:
            raise MissionFileError(f"{self.path}: not open for writing")
        self.stamp = save_mission(mission, self.path, expect=self.stamp)
        self.mission = mission


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
