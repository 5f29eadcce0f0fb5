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

"Safe" for the count means: arriving the team's count margin (:func:`count_margin`:
its own, chosen by the robust check, else ``arrive_before_close_min``) before closing
at the planned drive times, and before closing even if the drive to the count takes
:func:`count_leg_factor` times its estimate (the ``count_target_probability``
quantile of the drive-time ratio), see :func:`safe_count_legs`. The planner's
routing core uses the same safe drives to the count (``solver/voting.py``).

The teams follow their sheet's rule (:func:`leave_by`, :func:`drop_order`): before
driving on, a team checks that the rest of its planned day, at the planned drive
times, still reaches its count safely (as above); if not, it
skips stops in the sheet's drop order until it does. The lunch break is taken on the
leg that crosses the planned lunch gap, from ``max(now, lunch_earliest)``.

Everything is in minutes of the team's first stop's time zone inside this module
(local times are converted back for the sheet). Deterministic: each team's draws
come from ``(seed, crc32(team_id))``, so a team's figures do not depend on the other
teams. Qt-free; numpy vectorises over the runs.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from planner.leave_by import (
    TeamDay,
    count_leg_factor,
    count_margin,
    drop_order,
    leave_by,
    prepare_team,
    safe_count_legs,
    slack,
)
from planner.model import Mission, Plan, Settings
from planner.travel import TravelProvider, provider_for

__all__ = [
    "DelayModel",
    "PlanRehearsal",
    "TeamDay",
    "TeamRehearsal",
    "count_leg_factor",
    "count_margin",
    "drop_order",
    "leave_by",
    "prepare_team",
    "rehearse",
    "rehearse_team",
    "safe_count_legs",
    "slack",
    "station_prizes_of",
]


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


def rehearse_team(  # noqa: PLR0915  # size: one replay loop, vectorised over the runs; split planned
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
    dropped: tuple[tuple[str, float], ...]  # ps_id -> share of runs skipping it, most first

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
