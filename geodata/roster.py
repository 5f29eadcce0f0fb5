"""The demo mission's fictional roster of 380 STOs, from ``geodata/facts/roster.yaml``.

Deterministic: the same facts give the same observers. ``build_roster(n)`` scales
the same make-up to any size (the benchmarks use 2,000).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from geodata.facts import FACTS, load_facts
from geodata.stations import largest_remainder, rng_for
from planner.observers import Observer


def roster_facts(path: Path = FACTS / "roster.yaml") -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        facts: dict[str, Any] = yaml.safe_load(fh)
    return facts


# size: one statement per column of the roster
def build_roster(
    n: int | None = None, names: dict[str, list[str]] | None = None, salt: str = ""
) -> tuple[Observer, ...]:
    """``O0001``.. : seconded observers first (by state), then the PA delegation."""
    f = roster_facts()
    total = n or int(f["total"])
    rng = rng_for("roster", salt)
    seconded = round(total * f["seconded"] / f["total"])
    states = list(f["seconded_by"])
    counts = largest_remainder(seconded, [float(f["seconded_by"][s]) for s in states])
    pa = list(f["pa_states"])
    pa_counts = largest_remainder(total - seconded, [float(f["pa_states"][s]) for s in pa])
    people = [(s, "") for s, c in zip(states, counts, strict=True) for _ in range(c)]
    people += [
        (s, str(f["delegation"])) for s, c in zip(pa, pa_counts, strict=True) for _ in range(c)
    ]
    if names is None:
        names = load_facts().names
    women, men = [str(x) for x in f["female_first"]], [str(x) for x in f["male_first"]]
    last = names["observer_last"]
    days = list(f["arrivals"])
    day_p = [float(f["arrivals"][d]) for d in days]
    used: set[str] = set()
    rows: list[dict[str, Any]] = []
    for k, (state, delegation) in enumerate(people, start=1):
        gender = "f" if rng.random() < float(f["women_share"]) else "m"
        first = women if gender == "f" else men
        while True:
            name = f"{first[rng.integers(len(first))]} {last[rng.integers(len(last))]}"
            if name not in used or len(used) > len(first) * len(last) // 2:
                used.add(name)
                break
        langs = ["en"]
        own = f["language"].get(state, "en")
        if own not in langs:
            langs.append(own)
        if rng.random() < float(f["russian"].get(state, 0.08)):
            langs.append("ru")
        if delegation:
            experience = int(rng.integers(0, 6))
        elif rng.random() < float(f["experienced_share"]):
            experience = int(rng.integers(2, 15))
        else:
            experience = int(rng.integers(0, 2))
        rows.append(
            {
                "observer_id": f"O{k:04d}",
                "name": name,
                "gender": gender,
                "nationality": state,
                "languages": tuple(langs),
                "experience": experience,
                "delegation": delegation or "ODIHR",
                "arrival": days[int(rng.choice(len(days), p=day_p))],
            }
        )
    for _ in range(int(f["not_with_pairs"]) * total // int(f["total"])):
        a, b = (int(x) for x in rng.choice(len(rows), size=2, replace=False))
        rows[a]["not_with"] = (*rows[a].get("not_with", ()), rows[b]["observer_id"])
    members = [i for i, r in enumerate(rows) if r["delegation"] != "ODIHR"]
    for _ in range(int(f["prefer_with"]) * total // int(f["total"])):
        a, b = (int(x) for x in rng.choice(members, size=2, replace=False))
        ok = rows[a]["nationality"] != rows[b]["nationality"] and not rows[a].get("prefer_with")
        if ok and rows[b]["observer_id"] not in rows[a].get("not_with", ()):
            rows[a]["prefer_with"] = rows[b]["observer_id"]
    return tuple(Observer(**r) for r in rows)
