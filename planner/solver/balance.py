"""Region balance: no region gets far more than its share of voting visits.

Teams stay in their base's regions, so a region whose base has more teams than its
share of stations would get more than its share of visits (the mission reports
coverage "in proportion to size"). After routing, voting visits are dropped from such
a region — the least valuable first, from the team with most visits first — until
its ratio (share of visits / share of stations, or voters per
``Settings.region_balance_basis``) is at most :data:`REGION_RATIO_MAX`. Visits are
never added here (a region under its share needs more teams, which only the user
can send). Only the teams being planned are touched, never kept routes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping

from planner.day import InfeasibleRoute, StopRef, stops_of, time_route
from planner.model import Mission, TeamRoute
from planner.solver.deploy import usable_stations
from planner.travel import TravelProvider

__all__ = ["REGION_RATIO_MAX", "balance_regions"]

#: Largest ratio a region may have (the benchmark target is 1.33; a margin is kept).
REGION_RATIO_MAX = 1.30


def _weights(mission: Mission) -> Counter[str]:
    by_voters = mission.settings.region_balance_basis == "voters"
    w: Counter[str] = Counter()
    for p in usable_stations(mission):
        w[p.region_id] += p.voters if by_voters else 1
    return w


def balance_regions(
    mission: Mission,
    routes: list[TeamRoute],
    *,
    editable: Collection[str],
    prizes: Mapping[str, int],
    travel: TravelProvider,
    ratio_max: float = REGION_RATIO_MAX,
) -> list[TeamRoute]:
    """``routes`` with surplus voting visits dropped (see module docstring)."""
    weights = _weights(mission)
    total_w = sum(weights.values())
    if total_w <= 0:
        return routes
    out = {r.team_id: r for r in routes}
    for _round in range(3):
        visits = Counter(v.region_id for r in out.values() for v in r.phase_visits("voting"))
        total_v = sum(visits.values())
        changed = False
        for region in sorted(visits):
            share = weights[region] / total_w
            if share <= 0 or share * ratio_max >= 1:
                continue
            v_r = visits[region]
            if (v_r / total_v) / share <= ratio_max:
                continue
            # v' / (total_v - v_r + v') <= ratio_max * share, solved for v'
            allowed = int(ratio_max * share * (total_v - v_r) / (1 - ratio_max * share))
            changed |= _drop(
                mission, out, region, v_r - allowed, editable=editable, prizes=prizes, travel=travel
            )
        if not changed:
            break
    return [out[r.team_id] for r in routes]


def _drop(
    mission: Mission,
    routes: dict[str, TeamRoute],
    region: str,
    count: int,
    *,
    editable: Collection[str],
    prizes: Mapping[str, int],
    travel: TravelProvider,
) -> bool:
    changed = False
    for _ in range(max(0, count)):
        teams = sorted(
            (
                r
                for r in routes.values()
                if r.team_id in editable
                and any(v.region_id == region and not v.pinned for v in r.phase_visits("voting"))
            ),
            key=lambda r: (-len(r.phase_visits("voting")), r.team_id),
        )
        done = False
        for r in teams:
            stops = stops_of(r)
            options = sorted(
                (
                    i
                    for i, st in enumerate(stops)
                    if st.phase == "voting" and not st.pinned and r.visits[i].region_id == region
                ),
                key=lambda i: (prizes.get(stops[i].ps_id, 0), i),
            )
            for i in options:
                rest: list[StopRef] = stops[:i] + stops[i + 1 :]
                try:
                    new = time_route(
                        mission, r.team_id, (r.start_lat, r.start_lon), rest, travel=travel
                    )
                except InfeasibleRoute:
                    continue
                routes[r.team_id] = new
                done = changed = True
                break
            if done:
                break
        if not done:
            break
    return changed
