"""The PySide6 desktop application. Imports planner; planner never imports this."""
