"""Route sheets printed to PDF by Qt WebEngine: Qt, but no window (CLI and GUI use it).

``planner/`` stays Qt-free; this package is the one place where its sheet HTML meets
a browser engine. :class:`~sheets_qt.job.PrintJob` prints asynchronously (the window
drives it), :func:`~sheets_qt.printer.print_sheets_blocking` waits for it (the command
line), and :mod:`sheets_qt.cache` keeps each team's printed pages so that only
changed sheets are printed again.
"""
