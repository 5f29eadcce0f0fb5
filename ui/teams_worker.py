"""Forming teams off the GUI thread: adapts :func:`planner.teams.form_teams` to signals."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from planner.errors import Cancelled, PlannerError
from planner.model import Mission
from planner.teams import TeamsResult, form_teams
from ui.i18n import error_text

FormFn = Callable[..., TeamsResult]


class TeamsWorker(QObject):
    """Runs ``form(mission, time_limit_s=, seed=, on_progress=, should_stop=)``."""

    progressed = Signal(object)  # TeamsProgress
    finished = Signal(object)  # TeamsResult
    cancelled = Signal()
    failed = Signal(str)

    def __init__(
        self, mission: Mission, *, time_limit_s: float, seed: int, form: FormFn = form_teams
    ) -> None:
        super().__init__()
        self._mission = mission
        self._time_limit_s = time_limit_s
        self._seed = seed
        self._form = form
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            result = self._form(
                self._mission,
                time_limit_s=self._time_limit_s,
                seed=self._seed,
                on_progress=self.progressed.emit,
                should_stop=self._cancel.is_set,
            )
        except Cancelled:
            self.cancelled.emit()
        except PlannerError as exc:
            self.failed.emit(error_text(exc))  # in the interface language
        except Exception as exc:  # a bug must not take the window down
            traceback.print_exc()
            self.failed.emit(
                QCoreApplication.translate(
                    "Observers", "forming teams failed unexpectedly: {error}"
                ).format(error=repr(exc))
            )
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.finished.emit(result)
