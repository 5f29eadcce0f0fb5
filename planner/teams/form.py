"""Form teams from the roster: who goes with whom, and to which base.

:func:`form_teams` is a plain function like the route solver: explicit seed and
time limit, progress through a callback, cancel through a predicate; the same
mission and seed give the same teams when the searches end on their work budget.
Two CP-SAT steps (``planner/teams/core.py``): observers to bases, then pairs at each
base. The hard rules are never broken; a roster they cannot fit is refused with the
reason (:mod:`planner.teams.feasible`). See docs/teams.md.
"""

# size: team formation in its steps; to split pairing and explanation (issue 10 shape pass)
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from planner.errors import Cancelled, InputError, PlanningError
from planner.model import Mission, Team
from planner.observers import Observer
from planner.solver.deploy import usable_stations
from planner.teams import _cpsat
from planner.teams.core import BaseProblem, Budget, PairProblem, Shortfall, ShouldStop, never
from planner.teams.feasible import roster_problems
from planner.teams.rules import Broken, Rules, explain, penalty

__all__ = ["TeamsProgress", "TeamsResult", "base_capacities", "form_teams"]


@dataclass(frozen=True, slots=True)
class TeamsProgress:
    stage: str  # "bases", "pairs", "done"
    fraction: float
    message: str


@dataclass(frozen=True)
class TeamsResult:
    """The new ``teams`` layer and what it costs.

    ``broken`` names, per team id, the soft rules it breaks and why; ``penalty`` is
    their total weight plus the bases' nationality balance (rules.penalty);
    ``changed`` are teams that are new or whose observers changed, ``removed`` the
    previous teams that are gone.
    """

    teams: tuple[Team, ...]
    broken: Mapping[str, tuple[Broken, ...]]
    penalty: int
    base_bound: int
    base_notes: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    optimal: bool


def _largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    s = sum(weights)
    if s <= 0:
        weights, s = [1.0] * len(weights), float(len(weights))
    quotas = [total * w / s for w in weights]
    seats = [int(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - seats[i]), i))
    for i in order[: total - sum(seats)]:
        seats[i] += 1
    return seats


def base_capacities(mission: Mission, n_teams: int) -> dict[str, int]:
    """Teams each base takes: the setting ``team_capacities`` (``AKT=12, AST=20``) where
    given, else the base's share of ``n_teams`` by usable polling stations."""
    stations: dict[str, int] = defaultdict(int)
    region_base = {r: b.base_id for b in mission.bases for r in b.region_ids}
    for p in usable_stations(mission):
        stations[region_base.get(p.region_id, "")] += 1
    ids = [b.base_id for b in mission.bases]
    caps = dict(zip(ids, _largest_remainder(n_teams, [stations[b] for b in ids]), strict=True))
    for item in mission.settings.team_capacities.replace(";", ",").split(","):
        key, _, value = item.partition("=")
        if key.strip() in caps and value.strip().isdigit():
            caps[key.strip()] = int(value)
    return caps


def _pair_allowed(a: Observer, b: Observer) -> bool:
    return (
        a.nationality != b.nationality
        and b.observer_id not in a.not_with
        and a.observer_id not in b.not_with
    )


def form_teams(  # noqa: PLR0912, PLR0915  # size: to split into named steps (issue 10 shape pass)
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
    s = mission.settings
    rules = Rules.of(mission)
    obs = sorted((o for o in mission.observers if o.available), key=lambda o: o.observer_id)
    index = {o.observer_id: i for i, o in enumerate(obs)}
    if not mission.bases:
        raise InputError("the mission has no bases to send teams to")
    bases = [b.base_id for b in mission.bases]
    caps = dict(capacities) if capacities is not None else base_capacities(mission, len(obs) // 2)
    max_threes = len(obs) % 2 + s.teams_of_three
    pinned = [t for t in mission.teams if t.pinned and t.observer_ids and t.base_id in caps]
    problems = roster_problems(obs, caps, max_threes, pinned)
    if problems:
        raise InputError(problems)
    on_progress(TeamsProgress("bases", 0.0, f"{len(obs)} observers to {len(bases)} bases"))

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
    allowed: list[tuple[int, ...]] = []
    cost: list[tuple[int, ...]] = []
    for i, o in enumerate(obs):
        if i in fixed_base:
            row: tuple[int, ...] = (fixed_base[i],)
        elif o.base_id:
            row = (b_of[o.base_id],)
        else:
            row = tuple(range(len(bases)))
        allowed.append(row)
        before = prev_team.get(i)
        cost.append(
            tuple(s.weight_team_change if before and before.base_id != bases[b] else 0 for b in row)
        )
    together: dict[tuple[int, int], int] = defaultdict(int)
    for i, o in enumerate(obs):
        if o.prefer_with in index:
            j = index[o.prefer_with]
            together[min(i, j), max(i, j)] += s.weight_prefer_with
        if i in prev_team:
            for oid in prev_team[i].observer_ids:
                j = index.get(oid, i)
                if j > i:
                    together[i, j] += s.weight_team_change
    nat_code = {n: k for k, n in enumerate(sorted({o.nationality for o in obs}))}
    weights_by = [rules.experience_weight(b) for b in bases]
    shortfalls = [
        Shortfall(
            tuple(i for i, o in enumerate(obs) if o.gender == "f"),
            (s.weight_mixed_gender,) * len(bases),
        ),
        Shortfall(
            tuple(i for i, o in enumerate(obs) if o.gender != "f"),
            (s.weight_mixed_gender,) * len(bases),
        ),
        Shortfall(tuple(i for i, o in enumerate(obs) if o.experienced), tuple(weights_by)),
        Shortfall(
            tuple(i for i, o in enumerate(obs) if o.speaks(s.local_language)),
            tuple(rules.language_weight(b) for b in bases),
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
            shortfalls.append(Shortfall(tuple(m), (s.weight_delegation,) * len(bases), True))
    traits = [
        ([o.speaks(s.local_language) for o in obs], [rules.language_weight(b) for b in bases]),
        ([o.experienced for o in obs], weights_by),
        ([o.gender == "f" for o in obs], [1] * len(bases)),
    ]
    hint = _deal(obs, allowed, [caps.get(b, 0) for b in bases], prev_team, b_of, traits)
    problem = BaseProblem(
        n_bases=len(bases),
        allowed=tuple(allowed),
        cost=tuple(cost),
        capacity=tuple(caps.get(b, 0) for b in bases),
        max_threes=max_threes,
        nationality=tuple(nat_code[o.nationality] for o in obs),
        groups=tuple(groups),
        shortfalls=tuple(shortfalls),
        together=tuple((i, j, w) for (i, j), w in sorted(together.items())),
        odd=tuple(odd),
        dominance_weight=s.weight_nationality,
        max_share_pct=round(100 * s.max_nationality_share),
        hint=hint,
    )
    if work_s is not None:
        time_limit_s = 10 * work_s
    work = 0.6 * time_limit_s if work_s is None else work_s
    step1 = 0.4 * time_limit_s
    sol = _cpsat.solve_bases(problem, Budget(step1, 0.4 * work, seed, 1, should_stop))
    if should_stop():
        raise Cancelled("team formation cancelled")
    if sol.status == "infeasible":
        raise InputError(
            "hard rules: the observers cannot be shared out over the bases with partners of "
            "different nationalities, base_id and the capacities (check 'Teams per base')"
        )
    if sol.status not in ("optimal", "feasible"):
        raise PlanningError("no teams found within the time limit; allow more time")
    optimal = sol.status == "optimal"

    # ---- step 2: pairs at each base
    at_base: dict[int, list[int]] = defaultdict(list)
    for i, b in enumerate(sol.base_of):
        at_base[b].append(i)
    formed: list[tuple[str, tuple[int, ...]]] = []
    done = 0
    for b, members in sorted(at_base.items()):
        base_id = bases[b]
        local = {i: k for k, i in enumerate(members)}
        edges = []
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                oa, ob = obs[members[x]], obs[members[y]]
                if not _pair_allowed(oa, ob):
                    continue
                c = rules.team_cost((oa, ob), base_id)
                for me, other in ((members[x], ob), (members[y], oa)):
                    before = prev_team.get(me)
                    if before is not None and other.observer_id not in before.observer_ids:
                        c += s.weight_team_change
                edges.append((x, y, c))
        fixed = tuple(tuple(local[i] for i in g) for g in groups if g and g[0] in local)
        start = _improve(_greedy_pairs([obs[i] for i in members], sol.threes[b], fixed), edges)
        hint_teams = {  # the previous teams, where they are here
            tuple(sorted(local[index[oid]] for oid in t.observer_ids if index.get(oid) in local))
            for t in mission.teams
            if t.observer_ids
        }
        edges = _sparse(edges, len(members), [*start, *hint_teams, *fixed])
        share = len(members) / max(1, len(obs))
        budget = Budget(
            max(0.2, 1.1 * step1 * share), max(0.1, 0.5 * work * share), seed, workers, should_stop
        )
        pairs = _cpsat.solve_pairs(
            PairProblem(
                len(members),
                tuple(edges),
                sol.threes[b],
                fixed,
                tuple(t for t in hint_teams if len(t) >= 2) or start,
            ),
            budget,
        )
        if should_stop():
            raise Cancelled("team formation cancelled")
        if pairs.status == "unknown" and start:
            pairs = replace(pairs, status="feasible", teams=start)
        if pairs.status not in ("optimal", "feasible"):
            who = ", ".join(obs[i].observer_id for i in members[:8])
            raise InputError(
                f"hard rules: the {len(members)} observers at base {base_id} cannot all be "
                f"paired with partners of another nationality and respecting not_with ({who}, ...)"
            )
        optimal = optimal and pairs.status == "optimal"
        formed += [(base_id, tuple(members[k] for k in t)) for t in pairs.teams]
        done += len(members)
        on_progress(TeamsProgress("pairs", 0.5 + 0.5 * done / len(obs), f"paired base {base_id}"))
    result = _result(mission, rules, obs, formed, sol.bound, optimal)
    on_progress(TeamsProgress("done", 1.0, f"{len(result.teams)} teams, penalty {result.penalty}"))
    return result


#: At a big base each observer keeps this many cheapest partners (and those of the
#: starting teams): the pairing stays near the best and the model small.
PARTNERS = 30


def _sparse(
    edges: list[tuple[int, int, int]], n: int, keep: Sequence[Sequence[int]]
) -> list[tuple[int, int, int]]:
    if n <= 2 * PARTNERS:
        return edges
    mine: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for k, (x, y, c) in enumerate(edges):
        mine[x].append((c, k))
        mine[y].append((c, k))
    chosen = {k for lst in mine.values() for _, k in sorted(lst)[:PARTNERS]}
    must = {(min(a, b), max(a, b)) for t in keep for a in t for b in t if a != b}
    return [e for k, e in enumerate(edges) if k in chosen or (e[0], e[1]) in must]


def _improve(
    teams: tuple[tuple[int, ...], ...], edges: list[tuple[int, int, int]]
) -> tuple[tuple[int, ...], ...]:
    """Exchange partners between two pairs while that lowers the cost and keeps the
    hard rules (only allowed pairs have a cost): a quick local search, so that the
    CP-SAT search starts from good teams at big bases."""
    if not teams:
        return teams
    cost = {(x, y): c for x, y, c in edges}

    def c(a: int, b: int) -> int | None:
        return cost.get((a, b) if a < b else (b, a))

    pairs = [list(t) for t in teams if len(t) == 2]
    for _ in range(20):
        better = False
        for i in range(len(pairs)):
            for j in range(i + 1, len(pairs)):
                (a, b), (d, e) = pairs[i], pairs[j]
                now = (c(a, b) or 0) + (c(d, e) or 0)
                for x, y, z, w in ((a, d, b, e), (a, e, b, d)):
                    one, two = c(x, y), c(z, w)
                    if one is not None and two is not None and one + two < now:
                        pairs[i], pairs[j] = [x, y], [z, w]
                        better = True
                        break
        if not better:
            break
    return tuple(tuple(sorted(p)) for p in pairs) + tuple(t for t in teams if len(t) != 2)


def _greedy_pairs(  # noqa: PLR0912  # size: to split into named steps (issue 10 shape pass)
    group: list[Observer], threes: int, fixed: tuple[tuple[int, ...], ...]
) -> tuple[tuple[int, ...], ...]:
    """Teams that keep the hard rules, found without search, or ``()``: sorted by
    nationality (biggest first), position k goes with position k + n/2, which never
    pairs two of one nationality while none has more than half; not_with conflicts
    are then swapped away."""
    if fixed:
        return ()
    sizes: dict[str, int] = defaultdict(int)
    for o in group:
        sizes[o.nationality] += 1
    order = sorted(
        range(len(group)), key=lambda i: (-sizes[group[i].nationality], group[i].nationality, i)
    )
    teams: list[list[int]] = []
    if threes:
        trio: list[int] = []
        for i in reversed(order):
            if all(group[i].nationality != group[j].nationality for j in trio):
                trio.append(i)
            if len(trio) == 3:
                break
        if len(trio) < 3:
            return ()
        teams.append(trio)
        order = [i for i in order if i not in trio]
    half = len(order) // 2
    teams += [[order[k], order[k + half]] for k in range(half)]

    def ok(team: list[int]) -> bool:
        return all(
            _pair_allowed(group[a], group[b]) for x, a in enumerate(team) for b in team[x + 1 :]
        )

    for _ in range(3):
        bad = [k for k, t in enumerate(teams) if not ok(t)]
        if not bad:
            break
        for k in bad:
            for j in range(len(teams)):
                if j == k:
                    continue
                a, b = teams[k], teams[j]
                a[-1], b[-1] = b[-1], a[-1]
                if ok(a) and ok(b):
                    break
                a[-1], b[-1] = b[-1], a[-1]
    if not all(ok(t) for t in teams):
        return ()
    return tuple(tuple(sorted(t)) for t in teams)


# size: to split into named steps (issue 10 shape pass)
def _deal(  # noqa: PLR0917
    obs: list[Observer],
    allowed: Sequence[tuple[int, ...]],
    caps: list[int],
    prev_team: Mapping[int, Team],
    b_of: Mapping[str, int],
    traits: Sequence[tuple[Sequence[bool], Sequence[int]]],
) -> tuple[int, ...]:
    """A first base for every observer, to start the search from: the previous base
    where there is one, else dealt out like cards, scarce observers first (e.g. the
    local-language speakers), each to the base that lacks their kind most (``traits``:
    per soft rule, who counts and its weight per base) and has room for their
    nationality, so that every base's share is filled."""
    nb = len(caps)
    teams = _largest_remainder(len(obs) // 2, [float(c) for c in caps])
    room = [2 * t for t in teams]
    room[max(range(nb), key=lambda b: room[b])] += len(obs) % 2
    nat_at: dict[tuple[str, int], int] = defaultdict(int)
    have = [[0] * nb for _ in traits]
    target = []
    for who, weight in traits:
        supply = sum(who)
        total = sum(teams[b] * weight[b] for b in range(nb)) or 1
        target.append([supply * teams[b] * weight[b] / total for b in range(nb)])
    out = [-1] * len(obs)

    def put(i: int, b: int) -> None:
        out[i] = b
        room[b] -= 1
        nat_at[obs[i].nationality, b] += 1
        for k, (who, _) in enumerate(traits):
            have[k][b] += who[i]

    for i in range(len(obs)):
        before = prev_team.get(i)
        b = b_of.get(before.base_id, -1) if before is not None else -1
        if len(allowed[i]) == 1:
            put(i, allowed[i][0])
        elif b in allowed[i] and room[b] > 0:
            put(i, b)
    sizes: dict[str, int] = defaultdict(int)
    for o in obs:
        sizes[o.nationality] += 1
    scarcity = [sum(who) for who, _ in traits]

    def rank(i: int) -> tuple[float, int, str, int]:
        scarce = min((scarcity[k] for k, (who, _) in enumerate(traits) if who[i]), default=10**9)
        return (scarce, -sizes[obs[i].nationality], obs[i].nationality, i)

    for i in sorted((i for i in range(len(obs)) if out[i] < 0), key=rank):
        nat = obs[i].nationality

        def need(b: int, i: int = i) -> float:
            return sum(
                (target[k][b] - have[k][b]) / max(1.0, target[k][b])
                for k, (who, _) in enumerate(traits)
                if who[i]
            )

        best = max(
            allowed[i],
            key=lambda b: (room[b] > 0, nat_at[nat, b] < teams[b], need(b), room[b], -b),
        )
        put(i, best)
    return tuple(out)


def _result(  # noqa: PLR0917
    mission: Mission,
    rules: Rules,
    obs: list[Observer],
    formed: list[tuple[str, tuple[int, ...]]],
    bound: int,
    optimal: bool,
) -> TeamsResult:
    base_order = {b.base_id: k for k, b in enumerate(mission.bases)}
    formed.sort(key=lambda t: (base_order[t[0]], min(obs[i].observer_id for i in t[1])))
    teams = [
        (base_id, tuple(sorted((obs[i] for i in m), key=lambda o: o.observer_id)))
        for base_id, m in formed
    ]
    ids = _name_teams(mission, [(b, tuple(o.observer_id for o in m)) for b, m in teams])
    previous = mission.team_by_id
    out_teams, broken, changed = [], {}, []
    base_members: dict[str, list[Observer]] = defaultdict(list)
    for base_id, members in teams:
        base_members[base_id].extend(members)
    where: dict[str, str] = {}
    for tid, (base_id, members) in zip(ids, teams, strict=True):
        for o in members:
            where[o.observer_id] = f"in team {tid} at {base_id}"
    for tid, (base_id, members) in zip(ids, teams, strict=True):
        oids = tuple(o.observer_id for o in members)
        old = previous.get(tid)
        template = old if old is not None else Team(tid, base_id, ())
        out_teams.append(
            replace(
                template,
                base_id=base_id,
                members=tuple(o.name for o in members),
                observer_ids=oids,
                available=True,
            )
        )
        if old is None or old.observer_ids != oids or old.base_id != base_id:
            changed.append(tid)
        broken[tid] = tuple(
            replace(b, reason=explain(rules, b.rule, members, base_members[base_id], where))
            for b in rules.broken(members, base_id)
        )
    notes = []
    for base_id, group in base_members.items():
        _, text = rules.dominance(group)
        if text:
            notes.append(f"base {base_id}: {text}")
    kept = set(ids)
    return TeamsResult(
        teams=tuple(sorted(out_teams, key=lambda t: t.team_id)),
        broken=broken,
        penalty=penalty(rules, teams),
        base_bound=bound,
        base_notes=tuple(notes),
        changed=tuple(sorted(changed)),
        removed=tuple(sorted(t.team_id for t in mission.teams if t.team_id not in kept)),
        optimal=optimal,
    )


def _name_teams(mission: Mission, teams: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Team ids: a team keeps the id of the previous team at its base it shares most
    observers with; else it takes a previous team without observers (a mission whose
    teams came without a roster keeps its ids, bases and drivers); else a new id."""
    claimed: set[str] = set()
    ids: list[str | None] = [None] * len(teams)
    prev = [t for t in mission.teams if t.observer_ids]
    overlaps = []
    for k, (base_id, oids) in enumerate(teams):
        for t in prev:
            shared = len(set(oids) & set(t.observer_ids))
            if shared and t.base_id == base_id:
                overlaps.append((-shared, t.team_id, k))
    for _, tid, k in sorted(overlaps):
        if ids[k] is None and tid not in claimed:
            ids[k] = tid
            claimed.add(tid)
    spare: dict[str, list[str]] = defaultdict(list)
    for t in sorted(mission.teams, key=lambda t: t.team_id):
        if not t.observer_ids:
            spare[t.base_id].append(t.team_id)
    numbers = [int(t.team_id[1:]) for t in mission.teams if t.team_id[1:].isdigit()]
    next_no = max(numbers, default=0) + 1
    taken = {t.team_id for t in mission.teams}
    for k, (base_id, _) in enumerate(teams):
        if ids[k] is not None:
            continue
        if spare[base_id]:
            ids[k] = spare[base_id].pop(0)
            continue
        while f"T{next_no:03d}" in taken:
            next_no += 1
        new_id = f"T{next_no:03d}"
        ids[k] = new_id
        taken.add(new_id)
    return [i or "" for i in ids]
