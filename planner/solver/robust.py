"""Robust plans: slack where the rehearsal says a team would miss its count.

After routing and timing, every planned team's day is rehearsed under the mission's
delay model (``planner/rehearsal.py``). While a team's chance of reaching its count
before closing is below ``count_target_probability``, one voting stop is removed:
of the few candidates (the first stops of the drop order, and the last stop before
the count, whose leg is the day's riskiest), the one whose removal reaches the target
with the highest expected value (expected visits completed, weighted by the prizes),
else the one that raises the chance most. Removing a stop gives the team slack
exactly where its day is too tight; days that are safe keep every stop. The
rehearsal is the judge, with a fixed seed, so the plan stays deterministic. First,
a stop the team's own sheet would skip even on a day without delays (its planned
departure after its leave-by time) is removed: the plan is what the team will do.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from planner.day import InfeasibleRoute, StopRef, stops_of, time_route
from planner.errors import Cancelled
from planner.model import Mission, TeamRoute
from planner.rehearsal import DelayModel, TeamRehearsal, prepare_team, rehearse_team
from planner.travel import TravelProvider

__all__ = ["CHECK_RUNS", "CHECK_SEED", "make_robust"]

#: Rehearsal runs per check of one team's day (a standard error of about 0.45
#: percentage points at a chance of 0.98).
CHECK_RUNS = 1000
#: Seed of those checks (the plan's seed does not change the judge).
CHECK_SEED = 12
#: Stops tried for removal per step: this many from the top of the drop order.
CANDIDATES = 3


def _never() -> bool:
    return False


def make_robust(
    mission: Mission,
    routes: Sequence[TeamRoute],
    *,
    editable: Collection[str],
    prizes: Mapping[str, int],
    travel: TravelProvider,
    should_stop: Callable[[], bool] = _never,
) -> list[TeamRoute]:
    """``routes`` with voting stops removed from the days of ``editable`` teams until
    each reaches the count target (or has no voting stop left to remove)."""
    s = mission.settings
    target = s.count_target_probability
    if target <= 0:
        return list(routes)
    delay = DelayModel.from_settings(s)
    out: list[TeamRoute] = []
    for route in routes:
        if should_stop():
            raise Cancelled("planning cancelled")
        if route.team_id not in editable or not route.phase_visits("counting"):
            out.append(route)
            continue
        out.append(
            _robust_day(mission, route, target=target, delay=delay, prizes=prizes, travel=travel)
        )
    return out


def _judge(
    mission: Mission,
    route: TeamRoute,
    delay: DelayModel,
    prizes: Mapping[str, int],
    travel: TravelProvider,
) -> tuple[TeamRehearsal, tuple[int, ...]]:
    day = prepare_team(mission, route, prizes, travel)
    return rehearse_team(day, mission.settings, delay, CHECK_RUNS, CHECK_SEED), day.order


def _robust_day(
    mission: Mission,
    route: TeamRoute,
    *,
    target: float,
    delay: DelayModel,
    prizes: Mapping[str, int],
    travel: TravelProvider,
) -> TeamRoute:
    start = (route.start_lat, route.start_lon)
    route = _keeps_own_rule(mission, route, prizes, travel)
    result, order = _judge(mission, route, delay, prizes, travel)
    while result.p_count < target:
        visits = route.visits
        voting = [i for i, v in enumerate(visits, start=1) if v.phase == "voting" and not v.pinned]
        if not voting:
            break
        cands = [j for j in order if j in voting][:CANDIDATES]
        last = voting[-1]
        if last not in cands:
            cands.append(last)
        best: tuple[tuple[bool, float, float], TeamRoute, TeamRehearsal, tuple[int, ...]] | None
        best = None
        for j in cands:
            stops: list[StopRef] = [x for i, x in enumerate(stops_of(route), start=1) if i != j]
            try:
                trial = time_route(mission, route.team_id, start, stops, travel=travel)
            except InfeasibleRoute:
                continue
            res, trial_order = _judge(mission, trial, delay, prizes, travel)
            reached = res.p_count >= target
            key = (reached, res.expected_value if reached else res.p_count, res.expected_value)
            if best is None or key > best[0]:
                best = (key, trial, res, trial_order)
        if best is None:
            break
        _key, route, result, order = best
    return route


def _keeps_own_rule(
    mission: Mission, route: TeamRoute, prizes: Mapping[str, int], travel: TravelProvider
) -> TeamRoute:
    """``route`` without the stops its own sheet would skip on a day without delays.

    The routing core and the day model can place the lunch break differently, so a
    timed day may leave a stop a few minutes after its leave-by time (the safe drive
    to the count is stricter than the day model); the team would then always skip
    it. Such stops are removed, so the plan is what the team will do when all goes
    to plan."""
    start = (route.start_lat, route.start_lon)
    for _ in range(len(route.visits)):
        day = prepare_team(mission, route, prizes, travel)
        ideal = rehearse_team(day, mission.settings, DelayModel(), 1, 0)
        skipped = {
            j
            for j, share in enumerate(ideal.skipped, start=1)
            if share > 0 and not route.visits[j - 1].pinned
        }
        if not skipped:
            return route
        stops = [x for i, x in enumerate(stops_of(route), start=1) if i not in skipped]
        try:
            route = time_route(mission, route.team_id, start, stops, travel=travel)
        except InfeasibleRoute:
            return route
    return route
