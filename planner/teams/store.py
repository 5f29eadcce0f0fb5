"""Formed teams into the mission: a new teams revision in the change log, and whether
the current plan was made for other teams (then it is stale: plan again)."""

from __future__ import annotations

import json
from dataclasses import replace

from planner.io.mission import record
from planner.model import Mission
from planner.teams.form import TeamsResult

KIND = "teams"


def teams_revision(mission: Mission) -> int:
    """How many times teams were formed in this mission (0: never)."""
    return sum(1 for c in mission.change_log if c.kind == KIND)


def apply_teams(mission: Mission, result: TeamsResult, **detail: object) -> Mission:
    """``mission`` with ``result.teams`` as its teams layer, recorded as the next teams
    revision (with what changed, the previous make-up of changed teams and ``detail``,
    e.g. seed and time limit)."""
    before = mission.team_by_id
    plan = mission.current_plan
    entry = {
        "teams_revision": teams_revision(mission) + 1,
        "teams": len(result.teams),
        "changed": list(result.changed),
        "removed": list(result.removed),
        "previous": {
            tid: ";".join(before[tid].observer_ids or before[tid].members)
            for tid in (*result.changed, *result.removed)
            if tid in before
        },
        "penalty": result.penalty,
        **detail,
    }
    updated = replace(mission, teams=result.teams)
    return record(updated, KIND, entry, plan.revision if plan else 0)


def stale_plan_teams(mission: Mission) -> tuple[str, ...]:
    """Teams of the current plan whose observers or base changed after it was made
    (``()`` when the plan is current or there is none)."""
    plan = mission.current_plan
    if plan is None:
        return ()
    made = max(
        (c.seq for c in mission.change_log if c.kind != KIND and c.plan_revision == plan.revision),
        default=0,
    )
    planned = {r.team_id for r in plan.routes}
    out: set[str] = set()
    for c in mission.change_log:
        if c.kind == KIND and c.seq > made:
            detail = json.loads(c.detail)
            out |= planned & {*detail.get("changed", ()), *detail.get("removed", ())}
    return tuple(sorted(out))
