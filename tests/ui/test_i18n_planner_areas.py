"""The planner's own messages in the Russian window, one example per area: team
formation (soft-rule reasons, hard-rule refusals, progress), re-plan change checks,
export progress and import problems."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest

from planner.model import Mission
from planner.teams import form_teams
from tests.factories import tiny_mission
from tests.planner.teams.conftest import roster
from ui import i18n

pytestmark = pytest.mark.gui


@pytest.fixture
def russian(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    assert i18n.install("ru") == "ru"
    yield
    i18n.install("en")


def _teams_mission() -> Mission:
    """Twelve observers in six teams; nobody speaks the local language."""
    obs = tuple(replace(o, languages=("en",)) for o in roster(12, 3))
    m = replace(tiny_mission(), observers=obs, teams=())
    m = replace(m, settings=replace(m.settings, local_language="kk"))
    return replace(m, teams=form_teams(m, time_limit_s=1.0).teams)


def test_soft_rule_reasons_and_refusals_read_russian(russian, qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_observers_view import _drop

    mission = _teams_mission()
    view = make_window(mission).observers_view
    tips = [view.tree.topLevelItem(k).toolTip(1) for k in range(view.tree.topLevelItemCount())]
    assert any("никто не говорит на языке kk" in tip for tip in tips), tips
    assert not any("speaker" in tip for tip in tips)
    # a drop that leaves a team of one is refused, in Russian
    _drop(view, mission.teams[0].observer_ids[0], mission.teams[1].team_id)
    text = view.message.text()
    assert "жёсткие правила" in text and "hard rules" not in text, text

    # forming the teams again: its progress reads Russian
    seen: list[str] = []
    set_text = view.message.setText
    view.message.setText = lambda text: (seen.append(text), set_text(text))  # every text shown
    view.time_limit_s = 1.0
    with qtbot.waitSignal(view.formed, timeout=30000):
        view.form_button.click()
    assert "наблюдателей: 12, баз: 2" in seen, seen
    assert any(t.startswith("пары на базе ") for t in seen), seen
    assert not any("paired" in t or "observers to" in t for t in seen), seen


def test_a_refused_change_reads_russian(russian, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.planner.replan.test_replan import planned_mission
    from ui.widgets.changes_panel import ChangesPanel

    panel = ChangesPanel()
    qtbot.addWidget(panel)
    panel.set_mission(planned_mission())
    panel.set_form("polling_station_closed", ps_id="X-9999")
    assert not panel.add_from_form()
    assert panel.message.text() == "неизвестный избирательный участок X-9999"
    # a changes file's problems keep FILE:LINE:KEY, the message in Russian
    path = tmp_path / "CHANGES.yaml"
    path.write_text("- voting_hours: {ps_id: N-0003, open_time: '09:00', close_time: '08:00'}\n")
    assert not panel.load_file(path)
    text = panel.message.text()
    assert text.startswith(f"{path}:1:close_time: ") and "должно быть позже" in text, text


def test_export_progress_reads_russian(russian, qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STO_PLANNER_CACHE", str(tmp_path / "cache"))
    shown: list[str] = []
    label = window.exports.progress.label
    set_text = label.setText
    monkeypatch.setattr(label, "setText", lambda text: (shown.append(text), set_text(text)))
    with qtbot.waitSignal(window.export_finished, timeout=120000):
        assert window.export_outputs(tmp_path / "out")
    assert "карта охвата" in shown, shown
    assert any(t.startswith("треки для навигаторов: ") for t in shown), shown
    assert any("route_sheets.pdf: напечатано листов" in t for t in shown), shown
    assert not any("coverage map" in t or "printed" in t for t in shown), shown


def test_import_problems_read_russian(russian, qtbot, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.dialogs.import_dialog import ImportDialog

    window = make_window(tiny_mission())
    bad = tmp_path / "teams.csv"
    bad.write_text("team_id,base_id,members,available\nT001,BN,Anna; Bert,maybe\n")
    dialog = ImportDialog(window.mission, window)
    qtbot.addWidget(dialog)
    dialog.set_file("teams", bad)
    lines = dialog.problem_lines()
    # FILE:ROW:COLUMN as the command line says it, the message in Russian
    line = next(x for x in lines if x.startswith(f"{bad}:2:available: "))
    assert "не допускается" in line and "not allowed" not in line, lines
    shown = dialog.model.index(0, 3).data()
    assert shown and not re.search(r"\b(is|not|the)\b", shown), shown
