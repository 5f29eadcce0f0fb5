"""Entry point of the frozen application (PyInstaller): the same as ``python main.py``.

``multiprocessing.freeze_support()`` must run before anything else: the planner's
solver spawns worker processes, and in a frozen app each worker starts this same
executable, which must then run the worker instead of the application.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()

    import os
    import sys
    from pathlib import Path

    # The windowed app on Windows/macOS has no console: sys.stdout/stderr are None,
    # and a message printed there must not crash it (the log file keeps what matters).
    if sys.stdout is None:
        sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115

    from entry import main

    sys.exit(main())
