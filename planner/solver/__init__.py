"""Planning: turn a mission into a plan (see docs/planning.md).

:func:`solve` is the one entry point (the GUI, ``python main.py plan`` and the
re-planner call it). Steps: deployment (``deploy.py``) -> opening, counting and
tabulation per team (``anchors.py``) -> voting visits as one prize-collecting TOPTW
per base (``voting.py``, solved by the routing core in parallel processes) -> every
route timed by the day model (``day.py``), stops dropped until it fits.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from planner.day import InfeasibleRoute, StopRef, stops_of, time_route
from planner.errors import Cancelled, PlanningError
from planner.model import Mission, Plan, PollingStation, TeamRoute
from planner.solver.anchors import Anchors, Taken, choose_anchors
from planner.solver.balance import balance_regions
from planner.solver.deploy import Deployment, deploy, usable_stations
from planner.solver.objective import decayed_prizes, rural_boost, station_prizes
from planner.solver.voting import (
    Part,
    Routes,
    Solved,
    build_part,
    open_pool,
    solve_parts,
    split_part,
)
from planner.travel import TravelProvider, provider_for

__all__ = ["Progress", "solve"]


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a running :func:`solve` is, for a progress bar.

    ``stage`` is one of ``"deploy"``, ``"routing"``, ``"timing"``, ``"done"``;
    ``fraction`` runs from 0 to 1 over the whole solve. The coverage figures are those
    known so far: during routing, the teams' openings, counts and DECs and the voting
    visits of the bases routed so far (before the final timing); at ``done``, the
    plan's.
    """

    stage: str
    teams_done: int
    teams_total: int
    fraction: float
    message: str
    openings: int = 0
    voting_visits: int = 0
    counts: int = 0
    tabulation_decs: int = 0
    search_capped: int = 0  # parts whose search the clock cut short (see docs/planning.md)


def _ignore(progress: Progress) -> None:
    return None


def _never() -> bool:
    return False


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


def solve(
    mission: Mission,
    *,
    time_limit_s: float = 30.0,
    seed: int = 0,
    on_progress: Callable[[Progress], None] = _ignore,
    should_stop: Callable[[], bool] = _never,
    travel: TravelProvider | None = None,
    base_plan: Plan | None = None,
    replan_teams: Collection[str] | None = None,
    workers: int | None = None,
) -> Plan:
    """A plan for ``mission`` (every available team), or a re-plan of some teams.

    With ``base_plan`` and ``replan_teams``: teams not in ``replan_teams`` keep their
    routes exactly (their stations and DECs are taken); teams in it keep their
    still-feasible stops (pinned ones always) and are refilled; a team in it that is
    not available gets no route.

    Deterministic: the same mission, seed, ``time_limit_s`` and ``workers`` give the
    same plan (the routing core's work limits scale with the time limit), unless the
    core's clock cap fired (``Progress.search_capped`` > 0 at ``done``; see
    docs/planning.md). ``should_stop`` cancels: :class:`~planner.errors.Cancelled` is
    raised (no partial plan is returned). Raises PlanningError when no team can be
    planned.
    """
    t0 = time.monotonic()
    hard_stop = time.time() + time_limit_s + max(HARD_STOP_MIN_S, HARD_STOP_SHARE * time_limit_s)
    s = mission.settings
    provider = travel if travel is not None else provider_for(s)
    n_workers = workers if workers is not None else 2

    def check_stop() -> None:
        if should_stop():
            raise Cancelled("planning cancelled")

    # ---- which teams keep their route, which are planned
    kept: list[TeamRoute] = []
    plan_ids: list[str]
    replan = set(replan_teams or ())
    if base_plan is not None and replan_teams is not None:
        kept = [r for r in base_plan.routes if r.team_id not in replan]
        plan_ids = sorted(t for t in replan if t in mission.team_by_id)
    else:
        plan_ids = [t.team_id for t in mission.teams]
    available = [mission.team_by_id[t] for t in plan_ids if mission.team_by_id[t].available]
    if not available and not kept:
        raise PlanningError("no available team to plan: mark at least one team available")
    total = len(available)
    on_progress(Progress("deploy", 0, total, 0.0, f"deploying {total} teams"))
    check_stop()

    taken = Taken()
    for r in kept:
        for v in r.visits:
            if v.phase == "tabulation":
                taken.tabulation.add(v.dec_id)
            else:
                getattr(taken, v.phase).add(v.ps_id)

    # ---- replanned teams keep their still-feasible stops
    base_routes = {r.team_id: r for r in base_plan.routes} if base_plan else {}
    fixed_opening: dict[str, str] = {}
    fixed_counting: dict[str, str] = {}
    keep_voting: dict[str, list[str]] = {}
    pinned_voting: dict[str, list[str]] = {}
    pinned_fixed: dict[str, set[str]] = {}  # pinned opening/count/DEC keys (Visit.key)
    starts: dict[str, Deployment] = {}
    usable = {p.ps_id for p in usable_stations(mission)}
    to_deploy = []
    for team in available:
        old = base_routes.get(team.team_id) if replan_teams is not None else None
        if old is None or not old.visits:
            to_deploy.append(team)
            continue
        home = next((v.dec_id for v in old.visits if v.phase == "counting"), "")
        starts[team.team_id] = Deployment(
            team.team_id, team.base_id, home, old.start_lat, old.start_lon, False
        )
        for v in old.visits:
            ok = v.ps_id in usable and v.ps_id not in getattr(taken, v.phase, set())
            if v.phase == "opening" and ok:
                fixed_opening[team.team_id] = v.ps_id
            elif v.phase == "counting" and ok:
                fixed_counting[team.team_id] = v.ps_id
            elif v.phase == "voting" and ok:
                keep_voting.setdefault(team.team_id, []).append(v.ps_id)
                if v.pinned:
                    pinned_voting.setdefault(team.team_id, []).append(v.ps_id)
            if v.pinned and v.phase != "voting":
                pinned_fixed.setdefault(team.team_id, set()).add(v.key)
    kept_decs = taken.tabulation | {d.home_dec for d in starts.values()}
    starts.update(deploy(mission, to_deploy, taken_decs=kept_decs))
    on_progress(Progress("deploy", 0, total, 0.01, "choosing opening and counting stations"))
    anchors = choose_anchors(
        mission,
        [starts[t.team_id] for t in available if t.team_id in starts],
        provider,
        taken,
        fixed_opening=fixed_opening,
        fixed_counting=fixed_counting,
        avoid=keep_voting,
        pinned=pinned_voting,
    )
    for team_id, anc in anchors.items():  # a kept voting stop may have become the count
        if team_id in keep_voting:
            keep_voting[team_id] = [x for x in keep_voting[team_id] if x != anc.counting]
    check_stop()

    # ---- voting visits: one routing problem per base
    stations = usable_stations(mission)
    prizes = station_prizes(s, stations)
    blocked = taken.voting | taken.opening | taken.counting
    for team_id, ps_list in keep_voting.items():
        blocked -= set(ps_list) if team_id in anchors else set()
    first_legs, last_legs = _end_legs(mission, anchors, provider)
    parts = _build_parts(
        mission,
        anchors,
        stations,
        prizes,
        provider,
        blocked=blocked,
        first_legs=first_legs,
        last_legs=last_legs,
        required=pinned_voting,
        initial=keep_voting,
        say=lambda m: on_progress(Progress("deploy", 0, total, 0.03, m)),
    )
    routing_time = max(0.2, time_limit_s * ROUTING_SHARE)
    total_nodes = sum(p.size for p in parts)
    workers_used = n_workers if total_nodes >= PARALLEL_MIN_NODES else 1
    done_teams = [0]
    voting_so_far: dict[str, int] = {}
    n_tab = sum(1 for a in anchors.values() if a.tabulation_dec)

    def routing_progress(lo: float, hi: float) -> Callable[[Part, Routes], None]:
        def on_done(part: Part, routes: Routes) -> None:
            done_teams[0] += len(part.team_ids)
            voting_so_far[part.key] = sum(len(r) for r in routes)
            frac = lo + (hi - lo) * min(1.0, done_teams[0] / max(1, total))
            on_progress(
                Progress(
                    "routing",
                    min(done_teams[0], total),
                    total,
                    frac,
                    f"routed {part.key} ({len(part.team_ids)} teams)",
                    openings=len(anchors),
                    voting_visits=sum(voting_so_far.values()),
                    counts=len(anchors),
                    tabulation_decs=n_tab,
                )
            )

        return on_done

    capped = 0
    with (
        tempfile.TemporaryDirectory(prefix="sto-plan-") as tmp,
        open_pool(workers_used) if workers_used > 1 else contextlib.nullcontext() as pool,
    ):
        flag = str(Path(tmp) / "stop")
        first_time = routing_time * FIRST_ROUND_SHARE
        round1 = time.monotonic()
        routes = solve_parts(
            parts,
            _limits(parts, first_time, workers_used),
            seed=seed,
            workers=workers_used,
            should_stop=should_stop,
            flag=flag,
            on_done=routing_progress(0.05, 0.05 + 0.85 * FIRST_ROUND_SHARE),
            pool=pool,
            deadline=hard_stop,
        )
        voting = _voting_by_team(parts, routes)
        capped = sum(1 for _r, c in routes.values() if c)
        # Second round: diminishing returns in DECs visited beyond their share, and
        # more value for rural stations if the first round fell short of their share.
        second_time = routing_time - first_time
        overran = time.monotonic() - round1 > ROUND2_MAX_OVERRUN * first_time + 1.0
        if second_time >= 0.2 and parts and time.time() < hard_stop and not overran:
            fair, visits = _dec_shares(stations, voting, mission)
            prizes2 = decayed_prizes(s, prizes, {p.ps_id: p.dec_id for p in stations}, visits, fair)
            prizes2 = rural_boost(prizes2, stations, voting)
            # Same areas and candidates, new prizes, first-round routes as the start.
            parts2 = [_reprized(part, prizes2, voting) for part in parts]
            done_teams[0] = 0
            routes2 = solve_parts(
                parts2,
                _limits(parts2, second_time, workers_used),
                seed=seed + 1,
                workers=workers_used,
                should_stop=should_stop,
                flag=flag,
                on_done=routing_progress(0.05 + 0.85 * FIRST_ROUND_SHARE, 0.9),
                pool=pool,
                deadline=hard_stop,
            )
            voting2 = _voting_by_team(parts2, routes2)
            capped += sum(1 for _r, c in routes2.values() if c)
            # Round 2 trades a few visits for spread; a base keeps it only if it
            # keeps at least ROUND2_MIN_VISITS of the first round's visits.
            for part in parts2:
                ids = part.team_ids
                v1 = sum(len(voting.get(t, ())) for t in ids)
                v2 = sum(len(voting2.get(t, ())) for t in ids)
                if v2 >= v1 * ROUND2_MIN_VISITS:
                    for t in ids:
                        voting[t] = voting2.get(t, [])
    check_stop()

    # ---- time every route by the day model
    on_progress(Progress("timing", total, total, 0.92, "timing every route"))
    new_routes: list[TeamRoute] = []
    unassigned: list[str] = []
    for team in available:
        a = anchors.get(team.team_id)
        if a is None:
            unassigned.append(team.team_id)
            continue
        route = _timed(
            mission,
            a,
            voting.get(team.team_id, []),
            prizes=prizes,
            travel=provider,
            pinned=pinned_voting,
            pinned_fixed=pinned_fixed.get(team.team_id, set()),
        )
        if route is None:
            unassigned.append(team.team_id)
        else:
            new_routes.append(route)
    new_routes = _hand_on_tabulation(mission, kept, new_routes, provider)
    check_stop()
    balanced = balance_regions(
        mission,
        [*kept, *new_routes],
        editable={r.team_id for r in new_routes},
        prizes=prizes,
        travel=provider,
    )
    all_routes = sorted(balanced, key=lambda r: r.team_id)
    if not all_routes:
        raise PlanningError("no team could be given a feasible day (check settings and hours)")
    unassigned += [t.team_id for t in mission.teams if t.team_id in replan and not t.available]
    if replan_teams is None:
        unassigned += [t.team_id for t in mission.teams if not t.available]
    plan = Plan(
        routes=tuple(all_routes),
        parent=base_plan.revision if base_plan is not None else 0,
        created=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        seed=seed,
        label="re-plan" if base_plan is not None else "plan",
        unassigned_teams=tuple(sorted(set(unassigned))),
    )
    c = _counts(plan)
    on_progress(
        Progress(
            "done",
            total,
            total,
            1.0,
            f"planned {len(new_routes)} teams in {time.monotonic() - t0:.1f} s",
            *c,
            search_capped=capped,
        )
    )
    return plan


# --------------------------------------------------------------------------- helpers


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
    say: Callable[[str], None] = lambda message: None,
) -> list[Part]:
    parts: list[Part] = []
    claimed: set[str] = set()  # stations already in an earlier base's problem
    for base in sorted(mission.bases, key=lambda b: b.base_id):
        say(f"routing problem of base {base.base_id}")
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

    Each part gets at least 0.1 s — unless there are so many parts (100,000 stations:
    hundreds of one-team areas) that the floors alone would overrun the budget."""
    total = sum(p.size * len(p.team_ids) for p in parts) or 1
    floor = min(0.1, budget * workers / max(1, len(parts)))
    out = {}
    for p in parts:
        share = p.size * len(p.team_ids) / total
        out[p.key] = max(floor, min(budget, budget * workers * share))
    return out


def _voting_by_team(parts: Sequence[Part], solved: Solved) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
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


def _timed(
    mission: Mission,
    a: Anchors,
    voting: list[str],
    *,
    prizes: Mapping[str, int],
    travel: TravelProvider,
    pinned: Mapping[str, Sequence[str]],
    pinned_fixed: Collection[str] = (),
) -> TeamRoute | None:
    """The team's day timed by the day model; voting stops dropped until it fits.

    ``pinned_fixed`` are the keys (``Visit.key``) of a re-planned team's pinned opening,
    count or DEC that were kept: they stay marked as pinned.
    """
    pins = set(pinned.get(a.team_id, ()))
    visits = list(voting)
    tab = bool(a.tabulation_dec)
    tab_key = f"DEC:{a.tabulation_dec}"
    while True:
        stops = [
            StopRef("opening", a.opening, pinned=a.opening in pinned_fixed),
            *(StopRef("voting", x, pinned=x in pins) for x in visits),
            StopRef("counting", a.counting, pinned=a.counting in pinned_fixed),
        ]
        if tab:
            stops.append(
                StopRef("tabulation", dec_id=a.tabulation_dec, pinned=tab_key in pinned_fixed)
            )
        try:
            return time_route(mission, a.team_id, a.start, stops, travel=travel)
        except InfeasibleRoute as err:
            droppable = [i for i, x in enumerate(visits) if x not in pins]
            if droppable:
                j = err.seq - 2  # index into visits of the failing stop
                if not (0 <= j < len(visits) and visits[j] not in pins):
                    j = min(droppable, key=lambda i: (prizes.get(visits[i], 0), i))
                del visits[j]
            elif tab:
                tab = False
            else:
                return None


def _hand_on_tabulation(
    mission: Mission, kept: Sequence[TeamRoute], routes: list[TeamRoute], travel: TravelProvider
) -> list[TeamRoute]:
    """A DEC left without tabulation (its team could not stay late enough) is taken
    over by another team that counts in the same DEC and can, if there is one."""
    covered = {v.dec_id for r in [*kept, *routes] for v in r.phase_visits("tabulation")}
    out = list(routes)
    for i, r in enumerate(out):
        counting = r.phase_visits("counting")
        if r.phase_visits("tabulation") or not counting or counting[0].dec_id in covered:
            continue
        dec_id = counting[0].dec_id
        stops = [*stops_of(r), StopRef("tabulation", dec_id=dec_id)]
        try:
            out[i] = time_route(
                mission, r.team_id, (r.start_lat, r.start_lon), stops, travel=travel
            )
        except InfeasibleRoute:
            continue
        covered.add(dec_id)
    return out


def _counts(plan: Plan) -> tuple[int, int, int, int]:
    openings = voting = counts = 0
    decs: set[str] = set()
    for _t, _s, v in plan.visits():
        if v.phase == "opening":
            openings += 1
        elif v.phase == "voting":
            voting += 1
        elif v.phase == "counting":
            counts += 1
        else:
            decs.add(v.dec_id)
    return openings, voting, counts, len(decs)
