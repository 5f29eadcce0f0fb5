"""Entry point of the frozen application (PyInstaller): the same as ``python main.py``.

``multiprocessing.freeze_support()`` must run before anything else: the planner's
solver spawns worker processes, and in a frozen app each worker starts this same
executable, which must then run the worker instead of the application.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()

    import sys

    from cli.main import main

    sys.exit(main())
