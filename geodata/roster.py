"""The demo mission's fictional roster of 380 STOs, from ``geodata/facts/roster.yaml``.

Deterministic: the same facts give the same observers. ``build_roster(n)`` scales
the same make-up to any size (the benchmarks use 2,000).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from numpy.random import Generator

from geodata.facts import FACTS, load_facts
from geodata.stations import largest_remainder, rng_for
from planner.observers import Observer


def roster_facts(path: Path = FACTS / "roster.yaml") -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        facts: dict[str, Any] = yaml.safe_load(fh)
    return facts


def build_roster(
    n: int | None = None, names: dict[str, list[str]] | None = None, salt: str = ""
) -> tuple[Observer, ...]:
    """``O0001``.. : seconded observers first (by state), then the PA delegation."""
    f = roster_facts()
    total = n or int(f["total"])
    rng = rng_for("roster", salt)
    if names is None:
        names = load_facts().names
    women, men = [str(x) for x in f["female_first"]], [str(x) for x in f["male_first"]]
    last = names["observer_last"]
    days = list(f["arrivals"])
    day_p = [float(f["arrivals"][d]) for d in days]
    used: set[str] = set()
    rows: list[dict[str, Any]] = []
    for k, (state, delegation) in enumerate(_people(f, total), start=1):
        gender = "f" if rng.random() < float(f["women_share"]) else "m"
        name = _unique_name(rng, women if gender == "f" else men, last, used)
        langs = _languages(rng, f, state)
        experience = _experience(rng, f, delegation)
        rows.append(
            {
                "observer_id": f"O{k:04d}",
                "name": name,
                "gender": gender,
                "nationality": state,
                "languages": langs,
                "experience": experience,
                "delegation": delegation or "ODIHR",
                "arrival": days[int(rng.choice(len(days), p=day_p))],
            }
        )
    _add_wishes(rng, f, rows, total)
    return tuple(Observer(**r) for r in rows)


def _people(f: dict[str, Any], total: int) -> list[tuple[str, str]]:
    """(state, delegation) of each observer: seconded ones ("") by state, then the PA's."""
    seconded = round(total * f["seconded"] / f["total"])
    states = list(f["seconded_by"])
    counts = largest_remainder(seconded, [float(f["seconded_by"][s]) for s in states])
    pa = list(f["pa_states"])
    pa_counts = largest_remainder(total - seconded, [float(f["pa_states"][s]) for s in pa])
    people = [(s, "") for s, c in zip(states, counts, strict=True) for _ in range(c)]
    people += [
        (s, str(f["delegation"])) for s, c in zip(pa, pa_counts, strict=True) for _ in range(c)
    ]
    return people


def _unique_name(rng: Generator, first: list[str], last: list[str], used: set[str]) -> str:
    """A first and last name not given yet (while names are plentiful)."""
    while True:
        name = f"{first[rng.integers(len(first))]} {last[rng.integers(len(last))]}"
        if name not in used or len(used) > len(first) * len(last) // 2:
            used.add(name)
            return name


def _languages(rng: Generator, f: dict[str, Any], state: str) -> tuple[str, ...]:
    """English, the state's language, and Russian for some."""
    langs = ["en"]
    own = f["language"].get(state, "en")
    if own not in langs:
        langs.append(own)
    if rng.random() < float(f["russian"].get(state, 0.08)):
        langs.append("ru")
    return tuple(langs)


def _experience(rng: Generator, f: dict[str, Any], delegation: str) -> int:
    """Missions observed before: the delegation's spread, else experienced or new."""
    if delegation:
        return int(rng.integers(0, 6))
    if rng.random() < float(f["experienced_share"]):
        return int(rng.integers(2, 15))
    return int(rng.integers(0, 2))


def _add_wishes(rng: Generator, f: dict[str, Any], rows: list[dict[str, Any]], total: int) -> None:
    """Pairs who will not work together, and delegation members who wish a partner."""
    for _ in range(int(f["not_with_pairs"]) * total // int(f["total"])):
        a, b = (int(x) for x in rng.choice(len(rows), size=2, replace=False))
        rows[a]["not_with"] = (*rows[a].get("not_with", ()), rows[b]["observer_id"])
    members = [i for i, r in enumerate(rows) if r["delegation"] != "ODIHR"]
    for _ in range(int(f["prefer_with"]) * total // int(f["total"])):
        a, b = (int(x) for x in rng.choice(members, size=2, replace=False))
        ok = rows[a]["nationality"] != rows[b]["nationality"] and not rows[a].get("prefer_with")
        if ok and rows[b]["observer_id"] not in rows[a].get("not_with", ()):
            rows[a]["prefer_with"] = rows[b]["observer_id"]
