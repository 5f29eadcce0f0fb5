"""The mission settings, generated from :func:`planner.model.settings_fields`.

One tab per group (Mission, Day, Travel, Coverage); each field shows its label,
unit and help text, and its default in the tooltip. Times of day use a HH:MM
editor that accepts times after midnight (26:00 = 02:00 next day). "Restore
defaults" resets every field; OK builds a new :class:`Settings` (which checks
itself) and refuses with the reason if a value is not allowed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.io.mission import UNTRUSTED_SETTINGS
from planner.model import Settings, format_hhmm, parse_hhmm, settings_fields
from ui.i18n import QT_TRANSLATE_NOOP, error_text, planner_text

Editor = QSpinBox | QDoubleSpinBox | QLineEdit | QComboBox
translate = QCoreApplication.translate
#: settings with a fixed set of values: (value, label) — a list, not a free-text box
CHOICES = {
    "region_balance_basis": (
        ("stations", QT_TRANSLATE_NOOP("Settings", "Polling stations")),
        ("voters", QT_TRANSLATE_NOOP("Settings", "Registered voters")),
    ),
}


class SettingsDialog(QDialog):
    """After Accepted, :attr:`settings` holds the new settings."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:  # noqa: PLR0915  # size: builds the form, one statement per group
        super().__init__(parent)
        self.setWindowTitle(translate("Settings", "Mission settings"))
        self.settings = settings
        self.editors: dict[str, Editor] = {}
        self.hints: dict[str, QLabel] = {}
        # a routing server is never a mission's setting (issue 11, docs/security.md)
        self._meta = {n: m for n, m in settings_fields().items() if n not in UNTRUSTED_SETTINGS}
        self.tabs = tabs = QTabWidget()
        forms: dict[str, QFormLayout] = {}
        for name, meta in self._meta.items():
            group = str(meta.get("group", "Other"))
            if group not in forms:
                page = QWidget()
                forms[group] = QFormLayout(page)
                forms[group].setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
                forms[group].setVerticalSpacing(2)
                # a long tab scrolls instead of being squeezed on a laptop screen
                scroll = QScrollArea()
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QFrame.Shape.NoFrame)
                scroll.setWidget(page)
                tabs.addTab(scroll, planner_text(group))
            editor = self._editor(name, meta)
            self.editors[name] = editor
            self._set_value(name, getattr(settings, name))
            help_text = planner_text(str(meta.get("help", "")))
            default = meta["default"]
            shown_default = format_hhmm(default) if meta.get("unit") == "time" else default
            if name in CHOICES:
                shown_default = next(
                    translate("Settings", str(label)) for v, label in CHOICES[name] if v == default
                )
            elif isinstance(default, str) and default:
                shown_default = planner_text(default)
            editor.setToolTip(
                help_text
                + "\n"
                + translate("Settings", "Default: {value}").format(value=shown_default)
            )
            editor.setWhatsThis(help_text)
            # the help as its own row of the form: QFormLayout gives a word-wrapped
            # label the height it needs (inside a nested box it was cut in half)
            hint = QLabel(help_text)
            hint.setWordWrap(True)
            hint.setObjectName(f"help_{name}")
            hint.setContentsMargins(0, 0, 0, 8)  # space before the next field
            font = hint.font()
            font.setPointSizeF(font.pointSizeF() * 0.92)
            hint.setFont(font)
            pal = hint.palette()
            pal.setColor(
                QPalette.ColorRole.WindowText,
                pal.color(QPalette.ColorRole.PlaceholderText).darker(130),
            )
            hint.setPalette(pal)
            self.hints[name] = hint
            form = forms[group]
            form.addRow(planner_text(str(meta.get("label", name))), editor)
            form.addRow("", hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
            | QDialogButtonBox.StandardButton.Help
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.helpRequested.connect(self.show_help)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 110, min(fm.height() * 40, 680))

    def show_help(self) -> None:
        """The user guide's section on the settings (offline)."""
        from ui.help import show_user_guide

        show_user_guide(self, anchor="mission-settings")

    def _editor(self, name: str, meta: Any) -> Editor:
        default = meta["default"]
        unit = str(meta.get("unit", ""))
        editor: Editor
        if name in CHOICES:
            combo = QComboBox()
            for value, label in CHOICES[name]:
                combo.addItem(translate("Settings", str(label)), value)
            combo.setObjectName(name)
            return combo
        if unit == "time":
            editor = QLineEdit()
            editor.setValidator(
                QRegularExpressionValidator(QRegularExpression(r"^([0-4]?\d):[0-5]\d$"))
            )
            editor.setPlaceholderText(translate("Settings", "HH:MM"))
        elif isinstance(default, (bool, str)):
            editor = QLineEdit()
        elif isinstance(default, int):
            editor = QSpinBox()
            editor.setRange(0, 100000)
            if unit:
                editor.setSuffix(f" {unit}")
        else:
            editor = QDoubleSpinBox()
            editor.setDecimals(2)
            editor.setRange(0.0, 1e6)
            editor.setSingleStep(0.05 if float(default) < 5 else 1.0)
            if unit:
                editor.setSuffix(f" {unit}")
        editor.setObjectName(name)
        return editor

    def _set_value(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        unit = self._meta[name].get("unit")
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(format_hhmm(value) if unit == "time" else str(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        else:
            editor.setValue(float(value))

    def value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QLineEdit):
            text = editor.text().strip()
            return parse_hhmm(text) if self._meta[name].get("unit") == "time" else text
        return editor.value()

    def restore_defaults(self) -> None:
        for name, meta in self._meta.items():
            self._set_value(name, meta["default"])

    def build(self) -> Settings:
        """The settings as edited; raises ValueError/PlannerError when not allowed."""
        values = {}
        for name in self.editors:
            try:
                values[name] = self.value(name)
            except ValueError as exc:
                label = planner_text(str(self._meta[name].get("label", name)))
                raise ValueError(f"{label}: {exc}") from None
        return dataclasses.replace(self.settings, **values)

    def accept(self) -> None:
        try:
            self.settings = self.build()
        except (ValueError, PlannerError) as exc:
            QMessageBox.warning(self, translate("Settings", "Setting not allowed"), error_text(exc))
            return
        super().accept()
