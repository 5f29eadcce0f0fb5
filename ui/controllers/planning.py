"""Planning from the window: :func:`planner.app.plan_mission` in a worker, with progress.

The same rules as the command line (they live in the use case): the plan is
validated, a plan that breaks a rule is refused and not stored, an accepted plan is
stored as a new revision. The window adds one of its own: a plan made for a mission
that changed meanwhile (an edit, an undo) is not stored either.
The re-plan of the Changes panel goes through :func:`validated_replan` for the same
reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox

from planner.app import PlanOutcome, PlanRefused, plan_mission, replan_mission
from planner.model import Mission, Plan
from planner.replan.changes import Change
from planner.replan.core import ReplanResult
from ui.controllers.runner import Job, ProgressArea, WorkerRunner
from ui.i18n import number, planner_text
from ui.plan_progress import PlanProgress

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SolveFn = Callable[..., Plan]
translate = QCoreApplication.translate


def validated_replan(mission: Mission, changes: Sequence[Change], **kwargs: Any) -> ReplanResult:
    """The Changes panel's re-plan: refused (PlanRefused) when it breaks a rule."""
    try:
        return replan_mission(mission, changes, store=True, **kwargs).result
    except PlanRefused as exc:  # the panel shows str(exc): in the interface language
        exc.args = (
            translate(
                "MainWindow",
                "The re-plan breaks {n} rule(s) of the day model, so it was not stored.",
            ).format(n=number(len(exc.violations))),
        )
        raise


class PlanningController(QObject):
    started = Signal()
    finished = Signal(object)  # the Plan stored, or None when cancelled/failed/refused

    def __init__(
        self,
        window: MainWindow,
        runner: WorkerRunner,
        progress: ProgressArea,
        solve: SolveFn | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.progress = progress
        self.solve = solve
        self.job: Job | None = None
        self.time_limit_s = 30.0
        self.seed = 0
        self.workers: int | None = None  # solver processes (None: the solver's default)
        self.last_violations: list[Any] = []
        # honest progress: busy while deploying, never backwards, elapsed vs the limit
        self.plan_progress = PlanProgress(progress.label, progress.bar)
        self._base: Mission | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def dialog(self) -> None:
        from ui.dialogs.simple import PlanOptionsDialog

        dialog = PlanOptionsDialog(self.time_limit_s, self.seed, self.window)
        if dialog.exec():
            self.time_limit_s = dialog.time_limit.value()
            self.seed = dialog.seed.value()
            self.start(time_limit_s=self.time_limit_s, seed=self.seed)

    def start(self, *, time_limit_s: float = 30.0, seed: int = 0) -> None:
        if self.busy or self.window.is_busy:
            return
        base = self.window.mission
        solve, workers = self.solve, self.workers

        def run(progress: Callable[[Any], None], should_stop: Callable[[], bool]) -> PlanOutcome:
            return plan_mission(
                base,
                time_limit_s=time_limit_s,
                seed=seed,
                workers=workers,
                on_progress=progress,
                should_stop=should_stop,
                solve=solve,
            )

        job = Job(run, translate("MainWindow", "Planning"))
        job.progressed.connect(self.on_progress)
        job.finished.connect(self._on_planned)
        job.cancelled.connect(lambda: self._over(translate("MainWindow", "Planning cancelled")))
        job.failed.connect(self._on_failed)
        self._base = base
        self.job = job
        self.progress.begin(
            translate("MainWindow", "Planning…"),
            self.cancel,
            translate("MainWindow", "Stop planning (Esc)"),
        )
        self.plan_progress.start(time_limit_s)
        self.window.update_actions()
        self.runner.start(job)
        self.started.emit()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.progress.cancelling()

    def on_progress(self, p: Any) -> None:
        """A solver's progress report: stage, round, teams, elapsed of the limit."""
        self.plan_progress.update(p)

    def _over(self, message: str, plan: Plan | None = None) -> None:
        self.job = None
        self.progress.end()
        self.window.update_actions()
        self.window.refresh_day()
        self.window.statusBar().showMessage(message, 15000)
        self.finished.emit(plan)

    def _on_failed(self, message: str) -> None:
        error = self.job.error if self.job is not None else None
        if isinstance(error, PlanRefused):
            self.last_violations = list(error.violations)
            n = number(len(error.violations))
            self._over(translate("MainWindow", "Plan not stored: {n} rule(s) broken").format(n=n))
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                translate("MainWindow", "The plan breaks rules"),
                translate(
                    "MainWindow",
                    "The check found {n} problem(s) in the new plan, so it was not stored. "
                    "Plan again (e.g. with more time).",
                ).format(n=n),
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setDetailedText("\n".join(_violation_text(v) for v in error.violations[:200]))
            box.setModal(False)
            box.show()
            return
        self._over(translate("MainWindow", "Planning failed"))
        QMessageBox.warning(self.window, translate("MainWindow", "Planning failed"), message)

    def _on_planned(self, outcome: PlanOutcome) -> None:
        if self.window.mission is not self._base:  # e.g. undone or changed by a panel
            self._over(
                translate("MainWindow", "Plan discarded: the mission changed while planning")
            )
            QMessageBox.information(
                self.window,
                translate("MainWindow", "Plan not stored"),
                translate(
                    "MainWindow",
                    "The mission was changed while the plan was being made, so the new plan "
                    "no longer fits it. Plan again.",
                ),
            )
            return
        self.plan_progress.finished()  # remembers how long it took, for the next time
        self.last_violations = []
        plan = outcome.plan
        visits = sum(len(r.phase_visits("voting")) for r in plan.routes)
        self.job = None
        self.window.set_mission(
            outcome.mission,
            description=translate("MainWindow", "Plan mission (revision {rev})").format(
                rev=plan.revision
            ),
        )
        self._over(
            translate(
                "MainWindow", "Planned {teams} teams, {visits} voting visits; checked: {check}"
            ).format(
                teams=number(len(plan.routes)),
                visits=number(visits),
                check=translate("MainWindow", "no rule broken"),
            ),
            outcome.mission.current_plan,
        )


def _violation_text(v: Any) -> str:
    """A broken rule as the check found it, its words in the interface language."""
    where = f"{v.team_id} #{v.seq}" if v.seq else str(v.team_id)
    return f"{where}: {planner_text(v.message)} [{v.rule}]"
