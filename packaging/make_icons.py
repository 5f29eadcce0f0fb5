"""Render ui/icons/sto-planner.svg to the PNG and ICO the app bundle and window use.

    python packaging/make_icons.py

Qt draws the SVG (QtSvg) and writes the ICO (Qt's ico image plugin), so no other
tool is needed. The outputs are committed; run this again after editing the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "ui" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "sto-planner.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    if not render(256).save(str(ICONS / "sto-planner.png")):
        print("could not write the PNG", file=sys.stderr)
        return 1
    # Windows wants the icon in one .ico file; Qt writes the 256 px image.
    if not render(256).save(str(ICONS / "sto-planner.ico"), "ICO"):
        print("could not write the ICO (Qt's ico plugin missing?)", file=sys.stderr)
        return 1
    print(f"wrote {ICONS / 'sto-planner.png'} and {ICONS / 'sto-planner.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
