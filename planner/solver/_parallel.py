"""Independent searches on more cores: the best of N seeded runs, still deterministic.

Worker i (1..N-1) runs the same large-neighbourhood search as the calling process
from the same start, with seed ``seed + 1_000_003 * i`` and the same work budget, in
its own process. The calling process runs worker 0 meanwhile. The answer is the best
(prize, then less travel; ties go to the lower worker number), so it depends only on
the problem and the seed — unless the clock or a stop request ends a search early.

Meant for a single large problem on an otherwise idle machine (the TOPTW benchmark
adapter). The mission solver already spreads its parts over the cores and calls the
core with one worker.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from planner.solver._lns import LnsStats, improve
from planner.solver._repair import prize_of
from planner.solver._watchdog import watch_parent
from planner.solver.core import RoutingProblem
from planner.solver.heuristics import Instance, Route

_STOP: Any = None  # the shared stop flag, set in each worker process


def _init(flag: Any, parent_pid: int) -> None:
    global _STOP  # noqa: PLW0603 - one flag per worker process, set once at start
    _STOP = flag
    watch_parent(parent_pid)  # die with the calling process, even after kill -9


def _stopped() -> bool:
    return bool(_STOP is not None and _STOP.value)


def _value(inst: Instance, routes: list[list[int]]) -> tuple[int, int]:
    built = [Route(inst, k, r) for k, r in enumerate(routes)]
    return prize_of(inst, built), -sum(r.travelled for r in built)


def _worker(
    problem: RoutingProblem, start: list[list[int]], work: float, seed: int, wall_deadline: float
) -> tuple[list[list[int]], int, bool]:
    inst = Instance(problem)
    deadline = time.monotonic() + max(0.0, wall_deadline - time.time())
    best, stats = improve(
        inst, start, work=work, seed=seed, deadline=deadline, should_stop=_stopped
    )
    return best, stats.iterations, stats.stopped_by_clock


def improve_parallel(
    inst: Instance,
    start: list[list[int]],
    *,
    workers: int,
    work: float,
    seed: int,
    deadline: float,
    should_stop: Callable[[], bool],
    on_progress: Callable[[float], None] | None,
) -> tuple[list[list[int]], LnsStats]:
    """Best of ``workers`` independent searches (see the module docstring)."""
    ctx = multiprocessing.get_context("spawn")  # safe next to a GUI's threads
    flag = ctx.Value("b", 0, lock=False)
    wall_deadline = time.time() + (deadline - time.monotonic())
    pool = ProcessPoolExecutor(
        max_workers=workers - 1, mp_context=ctx, initializer=_init, initargs=(flag, os.getpid())
    )
    try:
        futures: list[Future[tuple[list[list[int]], int, bool]]] = [
            pool.submit(_worker, inst.problem, start, work, seed + 1_000_003 * i, wall_deadline)
            for i in range(1, workers)
        ]
        best, stats = improve(
            inst,
            start,
            work=work,
            seed=seed,
            deadline=deadline,
            should_stop=should_stop,
            on_progress=on_progress,
        )
        if stats.stopped_by_user:
            flag.value = 1
        best_val = _value(inst, best)
        for future in futures:
            routes, iterations, clock = future.result()
            stats.iterations += iterations
            stats.stopped_by_clock = stats.stopped_by_clock or clock
            val = _value(inst, routes)
            if val > best_val:
                best, best_val = routes, val
    finally:
        flag.value = 1
        pool.shutdown(wait=True, cancel_futures=True)
    return best, stats
