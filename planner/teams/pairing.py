"""Pairing one base's observers: the pairs the hard rules allow, a starting matching
found without search (:func:`greedy_pairs`, :func:`improve`), and the sparse set of
candidate pairs handed to CP-SAT at a big base (:func:`sparse`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from planner.observers import Observer

#: At a big base each observer keeps this many cheapest partners (and those of the
#: starting teams): the pairing stays near the best and the model small.
PARTNERS = 30


def pair_allowed(a: Observer, b: Observer) -> bool:
    """The hard rules of a pair: different nationalities, neither refuses the other."""
    return (
        a.nationality != b.nationality
        and b.observer_id not in a.not_with
        and a.observer_id not in b.not_with
    )


def sparse(
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


def improve(
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


def greedy_pairs(
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
        trio = _trio(group, order)
        if trio is None:
            return ()
        teams.append(trio)
        order = [i for i in order if i not in trio]
    half = len(order) // 2
    teams += [[order[k], order[k + half]] for k in range(half)]
    if not _swap_conflicts(group, teams):
        return ()
    return tuple(tuple(sorted(t)) for t in teams)


def _trio(group: list[Observer], order: list[int]) -> list[int] | None:
    """Three of different nationalities, from the smallest nationalities up."""
    trio: list[int] = []
    for i in reversed(order):
        if all(group[i].nationality != group[j].nationality for j in trio):
            trio.append(i)
        if len(trio) == 3:
            return trio
    return None


def _swap_conflicts(group: list[Observer], teams: list[list[int]]) -> bool:
    """Swap last members between teams until every team keeps the hard rules (in
    place; a few rounds); whether they all do."""

    def ok(team: list[int]) -> bool:
        return all(
            pair_allowed(group[a], group[b]) for x, a in enumerate(team) for b in team[x + 1 :]
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
    return all(ok(t) for t in teams)
