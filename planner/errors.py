"""One exception hierarchy for everything the planner reports to a user."""

from __future__ import annotations

from dataclasses import dataclass


class PlannerError(Exception):
    """Base of every error the program turns into a message for the user."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an input file, located as a user sees it.

    ``row`` is the spreadsheet row (header = 1, first data row = 2); 0 means the
    whole file. ``column`` is the column's header as written in the file, or ``""``.
    """

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


class InputError(PlannerError):
    """Bad input: carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", 0, "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class MissionFileError(PlannerError):
    """A mission file that cannot be opened or saved (not a mission, newer version, I/O)."""


class PlanningError(PlannerError):
    """The planner could not produce a plan (for example: no available team)."""


class Cancelled(PlannerError):
    """The user cancelled a long operation."""
