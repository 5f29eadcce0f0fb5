"""Observer changes read from ``CHANGES.yaml`` and checked against the mission (see
:mod:`planner.replan.observer_changes` for what they are and how they are applied)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from planner.errors import InputError, Problem
from planner.i18n import msg
from planner.model import Mission
from planner.observers import Observer, observer_fields
from planner.replan.observer_changes import ObserverAdded, ObserverUnavailable

# the fields an added observer may give besides its id (not availability nor extra columns)
_FIELDS = observer_fields("observer_id", "available", "extra")


class _Reader(Protocol):  # change_yaml.Reader, without importing it
    problems: list[Problem]

    def fields(
        self,
        node: Any,
        kind: str,
        required: Sequence[str],
        optional: Sequence[str] = (),
        scalar_as: str = "",
    ) -> dict[str, Any] | None: ...

    def text(self, node: Any, key: str) -> str | None: ...

    def fail(self, node: Any, column: str, message: str) -> None: ...


def parse(
    r: _Reader, kind: str, node: Any, line: int
) -> ObserverUnavailable | ObserverAdded | None:
    if kind == "observer_unavailable":
        f = r.fields(node, kind, ["observer_id"], scalar_as="observer_id")
        oid = r.text(f["observer_id"], "observer_id") if f else None
        return ObserverUnavailable(oid, line) if oid else None
    f = r.fields(node, kind, ["observer_id", "name", "gender", "nationality"], _FIELDS[3:])
    if f is None:
        return None
    raw = {k: str(getattr(v, "value", "")).strip() for k, v in f.items()}
    try:
        experience = int(raw.get("experience", "0") or 0)
    except ValueError:
        r.fail(f["experience"], "experience", msg("experience must be a whole number"))
        return None
    try:
        observer = Observer(
            observer_id=raw["observer_id"],
            name=raw["name"],
            gender={"ж": "f", "м": "m"}.get(raw["gender"].lower(), raw["gender"].lower()),
            nationality=raw["nationality"].upper(),
            languages=tuple(
                x.strip().lower()
                for x in raw.get("languages", "").replace(";", ",").split(",")
                if x.strip()
            ),
            experience=experience,
            delegation=raw.get("delegation", ""),
            arrival=raw.get("arrival", ""),
            needs=raw.get("needs", ""),
            not_with=tuple(x.strip() for x in raw.get("not_with", "").split(";") if x.strip()),
            prefer_with=raw.get("prefer_with", ""),
            base_id=raw.get("base_id", ""),
            phone=raw.get("phone", ""),
        )
    except InputError as exc:
        for p in exc.problems:
            r.fail(node, kind, p.message)
        return None
    return ObserverAdded(observer, line, tuple(f))


def check(mission: Mission, changes: Sequence[Any], file: str) -> list[Problem]:
    """Unknown observers, duplicate new ids, unknown bases and partner ids."""
    known = set(mission.observer_by_id)
    problems = []
    for c in changes:
        if isinstance(c, ObserverAdded):
            o = c.observer
            if o.observer_id in known:
                why = msg("{observer_id} exists already", observer_id=o.observer_id)
                problems.append(Problem(file, c.line, "observer_id", why))
            known.add(o.observer_id)
            if o.base_id and o.base_id not in mission.base_by_id:
                why = msg("unknown base {base_id}", base_id=o.base_id)
                problems.append(Problem(file, c.line, "base_id", why))
            for other in (*o.not_with, *([o.prefer_with] if o.prefer_with else [])):
                if other not in known:
                    why = msg("unknown observer {other}", other=other)
                    problems.append(Problem(file, c.line, "not_with", why))
        elif isinstance(c, ObserverUnavailable) and c.observer_id not in known:
            why = msg("unknown observer {observer_id}", observer_id=c.observer_id)
            problems.append(Problem(file, c.line, "observer_id", why))
    return problems
