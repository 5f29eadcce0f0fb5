"""The routing core on tiny hand-made problems: every rule of a route, and its search."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest

from planner.errors import PlanningError
from planner.solver._evaluate import break_start, route_problem
from planner.solver.core import RoutingProblem, VehicleSpec, schedule
from planner.solver.heuristics import INF, Instance, Route
from planner.solver.routing import check_solution, solve_routing


def line_problem(
    positions: list[int],
    prize: list[int],
    windows: list[tuple[int, int]],
    vehicles: tuple[VehicleSpec, ...],
    *,
    service: int = 0,
    allowed: tuple[frozenset[int] | None, ...] | None = None,
) -> RoutingProblem:
    """Nodes on a line (travel = distance); node 0 is the depot at position 0."""
    pos = np.array([0, *positions])
    travel = np.abs(pos[:, None] - pos[None, :]).astype(np.int32)
    n = len(pos)
    return RoutingProblem(
        travel=travel,
        prize=(0, *prize),
        service=(0, *([service] * (n - 1))),
        tw_open=(0, *(w[0] for w in windows)),
        tw_close=(1000, *(w[1] for w in windows)),
        vehicles=vehicles,
        allowed=allowed,
    )


def random_problem(
    seed: int,
    n: int = 30,
    vehicles: int = 2,
    brk: bool = False,
) -> RoutingProblem:
    """A small random TOPTW with service, windows and (optionally) a lunch break."""
    rng = np.random.default_rng(seed)
    xy = rng.random((n, 2)) * 100
    travel = np.floor(np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)))
    opens = rng.integers(0, 300, n)
    spec = VehicleSpec(
        0, 0, 0, 480, break_min=30 if brk else 0, break_earliest=180, break_latest=260
    )
    return RoutingProblem(
        travel=travel.astype(np.int32),
        prize=(0, *(int(x) for x in rng.integers(1, 10, n - 1))),
        service=(0, *([15] * (n - 1))),
        tw_open=(0, *(int(o) for o in opens[1:])),
        tw_close=(480, *(int(o) + int(rng.integers(20, 200)) for o in opens[1:])),
        vehicles=tuple([spec] * vehicles),
    )


def day(**kw: int | tuple[int, ...] | None) -> VehicleSpec:
    args: dict = {"start": 0, "end": 0, "depart_earliest": 0, "arrive_latest": 100}
    args.update(kw)
    return VehicleSpec(**args)


def test_windows_bound_the_start_of_service_and_unreachable_stops_are_skipped() -> None:
    # Node 2 (far, closes at 10) cannot be reached in time; node 1 opens at 30: wait.
    p = line_problem([5, 40], [3, 9], [(30, 40), (0, 10)], (day(),), service=5)
    sol = solve_routing(p, time_limit_s=0.3)
    assert sol.routes == ((1,),)
    assert sol.prize == 3
    assert schedule(p, 0, [1]) == [30]


def test_end_deadline_limits_the_route() -> None:
    # Both stops fit alone but together the round trip exceeds arrive_latest.
    p = line_problem([30, -30], [5, 4], [(0, 100), (0, 100)], (day(arrive_latest=100),))
    sol = solve_routing(p, time_limit_s=0.3)
    assert sol.routes == ((1,),)


def test_max_travel_limits_the_sum_of_legs_not_waiting() -> None:
    # Far stop worth more, but a 50-minute travel limit allows only the near ones.
    p = line_problem(
        [10, 12, 40], [2, 2, 5], [(0, 100)] * 3, (day(arrive_latest=1000, max_travel=50),)
    )
    sol = solve_routing(p, time_limit_s=0.3)
    assert set(sol.routes[0]) == {1, 2}
    assert sol.prize == 4


def test_required_stop_is_kept_even_when_worth_nothing() -> None:
    # Node 3 (prize 0) is required on vehicle 1; it costs vehicle 1 the time for node 2.
    p = line_problem(
        [20, -20, 30],
        [5, 5, 0],
        [(0, 100)] * 3,
        (day(arrive_latest=45), day(arrive_latest=65, required=(3,))),
    )
    sol = solve_routing(p, time_limit_s=0.3)
    assert 3 in sol.routes[1]
    assert check_solution(p, sol.routes) == []


def test_impossible_required_stop_raises_naming_the_node() -> None:
    p = line_problem([20, 80], [1, 1], [(0, 100), (0, 100)], (day(required=(2,)),))
    with pytest.raises(PlanningError, match="required node 2"):
        solve_routing(p, time_limit_s=0.3)


def test_a_stop_required_by_two_vehicles_is_refused() -> None:
    p = line_problem([20], [1], [(0, 100)], (day(required=(1,)), day(required=(1,))))
    with pytest.raises(PlanningError, match="node 1"):
        solve_routing(p, time_limit_s=0.3)


def test_allowed_restricts_a_stop_to_some_vehicles() -> None:
    # Vehicle 0 has the time for node 1, vehicle 1 does not: node 1 only for vehicle 1.
    allowed = (None, frozenset({1}), None)
    p = line_problem(
        [20, -10],
        [7, 1],
        [(0, 100)] * 2,
        (day(arrive_latest=100), day(arrive_latest=30)),
        allowed=allowed,
    )
    sol = solve_routing(p, time_limit_s=0.3)
    assert 1 not in sol.routes[0]
    assert 1 not in sol.routes[1]  # 40 minutes needed, vehicle 1 has 30
    assert sol.prize == 1


def test_break_takes_time_out_of_the_day() -> None:
    # Without the break both stops fit (0-100); a 30-min break in [40, 50] leaves room
    # only for stops whose windows allow the pause.
    p_free = line_problem([10, 20], [1, 1], [(30, 35), (60, 65)], (day(),), service=10)
    assert solve_routing(p_free, time_limit_s=0.3).prize == 2
    lunch = day(break_min=30, break_earliest=40, break_latest=50)
    p = line_problem([10, 20], [1, 1], [(30, 35), (60, 65)], (lunch,), service=10)
    sol = solve_routing(p, time_limit_s=0.3)
    assert sol.prize == 1
    assert check_solution(p, sol.routes) == []
    _pos, start = break_start(p, 0, sol.routes[0]) or (-1, -1)
    assert 40 <= start <= 50


def test_break_window_that_the_day_cannot_hold_leaves_the_route_empty() -> None:
    lunch = day(break_min=30, break_earliest=90, break_latest=95)  # would end at 120 > 100
    p = line_problem([10], [1], [(0, 100)], (lunch,))
    assert route_problem(p, 0, []) == "no place for the break"


def test_same_seed_gives_the_same_routes() -> None:
    # The promise is for the work-limited search; a loose clock cap keeps a busy
    # machine (the wall-clock safety exit) out of the comparison.
    p = random_problem(3, n=40, vehicles=3, brk=True)
    a = solve_routing(p, time_limit_s=0.5, seed=7, clock_cap_s=60.0)
    b = solve_routing(p, time_limit_s=0.5, seed=7, clock_cap_s=60.0)
    assert a.stats["stopped_by_clock"] == b.stats["stopped_by_clock"] == 0.0
    assert a.routes == b.routes
    assert check_solution(p, a.routes) == []


def test_should_stop_returns_feasible_routes_at_once() -> None:
    p = random_problem(4, n=60, vehicles=3)
    started = time.monotonic()
    sol = solve_routing(p, time_limit_s=30, should_stop=lambda: True)
    assert time.monotonic() - started < 3
    assert check_solution(p, sol.routes) == []
    assert sol.prize > 0  # the greedy start is returned


def test_progress_is_reported_up_to_100() -> None:
    seen: list[int] = []
    solve_routing(random_problem(5), time_limit_s=0.3, on_progress=seen.append)
    assert seen[-1] == 100
    assert seen == sorted(seen)


def test_initial_routes_are_repaired_and_kept_when_good() -> None:
    p = random_problem(6, n=25, vehicles=2)
    good = solve_routing(p, time_limit_s=0.5, seed=1)
    # An infeasible start (everything on one route) must not leak into the answer.
    sol = solve_routing(p, time_limit_s=0.5, initial_routes=[list(range(1, 25)), []])
    assert check_solution(p, sol.routes) == []
    sol2 = solve_routing(p, time_limit_s=0.2, initial_routes=good.routes)
    assert sol2.prize >= good.prize


def _brute_force(p: RoutingProblem) -> int:
    best = 0
    customers = range(1, p.n)
    for k in range(1, p.n):
        for perm in itertools.permutations(customers, k):
            if route_problem(p, 0, list(perm)) is None:
                best = max(best, sum(p.prize[x] for x in perm))
    return best


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_reaches_the_optimum_of_small_single_route_problems(seed: int) -> None:
    p = random_problem(seed, n=7, vehicles=1, brk=seed % 2 == 1)
    assert solve_routing(p, time_limit_s=0.5, seed=seed).prize == _brute_force(p)


@pytest.mark.parametrize("brk", [False, True])
def test_fast_insertion_check_agrees_with_the_full_route_check(brk: bool) -> None:
    """The O(1) look-up used by the search accepts exactly the feasible insertions."""
    rng = np.random.default_rng(11)
    for seed in range(15):
        p = random_problem(seed, n=14, vehicles=1, brk=brk)
        inst = Instance(p)
        route: list[int] = []
        for node in rng.permutation(np.arange(1, 14)):  # build some feasible route
            if route_problem(p, 0, [*route, int(node)]) is None:
                route.append(int(node))
        r = Route(inst, 0, route)
        others = np.array([x for x in range(1, 14) if x not in route], dtype=np.int64)
        if len(others) == 0:
            continue
        cost, _ = r.best_insertion(others)
        for j, node in enumerate(others):
            fits = any(
                route_problem(p, 0, [*route[:g], int(node), *route[g:]]) is None
                for g in range(len(route) + 1)
            )
            assert fits == (cost[j] < INF), (seed, route, int(node))


def test_required_stops_the_greedy_order_cannot_place_are_found_by_a_search() -> None:
    # Inserted one by one in window order these four cannot all fit, but the
    # order 3, 2, 1, 4 does: the core must find it rather than give up.
    p = line_problem(
        [16, 13, -2, 0],
        [1, 1, 1, 1],
        [(32, 49), (13, 34), (12, 35), (49, 66)],
        (day(arrive_latest=120, required=(1, 2, 3, 4)),),
        service=5,
    )
    sol = solve_routing(p, time_limit_s=0.3)
    assert sorted(sol.routes[0]) == [1, 2, 3, 4]
    assert check_solution(p, sol.routes) == []


@pytest.mark.parametrize("brk", [False, True])
def test_the_ortools_model_keeps_every_rule(brk: bool) -> None:
    """The OR-Tools model (fallback for required stops) agrees with the route check."""
    from planner.solver._ortools import OrToolsRun, solve_with_ortools

    base = random_problem(8, n=25, vehicles=2, brk=brk)
    v0, v1 = base.vehicles
    p = RoutingProblem(
        travel=base.travel,
        prize=base.prize,
        service=base.service,
        tw_open=base.tw_open,
        tw_close=base.tw_close,
        vehicles=(
            v0,
            VehicleSpec(
                0,
                0,
                0,
                480,
                max_travel=150,
                break_min=v1.break_min,
                break_earliest=v1.break_earliest,
                break_latest=v1.break_latest,
            ),
        ),
        allowed=tuple(frozenset({1}) if i % 3 == 0 else None for i in range(25)),
    )
    routes = solve_with_ortools(p, OrToolsRun(time_limit_s=1, solution_limit=50)).routes
    assert sum(len(r) for r in routes) > 0
    assert check_solution(p, routes) == []


def test_parallel_searches_are_deterministic_and_no_worse() -> None:
    p = random_problem(9, n=30, vehicles=2)
    one = solve_routing(p, time_limit_s=2, seed=3)
    a = solve_routing(p, time_limit_s=2, seed=3, workers=2)
    b = solve_routing(p, time_limit_s=2, seed=3, workers=2)
    assert check_solution(p, a.routes) == []
    if not any(s.stats["stopped_by_clock"] for s in (one, a, b)):
        assert a.routes == b.routes  # the documented exception: a busy machine's clock
        assert a.prize >= one.prize  # worker 0 is the one-worker search


def test_search_stays_feasible_when_travel_breaks_the_triangle_inequality() -> None:
    """Road times need not be metric: dropping a stop may then make a route later."""
    from planner.solver._lns import improve
    from planner.solver._repair import repair

    base = random_problem(39, n=30, vehicles=2)
    rng = np.random.default_rng(39)
    travel = base.travel.copy()
    shortcuts = rng.random(travel.shape) < 0.5
    travel[shortcuts] = travel[shortcuts] // 10  # many legs far shorter than detours
    np.fill_diagonal(travel, 0)
    p = RoutingProblem(
        travel,
        base.prize,
        (0,) * 30,
        base.tw_open,
        tuple(o + 5 for o in base.tw_open),
        base.vehicles,
    )
    inst = Instance(p)
    routes = [Route(inst, k) for k in range(2)]
    repair(inst, routes, np.zeros(p.n, dtype=bool))
    best, _ = improve(
        inst,
        [r.nodes for r in routes],
        work=100_000,
        seed=1,
        deadline=time.monotonic() + 30,
        should_stop=lambda: False,
    )
    assert check_solution(p, best) == []
