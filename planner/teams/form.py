"""Form teams from the roster: who goes with whom, and to which base.

:func:`form_teams` is a plain function like the route solver: explicit seed and
time limit, progress through a callback, cancel through a predicate; the same
mission and seed give the same teams when the searches end on their work budget.
Two CP-SAT steps (``planner/teams/core.py``): observers to bases, then pairs at each
base (:mod:`planner.teams.pairing`). The hard rules are never broken; a roster they
cannot fit is refused with the reason (:mod:`planner.teams.feasible`). The result and
its explanation: :mod:`planner.teams.result`. See docs/teams.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from planner.errors import Cancelled, InputError, PlanningError
from planner.i18n import msg
from planner.model import Mission, Team
from planner.observers import Observer
from planner.solver.deploy import usable_stations
from planner.teams import _cpsat
from planner.teams.core import (
    BaseProblem,
    BaseSolution,
    Budget,
    PairProblem,
    PairSolution,
    Shortfall,
    ShouldStop,
    never,
)
from planner.teams.deal import deal, largest_remainder
from planner.teams.feasible import roster_problems
from planner.teams.pairing import greedy_pairs, improve, pair_allowed, sparse
from planner.teams.result import TeamsResult, build_result
from planner.teams.rules import Rules

__all__ = ["TeamsProgress", "TeamsResult", "base_capacities", "form_teams"]


@dataclass(frozen=True, slots=True)
class TeamsProgress:
    stage: str  # "bases", "pairs", "done"
    fraction: float
    message: str


def base_capacities(mission: Mission, n_teams: int) -> dict[str, int]:
    """Teams each base takes: the setting ``team_capacities`` (``AKT=12, AST=20``) where
    given, else the base's share of ``n_teams`` by usable polling stations."""
    stations: dict[str, int] = defaultdict(int)
    region_base = {r: b.base_id for b in mission.bases for r in b.region_ids}
    for p in usable_stations(mission):
        stations[region_base.get(p.region_id, "")] += 1
    ids = [b.base_id for b in mission.bases]
    caps = dict(zip(ids, largest_remainder(n_teams, [stations[b] for b in ids]), strict=True))
    for item in mission.settings.team_capacities.replace(";", ",").split(","):
        key, _, value = item.partition("=")
        if key.strip() in caps and value.strip().isdigit():
            caps[key.strip()] = int(value)
    return caps


def form_teams(
    mission: Mission,
    *,
    time_limit_s: float = 10.0,
    seed: int = 0,
    workers: int = 2,
    capacities: Mapping[str, int] | None = None,
    work_s: float | None = None,
    on_progress: Callable[[TeamsProgress], None] = lambda p: None,
    should_stop: ShouldStop = never,
) -> TeamsResult:
    """Teams for the mission's available observers (``mission.observers``).

    The mission's current teams are the previous teams: pinned ones are kept, and
    the others change as little as the weight ``weight_team_change`` asks.
    ``work_s`` sets the searches' deterministic budget (CP-SAT deterministic time);
    the wall clock is then only a safety cap of ten times that (the demo builder
    uses it so that the bundled mission rebuilds identically). Default: 60 % of
    ``time_limit_s``.
    Raises InputError (with the rule and observers) when the hard rules cannot hold,
    Cancelled when ``should_stop`` says so, PlanningError when no teams were found in
    the time.
    """
    r = _roster(mission, capacities)
    said = msg("{observers} observers to {bases} bases", observers=len(r.obs), bases=len(r.bases))
    on_progress(TeamsProgress("bases", 0.0, said))
    if work_s is not None:
        time_limit_s = 10 * work_s
    work = 0.6 * time_limit_s if work_s is None else work_s
    step1 = 0.4 * time_limit_s
    search = _Search(step1, work, seed, workers, should_stop)
    sol = _solve_bases(_base_problem(r), Budget(step1, 0.4 * work, seed, 1, should_stop))
    if should_stop():
        raise Cancelled("team formation cancelled")
    optimal = sol.status == "optimal"

    # ---- step 2: pairs at each base
    at_base: dict[int, list[int]] = defaultdict(list)
    for i, b in enumerate(sol.base_of):
        at_base[b].append(i)
    formed: list[tuple[str, tuple[int, ...]]] = []
    done = 0
    for b, members in sorted(at_base.items()):
        base_id = r.bases[b]
        pairs = _pair_base(r, base_id, members, sol.threes[b], search)
        optimal = optimal and pairs.status == "optimal"
        formed += [(base_id, tuple(members[k] for k in t)) for t in pairs.teams]
        done += len(members)
        said = msg("paired base {base}", base=base_id)
        on_progress(TeamsProgress("pairs", 0.5 + 0.5 * done / len(r.obs), said))
    result = build_result(mission, r.rules, r.obs, formed, bound=sol.bound, optimal=optimal)
    said = msg("{teams} teams, penalty {penalty}", teams=len(result.teams), penalty=result.penalty)
    on_progress(TeamsProgress("done", 1.0, said))
    return result


@dataclass(frozen=True)
class _Roster:
    """What both steps need to know about the mission, observers by number (``obs``
    sorted by id) and bases by number (``bases``, in the mission's order)."""

    mission: Mission
    rules: Rules
    obs: list[Observer]
    index: dict[str, int]
    bases: list[str]
    caps: dict[str, int]
    max_threes: int
    prev_team: dict[int, Team]  # observer -> the team it was in
    groups: list[tuple[int, ...]]  # the members of each pinned team
    fixed_base: dict[int, int]  # observer of a pinned team -> its base

    @property
    def b_of(self) -> dict[str, int]:
        return {b: k for k, b in enumerate(self.bases)}


@dataclass(frozen=True)
class _Search:
    """The budget of the searches, shared out over the bases in step 2."""

    step1: float
    work: float
    seed: int
    workers: int
    should_stop: ShouldStop


def _roster(mission: Mission, capacities: Mapping[str, int] | None) -> _Roster:
    """The available observers, the bases and their capacities; refuses a roster the
    hard rules cannot fit (InputError with every reason)."""
    s = mission.settings
    obs = sorted((o for o in mission.observers if o.available), key=lambda o: o.observer_id)
    index = {o.observer_id: i for i, o in enumerate(obs)}
    if not mission.bases:
        raise InputError(msg("the mission has no bases to send teams to"))
    bases = [b.base_id for b in mission.bases]
    caps = dict(capacities) if capacities is not None else base_capacities(mission, len(obs) // 2)
    max_threes = len(obs) % 2 + s.teams_of_three
    pinned = [t for t in mission.teams if t.pinned and t.observer_ids and t.base_id in caps]
    problems = roster_problems(obs, caps, max_threes, pinned)
    if problems:
        raise InputError(problems)
    prev_team: dict[int, Team] = {}
    for t in mission.teams:
        for oid in t.observer_ids:
            if oid in index:
                prev_team[index[oid]] = t
    b_of = {b: k for k, b in enumerate(bases)}
    fixed_base: dict[int, int] = {}
    groups = []
    for t in pinned:
        members = [index[i] for i in t.observer_ids if i in index]
        groups.append(tuple(members))
        for k in members:
            fixed_base[k] = b_of[t.base_id]
    return _Roster(
        mission,
        Rules.of(mission),
        obs,
        index,
        bases,
        caps,
        max_threes,
        prev_team,
        groups,
        fixed_base,
    )


def _base_problem(r: _Roster) -> BaseProblem:
    """Step 1 as data: observers to bases under the hard rules, the soft rules that
    depend on who is at a base, and a first base for everyone to start from."""
    s = r.mission.settings
    allowed, cost = _allowed_bases(r)
    nat_code = {n: k for k, n in enumerate(sorted({o.nationality for o in r.obs}))}
    shortfalls, odd = _shortfalls(r)
    weights_by = [r.rules.experience_weight(b) for b in r.bases]
    traits = [
        (
            [o.speaks(s.local_language) for o in r.obs],
            [r.rules.language_weight(b) for b in r.bases],
        ),
        ([o.experienced for o in r.obs], weights_by),
        ([o.gender == "f" for o in r.obs], [1] * len(r.bases)),
    ]
    hint = deal(
        r.obs,
        allowed,
        [r.caps.get(b, 0) for b in r.bases],
        prev_team=r.prev_team,
        b_of=r.b_of,
        traits=traits,
    )
    return BaseProblem(
        n_bases=len(r.bases),
        allowed=tuple(allowed),
        cost=tuple(cost),
        capacity=tuple(r.caps.get(b, 0) for b in r.bases),
        max_threes=r.max_threes,
        nationality=tuple(nat_code[o.nationality] for o in r.obs),
        groups=tuple(r.groups),
        shortfalls=tuple(shortfalls),
        together=_together(r),
        odd=tuple(odd),
        dominance_weight=s.weight_nationality,
        max_share_pct=round(100 * s.max_nationality_share),
        hint=hint,
    )


def _allowed_bases(r: _Roster) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """Per observer: the bases it may go to (its pinned team's, its base_id, or any)
    and the cost of each (a move away from its previous team's base)."""
    s = r.mission.settings
    allowed: list[tuple[int, ...]] = []
    cost: list[tuple[int, ...]] = []
    b_of = r.b_of
    for i, o in enumerate(r.obs):
        if i in r.fixed_base:
            row: tuple[int, ...] = (r.fixed_base[i],)
        elif o.base_id:
            row = (b_of[o.base_id],)
        else:
            row = tuple(range(len(r.bases)))
        allowed.append(row)
        before = r.prev_team.get(i)
        cost.append(
            tuple(
                s.weight_team_change if before and before.base_id != r.bases[b] else 0 for b in row
            )
        )
    return allowed, cost


def _together(r: _Roster) -> tuple[tuple[int, int, int], ...]:
    """Pairs of observers that cost a weight when at different bases: a wish to work
    together, and the partners of the previous teams."""
    s = r.mission.settings
    together: dict[tuple[int, int], int] = defaultdict(int)
    for i, o in enumerate(r.obs):
        if o.prefer_with in r.index:
            j = r.index[o.prefer_with]
            together[min(i, j), max(i, j)] += s.weight_prefer_with
        if i in r.prev_team:
            for oid in r.prev_team[i].observer_ids:
                j = r.index.get(oid, i)
                if j > i:
                    together[i, j] += s.weight_team_change
    return tuple((i, j, w) for (i, j), w in sorted(together.items()))


def _shortfalls(
    r: _Roster,
) -> tuple[list[Shortfall], list[tuple[tuple[int, ...], int]]]:
    """The soft rules counted per base: too few women, men, experienced observers or
    local-language speakers for its teams; the delegation policy."""
    s, obs, nb = r.mission.settings, r.obs, len(r.bases)
    shortfalls = [
        Shortfall(
            tuple(i for i, o in enumerate(obs) if o.gender == "f"), (s.weight_mixed_gender,) * nb
        ),
        Shortfall(
            tuple(i for i, o in enumerate(obs) if o.gender != "f"), (s.weight_mixed_gender,) * nb
        ),
        Shortfall(
            tuple(i for i, o in enumerate(obs) if o.experienced),
            tuple(r.rules.experience_weight(b) for b in r.bases),
        ),
        Shortfall(
            tuple(i for i, o in enumerate(obs) if o.speaks(s.local_language)),
            tuple(r.rules.language_weight(b) for b in r.bases),
        ),
    ]
    delegations: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(obs):
        if o.in_delegation:
            delegations[o.delegation.strip().casefold()].append(i)
    odd = []
    if s.delegation_policy == "keep":
        odd = [(tuple(m), s.weight_delegation) for _, m in sorted(delegations.items())]
    elif s.delegation_policy == "mix":
        for _, m in sorted(delegations.items()):
            shortfalls.append(Shortfall(tuple(m), (s.weight_delegation,) * nb, True))
    return shortfalls, odd


def _solve_bases(problem: BaseProblem, budget: Budget) -> BaseSolution:
    sol = _cpsat.solve_bases(problem, budget)
    if budget.should_stop():
        raise Cancelled("team formation cancelled")
    if sol.status == "infeasible":
        raise InputError(
            msg(
                "hard rules: the observers cannot be shared out over the bases with partners of "
                "different nationalities, base_id and the capacities (check 'Teams per base')"
            )
        )
    if sol.status not in ("optimal", "feasible"):
        raise PlanningError(msg("no teams found within the time limit; allow more time"))
    return sol


def _pair_edges(r: _Roster, base_id: str, members: list[int]) -> list[tuple[int, int, int]]:
    """The pairs of ``members`` (by position) the hard rules allow, with their cost:
    the soft rules they break, and a change of partner from the previous teams."""
    edges = []
    for x in range(len(members)):
        for y in range(x + 1, len(members)):
            oa, ob = r.obs[members[x]], r.obs[members[y]]
            if not pair_allowed(oa, ob):
                continue
            c = r.rules.team_cost((oa, ob), base_id)
            for me, other in ((members[x], ob), (members[y], oa)):
                before = r.prev_team.get(me)
                if before is not None and other.observer_id not in before.observer_ids:
                    c += r.mission.settings.weight_team_change
            edges.append((x, y, c))
    return edges


def _pair_base(
    r: _Roster, base_id: str, members: list[int], threes: int, search: _Search
) -> PairSolution:
    """Step 2 at one base: its observers into teams (positions in ``members``)."""
    local = {i: k for k, i in enumerate(members)}
    edges = _pair_edges(r, base_id, members)
    fixed = tuple(tuple(local[i] for i in g) for g in r.groups if g and g[0] in local)
    start = improve(greedy_pairs([r.obs[i] for i in members], threes, fixed), edges)
    hint_teams = {  # the previous teams, where they are here
        tuple(sorted(local[r.index[oid]] for oid in t.observer_ids if r.index.get(oid) in local))
        for t in r.mission.teams
        if t.observer_ids
    }
    edges = sparse(edges, len(members), [*start, *hint_teams, *fixed])
    share = len(members) / max(1, len(r.obs))
    budget = Budget(
        max(0.2, 1.1 * search.step1 * share),
        max(0.1, 0.5 * search.work * share),
        search.seed,
        search.workers,
        search.should_stop,
    )
    hint = tuple(t for t in hint_teams if len(t) >= 2) or start
    pairs = _cpsat.solve_pairs(PairProblem(len(members), tuple(edges), threes, fixed, hint), budget)
    if search.should_stop():
        raise Cancelled("team formation cancelled")
    if pairs.status == "unknown" and start:
        pairs = replace(pairs, status="feasible", teams=start)
    if pairs.status not in ("optimal", "feasible"):
        who = ", ".join(r.obs[i].observer_id for i in members[:8])
        raise InputError(
            msg(
                "hard rules: the {n} observers at base {base} cannot all be paired with "
                "partners of another nationality and respecting not_with ({who}, ...)",
                n=len(members),
                base=base_id,
                who=who,
            )
        )
    return pairs
