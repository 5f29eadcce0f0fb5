"""The demo mission's 190 STO teams (380 fictional observers, with drivers and interpreters)."""

from __future__ import annotations

from geodata.facts import Facts
from geodata.stations import largest_remainder, rng_for
from planner.model import Team

TEAMS = 190  # 380 STOs in two-person teams (ODIHR final report, section II)


def build_teams(facts: Facts, stations_by_base: dict[str, int]) -> tuple[Team, ...]:
    """``T001``..``T190``, shared out over the bases in proportion to their stations.

    Observers get a random first and last name from many nationalities (fictional
    people); nobody appears twice. No overnight location: the planner chooses.
    """
    names = facts.names
    rng = rng_for("teams")
    bases = [b.base_id for b in facts.bases]
    counts = largest_remainder(TEAMS, [float(stations_by_base[b]) for b in bases])
    used: set[str] = set()

    def person(first: list[str], last: list[str]) -> str:
        while True:
            name = f"{first[rng.integers(len(first))]} {last[rng.integers(len(last))]}"
            if name not in used:
                used.add(name)
                return name

    teams = []
    n = 0
    for base_id, count in zip(bases, counts, strict=True):
        for _ in range(count):
            n += 1
            members = (
                person(names["observer_first"], names["observer_last"]),
                person(names["observer_first"], names["observer_last"]),
            )
            driver = person(
                [x for x in names["local_first"] if x not in names["local_female"]],
                names["local_last_m"],
            )
            if rng.random() < 0.6:
                interpreter = person(names["local_female"], names["local_last_f"])
            else:
                interpreter = person(
                    [x for x in names["local_first"] if x not in names["local_female"]],
                    names["local_last_m"],
                )
            teams.append(
                Team(
                    team_id=f"T{n:03d}",
                    base_id=base_id,
                    members=members,
                    available=True,
                    driver=driver,
                    interpreter=interpreter,
                    phone=f"+7 705 000 {n:04d}",
                )
            )
    return tuple(teams)
