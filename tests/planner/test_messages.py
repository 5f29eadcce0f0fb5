"""The planner's run-time messages (planner.i18n): English by default, every template
in the code catalogued and translated, the compiled catalogue current, and each
message reads as the language it is rendered in."""

from __future__ import annotations

import copy
import pickle
import re
import string
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from planner import i18n
from planner.day import InfeasibleRoute, StopRef, time_route
from planner.i18n import Message, join, localized, msg
from planner.model import Plan, Settings
from planner.validate import validate_plan
from scripts import planner_messages as pm
from tests.factories import tiny_mission

WORD = re.compile(r"[A-Za-z]{3,}")
CATALOGUES = pm.po_files()
N_SEAT = (51.17, 71.45)  # Astana, the seat of the tiny mission's North region


@pytest.fixture
def russian() -> Iterator[None]:
    i18n.set_language("ru")
    yield
    i18n.set_language("en")


def english_left(text: str) -> set[str]:
    """English words (3+ letters) in a rendered message; `commands` may stay."""
    return set(WORD.findall(re.sub(r"`[^`]*`", " ", text)))


def fields(template: str) -> set[tuple[str, str | None, str | None]]:
    """The (name, conversion, format spec) of each ``str.format`` field."""
    return {
        (name, conv, spec)
        for _lit, name, spec, conv in string.Formatter().parse(template)
        if name is not None
    }


def sample(template: str) -> Message:
    """The message of ``template`` with a number in every field."""
    return Message(template, {name: 7 for name, _c, _s in fields(template)})


def test_there_is_a_russian_catalogue() -> None:
    assert [p.parent.parent.name for p in CATALOGUES] == ["ru"]
    assert i18n.languages() == ["en", "ru"]


def test_every_message_in_the_code_is_catalogued_and_translated() -> None:
    templates, not_literal = pm.extract()
    assert not not_literal, "msg() needs a literal template (else it cannot be catalogued)"
    assert len(templates) > 100
    for po in CATALOGUES:
        catalogue = pm.read_po(po)
        missing = [t for t in templates if not catalogue.get(t)]
        assert not missing, f"{po}: untranslated (run scripts/planner_messages.py): {missing}"


def test_translations_keep_every_field_and_its_format() -> None:
    for po in CATALOGUES:
        for template, translation in pm.read_po(po).items():
            if template and translation:
                assert fields(translation) == fields(template), (po, template)


def test_the_compiled_catalogue_is_current() -> None:
    for po in CATALOGUES:
        mo = po.with_suffix(".mo")
        assert mo.read_bytes() == pm.mo_bytes(pm.read_po(po)), "run scripts/planner_messages.py"


def test_every_catalogued_message_renders_in_russian() -> None:
    templates, _ = pm.extract()
    untranslated = []
    for template in templates:
        text = sample(template).render("ru")
        if english_left(text) or (WORD.search(template) and text == str(sample(template))):
            untranslated.append(f"{template!r} -> {text!r}")
    assert not untranslated, "\n".join(untranslated)


def test_the_check_catches_an_untranslated_message() -> None:
    """A template nobody translated renders English, which the check above flags."""
    text = msg("a message nobody has translated yet ({n})", n=3).render("ru")
    assert english_left(text) == {"message", "nobody", "has", "translated", "yet"}


def test_english_by_default_and_for_files(russian: None) -> None:
    reason = msg(
        "{time} of driving in the day, more than the limit of {limit}",
        time=i18n.duration(206),
        limit=i18n.duration(150),
    )
    # the str value is English whatever the language: files, the CLI, logs
    assert reason == "3 h 26 min of driving in the day, more than the limit of 2 h 30 min"
    assert f"{reason}" == str(reason) == reason.render("en")
    # rendered: the interface language, nested durations included
    assert reason.render() == "3 ч 26 мин в пути за день — больше предела 2 ч 30 мин"
    assert localized(reason) == reason.render() and localized("plain") == "plain"
    # copies and pickles keep the parts
    for again in (copy.deepcopy(reason), pickle.loads(pickle.dumps(reason))):
        assert isinstance(again, Message) and again.render() == reason.render()
    i18n.set_language("xx")  # a language without a catalogue: English
    assert i18n.language() == "en" and reason.render() == str(reason)


def test_join_keeps_each_part_translatable(russian: None) -> None:
    both = join([msg("team added"), "", msg("near priority {place}", place="N-D01")])
    assert both == "team added; near priority N-D01"
    assert localized(both) == "команда добавлена; рядом с приоритетом N-D01"
    assert join(["a", "b"]) == "a; b" and not isinstance(join(["a"]), Message)


def test_a_day_that_breaks_says_why_in_russian() -> None:
    m = tiny_mission(settings=Settings(max_leg_min=20))
    stops = [StopRef("opening", "N-0001"), StopRef("counting", "N-0004")]
    with pytest.raises(InfeasibleRoute) as exc:
        time_route(m, "T001", (N_SEAT[0] + 1.5, N_SEAT[1]), stops)
    reason = exc.value.reason
    assert str(reason).startswith("the drive to N-0001 (No. 1) takes ")  # English as before
    assert "longer than the longest leg allowed (20 min)" in reason
    ru = localized(reason, "ru")
    assert ru.startswith("дорога до N-0001 (№ 1) занимает ")
    assert "самого длинного допустимого переезда (20 мин)" in ru
    assert not english_left(ru)


def test_a_broken_rule_reads_russian() -> None:
    m = tiny_mission()
    stops = [StopRef("opening", "N-0001"), StopRef("counting", "N-0004")]
    route = time_route(m, "T001", N_SEAT, stops)
    first = replace(route.visits[0], arrive=route.visits[0].arrive + 60)
    late = replace(route, visits=(first, *route.visits[1:]))
    found = validate_plan(m, Plan(routes=(late,)))
    opening = next(v for v in found if v.rule == "opening-late")
    assert "min before it opens at" in opening.message  # English, for the CLI
    ru = localized(opening.message, "ru")
    assert "до открытия в" in ru and not english_left(ru)
    assert all(isinstance(v.message, Message) for v in found)


def test_the_catalogue_travels_with_the_package() -> None:
    """The .po/.mo live inside ``planner/`` and pyproject ships them as package data."""
    root = Path(pm.ROOT)
    assert all(p.is_relative_to(root / "planner") for p in CATALOGUES)
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert '"*.mo"' in text and '"*.po"' in text  # package data of every package


def test_change_descriptions_match_the_changes_own_in_english() -> None:
    """planner.replan.describe says what Change.describe() says, and in Russian too."""
    from planner.replan.changes import (
        AreaBlocked,
        Pin,
        PriorityChange,
        StationClosed,
        StationMoved,
        TeamAdded,
        TeamUnavailable,
        VotingHours,
    )
    from planner.replan.describe import describe

    square = ((71.25, 51.08), (71.42, 51.08), (71.42, 51.18), (71.25, 51.18))
    changes = [
        TeamUnavailable("T002"),
        TeamAdded("T009", "BN"),
        StationClosed("N-0003"),
        StationMoved("N-0004", 51.01, 71.02),
        VotingHours("W-0005", 480, 1140),
        VotingHours("W-0005", open_time=480),
        VotingHours("W-0005", close_time=1140),
        AreaBlocked(square),
        AreaBlocked(square, name="bridge"),
        PriorityChange(3, dec_id="N-D02"),
        PriorityChange(2.5, ps_id="N-0001"),
        Pin("T001", "counting", ps_id="N-0001"),
    ]
    for change in changes:
        text = describe(change)
        assert text == change.describe()
        assert isinstance(text, Message)
        ru = text.render("ru")
        assert not english_left(ru.replace("bridge", "")), ru
