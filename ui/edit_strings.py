"""The manual edits' words (:mod:`planner.app.edits`) in the interface language.

The application layer is Qt-free and writes its refusals, descriptions and
consequences in English (the command line and the mission history keep them so);
the window shows them through :func:`edit_text`, which recognises each message and
gives its translated template (context "Edits") with the same values, times as on
the route sheets.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from ui.i18n import QT_TRANSLATE_NOOP, clock, duration

translate = QCoreApplication.translate


def _time(text: str) -> str:
    hours, _, minutes = text.partition(":")
    return clock(int(hours) * 60 + int(minutes))


def _driving(groups: dict[str, str]) -> dict[str, str]:
    diff = int(groups["diff"])
    return {
        "diff": ("+" if diff > 0 else "−") + duration(abs(diff)),
        "total": duration(int(groups["total"])),
    }


def _times(*names: str) -> Callable[[dict[str, str]], dict[str, str]]:
    def convert(groups: dict[str, str]) -> dict[str, str]:
        return {k: _time(v) if k in names else v for k, v in groups.items()}

    return convert


_T = r"(?P<{}>\d\d:\d\d)"
#: (pattern of the English message, its template for the translators, value converter);
#: the first that matches the whole message wins ("unavailable" before "available")
MESSAGES: tuple[tuple[str, str, Callable[[dict[str, str]], dict[str, str]] | None], ...] = (
    (
        rf"day ends {_T.format('new')} instead of {_T.format('old')}",
        QT_TRANSLATE_NOOP("Edits", "day ends {new} instead of {old}"),
        _times("new", "old"),
    ),
    (
        rf"team leaves {_T.format('new')} instead of {_T.format('old')}",
        QT_TRANSLATE_NOOP("Edits", "team leaves {new} instead of {old}"),
        _times("new", "old"),
    ),
    (
        r"driving (?P<diff>[+-]?\d+) min \((?P<total>\d+) min in all\)",
        QT_TRANSLATE_NOOP("Edits", "driving {diff} ({total} in all)"),
        _driving,
    ),
    (
        r"(?P<new>\d+) voting visits instead of (?P<old>\d+)",
        QT_TRANSLATE_NOOP("Edits", "{new} voting visits instead of {old}"),
        None,
    ),
    (
        rf"break at {_T.format('time')}",
        QT_TRANSLATE_NOOP("Edits", "break at {time}"),
        _times("time"),
    ),
    (
        r"there is no plan yet: make one with Plan ▸ Plan mission",
        QT_TRANSLATE_NOOP("Edits", "there is no plan yet: make one with Plan ▸ Plan mission"),
        None,
    ),
    (
        r"team (?P<team>.+) has no route in the current plan",
        QT_TRANSLATE_NOOP("Edits", "team {team} has no route in the current plan"),
        None,
    ),
    (
        r"(?P<key>.+) is not a stop of team (?P<team>.+)",
        QT_TRANSLATE_NOOP("Edits", "{key} is not a stop of team {team}"),
        None,
    ),
    (r"Pin (?P<key>.+) for (?P<team>.+)", QT_TRANSLATE_NOOP("Edits", "Pin {key} for {team}"), None),
    (
        r"Unpin (?P<key>.+) for (?P<team>.+)",
        QT_TRANSLATE_NOOP("Edits", "Unpin {key} for {team}"),
        None,
    ),
    (
        r"Remove (?P<key>.+) from (?P<team>.+)",
        QT_TRANSLATE_NOOP("Edits", "Remove {key} from {team}"),
        None,
    ),
    (
        r"only voting visits can be reordered, among themselves",
        QT_TRANSLATE_NOOP("Edits", "only voting visits can be reordered, among themselves"),
        None,
    ),
    (
        r"Move (?P<key>.+) earlier for (?P<team>.+)",
        QT_TRANSLATE_NOOP("Edits", "Move {key} earlier for {team}"),
        None,
    ),
    (
        r"Move (?P<key>.+) later for (?P<team>.+)",
        QT_TRANSLATE_NOOP("Edits", "Move {key} later for {team}"),
        None,
    ),
    (
        r"no polling station '(?P<id>.*)'",
        QT_TRANSLATE_NOOP("Edits", "no polling station {id}"),
        None,
    ),
    (
        r"(?P<id>.+) is already in (?P<team>.+)'s day",
        QT_TRANSLATE_NOOP("Edits", "{id} is already in {team}'s day"),
        None,
    ),
    (
        r"(?P<id>.+) does not fit into (?P<team>.+?)'s day: (?P<reason>.+)",
        QT_TRANSLATE_NOOP("Edits", "{id} does not fit into {team}'s day: {reason}"),
        None,
    ),
    (r"Add (?P<id>.+) to (?P<team>.+)", QT_TRANSLATE_NOOP("Edits", "Add {id} to {team}"), None),
    (r"no team '(?P<team>.*)'", QT_TRANSLATE_NOOP("Edits", "no team {team}"), None),
    (
        r"Mark (?P<team>.+) unavailable",
        QT_TRANSLATE_NOOP("Edits", "Mark {team} unavailable"),
        None,
    ),
    (
        r"Mark (?P<team>.+) available",
        QT_TRANSLATE_NOOP("Edits", "Mark {team} available"),
        None,
    ),
)
_COMPILED = [(re.compile(p, re.DOTALL), t, c) for p, t, c in MESSAGES]


def edit_text(text: str) -> str:
    """``text`` (an edit's refusal, description or consequence) in the interface
    language; a message not in :data:`MESSAGES` is shown as it is."""
    for pattern, template, convert in _COMPILED:
        match = pattern.fullmatch(text)
        if match is not None:
            groups = match.groupdict()
            values = convert(groups) if convert is not None else groups
            return translate("Edits", template).format(**values)
    return text
