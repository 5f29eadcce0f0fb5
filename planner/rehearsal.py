"""Rehearsal: replay a plan's days many times under the delay model.

A plan is timed to the minute; a real election day is not. :func:`rehearse` replays
every team's day ``runs`` times with drive times and visit lengths drawn from the
mission's delay model (Settings group "Election-day realism", docs/planning.md §8):

* every drive takes ``estimate x ratio``, the ratio lognormal with median
  ``delay_drive_median`` and log-spread ``delay_drive_spread`` (one draw per leg);
* every voting visit overruns by an exponential number of minutes with mean
  ``delay_visit_extra_min``, but not past the stop's "leave by" time (the team
  leaves then, having observed at least ``voting_observation_min``); with
  probability ``delay_visit_refused`` it is refused or cut short: the team leaves
  after half the observation time and the visit does not count;
* openings, counts and tabulation keep their planned lengths (they follow the
  station's hours, not the team's pace).

"Safe" for the count means: arriving ``arrive_before_close_min`` before closing at
the planned drive times, and before closing even if the drive to the count takes
:func:`count_leg_factor` times its estimate (the ``count_target_probability``
quantile of the drive-time ratio), see :func:`safe_count_legs`. The planner's
routing core uses the same safe drives to the count (``solver/voting.py``).

The teams follow their sheet's rule (:func:`leave_by`, :func:`drop_order`): before
driving on, a team checks that the rest of its planned day, at the planned drive
times, still reaches its count ``arrive_before_close_min`` before closing; if not, it
skips stops in the sheet's drop order until it does. The lunch break is taken on the
leg that crosses the planned lunch gap, from ``max(now, lunch_earliest)``.

Everything is in minutes of the team's first stop's time zone inside this module
(local times are converted back for the sheet). Deterministic: each team's draws
come from ``(seed, crc32(team_id))``, so a team's figures do not depend on the other
teams. Qt-free; numpy vectorises over the runs.
"""

from __future__ import annotations

import math
import statistics
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from planner.model import Mission, Plan, Settings, TeamRoute
from planner.travel import TravelProvider, provider_for

__all__ = [
    "DelayModel",
    "PlanRehearsal",
    "TeamDay",
    "TeamRehearsal",
    "drop_order",
    "leave_by",
    "prepare_team",
    "rehearse",
    "rehearse_team",
    "safe_count_legs",
    "slack",
    "station_prizes_of",
]

NEVER = -(10**9)  # a departure time that is never early enough


@dataclass(frozen=True, slots=True)
class DelayModel:
    """How a real day differs from the plan (see the module docstring)."""

    drive_median: float = 1.0
    drive_spread: float = 0.0
    visit_extra_min: float = 0.0
    refused: float = 0.0

    @classmethod
    def from_settings(cls, s: Settings) -> DelayModel:
        return cls(
            s.delay_drive_median,
            s.delay_drive_spread,
            s.delay_visit_extra_min,
            s.delay_visit_refused,
        )


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
    deadline = close_t[counting] - s.arrive_before_close_min if counting >= 0 else 0
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


def safe_count_legs(minutes: npt.NDArray[np.int64], s: Settings) -> npt.NDArray[np.int64]:
    """Planned minutes of drives to the count, made "safe": a drive of ``m`` minutes
    counts as ``max(m, ceil(m x factor) - arrive_before_close_min)``, so that arriving
    ``arrive_before_close_min`` before closing on paper means arriving before closing
    even when the drive takes ``factor`` (:func:`count_leg_factor`) times longer."""
    factor = count_leg_factor(s)
    if factor <= 1.0:
        return minutes
    safe = np.ceil(minutes * factor - 1e-9).astype(np.int64) - s.arrive_before_close_min
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
    tr[:, c] = safe_count_legs(tr[:, c], s)
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
    reaches the count ``arrive_before_close_min`` before closing."""
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


# --------------------------------------------------------------------------- replay


@dataclass(frozen=True, slots=True)
class TeamRehearsal:
    """One team's figures over the runs."""

    team_id: str
    runs: int
    planned_visits: int
    p_opening: float  # at the opening station by the time it opens
    p_count: float  # at the counting station before it closes (nan: no count planned)
    p_full_day: float  # no stop skipped and the count reached before closing
    p_tabulation: float  # left the DEC by the latest end of the day (nan: none planned)
    expected_visits: float  # voting visits observed
    expected_value: float  # the same, weighted by the prizes
    completed: tuple[float, ...]  # per route node: share of runs observing it
    skipped: tuple[float, ...]  # per route node: share of runs skipping it
    home_p90: float  # 90th percentile of the time back home (local time of stop 1)
    arrive: npt.NDArray[np.float64] | None = field(default=None, repr=False)  # runs x nodes
    depart: npt.NDArray[np.float64] | None = field(default=None, repr=False)


def rehearse_team(
    day: TeamDay,
    settings: Settings,
    delay: DelayModel,
    runs: int,
    seed: int,
    *,
    trace: bool = False,
    draws: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.bool_]]
    | None = None,
) -> TeamRehearsal:
    """Replay one team's day ``runs`` times. ``draws`` = (drive ratio, extra minutes,
    refused), each runs x (nodes + 1), replaces the random draws (for tests)."""
    s = settings
    n = len(day.phase)
    route = day.route
    if draws is None:
        rng = np.random.default_rng([seed, zlib.crc32(route.team_id.encode())])
        ratio = delay.drive_median * np.exp(delay.drive_spread * rng.standard_normal((runs, n + 1)))
        extra = (
            rng.exponential(delay.visit_extra_min, (runs, n))
            if delay.visit_extra_min > 0
            else np.zeros((runs, n))
        )
        refused = rng.random((runs, n)) < delay.refused
    else:
        ratio, extra, refused = draws
        runs = ratio.shape[0]
    tr = day.travel.astype(np.float64)
    obs = s.voting_observation_min
    t = np.full(runs, float(route.depart_start))
    cur = np.zeros(runs, dtype=np.int64)
    p = np.zeros(runs, dtype=np.int64)
    lunch_done = np.zeros(runs, dtype=bool)
    rank = np.zeros(n, dtype=np.int64)
    for r, j in enumerate(day.order):
        rank[j] = r
    qidx = np.arange(len(day.order) + 1)
    done = np.zeros((runs, n), dtype=bool)
    skip = np.zeros((runs, n), dtype=bool)
    arr = np.full((runs, n), np.nan) if trace else None
    dep = np.full((runs, n), np.nan) if trace else None
    p_open = np.ones(runs, dtype=bool)
    p_count = np.ones(runs, dtype=bool)
    tab_ok = np.ones(runs, dtype=bool)
    has_open = False

    def drive(j: int, go: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
        """Arrival at node j of the runs in ``go`` (lunch on the way if due)."""
        start = t.copy()
        if day.lunch_gap >= 0 and j > day.lunch_gap:
            due = go & ~lunch_done
            start[due] = np.maximum(start[due], day.lunch_earliest) + s.lunch_break_min
            lunch_done[due] = True
        out: npt.NDArray[np.float64] = start + tr[cur, j] * ratio[:, j]
        return out

    for j in range(1, n):
        ph = day.phase[j]
        if ph == "opening":
            a = drive(j, np.ones(runs, dtype=bool))
            has_open = True
            p_open = a <= day.open_t[j]
            d = np.maximum(a, day.open_t[j] + s.opening_observation_min)
            go = np.ones(runs, dtype=bool)
        elif ph == "voting":
            # the team's rule: enough time left? else skip in the sheet's drop order
            rows = day.latest[cur]
            ok = (t[:, None] <= rows) & (qidx[None, :] >= p[:, None])
            p = np.where(ok.any(axis=1), ok.argmax(axis=1), len(day.order))
            go = rank[j] >= p
            skip[:, j] = ~go
            a = drive(j, go)
            begin = np.maximum(a, day.open_t[j])
            ref = refused[:, j]
            observed = go & ~ref & (begin + obs <= day.close_t[j])
            done[:, j] = observed
            # an overrun ends at the stop's "leave by" time (the minimum observation not)
            leave = day.latest[j, p].astype(np.float64)
            d = begin + obs + np.minimum(extra[:, j], np.maximum(0.0, leave - begin - obs))
            d = np.where(ref, begin + obs / 2.0, d)
        elif ph == "counting":
            go = np.ones(runs, dtype=bool)
            a = drive(j, go)
            p_count = a <= day.close_t[j]
            d = np.maximum(a, day.close_t[j]) + s.count_duration_min
        else:  # tabulation
            go = np.ones(runs, dtype=bool)
            a = drive(j, go)
            d = a + s.tabulation_observation_min
            tab_ok = d <= day.close_t[j]  # close_t of a DEC is the latest end of the day
        if trace:
            assert arr is not None and dep is not None
            arr[:, j] = np.where(go, a, np.nan)
            dep[:, j] = np.where(go, d, np.nan)
        t = np.where(go, d, t)
        cur = np.where(go, j, cur)
    home = t + tr[cur, 0] * ratio[:, n]
    voting = list(day.voting)
    prize = np.array(day.prize, dtype=np.float64)
    completed = done.mean(axis=0)
    skipped = skip.mean(axis=0)
    full = ~skip.any(axis=1) & p_count
    return TeamRehearsal(
        team_id=route.team_id,
        runs=runs,
        planned_visits=len(voting),
        p_opening=float(p_open.mean()) if has_open else float("nan"),
        p_count=float(p_count.mean()) if day.counting >= 0 else float("nan"),
        p_full_day=float(full.mean()),
        p_tabulation=float(tab_ok.mean()) if "tabulation" in day.phase else float("nan"),
        expected_visits=float(done.sum(axis=1).mean()),
        expected_value=float((completed * prize).sum()),
        completed=tuple(float(x) for x in completed[1:]),
        skipped=tuple(float(x) for x in skipped[1:]),
        home_p90=float(np.percentile(home, 90)) if runs else float("nan"),
        arrive=arr[:, 1:] if arr is not None else None,
        depart=dep[:, 1:] if dep is not None else None,
    )


@dataclass(frozen=True, slots=True)
class PlanRehearsal:
    """A whole plan's figures over the runs."""

    runs: int
    seed: int
    teams: tuple[TeamRehearsal, ...]
    days: tuple[TeamDay, ...]
    dropped: tuple[tuple[str, float], ...]  # ps_id -> mean times skipped, most first

    @property
    def planned_visits(self) -> int:
        return sum(t.planned_visits for t in self.teams)

    @property
    def expected_visits(self) -> float:
        return sum(t.expected_visits for t in self.teams)

    @property
    def expected_value(self) -> float:
        return sum(t.expected_value for t in self.teams)

    @property
    def count_share(self) -> float:
        """Expected share of the teams (with a count) at their count before it closes."""
        ps = [t.p_count for t in self.teams if not np.isnan(t.p_count)]
        return float(np.mean(ps)) if ps else float("nan")

    @property
    def opening_share(self) -> float:
        ps = [t.p_opening for t in self.teams if not np.isnan(t.p_opening)]
        return float(np.mean(ps)) if ps else float("nan")

    @property
    def teams_below(self) -> int:
        """Teams whose chance of reaching the count is below 0.98 (the default target)."""
        return sum(1 for t in self.teams if t.p_count < 0.98)


def station_prizes_of(mission: Mission) -> dict[str, int]:
    """Prizes of every usable station, as the planner values them (objective.py)."""
    from planner.solver.deploy import usable_stations
    from planner.solver.objective import station_prizes

    return station_prizes(mission.settings, usable_stations(mission))


def rehearse(
    mission: Mission,
    plan: Plan,
    *,
    runs: int = 1000,
    seed: int = 0,
    delay: DelayModel | None = None,
    travel: TravelProvider | None = None,
    prizes: Mapping[str, int] | None = None,
) -> PlanRehearsal:
    """Replay every route of ``plan`` ``runs`` times under the mission's delay model."""
    s = mission.settings
    model = delay if delay is not None else DelayModel.from_settings(s)
    provider = travel if travel is not None else provider_for(s)
    values = prizes if prizes is not None else station_prizes_of(mission)
    days = []
    teams = []
    dropped: dict[str, float] = {}
    for route in plan.routes:
        if not route.visits:
            continue
        day = prepare_team(mission, route, values, provider)
        res = rehearse_team(day, s, model, runs, seed)
        days.append(day)
        teams.append(res)
        for v, share in zip(route.visits, res.skipped, strict=True):
            if share > 0:
                dropped[v.ps_id] = dropped.get(v.ps_id, 0.0) + share
    top = tuple(sorted(dropped.items(), key=lambda kv: (-kv[1], kv[0])))
    return PlanRehearsal(runs, seed, tuple(teams), tuple(days), top)
