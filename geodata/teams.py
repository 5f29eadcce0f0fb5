"""The demo mission's 190 STO teams (380 fictional observers, with drivers and interpreters)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from geodata.facts import Facts
from geodata.roster import build_roster
from geodata.stations import largest_remainder, rng_for
from planner.model import Mission, Team
from planner.teams import form_teams

#: CP-SAT work budget (deterministic time) for the demo's teams: the same every build.
TEAMS_WORK_S = 6.0

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


def teams_from_roster(mission: Mission) -> Mission:
    """The demo's fictional roster (``geodata/facts/roster.yaml``) formed into teams
    with the planner's own team formation, each base taking as many teams as
    :func:`build_teams` gave it, so the team ids, bases, drivers and interpreters stay
    (and the demo plan with them); only the observers in each team come from the roster.
    """
    with_roster = replace(mission, observers=build_roster(names=None))
    per_base = Counter(t.base_id for t in mission.teams)
    result = form_teams(with_roster, capacities=dict(per_base), seed=0, work_s=TEAMS_WORK_S)
    return replace(with_roster, teams=result.teams)
