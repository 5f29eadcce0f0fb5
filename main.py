"""STO Planner: ``python main.py`` opens the application; ``python main.py --help`` for commands."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # no-op unless frozen; see packaging/launcher.py

    from entry import main

    sys.exit(main())
