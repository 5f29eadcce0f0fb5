"""The application's log file, and what the user sees when something unexpected fails.

The log lives in the user's data folder (``QStandardPaths.AppLocalDataLocation``:
``%LOCALAPPDATA%\\STO Planner\\STO Planner\\logs`` on Windows,
``~/Library/Application Support/STO Planner/STO Planner/logs`` on macOS,
``~/.local/share/STO Planner/STO Planner/logs`` on Linux). Help > About shows its
path; a user sends that file to whoever supports the mission. It never holds mission
data beyond file names: only start-up facts, warnings and unexpected errors.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from planner import __version__
from ui import app_settings

LOG_NAME = "sto-planner.log"
MAX_BYTES = 1_000_000
BACKUPS = 3

_handler: logging.Handler | None = None
_open_boxes: list[QMessageBox] = []  # a parentless dialog must be kept alive
log = logging.getLogger("sto_planner")


def log_dir() -> Path:
    """The folder of the log file (created when needed)."""
    app_settings.configure_application()
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    folder = Path(base) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup() -> Path:
    """Send warnings and errors (and a start-up line) to the log file; catch crashes.

    Safe to call more than once. Returns the log file's path.
    """
    global _handler  # noqa: PLW0603 -- one handler per process
    path = log_file()
    if _handler is None:
        _handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root = logging.getLogger()
        root.addHandler(_handler)
        if root.level == logging.NOTSET or root.level > logging.INFO:
            root.setLevel(logging.INFO)
        sys.excepthook = handle_unexpected
    from PySide6 import __version__ as qt_version

    log.info(
        "STO Planner %s started (Python %s, PySide6 %s, %s%s)",
        __version__,
        platform.python_version(),
        qt_version,
        platform.platform(),
        ", app bundle" if getattr(sys, "frozen", False) else "",
    )
    return path


def handle_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """``sys.excepthook``: log the traceback and tell the user what to do."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
    if QApplication.instance() is None:
        sys.__excepthook__(kind, error, tb)
        return
    show_unexpected_error(None, error)


def show_unexpected_error(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """A dialog that says what happened and what to do next (non-blocking)."""
    path = log_file()
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("STO Planner: unexpected problem")
    box.setText(f"Something went wrong that STO Planner did not expect:\n{error}")
    box.setInformativeText(
        "What to do:\n"
        "1. Save your mission under a new name (File > Save as…) so no work is lost.\n"
        "2. Close and reopen STO Planner, then try again.\n"
        "3. If it happens again, send the log file to your support contact:\n"
        f"{path}"
    )
    open_folder = box.addButton("Open log folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    open_folder.clicked.connect(lambda _checked=False: open_log_folder())
    _open_boxes.append(box)
    box.finished.connect(lambda _result: _open_boxes.remove(box))
    box.open()
    return box


def open_log_folder() -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))
