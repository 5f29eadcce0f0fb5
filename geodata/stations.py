"""Synthetic polling stations of the demo mission: where they are, how big they are.

Counts come from the stated facts (stations per region; the split over districts
follows the districts' population, with rural stations smaller than urban ones).
Positions are synthetic: urban stations spread over the town around the seat,
rural ones in villages scattered around the district seat — many villages near
it, fewer and fewer further out, at least a few km apart, never in the water.
Every random choice uses a generator seeded from the DEC or region id, so the
build is deterministic and one district's change does not move another's.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, replace

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geodata.facts import Facts, SeatFact

KM_PER_DEG = 111.2
#: Typical registered voters per station, used to turn population into station counts.
VOTERS_PER_STATION = {"city": 1900.0, "town": 900.0, "rural": 600.0}
#: Share of a district's stations in the seat itself.
SEAT_SHARE = {"town": 0.35, "rural": 0.12}


def rng_for(key: str, salt: str = "") -> np.random.Generator:
    """A generator seeded from a stable text key (same key -> same numbers)."""
    return np.random.default_rng(zlib.crc32(f"{key}|{salt}".encode()))


@dataclass
class Site:
    """One polling station's place before kinds, names and voters are given."""

    dec_id: str
    region_id: str
    lat: float
    lon: float
    settlement: str  # urban / rural
    place: str  # settlement name in Russian, e.g. "Карабутак"
    place_kind: str  # "г." (town) or "с." (village)
    in_seat: bool


def largest_remainder(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (each >= ``minimum``)."""
    n = len(weights)
    base = [minimum] * n
    left = total - minimum * n
    if left < 0:
        raise ValueError("total too small for the minimum")
    s = sum(weights)
    shares = [left * w / s for w in weights]
    out = [b + math.floor(x) for b, x in zip(base, shares, strict=True)]
    rest = total - sum(out)
    order = sorted(range(n), key=lambda i: (-(shares[i] - math.floor(shares[i])), i))
    for i in order[:rest]:
        out[i] += 1
    return out


def stations_per_dec(facts: Facts) -> dict[str, int]:
    """Domestic stations of every DEC: the region's count split by district size."""
    out: dict[str, int] = {}
    for r in facts.regions:
        seats = [s for s in facts.seats if s.region_id == r.region_id]
        weights = [s.pop_k * 700.0 / VOTERS_PER_STATION[s.seat_kind] for s in seats]
        for s, n in zip(seats, largest_remainder(r.stations, weights, minimum=4), strict=True):
            out[s.dec_id] = n
    return out


def _km_to_deg(lat: float, dx_km: np.ndarray, dy_km: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return dx_km / (KM_PER_DEG * math.cos(math.radians(lat))), dy_km / KM_PER_DEG


def _points_near(
    rng: np.random.Generator,
    seat: SeatFact,
    area: BaseGeometry,
    n: int,
    sigma_km: float,
) -> list[tuple[float, float]]:
    """``n`` points around the seat (Gaussian, ``sigma_km``) inside ``area``."""
    out: list[tuple[float, float]] = []
    lat0, lon0 = anchor(seat, area)
    sigma = sigma_km
    while len(out) < n:
        dx, dy = _km_to_deg(lat0, rng.normal(0, sigma, 4 * n), rng.normal(0, sigma, 4 * n))
        lon, lat = lon0 + dx, lat0 + dy
        ok = shapely.contains_xy(area, lon, lat)
        out.extend(zip(lat[ok].tolist(), lon[ok].tolist(), strict=True))
        sigma = max(0.2, sigma * 0.8)  # a seat near the edge of its area: pull closer
    return [(round(a, 5), round(b, 5)) for a, b in out[:n]]


def anchor(seat: SeatFact, area: BaseGeometry) -> tuple[float, float]:
    """The seat, or (if the rough area misses it) the nearest point well inside the area."""
    if shapely.contains_xy(area, seat.lon, seat.lat):
        return seat.lat, seat.lon
    inner = area.buffer(-0.02)
    target = inner if not inner.is_empty else area
    p, _ = nearest_points(target, Point(seat.lon, seat.lat))
    return float(p.y), float(p.x)


def _villages(
    rng: np.random.Generator, seat: SeatFact, area: BaseGeometry, n: int
) -> list[tuple[float, float]]:
    """``n`` village positions, >= ~3 km apart: dense near the district's middle (the
    seat, or half-way to the stated territory point when the seat lies off-centre),
    thinning out towards the edges."""
    size_km = math.sqrt(max(area.area, 1e-6) * KM_PER_DEG**2 * math.cos(math.radians(seat.lat)))
    scale_km = max(12.0, 0.3 * size_km)  # typical distance of a village from the seat
    min_gap_km = min(5.0, max(2.0, 0.6 * size_km / math.sqrt(n + 1)))
    minx, miny, maxx, maxy = area.bounds
    middle = replace(seat, lat=(seat.lat + seat.area_lat) / 2, lon=(seat.lon + seat.area_lon) / 2)
    lat0, lon0 = anchor(middle, area)
    placed: list[tuple[float, float]] = [anchor(seat, area)]
    out: list[tuple[float, float]] = []
    tries = 0
    while len(out) < n:
        tries += 1
        # distance from the seat: a long-tailed draw (many near, some far)
        d = rng.gamma(1.6, scale_km / 1.6)
        a = rng.uniform(0, 2 * math.pi)
        dx, dy = _km_to_deg(lat0, np.array([d * math.cos(a)]), np.array([d * math.sin(a)]))
        lon, lat = float(lon0 + dx[0]), float(lat0 + dy[0])
        if not (minx <= lon <= maxx and miny <= lat <= maxy):
            continue
        if not shapely.contains_xy(area, lon, lat):
            continue
        gap = min_gap_km if tries < 400 * (n + 1) else 0.3
        coslat = math.cos(math.radians(lat))
        if any(math.hypot((lon - q[1]) * coslat, lat - q[0]) * KM_PER_DEG < gap for q in placed):
            continue
        placed.append((lat, lon))
        out.append((round(lat, 5), round(lon, 5)))
    return out


def village_name(rng: np.random.Generator, names: dict[str, list[str]], used: set[str]) -> str:
    """A synthetic village name in Kazakh or Russian style, unique within ``used``."""
    for _ in range(200):
        if rng.random() < 0.65:
            a = names["village_kk_first"][rng.integers(len(names["village_kk_first"]))]
            b = names["village_kk_second"][rng.integers(len(names["village_kk_second"]))]
            name = a + b
        else:
            name = names["village_ru"][rng.integers(len(names["village_ru"]))]
        if name not in used:
            used.add(name)
            return name
    name = f"Отделение {len(used) + 1}"
    used.add(name)
    return name


def sites_for_dec(
    facts: Facts,
    seat: SeatFact,
    area: BaseGeometry,
    n: int,
    *,
    multi_dec_city: bool,
    inner: BaseGeometry | None = None,
) -> list[Site]:
    """Every domestic station position of one DEC (``n`` of them).

    Villages are placed in ``area`` within ``inner`` (the land away from the border),
    unless that leaves too little of the district.
    """
    rng = rng_for(seat.dec_id, "sites")
    town = seat.name_ru if not multi_dec_city else facts_city_name(seat)
    if seat.seat_kind == "city":
        radius_km = 1.0 + 0.28 * math.sqrt(seat.pop_k)
        pts = _points_near(rng, seat, area, n, radius_km / 1.6)
        return [Site(seat.dec_id, seat.region_id, a, b, "urban", town, "г.", True) for a, b in pts]
    n_seat = max(1, round(n * SEAT_SHARE[seat.seat_kind]))
    settlement = "urban" if seat.seat_kind == "town" else "rural"
    kind = "г." if seat.seat_kind == "town" else "с."
    radius_km = 1.0 + 0.25 * math.sqrt(seat.pop_k * SEAT_SHARE[seat.seat_kind] * 2)
    seat_pts = _points_near(rng, seat, area, n_seat, radius_km / 2.0)
    out = [
        Site(seat.dec_id, seat.region_id, a, b, settlement, seat.name_ru, kind, True)
        for a, b in seat_pts
    ]
    n_rest = n - n_seat
    if n_rest <= 0:
        return out
    n_villages = max(1, math.ceil(n_rest * 0.8))
    village_area = area
    if inner is not None:
        core = area.intersection(inner)
        if core.area > 0.25 * area.area:
            village_area = core
    villages = _villages(rng, seat, village_area, n_villages)
    used: set[str] = {seat.name_ru}
    vnames = [village_name(rng, facts.names, used) for _ in villages]
    counts = [1] * n_villages
    for i in range(n_rest - n_villages):
        counts[i % n_villages] += 1
    for (lat, lon), name, c in zip(villages, vnames, counts, strict=True):
        for k in range(c):
            # a second station in the same village: a few hundred metres away
            pos = (lat, lon)
            for dlat, dlon in ((0.004, 0.0), (-0.004, 0.0), (0.0, 0.006), (0.0, -0.006)):
                cand = (round(lat + dlat * k, 5), round(lon + dlon * k, 5))
                if shapely.contains_xy(area, cand[1], cand[0]):
                    pos = cand
                    break
            out.append(Site(seat.dec_id, seat.region_id, *pos, "rural", name, "с.", False))
    return out


def facts_city_name(seat: SeatFact) -> str:
    """The city a city-district DEC lies in (Astana / Almaty)."""
    return "Астана" if seat.region_id == "AST" else "Алматы"
