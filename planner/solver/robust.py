"""Robust plans: slack where the rehearsal says a team would miss its count.

After routing and timing, every planned team's day is rehearsed under the mission's
delay model (``planner/rehearsal.py``), with a fixed seed, so the plan stays
deterministic. For each team, in this order:

1. A stop the team's own sheet would skip even on a day without delays (its planned
   departure after its leave-by time) is removed: the plan is what the team will do.
2. **Its count margin.** The plan is timed to reach the count
   ``arrive_before_close_min`` before closing; the sheet's "leave by" rule may let
   the team use part of that margin on the day. The team gets the smallest margin (a
   multiple of 5 minutes) with which its chance of reaching the count before closing
   stays at least ``count_target_probability`` (with a statistical cushion, so that
   other replays agree): a day whose last drive is short and whose stops are close
   keeps little, a day with a long, uncertain drive to the count keeps all of it.
   The margin is stored with the route (``TeamRoute.count_margin_min``) and printed
   into the sheet's leave-by times.
3. While even the planned margin is not enough (with the same cushion), one voting
   stop is removed: of the few candidates (the first stops of the drop order, and
   the last stop before the count, whose leg is the day's riskiest), the one whose
   removal reaches the target with the highest expected value (expected visits
   completed, weighted by the prizes), else the one that raises the chance most.
   Removing a stop gives the team slack exactly where its day is too tight; days
   that are safe keep every stop. After trimming, the margin is chosen again.
4. A voting stop the team skips in 19 replays out of 20 or more is removed, so the sheet
   does not list a visit that will not happen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

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
#: Count margins tried are multiples of this (minutes).
MARGIN_STEP = 5
#: A margin smaller than the planned one is kept only if the check's estimate of the
#: chance of the count is this many standard errors above the target (one-sided
#: 95 %): about 0.987 for a target of 0.98 with 1,000 runs.
CONFIDENCE_Z = 1.645
#: A voting stop skipped in at least this share of the replays (19 in 20) is taken out of
#: the plan: it is not a visit the team will make.
DEAD_SHARE = 0.95


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
    """``routes`` with each ``editable`` team's count margin chosen, and voting stops
    removed where even the planned margin does not reach the count target."""
    s = mission.settings
    if s.count_target_probability <= 0:
        return list(routes)
    check = _Check(mission, s.count_target_probability, DelayModel.from_settings(s), prizes, travel)
    out: list[TeamRoute] = []
    for route in routes:
        if should_stop():
            raise Cancelled("planning cancelled")
        if route.team_id not in editable or not route.phase_visits("counting"):
            out.append(route)
            continue
        out.append(_robust_day(check, route))
    return out


@dataclass(frozen=True, slots=True)
class _Check:
    """The judge: the rehearsal of one team's day under the mission's delay model."""

    mission: Mission
    target: float
    delay: DelayModel
    prizes: Mapping[str, int]
    travel: TravelProvider

    @property
    def confident(self) -> float:
        """The chance a margin must show in the check's replays to be kept: the target
        plus ``CONFIDENCE_Z`` standard errors of that estimate, so that a team's
        chance stays at or above the target in other replays (other seeds) too."""
        t = self.target
        return t + CONFIDENCE_Z * math.sqrt(t * (1.0 - t) / CHECK_RUNS)

    def judge(self, route: TeamRoute) -> tuple[TeamRehearsal, tuple[int, ...]]:
        """The day's figures and its drop order."""
        day = prepare_team(self.mission, route, self.prizes, self.travel)
        s = self.mission.settings
        return rehearse_team(day, s, self.delay, CHECK_RUNS, CHECK_SEED), day.order

    def retime(self, route: TeamRoute, drop: Collection[int]) -> TeamRoute | None:
        """``route`` without its stops ``drop`` (1-based), timed by the day model,
        with the same count margin; None if that day does not work."""
        stops: list[StopRef] = [x for i, x in enumerate(stops_of(route), start=1) if i not in drop]
        start = (route.start_lat, route.start_lon)
        try:
            trial = time_route(self.mission, route.team_id, start, stops, travel=self.travel)
        except InfeasibleRoute:
            return None
        return replace(trial, count_margin_min=route.count_margin_min)


def _robust_day(check: _Check, route: TeamRoute) -> TeamRoute:
    route = _keeps_own_rule(check, route)
    route, result, order = _smallest_margin(check, route)
    trimmed = False
    while result.p_count < check.confident:
        step = _trim_once(check, route, order)
        if step is None:
            break
        route, result, order = step
        trimmed = True
    if trimmed:  # the trimmed day may not need the whole margin any more
        route, result, order = _smallest_margin(check, route)
    return _without_dead_stops(check, route, result)


def _smallest_margin(
    check: _Check, route: TeamRoute
) -> tuple[TeamRoute, TeamRehearsal, tuple[int, ...]]:
    """``route`` with the smallest count margin (a multiple of ``MARGIN_STEP`` up to
    the planned ``arrive_before_close_min``) with which its day reaches the target,
    and its rehearsal; with the planned margin when none does (stops are trimmed then).

    A smaller margin lets the team use the slack the plan keeps before its count, so
    it skips fewer stops; its chance of reaching the count falls as the margin does.
    The search bisects over the margins, and the margin returned is always one the
    rehearsal passed, or the planned one."""
    full = check.mission.settings.arrive_before_close_min
    margins = sorted({*range(0, full, MARGIN_STEP), full})
    judged: dict[int, tuple[TeamRoute, TeamRehearsal, tuple[int, ...]]] = {}

    def at(i: int) -> tuple[TeamRoute, TeamRehearsal, tuple[int, ...]]:
        if i not in judged:
            trial = replace(route, count_margin_min=margins[i])
            judged[i] = (trial, *check.judge(trial))
        return judged[i]

    def passes(i: int) -> bool:
        return at(i)[1].p_count >= check.confident

    lo, hi = 0, len(margins) - 1  # margins[hi] passes, or hi is the planned margin
    if passes(lo):
        hi = lo
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if passes(mid):
            hi = mid
        else:
            lo = mid
    return at(hi)


def _trim_once(
    check: _Check, route: TeamRoute, order: tuple[int, ...]
) -> tuple[TeamRoute, TeamRehearsal, tuple[int, ...]] | None:
    """``route`` less the voting stop whose removal best helps the count (see the
    module docstring), judged at the route's margin; None if no stop can go."""
    visits = route.visits
    voting = [i for i, v in enumerate(visits, start=1) if v.phase == "voting" and not v.pinned]
    if not voting:
        return None
    cands = [j for j in order if j in voting][:CANDIDATES]
    if voting[-1] not in cands:
        cands.append(voting[-1])
    best: tuple[tuple[bool, float, float], TeamRoute, TeamRehearsal, tuple[int, ...]] | None
    best = None
    for j in cands:
        trial = check.retime(route, {j})
        if trial is None:
            continue
        res, trial_order = check.judge(trial)
        reached = res.p_count >= check.confident
        key = (reached, res.expected_value if reached else res.p_count, res.expected_value)
        if best is None or key > best[0]:
            best = (key, trial, res, trial_order)
    return None if best is None else best[1:]


def _without_dead_stops(check: _Check, route: TeamRoute, result: TeamRehearsal) -> TeamRoute:
    """``route`` without the voting stops the team skips in (nearly) every replay: the
    sheet should not list a stop that will not be visited, and the station stays
    free in the plan's records. Kept as it is if the day without them would be
    worse for the count."""
    dead = {
        j
        for j, (v, share) in enumerate(zip(route.visits, result.skipped, strict=True), start=1)
        if v.phase == "voting" and not v.pinned and share >= DEAD_SHARE
    }
    if not dead:
        return route
    trial = check.retime(route, dead)
    if trial is None:
        return route
    res, _order = check.judge(trial)
    return trial if res.p_count >= min(check.target, result.p_count) else route


def _keeps_own_rule(check: _Check, route: TeamRoute) -> TeamRoute:
    """``route`` without the stops its own sheet would skip on a day without delays.

    The routing core and the day model can place the lunch break differently, so a
    timed day may leave a stop a few minutes after its leave-by time (the safe drive
    to the count is stricter than the day model); the team would then always skip
    it. Such stops are removed, so the plan is what the team will do when all goes
    to plan."""
    for _ in range(len(route.visits)):
        day = prepare_team(check.mission, route, check.prizes, check.travel)
        ideal = rehearse_team(day, check.mission.settings, DelayModel(), 1, 0)
        skipped = {
            j
            for j, share in enumerate(ideal.skipped, start=1)
            if share > 0 and not route.visits[j - 1].pinned
        }
        if not skipped:
            return route
        trial = check.retime(route, skipped)
        if trial is None:
            return route
        route = trial
    return route
