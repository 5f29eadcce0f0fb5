"""The user guide inside the app (offline) and context help on the settings."""

from __future__ import annotations

import pytest

from planner.model import Settings

pytestmark = pytest.mark.gui


def test_guide_opens_offline_with_its_images_and_at_a_section(qtbot) -> None:
    from ui.help import HelpBrowser, guide_path

    dialog = HelpBrowser(path=guide_path("en"))
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "Manual edits" in text and "Keyboard shortcuts" in text
    assert "![" not in text  # rendered as Markdown, not shown as source
    dialog.show()
    assert dialog.show_section("mission-settings")
    assert dialog.browser.textCursor().block().text() == "Settings"
    assert dialog.find_text("Ctrl+R")


def test_settings_help_button_opens_the_guide_at_the_settings(qtbot, monkeypatch) -> None:
    from ui import help as help_module
    from ui.dialogs.settings_dialog import SettingsDialog

    opened: list[str] = []
    monkeypatch.setattr(
        help_module, "show_user_guide", lambda _p=None, *, anchor="": opened.append(anchor)
    )
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show_help()
    assert opened == ["mission-settings"]
    assert dialog.editors["circuity"].whatsThis()  # Shift+F1 on a field explains it


def test_russian_guide_opens_at_the_settings(qtbot) -> None:
    from ui.help import HelpBrowser, guide_path

    path = guide_path("ru")
    assert path.name == "user-guide.ru.md"
    dialog = HelpBrowser(path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.show_section("mission-settings")
    assert dialog.browser.textCursor().block().text() == "Настройки"
    assert dialog.show_section("uncovered")
