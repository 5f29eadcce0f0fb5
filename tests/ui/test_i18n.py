"""The Russian interface: every visible string translated, Qt's own strings too,
numbers in the locale; the catalogue complete and compiled."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QWidget,
)

from planner.model import Settings
from ui import i18n

pytestmark = pytest.mark.gui

TS = i18n.I18N_DIR / "sto_planner_ru.ts"
WORD = re.compile(r"[A-Za-z]{3,}")


def catalogue() -> list[tuple[str, str, str]]:
    """(context, source, translation) of every message in the Russian .ts."""
    out = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            unfinished = tr.get("type") == "unfinished"
            out.append((name, m.findtext("source") or "", "" if unfinished else tr.text or ""))
    return out


@pytest.fixture
def russian(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    assert i18n.install("ru") == "ru"
    yield
    i18n.install("en")


def english_words(mission_words: set[str]) -> set[str]:
    """Words of the English interface that never appear in the Russian one."""
    english: set[str] = set()
    russian: set[str] = set()
    for _ctx, source, translation in catalogue():
        english |= {w.lower() for w in WORD.findall(re.sub(r"\{\w+\}|<[^>]+>", " ", source))}
        russian |= {w.lower() for w in WORD.findall(translation)}
    return english - russian - mission_words


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:  # noqa: PLR0912  # one branch per kind of widget text
    """(where, text) for what the user reads: labels, buttons, tabs, docks, menus,
    table headers, combo items, placeholders, tooltips."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        name = type(w).__name__
        if w.toolTip():
            yield f"{name} tooltip", w.toolTip()
        if isinstance(w, (QLabel, QAbstractButton)):
            yield name, w.text()
        elif isinstance(w, QLineEdit):
            yield f"{name} placeholder", w.placeholderText()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield "tab", w.tabText(i)
        elif isinstance(w, QDockWidget):
            yield "dock", w.windowTitle()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield "combo item", w.itemText(i)
        elif isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                yield "header", str(model.headerData(c, _horizontal()) or "")
        elif isinstance(w, QMenu):
            yield "menu", w.title()
            for a in w.actions():
                yield "action", a.text()
                yield "action tip", a.statusTip()


def _horizontal():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def untranslated(root: QWidget, mission_words: set[str]) -> list[str]:
    bad_words = english_words(mission_words)
    found = []
    for where, text in visible_texts(root):
        plain = re.sub(r"<[^>]+>", " ", text or "")
        words = {w.lower() for w in WORD.findall(plain)}
        if words & bad_words:
            found.append(f"{where}: {text!r} ({', '.join(sorted(words & bad_words))})")
    return found


def data_words(mission) -> set[str]:  # type: ignore[no-untyped-def]
    words: set[str] = set()
    for p in mission.polling_stations:
        words |= {w.lower() for w in WORD.findall(f"{p.name} {p.address}")}
    for x in (*mission.regions, *mission.decs, *mission.bases):
        words |= {w.lower() for w in WORD.findall(x.name)}
    for t in mission.teams:
        words |= {w.lower() for w in WORD.findall(" ".join(t.members))}
    words |= {w.lower() for w in WORD.findall(mission.settings.mission_name)}
    for plan in mission.plans:  # a label typed by a user (the fake solver's "fake plan")
        if plan.label not in ("plan", "re-plan"):
            words |= {w.lower() for w in WORD.findall(plan.label)}
    return words


def test_catalogue_is_complete_and_compiled() -> None:
    from PySide6.QtCore import QTranslator

    messages = catalogue()
    assert len(messages) > 400
    missing = [(c, s) for c, s, t in messages if not t]
    assert not missing
    translator = QTranslator()
    assert translator.load(str(i18n.I18N_DIR / "sto_planner_ru.qm"))
    stale = [(c, s) for c, s, t in messages if translator.translate(c, s) != t]
    assert not stale, "run scripts/update-translations.sh"


def test_planner_strings_are_listed_for_the_translators() -> None:
    from scripts.planner_strings import planner_strings
    from ui.planner_strings import STRINGS

    assert set(planner_strings()) <= set(STRINGS)


def test_main_window_in_russian_has_no_english_left(
    qtbot, russian, make_window, planned_mission
) -> None:
    w = make_window(planned_mission)
    w.resize(1366, 768)
    w.select("team", w.plan.routes[0].team_id)
    assert w.tabs.tabText(0) == "День команды"
    assert w.menuBar().actions()[0].text() == "&Файл"
    bad = untranslated(w, data_words(planned_mission))
    assert not bad, "\n".join(bad)
    # numbers in the Russian locale: a non-breaking space between thousands
    assert i18n.number(9725) in ("9\u00a0725", "9 725")


def test_dialogs_in_russian_and_qt_own_strings(qtbot, russian, planned_mission) -> None:
    from ui.dialogs.settings_dialog import SettingsDialog
    from ui.dialogs.simple import PlanOptionsDialog
    from ui.dialogs.team_unavailable import TeamUnavailableDialog
    from ui.widgets.uncovered_view import UncoveredView

    words = data_words(planned_mission)
    settings = SettingsDialog(Settings())
    qtbot.addWidget(settings)
    assert not untranslated(settings, words)
    assert settings.tabs.tabText(0) == "Миссия"
    # Qt's own catalogue (qtbase_ru): the standard buttons
    box = settings.findChild(QDialogButtonBox)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Отмена"
    assert any("qtbase_ru" in f for f in i18n.installed_catalogues())
    for dialog in (
        PlanOptionsDialog(30.0, 0),
        TeamUnavailableDialog(planned_mission, planned_mission.current_plan.routes[0].team_id),
    ):
        qtbot.addWidget(dialog)
        assert not untranslated(dialog, words), dialog
    view = UncoveredView()
    qtbot.addWidget(view)
    view.set_mission(planned_mission)
    assert not untranslated(view, words)


def test_the_check_catches_an_unmarked_string(qtbot, russian) -> None:
    """The walk above would fail on a string someone forgot to mark."""
    w = QWidget()
    qtbot.addWidget(w)
    QLabel("Select a team to see its day.", w)
    assert untranslated(w, set())


def test_dates_in_the_locale(russian) -> None:  # type: ignore[no-untyped-def]
    from ui.recovery import Recovery

    text = Recovery(Path("x.gpkg"), Path("mission.gpkg"), "2026-11-30T22:45:00+00:00").describe()
    assert text.startswith("mission.gpkg (автосохранение ")
    assert re.search(r"\d\d\.\d\d\.\d{2,4}", text)  # 30.11.2026, not 2026-11-30
    assert "2026-11-30" not in text


def test_language_preference_defaults_to_the_system(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", lambda: QLocale(QLocale.Language.Russian))
    assert i18n.chosen_language() == ""
    assert i18n.preferred_language() == "ru"  # nothing chosen: the system's
    i18n.set_preferred_language("en")
    assert i18n.preferred_language() == "en"
    i18n.set_preferred_language("")
    monkeypatch.setattr(QLocale, "system", lambda: QLocale(QLocale.Language.German))
    assert i18n.preferred_language() == "en"  # a language we do not have: English


def test_qt_webengine_catalogue_loaded_under_russian(russian) -> None:  # type: ignore[no-untyped-def]
    names = [Path(f).name for f in i18n.installed_catalogues()]
    assert "sto_planner_ru.qm" in names and "qtbase_ru.qm" in names
    assert "qtwebengine_ru.qm" in names


def test_a_refused_edit_says_why_in_russian(
    qtbot, russian, make_window, planned_mission, monkeypatch
) -> None:
    """The reason comes from the planner's day model (planner.i18n), in Russian too."""
    from PySide6.QtWidgets import QMessageBox

    from ui.plan_edits import add_station

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, title, text, *a, **k: shown.append((title, text))
    )
    w = make_window(planned_mission)
    before = w.mission
    # T001 works in region North; a station in West is a day's drive away
    assert not w.apply_edit(lambda: add_station(w.mission, "T001", "W-0010"))
    assert w.mission is before
    title, text = shown[0]
    assert title == i18n.translate("MainWindow", "Edit not possible") != "Edit not possible"
    assert text.startswith("W-0010 не помещается в день T001: ")
    assert "мин" in text and not re.findall(r"[A-Za-z]{3,}", text), text
    assert w.statusBar().currentMessage().endswith(text)
    # the same edit under the English interface: the planner's English, unchanged
    i18n.install("en")
    with pytest.raises(Exception, match=r"longest leg allowed|of driving in the day") as exc:
        add_station(w.mission, "T001", "W-0010")
    assert "W-0010 does not fit into T001's day" in str(exc.value)


def test_changes_and_replan_report_in_russian(qtbot, russian) -> None:  # type: ignore[no-untyped-def]
    """Change descriptions, why a team changed and re-plan warnings come from the
    planner (planner.replan.describe, planner.i18n) and read Russian in the panel."""
    from dataclasses import replace

    from planner.replan.changes import StationClosed, TeamUnavailable
    from tests.planner.replan.test_replan import planned_mission as hand_planned
    from ui.widgets.changes_panel import ChangesPanel

    base = hand_planned()
    plan = base.current_plan
    t1 = plan.route("T001")
    t1 = replace(t1, visits=tuple(replace(v, pinned=v.ps_id == "N-0003") for v in t1.visits))
    base = base.with_plan(replace(plan, routes=(t1, *plan.routes[1:])))
    assert plan.routes[0].team_id == "T001"
    panel = ChangesPanel()
    qtbot.addWidget(panel)
    panel.set_mission(base)
    panel.add_change(StationClosed("N-0003"))  # T001's pinned stop
    panel.add_change(TeamUnavailable("T002"))
    assert panel.list.item(0).text().startswith("участок N-0003 закрыт\n    затрагивает: T001")
    item = panel.list.item(1).text()
    assert item.startswith("команда T002 недоступна\n    затрагивает: T002 + до 2 соседей"), item
    with qtbot.waitSignal(panel.replanned, timeout=30000):
        panel.apply()
    report = panel.result_view.toPlainText()
    assert "участок N-0003 закрыт: " in report and "команда T002 недоступна: " in report
    assert "команда недоступна" in report  # why T002's day went (planner.replan.affected)
    # the pinned stop that had to go (planner.replan.repair)
    assert "T001: закреплённая остановка N-0003 (голосование) больше невозможна" in report
    assert not re.findall(r"[A-Za-z]{3,}", report), report
