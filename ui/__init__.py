"""The PySide6 desktop application. Imports planner; planner never imports this."""

from ui._none_guard import protect_none

# Before any Qt call: PySide6 6.12 on Python 3.11 loses references to None.
protect_none()
