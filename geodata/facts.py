"""Read the stated facts of the demo mission (``geodata/facts/``) into plain records.

The facts are hand-written, approximate and commented in their files; this module
only parses them. Lines starting with ``#`` in the CSV files are comments.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FACTS = Path(__file__).resolve().parent / "facts"


@dataclass(frozen=True)
class RegionFact:
    region_id: str
    iso_code: str
    name: str
    name_ru: str
    name_kk: str
    utc_offset_min: int
    base_id: str
    stations: int  # domestic polling stations (abroad ones come on top)
    decs: int
    valid_votes: int
    turnout: float
    shifted: int  # stations with changed voting hours


@dataclass(frozen=True)
class BaseFact:
    base_id: str
    name: str
    name_ru: str
    region_ids: tuple[str, ...]
    lat: float
    lon: float
    contacts: str


@dataclass(frozen=True)
class SeatFact:
    dec_id: str
    region_id: str
    name: str
    name_ru: str
    seat_kind: str  # city, town or rural
    lat: float
    lon: float
    pop_k: float
    area_lat: float  # where the district's territory lies (the seat unless stated)
    area_lon: float


@dataclass(frozen=True)
class Facts:
    regions: tuple[RegionFact, ...]
    bases: tuple[BaseFact, ...]
    seats: tuple[SeatFact, ...]
    outline: tuple[tuple[float, float], ...]  # (lon, lat) ring
    water: dict[str, list[tuple[float, float]]]
    cities: dict[str, list[tuple[float, float]]]
    names: dict[str, list[str]]


def _csv(name: str) -> list[dict[str, str]]:
    with (FACTS / name).open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _ring(points: Any) -> list[tuple[float, float]]:
    return [(float(p[0]), float(p[1])) for p in points]


def load_facts() -> Facts:
    """Every fact file, parsed. Raises on a malformed file (they are ours)."""
    regions = tuple(
        RegionFact(
            region_id=r["region_id"],
            iso_code=r["iso_code"],
            name=r["name"],
            name_ru=r["name_ru"],
            name_kk=r["name_kk"],
            utc_offset_min=int(r["utc_offset_min"]),
            base_id=r["base_id"],
            stations=int(r["stations"]),
            decs=int(r["decs"]),
            valid_votes=int(r["valid_votes"]),
            turnout=float(r["turnout"]),
            shifted=int(r["shifted"]),
        )
        for r in _csv("regions.csv")
    )
    bases = tuple(
        BaseFact(
            base_id=r["base_id"],
            name=r["name"],
            name_ru=r["name_ru"],
            region_ids=tuple(x.strip() for x in r["region_ids"].split(",")),
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            contacts=r["contacts"],
        )
        for r in _csv("bases.csv")
    )
    seats = tuple(
        SeatFact(
            dec_id=r["dec_id"],
            region_id=r["region_id"],
            name=r["name"],
            name_ru=r["name_ru"],
            seat_kind=r["seat_kind"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            pop_k=float(r["pop_k"]),
            area_lat=float(r["area_lat"] or r["lat"]),
            area_lon=float(r["area_lon"] or r["lon"]),
        )
        for r in _csv("district_seats.csv")
    )
    outline = tuple((float(r["lon"]), float(r["lat"])) for r in _csv("outline.csv"))
    with (FACTS / "places.yaml").open(encoding="utf-8") as fh:
        places = yaml.safe_load(fh)
    with (FACTS / "names.yaml").open(encoding="utf-8") as fh:
        names = yaml.safe_load(fh)
    return Facts(
        regions=regions,
        bases=bases,
        seats=seats,
        outline=outline,
        water={k: _ring(v) for k, v in places["water"].items()},
        cities={k: _ring(v) for k, v in places["cities"].items()},
        names={k: [str(x) for x in v] for k, v in names.items()},
    )
