"""What a running :func:`planner.solver.solve` reports, for a progress bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.errors import Cancelled
from planner.model import Plan

__all__ = ["Progress", "Reporter", "plan_counts"]


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a running :func:`~planner.solver.solve` is, for a progress bar.

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


@dataclass(frozen=True, slots=True)
class Reporter:
    """The caller's two callbacks: where we are, and whether to stop."""

    on_progress: Callable[[Progress], None]
    should_stop: Callable[[], bool]

    def check_stop(self) -> None:
        """Raise :class:`~planner.errors.Cancelled` when the caller asked to stop."""
        if self.should_stop():
            raise Cancelled("planning cancelled")


def plan_counts(plan: Plan) -> tuple[int, int, int, int]:
    """Openings, voting visits, counts and DECs at tabulation of ``plan``."""
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
