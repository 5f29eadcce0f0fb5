"""Build a :class:`Mission` from the layers of a checked mission file (the checks are
in :mod:`planner.io.mission_check`). A bad stored value is reported with its layer and
row; the routing server setting is never read (docs/security.md)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import pyogrio

from planner.errors import InputError, MissionFileError
from planner.i18n import msg
from planner.io.mission_check import has_layer
from planner.io.mission_layout import UNTRUSTED_SETTINGS
from planner.io.observers import observers_from_rows
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
    parse_hhmm,
    settings_from_pairs,
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


def build_mission(p: Path) -> Mission:
    """The mission stored in the (checked) file ``p``, layers read in a fixed order so
    the first damaged one is the one reported."""
    settings = _settings(p)
    regions = _layer(p, "regions", _region)
    dec_areas = _layer(p, "dec_areas", _dec_area)
    decs = _layer(p, "decs", _dec)
    stations = _layer(p, "polling_stations", _station)
    bases = _layer(p, "bases", _base)
    teams = _layer(p, "teams", _team)
    plans = _read_plans(p)
    change_log = _layer(p, "change_log", _change)
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
        observers=(
            observers_from_rows(_rows(_read(p, "observers"))) if has_layer(p, "observers") else ()
        ),
    )


def _region(r: dict[str, Any]) -> Region:
    return Region(
        region_id=str(r["region_id"]),
        name=_txt(r["name"]),
        utc_offset_min=int(r["utc_offset_min"]),
        base_id=_txt(r["base_id"]),
        geometry=r.get("geometry"),
        name_ru=_txt(r.get("name_ru")),
        name_kk=_txt(r.get("name_kk")),
        iso_code=_txt(r.get("iso_code")),
    )


def _dec_area(r: dict[str, Any]) -> DecArea | None:
    if r.get("geometry") is None:
        return None
    return DecArea(dec_id=str(r["dec_id"]), region_id=_txt(r["region_id"]), geometry=r["geometry"])


def _dec(r: dict[str, Any]) -> Dec:
    lat, lon = _latlon(r.get("geometry"))
    return Dec(
        dec_id=str(r["dec_id"]),
        region_id=_txt(r["region_id"]),
        name=_txt(r["name"]),
        lat=lat or 0.0,
        lon=lon or 0.0,
        seat_kind=_txt(r.get("seat_kind")),
    )


def _station(r: dict[str, Any]) -> PollingStation:
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


def _base(r: dict[str, Any]) -> Base:
    lat, lon = _latlon(r.get("geometry"))
    return Base(
        base_id=str(r["base_id"]),
        name=_txt(r["name"]),
        region_ids=tuple(x.strip() for x in _txt(r["region_ids"]).split(",") if x.strip()),
        lat=lat or 0.0,
        lon=lon or 0.0,
        contacts=_txt(r.get("contacts")),
    )


def _team(r: dict[str, Any]) -> Team:
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


def _change(r: dict[str, Any]) -> ChangeRecord:
    return ChangeRecord(
        seq=int(r["seq"]),
        at=_txt(r["at"]),
        kind=_txt(r["kind"]),
        detail=_txt(r["detail"]),
        plan_revision=int(r["plan_revision"] or 0),
    )


# --------------------------------------------------------------------------- plans


def _read_plans(p: Path) -> tuple[Plan, ...]:
    plan_rows = _layer(p, "plans", lambda r: r)
    if not plan_rows:
        return ()
    routes = _read_routes(p, _read_visits(p))
    by_revision: dict[int, dict[str, Any]] = {}
    for number, r in enumerate(plan_rows, start=1):
        try:
            by_revision[int(r["revision"])] = r
        except (KeyError, TypeError, ValueError):
            raise MissionFileError(
                f"{p}: damaged mission file: layer plans, row {number}: bad revision"
            ) from None
    plans = []
    for rev in sorted(by_revision):
        try:
            plans.append(_plan(by_revision[rev], routes))
        except Exception as exc:
            raise MissionFileError(
                msg(
                    "{path}: damaged mission file: layer plans, revision {revision}: {error}",
                    path=p,
                    revision=rev,
                    error=str(exc),
                )
            ) from None
    return tuple(plans)


def _plan(r: dict[str, Any], routes: dict[int, list[TeamRoute]]) -> Plan:
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


_VisitsByRoute = dict[tuple[int, str], list[tuple[int, Visit]]]


def _read_visits(p: Path) -> _VisitsByRoute:
    """Stored visits by (revision, team), each with its sequence number."""
    visits: _VisitsByRoute = {}

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
    return visits


def _margin(text: str) -> int | None:
    """A stored count margin: empty = the setting; else whole minutes, 0-240."""
    if not text:
        return None
    value = int(float(text))
    if not 0 <= value <= 240:
        raise ValueError(f"count_margin {text!r} is not between 0 and 240 minutes")
    return value


def _read_routes(p: Path, visits: _VisitsByRoute) -> dict[int, list[TeamRoute]]:
    """Stored routes by revision, each with its visits in sequence order."""
    routes: dict[int, list[TeamRoute]] = {}

    def route(r: dict[str, Any]) -> None:
        rev, team = int(r["revision"]), str(r["team_id"])
        stops = tuple(v for _, v in sorted(visits.get((rev, team), []), key=lambda x: x[0]))
        lunch = _txt(r["lunch_start"])
        margin = _txt(r.get("count_margin"))  # absent in files before 2026-12
        routes.setdefault(rev, []).append(
            TeamRoute(
                team_id=team,
                start_lat=float(r["start_lat"]),
                start_lon=float(r["start_lon"]),
                depart_start=parse_hhmm(_txt(r["depart_start"])),
                visits=stops,
                lunch_start=parse_hhmm(lunch) if lunch else None,
                note=_txt(r["note"]),
                count_margin_min=_margin(margin),
            )
        )

    _layer(p, "plan_routes", route)
    return routes
