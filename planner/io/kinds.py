"""One builder per import kind: typed columns from a :class:`Checker` -> domain objects.

Each builder asks the checker for its columns (which records every problem) and
makes one frozen dataclass per record that had none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from planner.errors import InputError
from planner.i18n import msg
from planner.io.check import Checker
from planner.io.geo import check_own_region, read_areas
from planner.io.observers import build_observers
from planner.io.schema import BOOL_VALUES, KIND_VALUES, SETTLEMENT_VALUES, STATUS_VALUES
from planner.model import (
    Base,
    Dec,
    DecArea,
    Kind,
    PollingStation,
    Region,
    Settlement,
    StationStatus,
    Team,
)


def _build(check: Checker, make: Callable[[int], Any]) -> tuple[Any, ...]:
    """Call ``make(i)`` for every record without a problem; domain checks that fail
    (the dataclasses check themselves) become problems of that row."""
    out = []
    for i in range(check.n):
        if i in check.bad:
            continue
        try:
            out.append(make(i))
        except InputError as exc:
            for p in exc.problems:
                check.add(i, "", p.message)
    return tuple(out)


def _regions(c: Checker) -> tuple[Any, ...]:
    c.require_columns()
    ids = c.text("region_id")
    c.unique("region_id", ids)
    names = c.text("name")
    offsets = c.integer("utc_offset_min", -720, 840)
    for i, off in enumerate(offsets):
        if off is not None and off % 15:
            c.add(
                i,
                "utc_offset_min",
                msg("{off} is not a whole quarter hour (e.g. 360 = UTC+6)", off=off),
            )
    base_ids = c.text("base_id")
    c.reference("base_id", base_ids, c.mission.base_by_id, "bases")
    for i, (rid, bid) in enumerate(zip(ids, base_ids, strict=True)):
        base = c.mission.base_by_id.get(bid)
        if base is not None and rid and rid not in base.region_ids:
            c.add(
                i,
                "base_id",
                msg(
                    "base {bid!r} does not list region {rid!r} in its region_ids ({region_ids})",
                    bid=bid,
                    rid=rid,
                    region_ids=", ".join(base.region_ids),
                ),
            )
    outlined = c.has("wkt") or c.table.geometry is not None
    geoms = read_areas(c) if outlined else [None] * c.n
    if outlined and "geometry" not in c.missing:
        for i, g in enumerate(geoms):
            if g is None and i not in c.bad:  # would silently lose the region's outline
                c.add(
                    i, "geometry", msg("no outline (null or empty geometry): give every region one")
                )
    ru, kk, iso = c.raw("name_ru"), c.raw("name_kk"), c.raw("iso_code")
    return _build(
        c,
        lambda i: Region(
            ids[i], names[i], offsets[i] or 0, base_ids[i], geoms[i], ru[i], kk[i], iso[i]
        ),
    )


def _decs(c: Checker) -> tuple[Any, ...]:
    c.require_columns(optional=("lat", "lon"))
    ids = c.text("dec_id")
    c.unique("dec_id", ids)
    regions = c.text("region_id")
    c.reference("region_id", regions, c.mission.region_by_id, "regions")
    names = c.text("name")
    lats, lons = c.points(required=True)
    check_own_region(c, lats, lons, regions)
    _require_points(c, lats, lons, lambda i: True)
    seat = c.raw("seat_kind")
    return _build(
        c, lambda i: Dec(ids[i], regions[i], names[i], lats[i] or 0.0, lons[i] or 0.0, seat[i])
    )


def _dec_areas(c: Checker) -> tuple[Any, ...]:
    c.require_columns()
    ids = c.text("dec_id")
    c.unique("dec_id", ids)
    regions = c.text("region_id")
    c.reference("dec_id", ids, c.mission.dec_by_id, "DECs")
    c.reference("region_id", regions, c.mission.region_by_id, "regions")
    for i, (d, r) in enumerate(zip(ids, regions, strict=True)):
        dec = c.mission.dec_by_id.get(d)
        if dec is not None and r in c.mission.region_by_id and dec.region_id != r:
            c.add(
                i,
                "region_id",
                msg(
                    "DEC {d!r} belongs to region {region_id!r}, not {r!r}",
                    d=d,
                    region_id=dec.region_id,
                    r=r,
                ),
            )
    geoms = read_areas(c)
    for i, g in enumerate(geoms):
        if g is None and "geometry" not in c.missing and i not in c.bad:
            c.add(i, "geometry", msg("empty geometry: a DEC area needs its outline"))
    return _build(c, lambda i: DecArea(ids[i], regions[i], geoms[i]))


def _station_ids(c: Checker, derive_ids: bool) -> tuple[list[str], list[int | None], list[str]]:
    """(station ids, PEC numbers, region ids); the ids derived as REGION-0001 from the
    region and PEC number when the file has none."""
    numbers = c.integer("pec_number", 0, 10**9)
    regions = c.text("region_id")
    if derive_ids:  # e.g. a CEC list with «Номер участка» but no ids: REGION-0001
        ids = [
            f"{r}-{n:04d}" if r and n is not None else ""
            for r, n in zip(regions, numbers, strict=True)
        ]
        c.unique("pec_number", ids, "station (region_id-pec_number)")
    else:
        ids = c.text("ps_id")
        c.unique("ps_id", ids)
    return ids, numbers, regions


def _check_hours(c: Checker, opens: list[int | None], closes: list[int | None]) -> None:
    for i, (o, s) in enumerate(zip(opens, closes, strict=True)):
        if o is not None and s is not None and s <= o:
            c.add(
                i,
                "close_time",
                msg(
                    "closes at {closes}, not after it opens at {opens}",
                    closes=c.raw("close_time")[i],
                    opens=c.raw("open_time")[i],
                ),
            )


def _polling_stations(c: Checker) -> tuple[Any, ...]:
    derive_ids = not c.has("ps_id") and c.has("pec_number") and c.has("region_id")
    c.require_columns(optional=("lat", "lon", *(("ps_id",) if derive_ids else ())))
    ids, numbers, regions = _station_ids(c, derive_ids)
    decs = c.text("dec_id")
    m = c.mission
    c.reference("region_id", regions, m.region_by_id, "regions")
    c.reference("dec_id", decs, m.dec_by_id, "DECs")
    for i, (r, d) in enumerate(zip(regions, decs, strict=True)):
        dec = m.dec_by_id.get(d)
        if dec is not None and r and dec.region_id != r and r in m.region_by_id:
            c.add(
                i,
                "dec_id",
                msg(
                    "DEC {d!r} belongs to region {region_id!r}, not {r!r}",
                    d=d,
                    region_id=dec.region_id,
                    r=r,
                ),
            )
    names, addresses = c.text("name"), c.text("address")
    settlements = c.choice("settlement", SETTLEMENT_VALUES)
    kinds = c.choice("kind", KIND_VALUES)
    voters = c.integer("voters", 0, 10**7)
    opens, closes = c.time("open_time"), c.time("close_time")
    _check_hours(c, opens, closes)
    priority = c.number("priority", 0.0, 1e6)
    status = c.choice("status", STATUS_VALUES)
    abroad = {i for i, k in enumerate(kinds) if k == "abroad"}
    lats, lons = c.points(required=True, abroad=abroad)
    check_own_region(c, lats, lons, regions, abroad)
    _require_points(c, lats, lons, lambda i: i not in abroad)

    def make(i: int) -> PollingStation:
        prio = priority[i]
        return PollingStation(
            ids[i],
            numbers[i] or 0,
            regions[i],
            decs[i],
            names[i],
            addresses[i],
            cast(Settlement, settlements[i] or "urban"),
            cast(Kind, kinds[i] or "regular"),
            voters[i] or 0,
            opens[i] or 0,
            closes[i] or 0,
            lats[i],
            lons[i],
            1.0 if prio is None else prio,
            cast(StationStatus, status[i] or "open"),
        )

    return _build(c, make)


def _bases(c: Checker) -> tuple[Any, ...]:
    c.require_columns(optional=("lat", "lon"))
    ids = c.text("base_id")
    c.unique("base_id", ids)
    names = c.text("name")
    region_lists = [
        tuple(x.strip() for x in v.replace(";", ",").split(",") if x.strip())
        for v in c.text("region_ids")
    ]
    flat = [",".join(r for r in rl if r not in c.mission.region_by_id) for rl in region_lists]
    if c.mission.regions:
        for i, unknown in enumerate(flat):
            if unknown:
                c.add(
                    i,
                    "region_ids",
                    msg(
                        "{unknown!r}: not a region of the mission ({region_by_id})",
                        unknown=unknown,
                        region_by_id=", ".join(sorted(c.mission.region_by_id)),
                    ),
                )
    _one_base_per_region(c, ids, region_lists)
    lats, lons = c.points(required=True)
    _require_points(c, lats, lons, lambda i: True)
    contacts = c.raw("contacts")
    return _build(
        c,
        lambda i: Base(
            ids[i], names[i], region_lists[i], lats[i] or 0.0, lons[i] or 0.0, contacts[i]
        ),
    )


def _one_base_per_region(c: Checker, ids: list[str], region_lists: list[tuple[str, ...]]) -> None:
    """The planner sends a region's teams out from the one base that lists it, and
    the region's own ``base_id`` must agree."""
    listed: dict[str, int] = {}
    for i, regions in enumerate(region_lists):
        for rid in regions:
            j = listed.setdefault(rid, i)
            if j != i:
                c.add(
                    i,
                    "region_ids",
                    msg(
                        "region {rid!r} is also listed by base {other!r} (row {row}); each region "
                        "has one base",
                        rid=rid,
                        other=ids[j],
                        row=c.table.rows[j],
                    ),
                )
    for i, (bid, regions) in enumerate(zip(ids, region_lists, strict=True)):
        named = [r.region_id for r in c.mission.regions if r.base_id == bid]
        missing = [rid for rid in named if rid not in regions]
        if bid and missing:
            c.add(
                i,
                "region_ids",
                msg(
                    "regions {missing} name base {bid!r} as theirs (base_id) but are not in its "
                    "region_ids",
                    missing=", ".join(missing),
                    bid=bid,
                ),
            )


def _teams(c: Checker) -> tuple[Any, ...]:
    c.require_columns()
    ids = c.text("team_id")
    c.unique("team_id", ids)
    bases = c.text("base_id")
    c.reference("base_id", bases, c.mission.base_by_id, "bases")
    members = [tuple(x.strip() for x in v.split(";") if x.strip()) for v in c.text("members")]
    available = c.choice("available", BOOL_VALUES, shown="1, 0, yes, no, true, false, да, нет")
    lats, lons = c.points(required=False)
    driver, interpreter, phone = c.raw("driver"), c.raw("interpreter"), c.raw("phone")
    obs = [
        tuple(x for x in v.replace(",", ";").split(";") if x.strip()) for v in c.raw("observer_ids")
    ]
    return _build(
        c,
        lambda i: Team(
            ids[i],
            bases[i],
            members[i],
            available[i] is not False,
            lats[i],
            lons[i],
            driver[i],
            interpreter[i],
            phone[i],
            tuple(x.strip() for x in obs[i]),
        ),
    )


def _require_points(
    c: Checker, lats: list[float | None], lons: list[float | None], needed: Callable[[int], bool]
) -> None:
    if "lat" in c.missing or "lon" in c.missing:
        return
    col = "lat" if c.has("lat") else "geometry"
    for i in range(c.n):
        if lats[i] is None and i not in c.bad_points and needed(i):
            c.add(i, col, msg("no coordinates (empty lat/lon or geometry)"))


BUILDERS: dict[str, Callable[[Checker], tuple[Any, ...]]] = {
    "regions": _regions,
    "decs": _decs,
    "dec_areas": _dec_areas,
    "polling_stations": _polling_stations,
    "bases": _bases,
    "teams": _teams,
    "observers": build_observers,
}
