"""Solving the parts of a plan (:mod:`planner.solver.voting`) in worker processes.

Parts are independent and are solved in parallel worker processes; results are
merged in base order, so the plan does not depend on which process finishes first.
A part's search stops after a fixed amount of work (deterministic) or at a
wall-clock safety cap of :data:`CLOCK_CAP_FACTOR` times its time share, and in any
case at the whole plan's hard stop (``deadline``). Worker processes end by themselves
when the planning process dies (:mod:`planner.solver._watchdog`).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from planner.errors import Cancelled
from planner.solver._watchdog import watch_parent
from planner.solver.voting import Part

__all__ = ["CLOCK_CAP_FACTOR", "Routes", "Solved", "open_pool", "run_part", "solve_parts"]

#: Wall-clock safety cap of a part's search, as a multiple of its time share.
CLOCK_CAP_FACTOR = 4.0


def _flag_checker(flag: str) -> Callable[[], bool]:
    """``should_stop`` for a worker process: true once the parent created ``flag``."""
    last = [0.0]

    def stop() -> bool:
        now = time.monotonic()
        if now - last[0] < 0.1:
            return False
        last[0] = now
        return bool(flag) and Path(flag).exists()

    return stop


def run_part(
    part: Part,
    time_limit_s: float,
    seed: int,
    flag: str = "",
    *,
    should_stop: Callable[[], bool] | None = None,
    deadline: float | None = None,
) -> tuple[tuple[tuple[int, ...], ...], bool]:
    """Routes of one part by the routing core (in a worker process or inline).

    The flag is True when the core's wall-clock cap ended the search before its
    work limit (the result may then depend on the machine's load). ``deadline``
    (``time.time()``) is the whole plan's hard stop: the search ends by then, keeping
    the best routes found so far, and the result is flagged too.
    """
    from planner.solver.routing import solve_routing

    asked = should_stop or _flag_checker(flag)
    late = [False]

    def stop() -> bool:
        if deadline is not None and time.time() >= deadline:
            late[0] = True  # the plan's hard stop: keep the best routes found so far
            return True
        return asked()

    sol = solve_routing(
        part.problem,
        time_limit_s=time_limit_s,
        # The plan must not depend on the machine's load: the work budget decides,
        # the clock only stops a search on a machine several times too slow.
        clock_cap_s=CLOCK_CAP_FACTOR * time_limit_s + 1.0,
        seed=seed,
        initial_routes=part.initial,
        should_stop=stop,
    )
    return sol.routes, bool(sol.stats.get("stopped_by_clock", 0.0)) or late[0]


Routes = tuple[tuple[int, ...], ...]
Solved = dict[str, tuple[Routes, bool]]


def open_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for :func:`solve_parts` (spawned: safe next to a GUI's threads);
    each ends by itself when this process dies, even after ``kill -9``
    (:mod:`planner.solver._watchdog`)."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=watch_parent,
        initargs=(os.getpid(),),
    )


def solve_parts(
    parts: Sequence[Part],
    limits: Mapping[str, float],
    *,
    seed: int,
    workers: int,
    should_stop: Callable[[], bool],
    flag: str,
    on_done: Callable[[Part, tuple[tuple[int, ...], ...]], None],
    pool: ProcessPoolExecutor | None = None,
    deadline: float | None = None,
) -> Solved:
    """Routes of every part (key -> (routes, capped)); raises Cancelled when asked to stop.

    No search runs past ``deadline`` (see :func:`run_part`). Each part's seed comes from
    ``seed`` and its position, never from timing. ``pool`` (:func:`open_pool`) is reused
    when given, else one is started here."""
    seeds = {p.key: seed * 1009 + i for i, p in enumerate(parts)}
    job = functools.partial(run_part, deadline=deadline)
    out: Solved = {}

    def inline(todo: Sequence[Part]) -> Solved:
        for p in todo:
            if should_stop():
                raise Cancelled("planning cancelled")
            out[p.key] = job(p, limits[p.key], seeds[p.key], should_stop=should_stop)
            if should_stop():
                raise Cancelled("planning cancelled")
            on_done(p, out[p.key][0])
        return out

    if workers <= 1 or len(parts) <= 1:
        return inline(parts)
    # Longest first keeps both workers busy to the end.
    order = sorted(parts, key=lambda p: (-limits[p.key], p.key))
    own = pool is None
    try:
        with open_pool(workers) if own else contextlib.nullcontext(pool) as executor:
            assert executor is not None
            futures: dict[Future[tuple[tuple[tuple[int, ...], ...], bool]], Part] = {
                executor.submit(job, p, limits[p.key], seeds[p.key], flag): p for p in order
            }
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for f in sorted(done, key=lambda f: futures[f].key):
                    p = futures[f]
                    out[p.key] = f.result()
                    on_done(p, out[p.key][0])
                if should_stop():
                    Path(flag).write_text("stop\n", encoding="utf-8")
                    for f in pending:
                        f.cancel()
                    raise Cancelled("planning cancelled")
    except (BrokenProcessPool, OSError):
        # Worker processes could not run here (e.g. a script without a
        # ``__main__`` guard): the remaining parts are solved in this process,
        # with the same seeds and limits, so the plan is the same.
        return inline([p for p in order if p.key not in out])
    return out
