"""The route sheet's rule for a late team: "leave by" times and the drop order.

:func:`prepare_team` turns a timed route into a :class:`TeamDay`: the route's
stops as nodes (node 0 = the overnight location, node ``i`` = stop ``i``), the
planned drive between any two of them, the stations' hours in the first stop's time
zone, the **drop order** (voting stops, least value per minute saved first, pinned
stops last) and ``latest[i, p]``: the latest departure from node ``i``, after the
first ``p`` stops of the drop order were skipped, that still reaches the count in
time at the planned drive times (the lunch break included). :func:`leave_by` is
``latest[i, 0]`` in local time: what the sheet prints. The rehearsal
(``planner/rehearsal.py``) replays the teams with exactly this rule.

"In time" for the count: the team's count margin (:func:`count_margin`) before
closing at the planned drive times, and before closing even if the drive to the
count takes :func:`count_leg_factor` times its estimate (:func:`safe_count_legs`; the
routing core plans with the same safe drives and ``arrive_before_close_min``,
``solver/voting.py``). The plan is timed to arrive ``arrive_before_close_min`` before
closing; on the day, a team may use part of that margin: the robust check
(``solver/robust.py``) gives each team the smallest margin (a multiple of 5 minutes)
with which the rehearsal still reaches the count target, so the slack is kept where
the day is risky, not everywhere. See docs/planning.md §8. Qt-free.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from planner.model import Mission, Settings, TeamRoute
from planner.travel import TravelProvider, provider_for

__all__ = [
    "NEVER",
    "RISK_QUANTILE",
    "TeamDay",
    "count_leg_factor",
    "count_margin",
    "drop_order",
    "leave_by",
    "prepare_team",
    "safe_count_legs",
    "slack",
]

NEVER = -(10**9)  # a departure time that is never early enough


@dataclass(frozen=True, slots=True)
class TeamDay:
    """A timed route prepared for replay: node 0 is the overnight location, node
    ``i`` (1-based) the route's stop ``i``; times in the first stop's time zone."""

    route: TeamRoute
    phase: tuple[str, ...]  # per node; node 0 "start"
    travel: npt.NDArray[np.int64]  # (n+1) x (n+1) planned drive minutes between nodes
    shift: tuple[int, ...]  # minutes to add to a node's reference time to get local time
    open_t: tuple[int, ...]
    close_t: tuple[int, ...]
    prize: tuple[int, ...]  # voting nodes only, else 0
    pinned: tuple[bool, ...]
    lunch_gap: int  # lunch on the leg leaving node lunch_gap (route index), -1 = none
    lunch_earliest: int
    counting: int  # node of the count, -1 = none
    deadline: int  # latest arrival at the count (reference time)
    order: tuple[int, ...]  # drop order: voting nodes, first to skip first
    latest: npt.NDArray[np.int64]  # latest[i, p]: latest departure from i, p skips made

    @property
    def voting(self) -> tuple[int, ...]:
        return tuple(i for i, ph in enumerate(self.phase) if ph == "voting")


def _lunch_gap(route: TeamRoute) -> int:
    """Index i (1-based node) of the stop the planned lunch break follows, -1 = none."""
    if route.lunch_start is None:
        return -1
    vs = route.visits
    for k in range(len(vs) - 1):
        if vs[k].depart <= route.lunch_start and vs[k + 1].arrive >= route.lunch_start:
            return k + 1
    return -1


def prepare_team(
    mission: Mission,
    route: TeamRoute,
    prizes: Mapping[str, int],
    travel: TravelProvider | None = None,
) -> TeamDay:
    """Everything the replay and the sheet need about one timed route."""
    s = mission.settings
    provider = travel if travel is not None else provider_for(s)
    vs = route.visits
    offsets = [mission.region_by_id[v.region_id].utc_offset_min for v in vs]
    off0 = offsets[0] if offsets else 0
    coords = [(route.start_lat, route.start_lon)] + [(v.lat, v.lon) for v in vs]
    mat = provider.matrix(coords, coords).minutes.astype(np.int64)
    np.fill_diagonal(mat, 0)
    for i, v in enumerate(vs, start=1):  # the plan's own legs, exactly
        mat[i - 1, i] = v.travel_min
    shift = [0] + [o - off0 for o in offsets]
    phase = ["start"] + [v.phase for v in vs]
    open_t = [0]
    close_t = [0]
    prize = [0]
    for v, sh in zip(vs, shift[1:], strict=True):
        if v.ps_id:
            ps = mission.station_by_id[v.ps_id]
            open_t.append(ps.open_time - sh)
            close_t.append(ps.close_time - sh)
        else:
            open_t.append(0)
            close_t.append(s.latest_end - sh)
        prize.append(int(prizes.get(v.ps_id, 0)) if v.phase == "voting" else 0)
    counting = next((i for i, ph in enumerate(phase) if ph == "counting"), -1)
    deadline = close_t[counting] - count_margin(route, s) if counting >= 0 else 0
    gap = _lunch_gap(route)
    lunch_earliest = s.lunch_earliest - shift[gap] if gap >= 0 else 0
    pinned = [False] + [v.pinned for v in vs]
    day = TeamDay(
        route=route,
        phase=tuple(phase),
        travel=mat,
        shift=tuple(shift),
        open_t=tuple(open_t),
        close_t=tuple(close_t),
        prize=tuple(prize),
        pinned=tuple(pinned),
        lunch_gap=gap,
        lunch_earliest=lunch_earliest,
        counting=counting,
        deadline=deadline,
        order=(),
        latest=np.zeros((0, 0), dtype=np.int64),
    )
    order = _drop_order(day, s)
    latest = _latest_table(day, order, s)
    return replace(day, order=order, latest=latest)


def _drop_order(day: TeamDay, s: Settings) -> tuple[int, ...]:
    """Voting nodes in the order to skip them: least value per minute saved first,
    pinned stops last."""
    voting = day.voting
    n = len(day.phase)
    tr = day.travel
    keys = []
    for j in voting:
        prev = j - 1
        nxt = j + 1 if j + 1 < n else 0
        saved = tr[prev, j] + s.voting_observation_min + tr[j, nxt] - tr[prev, nxt]
        ratio = day.prize[j] / max(1, int(saved))
        keys.append((day.pinned[j], ratio, day.prize[j], -j))
    return tuple(j for _k, j in sorted(zip(keys, voting, strict=True)))


def count_leg_factor(s: Settings) -> float:
    """How much longer than planned the drive to the count may take and still arrive
    before closing, with probability ``count_target_probability``: the quantile of the
    delay model's drive-time ratio (1 when the target is 0: no robust planning)."""
    if s.count_target_probability <= 0:
        return 1.0
    p = min(s.count_target_probability, 0.999)
    z = statistics.NormalDist().inv_cdf(p)
    return max(1.0, s.delay_drive_median * math.exp(z * s.delay_drive_spread))


def count_margin(route: TeamRoute, s: Settings) -> int:
    """Minutes before closing the team's "leave by" rule keeps for its count: the
    route's own margin (chosen by the robust check) or ``arrive_before_close_min``."""
    m = route.count_margin_min
    return s.arrive_before_close_min if m is None else m


def safe_count_legs(
    minutes: npt.NDArray[np.int64], s: Settings, margin: int | None = None
) -> npt.NDArray[np.int64]:
    """Planned minutes of drives to the count, made "safe": a drive of ``m`` minutes
    counts as ``max(m, ceil(m x factor) - margin)``, so that arriving ``margin``
    minutes (default ``arrive_before_close_min``) before closing on paper means
    arriving before closing even when the drive takes ``factor``
    (:func:`count_leg_factor`) times longer."""
    factor = count_leg_factor(s)
    if factor <= 1.0:
        return minutes
    keep = s.arrive_before_close_min if margin is None else margin
    safe = np.ceil(minutes * factor - 1e-9).astype(np.int64) - keep
    out: npt.NDArray[np.int64] = np.maximum(minutes, safe)
    return out


def _latest_table(day: TeamDay, order: Sequence[int], s: Settings) -> npt.NDArray[np.int64]:
    """latest[i, p]: the latest departure from node i such that the rest of the day
    (voting stops after i not among the first p of the drop order, then the count) at
    planned drive times reaches the count by its deadline."""
    n = len(day.phase)
    p_max = len(order)
    out = np.full((n, p_max + 1), NEVER, dtype=np.int64)
    c = day.counting
    if c < 0:
        out[:] = 10**9
        return out
    obs = s.voting_observation_min
    tr = day.travel.copy()
    tr[:, c] = safe_count_legs(tr[:, c], s, count_margin(day.route, s))
    gap = day.lunch_gap
    lunch = s.lunch_break_min if gap >= 0 else 0
    rank = {j: r for r, j in enumerate(order)}
    decision = [i for i in range(n) if i < c and day.phase[i] in ("start", "opening", "voting")]
    for p in range(p_max + 1):
        # latest arrival at each node of the remaining chain, from the count backwards
        keep = [j for j in day.voting if rank[j] >= p]
        for i in decision:
            chain = [j for j in keep if j > i] + [c]
            arrive = day.deadline
            for a, b in zip(reversed(chain[:-1]), reversed(chain[1:]), strict=True):
                dep = _latest_depart(
                    a, b, arrive, tr, gap=gap, lunch=lunch, lunch_earliest=day.lunch_earliest
                )
                lim = min(dep, day.close_t[a])
                if day.open_t[a] + obs > lim:
                    arrive = NEVER
                    break
                arrive = lim - obs
            first = chain[0]
            out[i, p] = (
                NEVER
                if arrive <= NEVER // 2
                else _latest_depart(
                    i, first, arrive, tr, gap=gap, lunch=lunch, lunch_earliest=day.lunch_earliest
                )
            )
    return out


def _latest_depart(
    a: int,
    b: int,
    arrive_by: int,
    tr: npt.NDArray[np.int64],
    *,
    gap: int,
    lunch: int,
    lunch_earliest: int,
) -> int:
    """Latest departure from node a to be at node b by ``arrive_by``."""
    if arrive_by <= NEVER // 2:
        return NEVER
    t = arrive_by - int(tr[a, b])
    if lunch and a <= gap < b:  # the break is taken on this leg
        t -= lunch
        if t < lunch_earliest:
            return NEVER
    return t


def leave_by(day: TeamDay) -> dict[int, int]:
    """Route index (1-based) of each voting stop -> its "leave by" time, local time:
    the latest departure from there that, with the rest of the planned day, still
    reaches the count the team's count margin before closing."""
    return {
        j: int(day.latest[j, 0]) + day.shift[j]
        for j in day.voting
        if day.counting >= 0 and day.latest[j, 0] > NEVER // 2
    }


#: A leg is "risky" when a drive this much slower than the delay model's median
#: quantile (90 %) alone would use up the slack at its start.
RISK_QUANTILE = 0.9


def slack(day: TeamDay, s: Settings) -> list[tuple[int, int, int, bool]]:
    """Per stop a team decides at (overnight, opening, voting stops), in route order:
    (route index, planned departure, leave-by time, next leg risky), local times of
    that stop. ``leave-by - departure`` is the stop's slack; the next leg is risky when
    at the 90 % drive-time ratio of the delay model it alone would eat that slack."""
    if day.counting < 0:
        return []
    z = statistics.NormalDist().inv_cdf(RISK_QUANTILE)
    slow = s.delay_drive_median * math.exp(z * s.delay_drive_spread)
    route = day.route
    out = []
    for i, ph in enumerate(day.phase):
        if i >= day.counting or ph not in ("start", "opening", "voting"):
            continue
        if day.phase[i + 1] not in ("voting", "counting"):  # overnight -> opening
            continue
        if day.latest[i, 0] <= NEVER // 2:
            continue
        depart = route.depart_start if i == 0 else route.visits[i - 1].depart
        latest = int(day.latest[i, 0]) + day.shift[i]
        leg = int(day.travel[i, i + 1])
        out.append((i, depart, latest, leg * (slow - 1.0) > latest - depart))
    return out


def drop_order(day: TeamDay) -> tuple[int, ...]:
    """Route indices (1-based) of the voting stops in the order a late team skips them."""
    return day.order
