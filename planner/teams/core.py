"""The two problems team formation hands to CP-SAT, as plain data.

Forming teams is solved in two steps (docs/teams.md): first every observer gets a
base (:class:`BaseProblem`: capacities, nationality limits and the soft rules that
depend on who is at a base), then each base's observers are paired
(:class:`PairProblem`: a matching over the pairs the hard rules allow, each pair
with the cost of the soft rules it breaks). No OR-Tools types cross this boundary;
``planner/teams/_cpsat.py`` is the only module that builds the models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ShouldStop = Callable[[], bool]


def never() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Penalty ``weights[b] * max(0, teams_b - count_b)`` where ``count_b`` is the number
    of ``members`` at base b; with ``excess`` it is ``max(0, count_b - teams_b)``."""

    members: tuple[int, ...]
    weights: tuple[int, ...]
    excess: bool = False


@dataclass(frozen=True, slots=True)
class BaseProblem:
    """Observers ``0..n-1`` to bases ``0..m-1``.

    Hard: each observer at one of ``allowed[o]``; base b holds ``2 p_b + 3 q_b``
    observers with ``p_b + q_b <= capacity[b]`` teams and ``q_b <= 1``; at most
    ``max_threes`` threes in all; the members of each of ``groups`` at one base; no
    base has more observers of one nationality (``nationality[o]``) than teams.
    Soft: ``cost[o][k]`` for observer o at ``allowed[o][k]``; the shortfalls;
    ``together`` (i, j, w): w when i and j are at different bases; ``odd``
    (members, w): w per base holding an odd number of them; ``dominance``: w per
    observer of one nationality beyond ``max_share_pct`` % of a base's observers.
    """

    n_bases: int
    allowed: tuple[tuple[int, ...], ...]
    cost: tuple[tuple[int, ...], ...]
    capacity: tuple[int, ...]
    max_threes: int
    nationality: tuple[int, ...]
    groups: tuple[tuple[int, ...], ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    together: tuple[tuple[int, int, int], ...] = ()
    odd: tuple[tuple[tuple[int, ...], int], ...] = ()
    dominance_weight: int = 0
    max_share_pct: int = 100
    hint: tuple[int, ...] | None = None  # a base per observer (e.g. the previous one)

    @property
    def n(self) -> int:
        return len(self.allowed)


@dataclass(frozen=True, slots=True)
class BaseSolution:
    status: str  # "optimal", "feasible", "infeasible", "unknown" (no solution in time)
    base_of: tuple[int, ...] = ()
    threes: tuple[int, ...] = ()  # per base, 0 or 1
    objective: int = 0
    bound: int = 0


@dataclass(frozen=True, slots=True)
class PairProblem:
    """Observers ``0..n-1`` of one base into pairs (and ``threes`` teams of three).

    ``edges`` (i, j, cost) with i < j are the pairs the hard rules allow; a team of
    three uses three edges and costs their sum. ``fixed`` teams are kept as they are.
    """

    n: int
    edges: tuple[tuple[int, int, int], ...]
    threes: int = 0
    fixed: tuple[tuple[int, ...], ...] = ()
    hint: tuple[tuple[int, ...], ...] = ()  # teams to start from (e.g. the previous ones)


@dataclass(frozen=True, slots=True)
class PairSolution:
    status: str
    teams: tuple[tuple[int, ...], ...] = ()
    objective: int = 0
    bound: int = 0


@dataclass(frozen=True, slots=True)
class Budget:
    """How long and how a CP-SAT search may run: deterministic for a seed when it stops
    on ``work`` (deterministic time) before ``time_limit_s`` (wall clock)."""

    time_limit_s: float
    work: float
    seed: int = 0
    workers: int = 1
    should_stop: ShouldStop = never
