"""Tiny hand-made missions for tests: small enough to reason about by hand."""

from __future__ import annotations

import random

from shapely.geometry import box

from planner.model import (
    Base,
    Dec,
    DecArea,
    Mission,
    PollingStation,
    Region,
    Settings,
    Team,
)


def tiny_mission(
    *, n_teams: int = 3, stations_per_dec: int = 8, seed: int = 1, settings: Settings | None = None
) -> Mission:
    """Two regions (UTC+6 and UTC+5), each with a base, a town DEC and a rural DEC.

    Region N ("North", UTC+6) is a 2x1 degree box around a town at (51.0, 71.0);
    region W ("West", UTC+5) a box around a town at (50.0, 57.0). In each region the
    town DEC's stations lie within ~5 km of the seat, the rural DEC's in villages
    20-60 km away. One station per region is a hospital, and one in region W opens
    at 08:00 instead of 07:00. Teams alternate between the two bases.
    """
    rng = random.Random(seed)
    regions = (
        Region(
            "N",
            "North",
            360,
            "BN",
            geometry=box(70.0, 50.5, 72.0, 51.5),
            name_ru="Север",
            name_kk="Солтүстік",
        ),
        Region(
            "W",
            "West",
            300,
            "BW",
            geometry=box(56.0, 49.5, 58.0, 50.5),
            name_ru="Запад",
            name_kk="Батыс",
        ),
    )
    seats = {"N": (51.0, 71.0), "W": (50.0, 57.0)}
    decs = []
    areas = []
    stations = []
    for r in regions:
        lat0, lon0 = seats[r.region_id]
        town = Dec(f"{r.region_id}-D01", r.region_id, f"{r.name} town", lat0, lon0, "town")
        rural = Dec(
            f"{r.region_id}-D02",
            r.region_id,
            f"{r.name} rural district",
            lat0 + 0.25,
            lon0 + 0.4,
            "rural",
        )
        decs += [town, rural]
        areas += [
            DecArea(town.dec_id, r.region_id, box(lon0 - 0.1, lat0 - 0.1, lon0 + 0.1, lat0 + 0.1)),
            DecArea(
                rural.dec_id, r.region_id, box(lon0 + 0.1, lat0 - 0.4, lon0 + 0.9, lat0 + 0.45)
            ),
        ]
        n = 0
        for dec, spread, settlement in ((town, 0.04, "urban"), (rural, 0.3, "rural")):
            for i in range(stations_per_dec):
                n += 1
                lat = dec.lat + rng.uniform(-spread, spread) * 0.6
                lon = dec.lon + rng.uniform(-spread, spread)
                kind = "hospital" if (settlement == "urban" and i == 0) else "regular"
                opens = 480 if (r.region_id == "W" and n == 2) else 420
                stations.append(
                    PollingStation(
                        ps_id=f"{r.region_id}-{n:04d}",
                        pec_number=n,
                        region_id=r.region_id,
                        dec_id=dec.dec_id,
                        name=f"School No. {n}",
                        address=f"{n} Main street",
                        settlement=settlement,  # type: ignore[arg-type]
                        kind=kind,  # type: ignore[arg-type]
                        voters=rng.randint(300, 2500),
                        open_time=opens,
                        close_time=1200,
                        lat=round(lat, 5),
                        lon=round(lon, 5),
                    )
                )
    stations.append(
        PollingStation(
            ps_id="ABR-0001",
            pec_number=900,
            region_id="N",
            dec_id="N-D01",
            name="Embassy",
            address="abroad",
            settlement="urban",
            kind="abroad",
            voters=200,
            open_time=420,
            close_time=1200,
            lat=None,
            lon=None,
        )
    )
    bases = (
        Base("BN", "North base", ("N",), 51.0, 71.0, contacts="LTO North +7 700 000 0001"),
        Base("BW", "West base", ("W",), 50.0, 57.0, contacts="LTO West +7 700 000 0002"),
    )
    teams = tuple(
        Team(
            f"T{i:03d}",
            "BN" if i % 2 else "BW",
            (f"Observer {2 * i - 1}", f"Observer {2 * i}"),
            driver=f"Driver {i}",
            interpreter=f"Interpreter {i}",
        )
        for i in range(1, n_teams + 1)
    )
    return Mission(
        regions=regions,
        decs=tuple(decs),
        polling_stations=tuple(stations),
        bases=bases,
        teams=teams,
        dec_areas=tuple(areas),
        settings=settings or Settings(mission_name="Tiny test mission"),
    )
