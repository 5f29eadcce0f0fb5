"""Stage 3 of a solve: the voting visits, one prize-collecting TOPTW per base.

Two rounds: the first maximises the prizes; the second re-solves from the first
round's routes with diminishing returns per DEC already visited beyond its share
(and more value for rural stations if the first round fell short of their share).
A base keeps the second round only if it keeps most of its visits. No search runs
past the plan's hard stop (:func:`hard_stop_at`); the second round is skipped when the
first overran its share or the hard stop has passed (its parts then count as cut
short by the clock, like the core's clock cap: the plan depended on the load).
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from planner.i18n import msg
from planner.model import Mission, PollingStation
from planner.solver.anchors import Anchors
from planner.solver.objective import decayed_prizes, rural_boost
from planner.solver.progress import Progress, Reporter
from planner.solver.run_parts import Routes, Solved, open_pool, solve_parts
from planner.solver.start import Kept, Teams
from planner.solver.voting import Part, build_part, split_part
from planner.travel import TravelProvider

__all__ = [
    "FIRST_ROUND_SHARE",
    "HARD_STOP_MIN_S",
    "HARD_STOP_SHARE",
    "PARALLEL_MIN_NODES",
    "ROUND2_MAX_OVERRUN",
    "ROUND2_MIN_VISITS",
    "ROUTING_SHARE",
    "Voting",
    "hard_stop_at",
    "route_voting",
]

#: Share of ``time_limit_s`` given to the routing core; the rest is for preparing the
#: problems, timing every route and margins.
ROUTING_SHARE = 0.8
#: Share of the routing time spent on the first round (the rest re-solves with
#: diminishing returns per DEC).
FIRST_ROUND_SHARE = 0.6
#: Share of the first round's voting visits a base must keep to use the second round.
ROUND2_MIN_VISITS = 0.95
#: The search never runs longer than the time limit plus this share of it (at least
#: :data:`HARD_STOP_MIN_S`), whatever the mission's size or the machine's load; below
#: that, the work budget alone ends it (deterministic plans: the demo mission's solve
#: takes ~15 s with a 10 s limit on a quiet machine, so the margin leaves it alone).
HARD_STOP_SHARE = 0.8
HARD_STOP_MIN_S = 8.0
#: The second round is skipped when the first took more than this many times its
#: share (hundreds of tiny areas: 100,000 stations), to keep within the time limit.
ROUND2_MAX_OVERRUN = 2.0
#: Parts smaller than this many nodes in total are solved in-process (starting worker
#: processes costs more than it gains).
PARALLEL_MIN_NODES = 600

Voting = dict[str, list[str]]  # team_id -> voting stations in visiting order


def hard_stop_at(time_limit_s: float) -> float:
    """The ``time.time()`` after which no search runs, for a solve starting now."""
    return time.time() + time_limit_s + max(HARD_STOP_MIN_S, HARD_STOP_SHARE * time_limit_s)


@dataclass(frozen=True, slots=True)
class _Run:
    """One solve's routing settings, shared by both rounds."""

    seed: int
    workers: int
    flag: str  # file whose existence stops the workers
    pool: ProcessPoolExecutor | None
    reporter: Reporter
    deadline: float | None  # the plan's hard stop (``time.time()``)


def route_voting(
    mission: Mission,
    teams: Teams,
    kept: Kept,
    *,
    anchors: Mapping[str, Anchors],
    stations: Sequence[PollingStation],
    prizes: Mapping[str, int],
    travel: TravelProvider,
    time_limit_s: float,
    seed: int,
    workers: int,
    reporter: Reporter,
    deadline: float | None = None,
) -> tuple[Voting, int]:
    """Voting visits per team, and how many parts the clock cut short (by the core's
    clock cap or by ``deadline``, the plan's hard stop: see :func:`hard_stop_at`)."""
    parts = _parts(
        mission,
        teams,
        kept,
        anchors=anchors,
        stations=stations,
        prizes=prizes,
        travel=travel,
        reporter=reporter,
    )
    routing_time = max(0.2, time_limit_s * ROUTING_SHARE)
    total_nodes = sum(p.size for p in parts)
    workers_used = workers if total_nodes >= PARALLEL_MIN_NODES else 1
    progress = _RoutingProgress(reporter, anchors, len(teams.available))
    with (
        tempfile.TemporaryDirectory(prefix="sto-plan-") as tmp,
        open_pool(workers_used) if workers_used > 1 else contextlib.nullcontext() as pool,
    ):
        run = _Run(seed, workers_used, str(Path(tmp) / "stop"), pool, reporter, deadline)
        first_time = routing_time * FIRST_ROUND_SHARE
        round1 = time.monotonic()
        routes = _round(
            parts, first_time, run, seed, progress.on(0.05, 0.05 + 0.85 * FIRST_ROUND_SHARE)
        )
        voting = _voting_by_team(parts, routes)
        capped = sum(1 for _r, c in routes.values() if c)
        second_time = routing_time - first_time
        if second_time >= 0.2 and parts and not _in_time(round1, first_time, deadline):
            capped += len(parts)  # the clock, not the work, ended the search: say so
        elif second_time >= 0.2 and parts:
            progress.done_teams = 0
            capped += _second_round(
                mission,
                parts,
                stations=stations,
                prizes=prizes,
                voting=voting,
                budget=second_time,
                run=run,
                progress=progress,
            )
    return voting, capped


def _in_time(round1: float, first_time: float, deadline: float | None) -> bool:
    """Whether a second round may run: the first (started at ``round1``, monotonic)
    did not overrun its share (:data:`ROUND2_MAX_OVERRUN`), the hard stop is ahead."""
    overran = time.monotonic() - round1 > ROUND2_MAX_OVERRUN * first_time + 1.0
    return not overran and (deadline is None or time.time() < deadline)


def _round(
    parts: Sequence[Part],
    budget: float,
    run: _Run,
    seed: int,
    on_done: Callable[[Part, Routes], None],
) -> Solved:
    return solve_parts(
        parts,
        _limits(parts, budget, run.workers),
        seed=seed,
        workers=run.workers,
        should_stop=run.reporter.should_stop,
        flag=run.flag,
        on_done=on_done,
        pool=run.pool,
        deadline=run.deadline,
    )


def _second_round(
    mission: Mission,
    parts: Sequence[Part],
    *,
    stations: Sequence[PollingStation],
    prizes: Mapping[str, int],
    voting: Voting,
    budget: float,
    run: _Run,
    progress: _RoutingProgress,
) -> int:
    """Re-solve with spread-out prizes; updates ``voting`` per base that keeps it."""
    s = mission.settings
    fair, visits = _dec_shares(stations, voting, mission)
    prizes2 = decayed_prizes(s, prizes, {p.ps_id: p.dec_id for p in stations}, visits, fair)
    prizes2 = rural_boost(prizes2, stations, voting)
    # Same areas and candidates, new prizes, first-round routes as the start.
    parts2 = [_reprized(part, prizes2, voting) for part in parts]
    routes2 = _round(
        parts2, budget, run, run.seed + 1, progress.on(0.05 + 0.85 * FIRST_ROUND_SHARE, 0.9)
    )
    voting2 = _voting_by_team(parts2, routes2)
    # Round 2 trades a few visits for spread; a base keeps it only if it keeps at
    # least ROUND2_MIN_VISITS of the first round's visits.
    for part in parts2:
        ids = part.team_ids
        v1 = sum(len(voting.get(t, ())) for t in ids)
        v2 = sum(len(voting2.get(t, ())) for t in ids)
        if v2 >= v1 * ROUND2_MIN_VISITS:
            for t in ids:
                voting[t] = voting2.get(t, [])
    return sum(1 for _r, c in routes2.values() if c)


class _RoutingProgress:
    """Reports each routed part: teams done so far and voting visits so far."""

    def __init__(self, reporter: Reporter, anchors: Mapping[str, Anchors], total: int) -> None:
        self.reporter = reporter
        self.total = total
        self.anchors = len(anchors)
        self.tabulation = sum(1 for a in anchors.values() if a.tabulation_dec)
        self.done_teams = 0
        self.voting: dict[str, int] = {}

    def on(self, lo: float, hi: float) -> Callable[[Part, Routes], None]:
        """A callback for one round, moving the bar from ``lo`` to ``hi``."""

        def on_done(part: Part, routes: Routes) -> None:
            self.done_teams += len(part.team_ids)
            self.voting[part.key] = sum(len(r) for r in routes)
            frac = lo + (hi - lo) * min(1.0, self.done_teams / max(1, self.total))
            self.reporter.on_progress(
                Progress(
                    "routing",
                    min(self.done_teams, self.total),
                    self.total,
                    frac,
                    msg("routed {part} ({teams} teams)", part=part.key, teams=len(part.team_ids)),
                    openings=self.anchors,
                    voting_visits=sum(self.voting.values()),
                    counts=self.anchors,
                    tabulation_decs=self.tabulation,
                )
            )

        return on_done


def _parts(
    mission: Mission,
    teams: Teams,
    kept: Kept,
    *,
    anchors: Mapping[str, Anchors],
    stations: Sequence[PollingStation],
    prizes: Mapping[str, int],
    travel: TravelProvider,
    reporter: Reporter,
) -> list[Part]:
    """The routing problems: stations not taken (a team's kept stops stay its own);
    each base's building is reported (at 100,000 stations it takes seconds)."""
    total = len(teams.available)

    def say(message: str) -> None:
        reporter.on_progress(Progress("deploy", 0, total, 0.03, message))

    taken = teams.taken
    blocked = taken.voting | taken.opening | taken.counting
    for team_id, ps_list in kept.keep_voting.items():
        blocked -= set(ps_list) if team_id in anchors else set()
    first_legs, last_legs = _end_legs(mission, anchors, travel)
    return _build_parts(
        mission,
        anchors,
        stations,
        prizes,
        travel,
        blocked=blocked,
        first_legs=first_legs,
        last_legs=last_legs,
        required=kept.pinned_voting,
        initial=kept.keep_voting,
        say=say,
    )


def _end_legs(
    mission: Mission, anchors: Mapping[str, Anchors], travel: TravelProvider
) -> tuple[dict[str, int], dict[str, int]]:
    """Minutes overnight->opening and counting->DEC per team (charged to driving)."""
    st, decs = mission.station_by_id, mission.dec_by_id
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for a in anchors.values():
        po, pc = st[a.opening], st[a.counting]
        assert po.lat is not None and po.lon is not None
        assert pc.lat is not None and pc.lon is not None
        first[a.team_id] = travel.leg(a.start, (po.lat, po.lon))[0]
        if a.tabulation_dec:
            d = decs[a.tabulation_dec]
            last[a.team_id] = travel.leg((pc.lat, pc.lon), (d.lat, d.lon))[0]
    return first, last


def _build_parts(
    mission: Mission,
    anchors: Mapping[str, Anchors],
    stations: Sequence[PollingStation],
    prizes: Mapping[str, int],
    travel: TravelProvider,
    *,
    blocked: set[str],
    first_legs: Mapping[str, int],
    last_legs: Mapping[str, int],
    required: Mapping[str, Sequence[str]],
    initial: Mapping[str, Sequence[str]],
    say: Callable[[str], None],
) -> list[Part]:
    parts: list[Part] = []
    claimed: set[str] = set()  # stations already in an earlier base's problem
    for base in sorted(mission.bases, key=lambda b: b.base_id):
        say(msg("routing problem of base {base_id}", base_id=base.base_id))
        team_anchors = [
            anchors[t.team_id]
            for t in sorted(mission.teams, key=lambda t: t.team_id)
            if t.base_id == base.base_id and t.team_id in anchors
        ]
        if not team_anchors:
            continue
        regions = set(base.region_ids)
        own = {x for a in team_anchors for x in required.get(a.team_id, ())}
        cand = [
            p
            for p in stations
            if p.region_id in regions
            and (p.ps_id not in blocked or p.ps_id in own)
            and (p.ps_id not in claimed or p.ps_id in own)
        ]
        part = build_part(
            mission,
            base.base_id,
            team_anchors,
            cand,
            prizes,
            travel=travel,
            first_legs=first_legs,
            last_legs=last_legs,
            required={a.team_id: required.get(a.team_id, ()) for a in team_anchors},
            initial={a.team_id: initial.get(a.team_id, ()) for a in team_anchors},
        )
        if part is not None:
            claimed.update(x for x in part.node_ps if x)
            parts += split_part(part)
    return parts


def _reprized(part: Part, prizes: Mapping[str, int], voting: Mapping[str, list[str]]) -> Part:
    """``part`` with new prizes and the teams' current voting visits as initial routes."""
    index = {ps: i for i, ps in enumerate(part.node_ps) if ps}
    problem = replace(
        part.problem,
        prize=tuple(prizes.get(ps, 0) if ps else 0 for ps in part.node_ps),
    )
    initial = tuple(tuple(index[x] for x in voting.get(t, ()) if x in index) for t in part.team_ids)
    return replace(part, problem=problem, initial=initial)


def _limits(parts: Sequence[Part], budget: float, workers: int) -> dict[str, float]:
    """Seconds per part: the budget shared in proportion to size, spread over workers.

    Each part gets at least 0.1 s, unless there are so many parts (100,000 stations:
    hundreds of one-team areas) that the floors alone would overrun the budget."""
    total = sum(p.size * len(p.team_ids) for p in parts) or 1
    floor = min(0.1, budget * workers / max(1, len(parts)))
    out = {}
    for p in parts:
        share = p.size * len(p.team_ids) / total
        out[p.key] = max(floor, min(budget, budget * workers * share))
    return out


def _voting_by_team(parts: Sequence[Part], solved: Solved) -> Voting:
    out: Voting = {}
    for part in parts:
        routes = solved[part.key][0]
        for k, team_id in enumerate(part.team_ids):
            nodes = routes[k] if k < len(routes) else ()
            out[team_id] = [part.node_ps[n] for n in nodes]
    return out


def _dec_shares(
    stations: Sequence[PollingStation], voting: Mapping[str, list[str]], mission: Mission
) -> tuple[dict[str, float], Counter[str]]:
    """Fair number of visits per DEC (by stations) and the visits each DEC got."""
    per_dec = Counter(p.dec_id for p in stations)
    n_visits = sum(len(v) for v in voting.values())
    n_st = sum(per_dec.values()) or 1
    fair = {d: n_visits * c / n_st for d, c in per_dec.items()}
    st = mission.station_by_id
    visits = Counter(st[x].dec_id for v in voting.values() for x in v)
    return fair, visits
