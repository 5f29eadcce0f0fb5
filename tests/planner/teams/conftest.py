"""Small rosters for team-formation tests."""

from __future__ import annotations

import random
from dataclasses import replace

from planner.model import Mission
from planner.observers import Observer
from tests.factories import tiny_mission

COUNTRIES = ("DE", "FR", "GB", "SE", "PL", "IT", "US", "NO")


def roster(n: int, seed: int = 0, countries: tuple[str, ...] = COUNTRIES) -> tuple[Observer, ...]:
    """``n`` observers with a plausible mix (about 40 % women, half experienced, a
    quarter speaking Russian), uneven nationalities; deterministic for ``seed``."""
    rng = random.Random(seed)
    weights = [len(countries) - k for k in range(len(countries))]
    out = []
    for k in range(1, n + 1):
        langs = ("en", "ru") if rng.random() < 0.25 else ("en",)
        out.append(
            Observer(
                observer_id=f"O{k:03d}",
                name=f"Observer {k}",
                gender="f" if rng.random() < 0.4 else "m",
                nationality=rng.choices(countries, weights)[0],
                languages=langs,
                experience=rng.choice((0, 1, 2, 5)),
                delegation="OSCE PA" if rng.random() < 0.2 else "",
            )
        )
    return tuple(out)


def mission_with(observers: tuple[Observer, ...]) -> Mission:
    """The two-base tiny mission with ``observers`` as its roster and no teams."""
    return replace(tiny_mission(), observers=observers, teams=())
