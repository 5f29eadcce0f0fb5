"""Undo/redo of mission changes: every command swaps one immutable Mission for another."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from planner.model import Mission


class MissionCommand(QUndoCommand):
    """Replace the window's mission by ``after``; undo puts ``before`` back."""

    def __init__(
        self, apply: Callable[[Mission], None], before: Mission, after: Mission, text: str
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self.before = before
        self.after = after

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
