"""A first base for every observer, before the search (the CP-SAT hint of step 1)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from planner.model import Team
from planner.observers import Observer

__all__ = ["deal", "largest_remainder"]


def largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    s = sum(weights)
    if s <= 0:
        weights, s = [1.0] * len(weights), float(len(weights))
    quotas = [total * w / s for w in weights]
    seats = [int(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - seats[i]), i))
    for i in order[: total - sum(seats)]:
        seats[i] += 1
    return seats


def deal(
    obs: list[Observer],
    allowed: Sequence[tuple[int, ...]],
    caps: list[int],
    *,
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
    teams = largest_remainder(len(obs) // 2, [float(c) for c in caps])
    room = [2 * t for t in teams]
    room[max(range(nb), key=lambda b: room[b])] += len(obs) % 2
    nat_at: dict[tuple[str, int], int] = defaultdict(int)
    have = [[0] * nb for _ in traits]
    target = _targets(traits, teams)
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
    for i in _scarce_first(obs, traits, [i for i in range(len(obs)) if out[i] < 0]):
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


def _targets(
    traits: Sequence[tuple[Sequence[bool], Sequence[int]]], teams: list[int]
) -> list[list[float]]:
    """Per trait and base: its fair share of the observers who have the trait, by the
    base's teams and the trait's weight there."""
    nb = len(teams)
    target = []
    for who, weight in traits:
        supply = sum(who)
        total = sum(teams[b] * weight[b] for b in range(nb)) or 1
        target.append([supply * teams[b] * weight[b] / total for b in range(nb)])
    return target


def _scarce_first(
    obs: list[Observer],
    traits: Sequence[tuple[Sequence[bool], Sequence[int]]],
    pending: list[int],
) -> list[int]:
    """``pending`` observers, those of the scarcest trait first, then the biggest
    nationalities first."""
    sizes: dict[str, int] = defaultdict(int)
    for o in obs:
        sizes[o.nationality] += 1
    scarcity = [sum(who) for who, _ in traits]

    def rank(i: int) -> tuple[float, int, str, int]:
        scarce = min((scarcity[k] for k, (who, _) in enumerate(traits) if who[i]), default=10**9)
        return (scarce, -sizes[obs[i].nationality], obs[i].nationality, i)

    return sorted(pending, key=rank)
