"""``teams.csv``: the formed teams, one row per team (INTERFACES.md section 3).

Columns ``team_id, base_id, observer_ids, names, genders, nationalities, languages,
experience, broken_rules``. Per-observer columns list the members in the order of
``observer_ids``, separated by ``;`` (an observer's languages by ``,``);
``broken_rules`` lists ``rule: reason`` items separated by `` | ``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from planner.model import Mission, Team
from planner.teams.rules import Broken

COLUMNS = (
    "team_id",
    "base_id",
    "observer_ids",
    "names",
    "genders",
    "nationalities",
    "languages",
    "experience",
    "broken_rules",
)


def teams_rows(
    mission: Mission, teams: Sequence[Team], broken: Mapping[str, Sequence[Broken]]
) -> list[dict[str, str]]:
    rows = []
    for t in teams:
        obs = [mission.observer_by_id[i] for i in t.observer_ids if i in mission.observer_by_id]
        rows.append(
            {
                "team_id": t.team_id,
                "base_id": t.base_id,
                "observer_ids": ";".join(t.observer_ids),
                "names": ";".join(o.name for o in obs) if obs else ";".join(t.members),
                "genders": ";".join(o.gender for o in obs),
                "nationalities": ";".join(o.nationality for o in obs),
                "languages": ";".join(",".join(o.languages) for o in obs),
                "experience": ";".join(str(o.experience) for o in obs),
                "broken_rules": " | ".join(str(b) for b in broken.get(t.team_id, ())),
            }
        )
    return rows


def teams_csv(
    mission: Mission, teams: Sequence[Team], broken: Mapping[str, Sequence[Broken]]
) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(teams_rows(mission, teams, broken))
    return buf.getvalue()


def write_teams_csv(
    mission: Mission, teams: Sequence[Team], broken: Mapping[str, Sequence[Broken]], path: Path
) -> Path:
    """Write ``teams.csv`` (UTF-8, comma-separated, header row)."""
    path.write_text(teams_csv(mission, teams, broken), encoding="utf-8")
    return path
