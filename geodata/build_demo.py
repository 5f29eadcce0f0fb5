"""Build the bundled demo mission from the stated facts: ``python -m geodata.build_demo``.

Writes ``geodata/kazakhstan_2011_demo.gpkg`` (or ``--out PATH``) with
``planner.io.mission.save_mission``. Deterministic: the same facts give the same
layers (only the ``mission_meta.saved`` time differs). See ``docs/demo-data.md``
for what is real, what is assumed and what is synthetic.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from geodata import DEMO_MISSION
from geodata.areas import Areas, build_areas
from geodata.facts import Facts, load_facts
from geodata.stations import Site, largest_remainder, rng_for, sites_for_dec, stations_per_dec
from geodata.teams import build_teams, teams_from_roster
from planner.io.mission import save_mission
from planner.model import (
    Base,
    Dec,
    DecArea,
    Mission,
    PollingStation,
    Region,
    Settings,
)

MISSION_NAME = "OSCE/ODIHR EOM Kazakhstan 2011 (demo)"
ELECTION_DATE = "2011-04-03"
REGISTERED_VOTERS = 9_200_298  # ODIHR final report, annex
SPECIAL = {"hospital": 269, "military": 146, "other": 75}  # + 35 abroad = 525 (report)
ABROAD = 35
ABROAD_REGION, ABROAD_DEC = "AST", "AST-D03"
#: Shifted voting hours (open, close) and how often each is drawn.
SHIFTS = (
    ((6 * 60, 20 * 60), 0.15),
    ((8 * 60, 20 * 60), 0.25),
    ((7 * 60, 18 * 60), 0.25),
    ((7 * 60, 19 * 60), 0.15),
    ((8 * 60, 19 * 60), 0.10),
    ((6 * 60, 18 * 60), 0.10),
)
OPEN, CLOSE = 7 * 60, 20 * 60

URBAN_NAMES = (
    "Средняя школа №{n}",
    "Средняя школа №{n}",
    "Гимназия №{n}",
    "Школа-лицей №{n}",
)
URBAN_BUILDINGS = (
    "Дом культуры «Достык»",
    "Дворец школьников",
    "Политехнический колледж",
    "Колледж связи",
    "Спорткомплекс «Жастар»",
    "Центр досуга",
    "Музыкальная школа",
    "Библиотека им. Абая",
    "Детская школа искусств",
    "Гуманитарный колледж",
)
RURAL_NAMES = (
    "Средняя школа с. {p}",
    "Основная школа с. {p}",
    "Сельский клуб с. {p}",
    "Здание аппарата акима с. {p}",
    "Дом культуры с. {p}",
)
HOSPITAL_NAMES_RURAL = ("Центральная районная больница", "Участковая больница с. {p}")
HOSPITAL_NAMES = (
    "Городская больница №{n}",
    "Поликлиника с дневным стационаром №{n}",
    "Родильный дом №{n}",
    "Противотуберкулёзный диспансер",
    "Областная больница",
)
OTHER_NAMES = (
    "Следственный изолятор",
    "Учреждение уголовно-исполнительной системы №{n}",
    "Вахтовый посёлок месторождения",
    "Санаторий «{p}»",
    "Железнодорожная станция {p}",
)


def _address(rng: np.random.Generator, facts: Facts, site: Site) -> str:
    street = facts.names["street"][rng.integers(len(facts.names["street"]))]
    return f"{site.place_kind} {site.place}, {street}, {int(rng.integers(1, 120))}"


def _pick(
    rng: np.random.Generator, pool: list[int], k: int, weights: list[float] | None = None
) -> list[int]:
    if k == 0:
        return []
    p = None
    if weights is not None:
        w = np.array(weights, dtype=float)
        p = w / w.sum()
    chosen = rng.choice(len(pool), size=k, replace=False, p=p)
    return [pool[int(i)] for i in sorted(chosen)]


def _region_stations(
    facts: Facts, areas: Areas, region_id: str, per_dec: dict[str, int], specials: dict[str, int]
) -> list[PollingStation]:
    """Every domestic station of one region, numbered ``<REG>-0001`` on."""
    region = next(r for r in facts.regions if r.region_id == region_id)
    seats = [s for s in facts.seats if s.region_id == region_id]
    sites: list[Site] = []
    for seat in seats:
        sites.extend(
            sites_for_dec(
                facts,
                seat,
                areas.dec_areas[seat.dec_id],
                per_dec[seat.dec_id],
                multi_dec_city=region_id in facts.cities,
                inner=areas.inner,
            )
        )
    rng = rng_for(region_id, "kinds")
    kinds = _kinds(rng, sites, specials)
    hours = _hours(rng, sites, region.shifted)
    raw = [_raw_voters(rng, site, kind) for site, kind in zip(sites, kinds, strict=True)]
    voters = _voters(_registered(facts, region_id), raw, kinds)
    counters: Counter[str] = Counter()
    out = []
    for n, (site, kind) in enumerate(zip(sites, kinds, strict=True), start=1):
        name = _station_name(rng, site, kind, counters)
        out.append(
            PollingStation(
                ps_id=f"{region_id}-{n:04d}",
                pec_number=n,
                region_id=region_id,
                dec_id=site.dec_id,
                name=name,
                address=_address(rng, facts, site),
                settlement=site.settlement,  # type: ignore[arg-type]
                kind=kind,  # type: ignore[arg-type]
                voters=voters[n - 1],
                open_time=hours[n - 1][0],
                close_time=hours[n - 1][1],
                lat=site.lat,
                lon=site.lon,
            )
        )
    return out


def _kinds(rng: np.random.Generator, sites: list[Site], specials: dict[str, int]) -> list[str]:
    """Special stations: hospitals in towns and district seats; military units and
    others anywhere; the rest regular."""
    kinds = ["regular"] * len(sites)
    seat_idx = [i for i in range(len(sites)) if sites[i].in_seat]
    for i in _pick(rng, seat_idx, min(specials["hospital"], len(seat_idx))):
        kinds[i] = "hospital"
    for kind in ("military", "other"):
        free = [i for i in range(len(sites)) if kinds[i] == "regular"]
        for i in _pick(rng, free, specials[kind]):
            kinds[i] = kind
    return kinds


def _hours(rng: np.random.Generator, sites: list[Site], n_shifted: int) -> list[tuple[int, int]]:
    """Opening hours: ``n_shifted`` stations (mostly rural) keep other hours."""
    shifted = _pick(
        rng,
        list(range(len(sites))),
        n_shifted,
        [3.0 if s.settlement == "rural" else 1.0 for s in sites],
    )
    hours = [(OPEN, CLOSE)] * len(sites)
    shift_p = np.array([p for _, p in SHIFTS])
    for i in shifted:
        hours[i] = SHIFTS[int(rng.choice(len(SHIFTS), p=shift_p / shift_p.sum()))][0]
    return hours


def _voters(target: float, raw: list[float], kinds: list[str]) -> list[int]:
    """Registered voters per station, scaled so that the region's total is ``target``."""
    special_sum = sum(v for v, k in zip(raw, kinds, strict=True) if k != "regular")
    regular_sum = sum(v for v, k in zip(raw, kinds, strict=True) if k == "regular")
    factor = (target - special_sum) / regular_sum
    for _ in range(4):  # stations at the limits do not grow: scale the others a bit more
        scaled = [float(np.clip(v * factor, 40, 3400)) for v in raw]
        got = sum(x for x, k in zip(scaled, kinds, strict=True) if k == "regular")
        factor *= (target - special_sum) / got
    return [
        round(v) if k != "regular" else int(np.clip(round(v * factor), 40, 3400))
        for v, k in zip(raw, kinds, strict=True)
    ]


def _raw_voters(rng: np.random.Generator, site: Site, kind: str) -> float:
    if kind == "hospital":
        return float(rng.integers(40, 350))
    if kind == "military":
        return float(rng.integers(120, 900))
    if kind == "other":
        return float(rng.integers(40, 600))
    if site.settlement == "urban" and site.place_kind == "г." and site.in_seat:
        return float(rng.triangular(1400, 2300, 3000))
    if site.in_seat:
        return float(rng.triangular(500, 1000, 1800))
    return float(np.clip(rng.lognormal(np.log(420), 0.6), 60, 1800))


def _registered(facts: Facts, region_id: str) -> float:
    """Registered voters of a region: valid votes / assumed turnout, scaled to the total."""
    raw = {r.region_id: r.valid_votes / r.turnout for r in facts.regions}
    scale = (REGISTERED_VOTERS - _ABROAD_VOTERS) / sum(raw.values())
    return raw[region_id] * scale


_ABROAD_VOTERS = 12_000  # assumed: Kazakhstan's citizens registered at 35 missions abroad


def _station_name(rng: np.random.Generator, site: Site, kind: str, counters: Counter[str]) -> str:
    """A synthetic but plausible name for a station's premises."""
    counters[kind + site.place] += 1
    n = counters[kind + site.place]
    if kind == "military":
        return f"Воинская часть {int(rng.integers(10000, 99999))}"
    if kind == "hospital":
        names = HOSPITAL_NAMES if site.place_kind == "г." else HOSPITAL_NAMES_RURAL
        pattern = names[int(rng.integers(len(names)))]
    elif kind == "other":
        pattern = OTHER_NAMES[int(rng.integers(len(OTHER_NAMES)))]
    elif site.place_kind == "г.":
        if rng.random() < 0.75:
            counters["school" + site.place] += 1
            n = counters["school" + site.place]
            pattern = URBAN_NAMES[int(rng.integers(len(URBAN_NAMES)))]
        else:
            pattern = URBAN_BUILDINGS[int(rng.integers(len(URBAN_BUILDINGS)))]
    else:
        # the first station of a village gets a random building, a second one the next
        first = int(rng.integers(len(RURAL_NAMES))) if n == 1 else counters["first" + site.place]
        counters["first" + site.place] = first
        pattern = RURAL_NAMES[(first + n - 1) % len(RURAL_NAMES)]
    return pattern.format(n=n, p=site.place)


def _abroad(facts: Facts, first_number: int) -> list[PollingStation]:
    rng = rng_for("abroad")
    voters = largest_remainder(
        _ABROAD_VOTERS, [float(x) for x in rng.integers(20, 100, ABROAD)], minimum=20
    )
    out = []
    for i, (city, v) in enumerate(zip(facts.names["abroad"], voters, strict=True)):
        n = first_number + i
        out.append(
            PollingStation(
                ps_id=f"{ABROAD_REGION}-{n:04d}",
                pec_number=n,
                region_id=ABROAD_REGION,
                dec_id=ABROAD_DEC,
                name=f"Дипломатическое представительство РК, {city}",
                address=f"{city} (за рубежом)",
                settlement="urban",
                kind="abroad",
                voters=v,
                open_time=OPEN,
                close_time=CLOSE,
                lat=None,
                lon=None,
            )
        )
    return out


def _geography(
    facts: Facts, areas: Areas
) -> tuple[tuple[Region, ...], tuple[Dec, ...], tuple[DecArea, ...], tuple[Base, ...]]:
    """Regions, DECs, DEC areas and bases as the mission has them."""
    regions = tuple(
        Region(
            region_id=r.region_id,
            name=r.name,
            utc_offset_min=r.utc_offset_min,
            base_id=r.base_id,
            geometry=areas.regions[r.region_id],
            name_ru=r.name_ru,
            name_kk=r.name_kk,
            iso_code=r.iso_code,
        )
        for r in facts.regions
    )
    decs = tuple(
        Dec(
            dec_id=s.dec_id,
            region_id=s.region_id,
            name=s.name,
            lat=s.lat,
            lon=s.lon,
            seat_kind="rural" if s.seat_kind == "rural" else "town",
        )
        for s in facts.seats
    )
    dec_areas = tuple(
        DecArea(dec_id=s.dec_id, region_id=s.region_id, geometry=areas.dec_areas[s.dec_id])
        for s in facts.seats
    )
    bases = tuple(
        Base(
            base_id=b.base_id,
            name=b.name,
            region_ids=b.region_ids,
            lat=b.lat,
            lon=b.lon,
            contacts=b.contacts,
        )
        for b in facts.bases
    )
    return regions, decs, dec_areas, bases


def build_mission(facts: Facts | None = None) -> Mission:
    """The demo mission, built from the facts (deterministic)."""
    facts = facts or load_facts()
    areas = build_areas(facts)
    per_dec = stations_per_dec(facts)
    domestic = {r.region_id: r.stations for r in facts.regions}
    specials = {
        kind: dict(
            zip(
                domestic,
                largest_remainder(total, [float(v) for v in domestic.values()]),
                strict=True,
            )
        )
        for kind, total in SPECIAL.items()
    }
    stations: list[PollingStation] = []
    for r in facts.regions:
        region_specials = {k: specials[k][r.region_id] for k in SPECIAL}
        batch = _region_stations(facts, areas, r.region_id, per_dec, region_specials)
        stations.extend(batch)
        if r.region_id == ABROAD_REGION:
            stations.extend(_abroad(facts, len(batch) + 1))
    regions, decs, dec_areas, bases = _geography(facts, areas)
    covered = {b.base_id: sum(domestic[rid] for rid in b.region_ids) for b in facts.bases}
    mission = Mission(
        regions=regions,
        decs=decs,
        polling_stations=tuple(stations),
        bases=bases,
        teams=build_teams(facts, covered),
        dec_areas=dec_areas,
        settings=Settings(mission_name=MISSION_NAME, election_date=ELECTION_DATE),
    )
    return teams_from_roster(mission)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata.build_demo", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEMO_MISSION, help="where to write the gpkg")
    args = parser.parse_args(argv)
    mission = build_mission()
    save_mission(mission, args.out)
    ps = mission.polling_stations
    print(
        f"{args.out}: {len(mission.regions)} regions, {len(mission.decs)} DECs, "
        f"{len(ps)} polling stations ({sum(p.voters for p in ps):,} voters), "
        f"{len(mission.bases)} bases, {len(mission.teams)} teams"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
