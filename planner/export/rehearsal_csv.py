"""``rehearsal.csv``: a plan's rehearsal per team (``python main.py rehearse``).

One row per planned team, sorted by team. Probabilities with 3 decimals; an
undefined one (no count or no tabulation planned) is an empty cell. Columns are
documented in ``docs/cli.md``.
"""

from __future__ import annotations

import csv
import io
import math
import os
import tempfile
from pathlib import Path

from planner.model import Mission
from planner.rehearsal import PlanRehearsal, count_margin

__all__ = ["COLUMNS", "rehearsal_csv", "write_rehearsal_csv"]

COLUMNS: tuple[str, ...] = (
    "team_id",
    "base_id",
    "runs",
    "seed",
    "planned_voting_visits",
    "expected_voting_visits",
    "expected_value",
    "p_opening_on_time",
    "p_count_before_close",
    "p_full_day",
    "p_tabulation",
    "count_margin_min",
    "drop_order",
    "most_dropped",
)

#: A stop is listed in ``most_dropped`` when the team skips it in at least this share
#: of the runs.
DROPPED_SHARE = 0.10


def _p(x: float) -> str:
    return "" if math.isnan(x) else f"{x:.3f}"


def rehearsal_csv(mission: Mission, result: PlanRehearsal) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for team, day in sorted(
        zip(result.teams, result.days, strict=True), key=lambda x: x[0].team_id
    ):
        visits = day.route.visits
        dropped = sorted(
            (i for i, share in enumerate(team.skipped) if share >= DROPPED_SHARE),
            key=lambda i: (-team.skipped[i], i),
        )
        known = mission.team_by_id.get(team.team_id)
        writer.writerow(
            {
                "team_id": team.team_id,
                "base_id": known.base_id if known else "",
                "runs": team.runs,
                "seed": result.seed,
                "planned_voting_visits": team.planned_visits,
                "expected_voting_visits": f"{team.expected_visits:.2f}",
                "expected_value": f"{team.expected_value:.0f}",
                "p_opening_on_time": _p(team.p_opening),
                "p_count_before_close": _p(team.p_count),
                "p_full_day": _p(team.p_full_day),
                "p_tabulation": _p(team.p_tabulation),
                "count_margin_min": count_margin(day.route, mission.settings),
                "drop_order": " ".join(visits[j - 1].ps_id for j in day.order),
                "most_dropped": " ".join(visits[i].ps_id for i in dropped),
            }
        )
    return buf.getvalue()


def write_rehearsal_csv(mission: Mission, result: PlanRehearsal, path: Path) -> Path:
    """Write ``rehearsal.csv`` (UTF-8, header row), atomically (beside, then moved)."""
    path = Path(path)
    text = rehearsal_csv(mission, result)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".rehearsal-", suffix=".csv.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
