"""The user guide inside the application (offline): docs/user-guide.md rendered
as Markdown in a QTextBrowser, opened at a section when asked (context help).

A Russian guide (``docs/user-guide.ru.md``) is shown when the interface is
Russian and the file exists; otherwise the English one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


def docs_dir() -> Path:
    """Where the guide is: the app bundle, the source checkout, or a wheel's install
    (``<prefix>/share/sto-planner/docs``, see pyproject's data-files)."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "docs")
    candidates.append(Path(__file__).resolve().parent.parent / "docs")
    candidates.append(Path(sys.prefix) / "share" / "sto-planner" / "docs")
    return next((p for p in candidates if (p / "user-guide.md").is_file()), candidates[-1])


DOCS = docs_dir()
#: context-help anchors -> the heading they open at (English and Russian guides)
SECTIONS = {
    "mission-settings": ("Settings", "Настройки"),
    "manual-edits": ("Manual edits", "Ручные правки"),
    "planning": ("Planning", "Планирование"),
    "uncovered": ("What is not covered", "Что не охвачено"),
}


def guide_path(lang: str | None = None) -> Path:
    lang = lang or QLocale().name().split("_")[0]
    localised = DOCS / f"user-guide.{lang}.md"
    return localised if localised.exists() else DOCS / "user-guide.md"


class HelpBrowser(QDialog):
    """The guide with a search box; links to other files open outside."""

    def __init__(self, parent: QWidget | None = None, *, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Help", "STO Planner — user guide"))
        self.path = path or guide_path()
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        self.browser.setSearchPaths([str(self.path.parent)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(self.path.parent) + "/"))
        self.browser.setMarkdown(self.path.read_text(encoding="utf-8"))
        self.search_box = QLineEdit(placeholderText=translate("Help", "Find in the guide…"))
        self.search_box.returnPressed.connect(lambda: self.find_text(self.search_box.text()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 110, fm.height() * 42)

    def find_text(self, text: str) -> bool:
        if not text:
            return False
        if self.browser.find(text):
            return True
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        return self.browser.find(text)

    def show_section(self, anchor: str) -> bool:
        """Scroll to a heading of the guide (Markdown headings have no anchors in Qt)."""
        titles = SECTIONS.get(anchor, (anchor,))
        doc = self.browser.document()
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and block.text().strip() in titles:
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                # bring the heading to the top, not just into view
                self.browser.verticalScrollBar().setValue(
                    int(doc.documentLayout().blockBoundingRect(block).top())
                )
                return True
            block = block.next()
        return False

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        if url.hasFragment() and not url.path():
            fragment = url.fragment()
            doc = self.browser.document()
            block = doc.begin()
            while block.isValid():
                if block.blockFormat().headingLevel() and _slug(block.text()) == fragment:
                    self.browser.verticalScrollBar().setValue(
                        int(doc.documentLayout().blockBoundingRect(block).top())
                    )
                    return
                block = block.next()
            return
        QDesktopServices.openUrl(url)


def _slug(text: str) -> str:
    return "".join(c.lower() if c.isalnum() else "-" if c in " -" else "" for c in text.strip())


_open: list[HelpBrowser] = []


def show_user_guide(parent: QWidget | None = None, *, anchor: str = "") -> HelpBrowser:
    """Open the guide (non-modal), at ``anchor`` if given."""
    dialog = HelpBrowser(parent)
    if anchor:
        dialog.show_section(anchor)
    dialog.setModal(False)
    dialog.show()
    _open[:] = [d for d in _open if d.isVisible()] + [dialog]
    return dialog


__all__ = ["HelpBrowser", "QTextDocument", "show_user_guide"]
