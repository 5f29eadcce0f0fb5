"""Expected coverage after delays, per area, for ``coverage.csv`` (issue 12).

The plan's voting visits say what the teams will try; these columns say what the
rehearsal (``planner/rehearsal.py``, 1,000 runs, seed 0, the mission's delay model)
expects them to manage: ``expected_voting_visits`` (sum over the area's planned
visits of the share of runs observing them) and ``count_in_time_share`` (mean chance
of the teams counting in the area to be there before the station closes; empty when
no team counts there).
"""

from __future__ import annotations

from planner.model import Mission, Plan
from planner.rehearsal import rehearse

__all__ = ["EXPECTED_COLUMNS", "expected_by_area"]

EXPECTED_COLUMNS: tuple[str, ...] = ("expected_voting_visits", "count_in_time_share")

AreaKey = tuple[str, str, str]  # (level, region_id, dec_id) as in coverage.csv


def expected_by_area(
    mission: Mission, plan: Plan | None, *, runs: int = 1000, seed: int = 0
) -> dict[AreaKey, dict[str, str]]:
    """``coverage.csv``'s expected columns per (level, region_id, dec_id)."""
    if plan is None or not any(r.visits for r in plan.routes):
        return {}
    result = rehearse(mission, plan, runs=runs, seed=seed)
    visits: dict[AreaKey, float] = {}
    counts: dict[AreaKey, list[float]] = {}
    for team, day in zip(result.teams, result.days, strict=True):
        for v, share in zip(day.route.visits, team.completed, strict=True):
            keys = [("total", "", ""), ("region", v.region_id, ""), ("dec", v.region_id, v.dec_id)]
            if v.phase == "voting":
                for k in keys:
                    visits[k] = visits.get(k, 0.0) + share
            elif v.phase == "counting":
                for k in keys:
                    counts.setdefault(k, []).append(team.p_count)
    out: dict[AreaKey, dict[str, str]] = {}
    for k in set(visits) | set(counts):
        ps = counts.get(k, [])
        out[k] = {
            "expected_voting_visits": f"{visits.get(k, 0.0):.2f}",
            "count_in_time_share": f"{sum(ps) / len(ps):.4f}" if ps else "",
        }
    return out
