"""The planner's run-time messages, in the interface's language.

The planner says what it finds at run time (why a day does not work, which rule a
plan breaks, what a re-plan could not do) with :func:`msg`: an English template with
``str.format`` fields and the values of those fields::

    msg("arrives {time} at {place}", time="07:10", place=label)

The result is a :class:`Message`. It *is* the English text (a ``str``): files, the
command line, logs and comparisons keep reading English, whatever the language.
:meth:`Message.render` says it in another language: the template is looked up in a
GNU gettext catalogue (``planner/locale/<lang>/LC_MESSAGES/planner.mo``, compiled from
the ``planner.po`` beside it by ``scripts/planner_messages.py``) and filled with the
same fields; a field that is itself a message (a duration, a phase, a nested reason)
is rendered in the same language. A template without a translation reads English.

No Qt here: the GUI chooses the language with :func:`set_language` and shows
``localized(text)``. The templates must be string literals so that the script (and
``tests/planner/test_messages.py``) can find them all.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

__all__ = [
    "LOCALE_DIR",
    "Message",
    "duration",
    "join",
    "language",
    "languages",
    "localized",
    "msg",
    "parts_of",
    "phase_name",
    "set_language",
]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "planner"
_state = {"language": "en"}


class Message(str):
    """English text (the ``str`` value) that can say itself in another language."""

    template: str
    fields: dict[str, object]

    def __new__(cls, template: str, fields: Mapping[str, object]) -> Message:
        self = super().__new__(cls, template.format(**fields))
        self.template = template
        self.fields = dict(fields)
        return self

    def __getnewargs__(self) -> tuple[str, dict[str, object]]:  # type: ignore[override]
        return (self.template, self.fields)  # copy and pickle rebuild it from its parts

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the language set by :func:`set_language`)."""
        lang = lang or _state["language"]
        if lang == "en":
            return str.__str__(self)
        template = _catalogue(lang).gettext(self.template)
        values = {
            k: v.render(lang) if isinstance(v, Message) else v for k, v in self.fields.items()
        }
        return template.format(**values)


def msg(template: str, /, **fields: object) -> Message:
    """A message: an English ``template`` (a literal: it is catalogued) and its fields."""
    return Message(template, fields)


class _Joined(Message):
    """Parts (messages or plain text) joined by a separator, each rendered on its own."""

    def __new__(cls, sep: str, parts: list[str]) -> _Joined:
        self = str.__new__(cls, sep.join(parts))
        self.template = sep
        self.fields = {"parts": list(parts)}
        return self

    def __getnewargs__(self) -> tuple[str, list[str]]:  # type: ignore[override]
        parts = self.fields["parts"]
        assert isinstance(parts, list)
        return (self.template, parts)

    def render(self, lang: str | None = None) -> str:
        parts = self.fields["parts"]
        assert isinstance(parts, list)
        return self.template.join(localized(p, lang) for p in parts)


def join(parts: Iterable[str], sep: str = "; ") -> str:
    """``sep.join`` of the non-empty ``parts`` that keeps the messages among them."""
    kept = [p for p in parts if p]
    if not any(isinstance(p, Message) for p in kept):
        return sep.join(kept)
    return _Joined(sep, kept)


def parts_of(text: str, sep: str = "; ") -> list[str]:
    """The parts :func:`join` joined with ``sep`` (messages kept), or ``text`` split."""
    if isinstance(text, _Joined) and text.template == sep:
        parts = text.fields["parts"]
        assert isinstance(parts, list)
        return list(parts)
    return text.split(sep) if text else []


def localized(text: str, lang: str | None = None) -> str:
    """``text`` in ``lang`` if it is a :class:`Message`, else as it is."""
    return text.render(lang) if isinstance(text, Message) else text


def set_language(lang: str) -> None:
    """The language :meth:`Message.render` uses by default ("en": English)."""
    _state["language"] = lang if lang in languages() else "en"


def language() -> str:
    return _state["language"]


def languages() -> list[str]:
    """English and every language with a compiled catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return ["en", *found]


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)


def duration(minutes: float) -> Message:
    """206 -> ``3 h 26 min`` (as :func:`planner.presentation.format_duration`), translatable."""
    m = round(minutes)
    if m < 60:
        return msg("{minutes} min", minutes=m)
    hours, rest = divmod(m, 60)
    if rest:
        return msg("{hours} h {minutes} min", hours=hours, minutes=rest)
    return msg("{hours} h", hours=hours)


_PHASE_NAMES = {
    "opening": msg("opening"),
    "voting": msg("voting"),
    "counting": msg("counting"),
    "tabulation": msg("tabulation"),
}


def phase_name(phase: str) -> str:
    """A phase as a word of the message ("counting"); an unknown one as it is."""
    return _PHASE_NAMES.get(phase, phase)
