"""First-run help: the "Getting started" page, the user guide offline, import templates.

``add_help_actions`` puts the entries into the Help menu; ``maybe_show_on_first_start``
opens the page the first time the application starts (a preference remembers it).
The page walks a new user through the demo: plan it, print a route sheet, then bring
their own data with a template per import kind (CSV or XLSX with example rows, made
from the importers' own column list by :mod:`planner.io.templates`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.io.schema import KINDS
from planner.io.templates import write_template
from ui import app_settings
from ui.i18n import error_text

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# "true": show at every start; "false": never; absent: show once, at the first start.
SHOW_KEY = "help/show_getting_started"
GUIDE = "user-guide.md"

STEPS_HTML = """
<h2>Getting started with STO Planner</h2>
<p>STO Planner decides where each short-term observer team goes on election day and
prints a route sheet for every team. Everything stays on this computer.</p>
<ol>
<li><b>Look at the demo.</b> The demo mission (Kazakhstan 2011, synthetic data) is
open: regions, districts and polling stations on the left, the map in the middle.
<a href="action:open">Open another mission…</a></li>
<li><b>Plan it.</b> <a href="action:plan">Plan mission…</a> (menu Plan). About a
minute; you can keep working meanwhile. Each team's day then shows on the map and in
the timeline.</li>
<li><b>Print a route sheet.</b> <a href="action:print">Print route sheets…</a> (menu
File) makes a PDF booklet with one sheet per team; <a href="action:export">Export
outputs…</a> also writes the spreadsheet of assignments, GPX/KML files for phones and
an offline map.</li>
<li><b>Use your own data.</b> Save a template below, fill it in with your regions,
districts (DECs), polling stations, bases and teams (Excel or any spreadsheet), then
<a href="action:import">Import layer…</a> (menu File). Import in this order: regions,
decs, dec_areas, polling_stations, bases, teams. Every problem is listed with its
row and column, and nothing changes until the file is right.</li>
</ol>
<p>More: the <a href="action:guide">user guide</a> (Help menu). If something goes
wrong, Help &gt; About shows where the log file is; send it to your support contact.</p>
"""

translate = QCoreApplication.translate


def guide_path() -> Path | None:
    """The user guide on this computer: in the app bundle, the checkout or the install."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "docs" / GUIDE)
    candidates.append(Path(__file__).resolve().parent.parent / "docs" / GUIDE)
    candidates.append(Path(sys.prefix) / "share" / "sto-planner" / "docs" / GUIDE)
    return next((p for p in candidates if p.is_file()), None)


class GuideDialog(QDialog):
    """The user guide (Markdown, with its pictures), read from disk: no network."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("STO Planner user guide")
        self.resize(900, 700)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def open_user_guide(parent: QWidget | None) -> QDialog | None:
    """The in-app guide (:mod:`ui.help`: searchable, in the interface language)."""
    from ui.help import show_user_guide

    return show_user_guide(parent)


class GettingStartedDialog(QDialog):
    """The first-run page: four steps with links that do them, and the templates."""

    def __init__(self, window: MainWindow | None = None) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Getting started")
        self.resize(640, 560)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setHtml(STEPS_HTML)
        self.text.anchorClicked.connect(self._link)

        self.kind = QComboBox(self)
        self.kind.addItems(list(KINDS))
        csv_button = QPushButton("Save CSV template…", self)
        xlsx_button = QPushButton("Save Excel template…", self)
        csv_button.clicked.connect(lambda: self.save_template(".csv"))
        xlsx_button.clicked.connect(lambda: self.save_template(".xlsx"))
        row = QHBoxLayout()
        row.addWidget(QLabel("Import template for", self))
        row.addWidget(self.kind, 1)
        row.addWidget(csv_button)
        row.addWidget(xlsx_button)

        self.show_at_start = QCheckBox("Show this page every time STO Planner starts", self)
        self.show_at_start.setChecked(show_at_start() is True)
        self.show_at_start.toggled.connect(set_show_at_start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        layout.addWidget(self.show_at_start)
        layout.addWidget(buttons)

    def _link(self, url: QUrl) -> None:
        what = url.path() if url.scheme() == "action" else ""
        if what == "guide":
            open_user_guide(self)
            return
        action = getattr(self.window_, f"act_{what}", None) if what else None
        if isinstance(action, QAction):
            action.trigger()

    def save_template(self, suffix: str, path: Path | None = None) -> Path | None:
        """Ask where to save the chosen kind's template (or use ``path``); write it."""
        kind = self.kind.currentText()
        if path is None:
            start = str(Path.home() / f"{kind}{suffix}")
            name, _ = QFileDialog.getSaveFileName(
                self,
                translate("GettingStarted", "Save the {kind} template").format(kind=kind),
                start,
                f"*{suffix}",
            )
            if not name:
                return None
            path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_suffix(suffix)
        try:
            write_template(kind, path)
        except (OSError, PlannerError) as exc:
            QMessageBox.warning(
                self,
                translate("GettingStarted", "Could not save the template"),
                translate(
                    "GettingStarted",
                    "{error}\n\nChoose another folder (for example Documents) and try again.",
                ).format(error=error_text(exc)),
            )
            return None
        return path


def show_at_start() -> bool | None:
    """The user's choice, or None before the first start."""
    value = str(app_settings.store().value(SHOW_KEY, "")).lower()
    return None if value == "" else value in ("true", "1")


def set_show_at_start(on: bool) -> None:
    app_settings.store().setValue(SHOW_KEY, "true" if on else "false")


def show_getting_started(window: MainWindow | None) -> GettingStartedDialog:
    dialog = GettingStartedDialog(window)
    dialog.show()
    return dialog


def maybe_show_on_first_start(window: MainWindow) -> GettingStartedDialog | None:
    """Open the page at the first start, and at every start if the user asked for it."""
    choice = show_at_start()
    if choice is False:
        return None
    if choice is None:
        set_show_at_start(False)  # once, unless the user ticks the box
    return show_getting_started(window)


def add_help_actions(window: MainWindow, help_menu: Any) -> None:
    """Help menu: Getting started and Open log folder (the user guide, F1, is the
    window's own action, before these; About after them)."""
    from ui.logfile import open_log_folder

    entries = [
        (translate("Menus", "&Getting started"), lambda: show_getting_started(window)),
        (translate("Menus", "Open &log folder"), open_log_folder),
    ]
    for text, slot in entries:
        action = QAction(text, window)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        help_menu.addAction(action)
    help_menu.addSeparator()
