"""The manual edits' words (planner.app, English) are shown in the interface language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from planner.app import (
    EditRefused,
    add_station,
    candidate_stations,
    move_stop,
    pin_stop,
    remove_stop,
    set_team_available,
)
from planner.model import Mission
from ui import i18n
from ui.edit_strings import MESSAGES, edit_text

pytestmark = pytest.mark.gui
LATIN = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def russian(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    assert i18n.install("ru") == "ru"
    yield
    i18n.install("en")


def _messages(m: Mission) -> list[str]:
    """Descriptions, consequences and refusals of real edits on the planned mission."""
    route = m.current_plan.route("T001")
    votes = [v.ps_id for v in route.visits if v.phase == "voting"]
    results = [
        pin_stop(m, "T001", votes[0]),
        pin_stop(pin_stop(m, "T001", votes[0]).mission, "T001", votes[0], False),
        remove_stop(m, "T001", votes[0]),
        move_stop(m, "T001", votes[1], -1),
        move_stop(m, "T001", votes[0], 1),
        set_team_available(m, "T002", False),
    ]
    candidates = candidate_stations(m, "T001")
    for ps_id, _km in candidates[:5]:
        try:
            results.append(add_station(m, "T001", ps_id))
            break
        except EditRefused:
            continue
    out = [r.description for r in results]
    out += [c for r in results for c in r.consequences()]
    for make in (
        lambda: move_stop(m, "T001", route.visits[0].key, 1),
        lambda: add_station(m, "T001", "NOPE"),
        lambda: add_station(m, "T001", votes[0]),
        lambda: set_team_available(m, "NOPE", False),
        lambda: pin_stop(m, "T001", "NOPE"),
    ):
        with pytest.raises(EditRefused) as refused:
            make()
        out.append(refused.value.reason)
    return out


def test_every_edit_message_reads_in_russian(russian, planned_mission: Mission) -> None:  # type: ignore[no-untyped-def]
    messages = _messages(planned_mission)
    assert len(messages) > 12
    for text in messages:
        shown = edit_text(text)
        assert shown != text, text
        words = set(LATIN.findall(re.sub(r"\b[A-Z]+-?\d[\w-]*|\bNOPE\b", " ", shown)))
        assert not words, (text, shown)
    assert "недоступной" in edit_text("Mark T001 unavailable")  # not "... available"


def test_english_is_unchanged_and_unknown_text_passes(qapp, planned_mission: Mission) -> None:  # type: ignore[no-untyped-def]
    i18n.install("en")
    for text in _messages(planned_mission):
        if "day ends" in text or "team leaves" in text or "break at" in text:
            continue  # times are shown as on the route sheets ("00:36 +1d")
        if text.startswith("driving"):
            assert edit_text(text).startswith("driving ")
            continue
        assert edit_text(text) == text.replace("'NOPE'", "NOPE")
    assert edit_text("something new") == "something new"
    assert len({t for _p, t, _c in MESSAGES}) == len(MESSAGES)
