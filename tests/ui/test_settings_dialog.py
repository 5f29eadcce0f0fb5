"""The settings dialog is generated from the Settings metadata, with defaults and help."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QMessageBox, QSpinBox

from planner.model import Settings, settings_fields
from ui.dialogs.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


def test_every_setting_has_an_editor_with_help_and_default(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    meta = settings_fields()
    # every setting but the routing server, which is never a mission's (issue 11)
    assert set(dialog.editors) == set(meta) - {"routing_server_url"}
    assert "minutes at each station" in dialog.editors["voting_observation_min"].toolTip()
    assert "Default: 40" in dialog.editors["voting_observation_min"].toolTip()
    assert isinstance(dialog.editors["lunch_earliest"], QLineEdit)  # 'time' unit -> HH:MM
    assert dialog.editors["lunch_earliest"].text() == "11:30"
    assert isinstance(dialog.editors["count_duration_min"], QSpinBox)
    assert isinstance(dialog.editors["circuity"], QDoubleSpinBox)
    assert dialog.build() == Settings()


def test_edit_restore_defaults_and_refuse_bad_values(qtbot, monkeypatch) -> None:
    start = replace(Settings(), voting_observation_min=50, latest_end=25 * 60)
    dialog = SettingsDialog(start)
    qtbot.addWidget(dialog)
    assert dialog.editors["latest_end"].text() == "25:00"
    dialog.editors["count_duration_min"].setValue(200)
    dialog.editors["lunch_latest"].setText("14:15")
    built = dialog.build()
    assert built.count_duration_min == 200 and built.lunch_latest == 14 * 60 + 15
    assert built.voting_observation_min == 50
    dialog.restore_defaults()
    assert dialog.build() == Settings()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    dialog.editors["circuity"].setValue(0.5)  # Settings refuses circuity < 1
    dialog.accept()
    assert warned and "circuity" in warned[0]
    assert dialog.result() == 0  # still open


def test_help_texts_are_shown_whole_and_balance_is_a_choice(qtbot) -> None:
    from PySide6.QtWidgets import QComboBox

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for page in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(page)
        qtbot.wait(10)
        for name, hint in dialog.hints.items():
            if not hint.isVisible() or not hint.text():
                continue
            assert hint.isEnabled(), name  # readable, not greyed out as disabled
            assert hint.height() >= hint.heightForWidth(hint.width()), name  # not cut
    basis = dialog.editors["region_balance_basis"]
    assert isinstance(basis, QComboBox)
    assert [basis.itemData(i) for i in range(basis.count())] == ["stations", "voters"]
    basis.setCurrentIndex(1)
    assert dialog.build().region_balance_basis == "voters"
