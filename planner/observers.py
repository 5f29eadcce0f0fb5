"""The roster: one short-term observer (STO) as the mission receives them.

An :class:`Observer` checks itself; the importer (``planner/io/observers.py``) turns
a spreadsheet into observers and names every bad cell by FILE:ROW:COLUMN first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from planner.errors import InputError

GENDERS: tuple[str, ...] = ("f", "m", "x")
#: Delegation values that mean "seconded individually": no delegation policy applies.
NO_DELEGATION: frozenset[str] = frozenset({"", "odihr"})
#: Missions of experience that make an observer "experienced" (soft rule).
EXPERIENCED_MISSIONS = 2

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Observer:
    """One STO: who they are and what the pairing must respect.

    ``nationality`` is an ISO 3166 alpha-2 code (upper case), ``languages`` ISO 639-1
    codes (lower case). ``not_with`` are observers they must not be teamed with;
    ``prefer_with`` one they would like to be teamed with; ``base_id`` a base they
    must go to (empty: the planner chooses). ``extra`` keeps the roster's other
    columns as (header, value) pairs.
    """

    observer_id: str
    name: str
    gender: str
    nationality: str
    languages: tuple[str, ...] = ()
    experience: int = 0
    delegation: str = ""
    arrival: str = ""  # ISO date, or ""
    needs: str = ""
    not_with: tuple[str, ...] = ()
    prefer_with: str = ""
    base_id: str = ""
    available: bool = True
    phone: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        oid = self.observer_id
        if not oid:
            raise InputError("observer without observer_id")
        if self.gender not in GENDERS:
            raise InputError(f"{oid}: gender {self.gender!r} is not one of f, m, x")
        if not _COUNTRY.match(self.nationality):
            raise InputError(f"{oid}: nationality {self.nationality!r} is not an ISO 3166 code")
        for lang in self.languages:
            if not _LANGUAGE.match(lang):
                raise InputError(f"{oid}: language {lang!r} is not an ISO 639-1 code")
        if self.experience < 0:
            raise InputError(f"{oid}: negative experience")
        if self.arrival and not _DATE.match(self.arrival):
            raise InputError(f"{oid}: arrival {self.arrival!r} is not a date YYYY-MM-DD")
        if oid in self.not_with or oid == self.prefer_with:
            raise InputError(f"{oid}: names themselves in not_with or prefer_with")
        if self.prefer_with and self.prefer_with in self.not_with:
            raise InputError(f"{oid}: {self.prefer_with} is both in not_with and prefer_with")

    @property
    def experienced(self) -> bool:
        return self.experience >= EXPERIENCED_MISSIONS

    @property
    def in_delegation(self) -> bool:
        """True for members of a delegation the delegation policy applies to."""
        return self.delegation.strip().casefold() not in NO_DELEGATION

    def speaks(self, language: str) -> bool:
        return language in self.languages


def observer_fields(*leave_out: str) -> tuple[str, ...]:
    """The :class:`Observer` field names in declaration order (the roster's columns),
    without ``leave_out``: one list for the stored layer and the change file."""
    return tuple(f.name for f in fields(Observer) if f.name not in leave_out)
