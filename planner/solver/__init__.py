"""Planning: turn a mission into a plan (see docs/planning.md).

:func:`solve` is the one entry point (the GUI, ``python main.py plan`` and the
re-planner call it); its stages live in :mod:`planner.solver.pipeline`: deployment
(``deploy.py``) -> opening, counting and tabulation per team (``anchors.py``, via
``start.py``) -> voting visits as one prize-collecting TOPTW per base (``rounds.py``,
``voting.py``, solved by the routing core in parallel processes) -> every route timed
by the day model (``planner/day.py``, via ``finish.py``), stops dropped until it fits.
"""

from __future__ import annotations

from planner.solver.pipeline import solve
from planner.solver.progress import Progress

__all__ = ["Progress", "solve"]
