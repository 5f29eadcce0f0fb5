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

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.model import Settings, format_hhmm, parse_hhmm, settings_fields

Editor = QSpinBox | QDoubleSpinBox | QLineEdit


class SettingsDialog(QDialog):
    """After Accepted, :attr:`settings` holds the new settings."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mission settings")
        self.settings = settings
        self.editors: dict[str, Editor] = {}
        self._meta = settings_fields()
        tabs = QTabWidget()
        forms: dict[str, QFormLayout] = {}
        for name, meta in self._meta.items():
            group = str(meta.get("group", "Other"))
            if group not in forms:
                page = QWidget()
                forms[group] = QFormLayout(page)
                tabs.addTab(page, group)
            editor = self._editor(name, meta)
            self.editors[name] = editor
            self._set_value(name, getattr(settings, name))
            help_text = str(meta.get("help", ""))
            default = meta["default"]
            shown_default = format_hhmm(default) if meta.get("unit") == "time" else default
            editor.setToolTip(f"{help_text}\nDefault: {shown_default}")
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.addWidget(editor)
            hint = QLabel(help_text)
            hint.setWordWrap(True)
            hint.setEnabled(False)  # greyed: secondary text in every style
            col.addWidget(hint)
            forms[group].addRow(str(meta.get("label", name)), box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def _editor(self, name: str, meta: Any) -> Editor:
        default = meta["default"]
        unit = str(meta.get("unit", ""))
        editor: Editor
        if unit == "time":
            editor = QLineEdit()
            editor.setValidator(
                QRegularExpressionValidator(QRegularExpression(r"^([0-4]?\d):[0-5]\d$"))
            )
            editor.setPlaceholderText("HH:MM")
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
        if isinstance(editor, QLineEdit):
            editor.setText(format_hhmm(value) if unit == "time" else str(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        else:
            editor.setValue(float(value))

    def value(self, name: str) -> Any:
        editor = self.editors[name]
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
                raise ValueError(f"{self._meta[name].get('label', name)}: {exc}") from None
        return dataclasses.replace(self.settings, **values)

    def accept(self) -> None:
        try:
            self.settings = self.build()
        except (ValueError, PlannerError) as exc:
            QMessageBox.warning(self, "Setting not allowed", str(exc))
            return
        super().accept()
