"""District and region areas of the demo map, made from the stated facts.

Each district's area is the Voronoi cell of its seat (or of the stated middle of
its territory), clipped to the national outline minus the large lakes and seas;
a region is the union of its districts. Astana and Almaty cities have stated city
limits, cut out of the surrounding regions and split among their own districts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from shapely import affinity
from shapely.geometry import MultiPoint, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geodata.facts import Facts, SeatFact

KM_PER_DEG = 111.2

#: Grid (degrees) the stored polygons are snapped to: ~10 m, keeps the file small.
GRID = 1e-4
#: Simplification tolerance (degrees, ~1 km) for stored polygons.
SIMPLIFY = 0.01
#: Villages keep this far (degrees, ~7 km) inside the stated border and shores: the
#: outline is approximate to tens of km, and border strips are thinly settled.
BORDER_MARGIN = 0.07
#: Radius (km) around a district seat that always belongs to its district.
SEAT_KEEP_KM = 6.0


@dataclass(frozen=True)
class Areas:
    land: BaseGeometry  # the country without large water bodies
    inner: BaseGeometry  # the land at least BORDER_MARGIN from the border and shores
    water: BaseGeometry
    dec_areas: dict[str, BaseGeometry]
    regions: dict[str, BaseGeometry]


def _clean(geom: BaseGeometry) -> BaseGeometry:
    geom = geom.simplify(SIMPLIFY, preserve_topology=True)
    geom = shapely.set_precision(geom, GRID)
    return shapely.make_valid(geom)


def _cells(seats: list[SeatFact], within: BaseGeometry) -> dict[str, BaseGeometry]:
    """Voronoi cell of every seat (by its territory point), clipped to ``within``."""
    pts = MultiPoint([Point(s.area_lon, s.area_lat) for s in seats])
    if len(seats) == 1:
        return {seats[0].dec_id: within}
    minx, miny, maxx, maxy = within.bounds
    frame = Polygon(
        [(minx - 5, miny - 5), (maxx + 5, miny - 5), (maxx + 5, maxy + 5), (minx - 5, maxy + 5)]
    )
    cells = shapely.voronoi_polygons(pts, extend_to=frame, ordered=True)
    out: dict[str, BaseGeometry] = {}
    for seat, cell in zip(seats, cells.geoms, strict=True):
        out[seat.dec_id] = cell.intersection(within)
    return out


def city_radius_km(seat: SeatFact) -> float:
    """Stated size of a city: a disk grows with the square root of its population."""
    return 2.5 + 0.5 * math.sqrt(seat.pop_k)


def _disk(seat: SeatFact, r_km: float | None = None) -> BaseGeometry:
    r_km = city_radius_km(seat) if r_km is None else r_km
    circle = Point(seat.lon, seat.lat).buffer(1.0, quad_segs=12)
    return affinity.scale(
        circle,
        xfact=r_km / (KM_PER_DEG * math.cos(math.radians(seat.lat))),
        yfact=r_km / KM_PER_DEG,
    )


def _merge_city_surroundings(
    facts: Facts, cells: dict[str, BaseGeometry]
) -> dict[str, BaseGeometry]:
    """Shrink every city's cell to the city; give the rest to a district of its region.

    A city's Voronoi cell stands for the city and the countryside it is nearest
    to. The city DEC keeps only the city (a disk); each left-over piece joins the
    rural district of the same region it shares most border with.
    """
    out = dict(cells)
    seats = {s.dec_id: s for s in facts.seats}
    for city in [s for s in facts.seats if s.seat_kind == "city" and s.dec_id in cells]:
        cell = out[city.dec_id]
        core = cell.intersection(_disk(city))
        if core.is_empty:
            continue
        out[city.dec_id] = core
        rest = cell.difference(core)
        parts = getattr(rest, "geoms", [rest])
        for part in parts:
            if part.is_empty or part.area == 0:
                continue
            same = [
                d
                for d, s in seats.items()
                if s.region_id == city.region_id and s.seat_kind != "city" and d in out
            ]
            if not same:
                out[city.dec_id] = out[city.dec_id].union(part)
                continue
            shared = {d: out[d].boundary.intersection(part.boundary).length for d in same}
            best = max(shared, key=lambda d: shared[d])
            if shared[best] == 0:
                c = part.centroid
                best = min(
                    same, key=lambda d: Point(seats[d].area_lon, seats[d].area_lat).distance(c)
                )
            out[best] = out[best].union(part)
    return out


def _keep_seats(seats: list[SeatFact], cells: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Make sure every seat lies in its own district (a territory point or a city
    next door may take the seat's place): the seat and up to ~6 km around it (less
    than half-way to the next seat) go to its district."""
    out = dict(cells)
    for seat in seats:
        if out[seat.dec_id].buffer(-0.01).contains(Point(seat.lon, seat.lat)):
            continue
        nearest_km = min(_km(seat, other) for other in seats if other.dec_id != seat.dec_id)
        radius = min(SEAT_KEEP_KM, 0.45 * nearest_km)
        whole = shapely.union_all(list(out.values()))
        disk = _disk(seat, radius).intersection(whole)
        out = {
            dec_id: geom.union(disk) if dec_id == seat.dec_id else geom.difference(disk)
            for dec_id, geom in out.items()
        }
    return out


def _km(a: SeatFact, b: SeatFact) -> float:
    dx = (a.lon - b.lon) * math.cos(math.radians(a.lat))
    return math.hypot(dx, a.lat - b.lat) * KM_PER_DEG


def build_areas(facts: Facts) -> Areas:
    """Land, water, every DEC's area and every region's area (WGS 84 degrees).

    Astana and Almaty have stated city limits. Everywhere else each DEC seat (or
    territory point) gets its Voronoi cell; a city keeps a disk sized by its
    population and its surroundings go to a rural district (see above).
    """
    country = Polygon(facts.outline)
    water = shapely.union_all([Polygon(r) for r in facts.water.values()])
    land = country.difference(water)
    cities = {rid: Polygon(ring).intersection(land) for rid, ring in facts.cities.items()}
    rest = land.difference(shapely.union_all(list(cities.values())))

    dec_areas: dict[str, BaseGeometry] = {}
    others = [s for s in facts.seats if s.region_id not in cities]
    dec_areas.update(_keep_seats(others, _merge_city_surroundings(facts, _cells(others, rest))))
    for rid, city in cities.items():
        dec_areas.update(_cells([s for s in facts.seats if s.region_id == rid], city))

    dec_areas = {k: _clean(v) for k, v in dec_areas.items()}
    regions: dict[str, BaseGeometry] = {}
    for r in facts.regions:
        parts = [dec_areas[s.dec_id] for s in facts.seats if s.region_id == r.region_id]
        regions[r.region_id] = shapely.make_valid(
            shapely.set_precision(shapely.union_all(parts), GRID)
        )
    inner = land.buffer(-BORDER_MARGIN)
    return Areas(land=land, inner=inner, water=water, dec_areas=dec_areas, regions=regions)
