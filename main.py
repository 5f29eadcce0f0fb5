"""STO Planner: ``python main.py`` opens the application; ``python main.py --help`` for commands."""

import sys

from entry import main

if __name__ == "__main__":
    sys.exit(main())
