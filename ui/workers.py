"""Long jobs off the GUI thread: planning and saving.

Each worker only adapts a plain planner function to Qt signals; the window moves
it to a QThread (see :class:`ui.main_window.MainWindow`). Cancelling sets an event
that the solver polls through ``should_stop``.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from planner.errors import Cancelled, PlannerError
from planner.io.mission import save_mission
from planner.model import Mission, Plan

SolveFn = Callable[..., Plan]


def default_solver() -> SolveFn:
    from planner.solver import solve  # imported late: the solver is heavy

    return solve


class SolveWorker(QObject):
    """Runs ``solve(mission, time_limit_s=, seed=, on_progress=, should_stop=)``."""

    progressed = Signal(object)
    finished = Signal(object)  # Plan
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, solve: SolveFn, mission: Mission, *, time_limit_s: float, seed: int) -> None:
        super().__init__()
        self._solve = solve
        self._mission = mission
        self._time_limit_s = time_limit_s
        self._seed = seed
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelling(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            plan = self._solve(
                self._mission,
                time_limit_s=self._time_limit_s,
                seed=self._seed,
                on_progress=self.progressed.emit,
                should_stop=self._cancel.is_set,
            )
        except Cancelled:
            self.cancelled.emit()
        except PlannerError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug in the solver must not kill the window
            traceback.print_exc()
            self.failed.emit(f"planning failed unexpectedly: {exc!r}")
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.finished.emit(plan)


class SaveWorker(QObject):
    """Saves a mission atomically.

    Emits ``finished(purpose, mission, path)`` or ``failed(purpose, message)``;
    ``purpose`` tells a save from an autosave.
    """

    finished = Signal(str, object, object)
    failed = Signal(str, str)

    def __init__(
        self,
        mission: Mission,
        path: Path,
        purpose: str = "save",
        save: Callable[..., Any] = save_mission,
    ) -> None:
        super().__init__()
        self._mission = mission
        self._path = path
        self.purpose = purpose
        self._save = save

    @Slot()
    def run(self) -> None:
        try:
            self._save(self._mission, self._path)
        except PlannerError as exc:
            self.failed.emit(self.purpose, str(exc))
        except OSError as exc:
            self.failed.emit(self.purpose, f"{self._path}: {exc.strerror or exc}")
        else:
            self.finished.emit(self.purpose, self._mission, self._path)
