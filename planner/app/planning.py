"""Use cases "plan the mission" and "re-plan after last-minute changes".

Both own the same three rules, for the command line and the window alike:

1. the new plan is checked by the plan validator (:func:`planner.validate.validate_plan`);
2. a plan that breaks a rule of the day model is refused: :class:`PlanRefused` is
   raised with every violation, and nothing is stored;
3. an accepted plan is stored in the mission as a new revision with a change-log
   entry, and (when ``save_to`` is given) the mission file is saved atomically.

Solving takes seconds to minutes: callers run these functions off their GUI thread
and pass ``on_progress`` / ``should_stop``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.errors import PlanningError
from planner.export.safe_paths import check_output_dir
from planner.io.mission import MissionSession, record, save_mission
from planner.model import Mission, Plan
from planner.replan.changes import Change
from planner.replan.core import ReplanResult, replan
from planner.validate import Violation, validate_plan

SolveFn = Callable[..., Plan]
ReplanFn = Callable[..., ReplanResult]
MAX_LISTED = 20


class PlanRefused(PlanningError):
    """The new plan breaks rules of the day model; it was not stored."""

    def __init__(self, what: str, violations: Sequence[Violation]) -> None:
        self.violations = list(violations)
        more = len(self.violations) - MAX_LISTED
        super().__init__(
            f"{what} breaks {len(self.violations)} rule(s) of the day model"
            + (f" ({more} more not listed)" if more > 0 else "")
            + "; it was not stored"
        )

    def listed(self) -> list[str]:
        """The first violations as text (for a message or standard error)."""
        return [str(v) for v in self.violations[:MAX_LISTED]]


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    """What :func:`plan_mission` made: the mission with the plan stored, and the plan."""

    mission: Mission
    plan: Plan  # the stored revision (the solver's plan when ``store`` was False)
    stored: bool
    saved_to: Path | None = None


def _default_solve() -> SolveFn:
    from planner.solver import solve  # heavy: imported when a plan is really made

    return solve


def _never() -> bool:
    return False


def plan_mission(
    mission: Mission,
    *,
    time_limit_s: float = 30.0,
    seed: int = 0,
    workers: int | None = None,
    on_progress: Callable[[Any], None] | None = None,
    should_stop: Callable[[], bool] = _never,
    solve: SolveFn | None = None,
    store: bool = True,
    save_to: Path | None = None,
    session: MissionSession | None = None,
    out_dir: Path | None = None,
) -> PlanOutcome:
    """Plan every available team, validate, store as a new revision (and save).

    ``store=False`` (``--dry-run``) validates but leaves the mission as it was.
    Raises :class:`PlanRefused` (nothing stored), :class:`~planner.errors.Cancelled`
    when ``should_stop`` said so, or another PlannerError from the solver.
    """
    if time_limit_s <= 0:
        raise PlanningError("the time limit must be more than 0 seconds")
    kwargs: dict[str, Any] = {
        "time_limit_s": time_limit_s,
        "seed": seed,
        "should_stop": should_stop,
    }
    if on_progress is not None:
        kwargs["on_progress"] = on_progress
    if workers is not None:
        kwargs["workers"] = max(1, workers)
    plan = (solve or _default_solve())(mission, **kwargs)
    violations = validate_plan(mission, plan)
    if violations:
        raise PlanRefused("the plan", violations)
    if out_dir is not None:
        check_output_dir(out_dir)  # a bad output folder stores nothing
    if not store:
        return PlanOutcome(mission, plan, stored=False)
    stored_mission = mission.with_plan(plan)
    stored = stored_mission.plans[-1]
    stored_mission = record(
        stored_mission,
        "plan",
        {
            "seed": seed,
            "time_limit_s": time_limit_s,
            "teams": len(plan.routes),
            "voting_visits": sum(len(r.phase_visits("voting")) for r in plan.routes),
            "unassigned": list(plan.unassigned_teams),
        },
        plan_revision=stored.revision,
    )
    saved = _save(stored_mission, save_to, session)
    return PlanOutcome(stored_mission, stored, stored=True, saved_to=saved)


def _save(mission: Mission, save_to: Path | None, session: MissionSession | None) -> Path | None:
    """Save through the locked session (it refuses when another program changed the
    file since it was read), else atomically to ``save_to``; where it was saved."""
    if session is not None:
        session.save(mission)
        return session.path
    if save_to is not None:
        save_mission(mission, save_to)
    return save_to


@dataclass(frozen=True, slots=True)
class ReplanOutcome:
    """What :func:`replan_mission` made (``result.mission`` has the changes and plan)."""

    result: ReplanResult
    stored: bool  # the mission changed (changes recorded and/or a new revision)
    saved_to: Path | None = None

    @property
    def mission(self) -> Mission:
        return self.result.mission

    @property
    def plan(self) -> Plan:
        return self.result.plan


def replan_mission(
    mission: Mission,
    changes: Sequence[Change],
    *,
    wide: bool = False,
    time_limit_s: float = 10.0,
    seed: int = 0,
    source: str = "",
    on_progress: Callable[[str], None] | None = None,
    replan_fn: ReplanFn | None = None,
    store: bool = True,
    save_to: Path | None = None,
    session: MissionSession | None = None,
    out_dir: Path | None = None,
) -> ReplanOutcome:
    """Apply ``changes`` and repair the current plan; validate; store (and save).

    The same rule as :func:`plan_mission`: a re-planned day that breaks a rule is
    refused with :class:`PlanRefused` and nothing is stored or saved.
    """
    if time_limit_s <= 0:
        raise PlanningError("the time limit must be more than 0 seconds")
    result = (replan_fn or replan)(
        mission,
        list(changes),
        wide=wide,
        time_limit_s=time_limit_s,
        seed=seed,
        source=source,
        on_progress=on_progress,
    )
    violations = validate_plan(result.mission, result.plan)
    if violations:
        raise PlanRefused("the re-planned day", violations)
    changed = result.mission.change_log != mission.change_log
    if out_dir is not None:
        check_output_dir(out_dir)  # a bad output folder stores nothing
    if not store:
        return ReplanOutcome(result, stored=False)
    if changed and (save_to is not None or session is not None):
        return ReplanOutcome(result, stored=True, saved_to=_save(result.mission, save_to, session))
    return ReplanOutcome(result, stored=changed)
