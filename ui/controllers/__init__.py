"""Controllers of the main window: document, planning, edits, export (one each)."""
