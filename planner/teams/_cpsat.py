"""The only module of team formation that imports OR-Tools (CP-SAT).

Builds the models of :mod:`planner.teams.core` and returns plain tuples.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from ortools.sat.python import cp_model

from planner.teams.core import (
    BaseProblem,
    BaseSolution,
    Budget,
    PairProblem,
    PairSolution,
)

_STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "invalid",
    cp_model.UNKNOWN: "unknown",
}


def _run(model: cp_model.CpModel, budget: Budget) -> tuple[cp_model.CpSolver, str]:
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.random_seed = budget.seed
    p.num_workers = max(1, budget.workers)
    if budget.workers > 1:
        p.interleave_search = True  # parallel and still deterministic
    p.max_time_in_seconds = max(0.05, budget.time_limit_s)
    p.max_deterministic_time = max(0.05, budget.work)
    p.log_search_progress = bool(__import__("os").environ.get("CPSAT_LOG"))
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            if budget.should_stop():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        status = solver.solve(model)
    finally:
        done.set()
        watcher.join()
    return solver, _STATUS.get(status, "unknown")


def _complete_hint(m: cp_model.CpModel, fixed: list[tuple[cp_model.IntVar, bool]]) -> None:
    """Hint every variable of ``m``: solve a copy with ``fixed`` set (quick: only the
    counting variables are left) and hint its solution, so the search starts from a
    complete solution instead of repairing a partial one."""
    trial = m.clone()
    for var, value in fixed:
        trial.add(trial.get_bool_var_from_proto_index(var.index) == int(value))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5.0
    if solver.solve(trial) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for var, value in fixed:
            m.add_hint(var, value)
        return
    values = solver.response_proto.solution
    for i in range(len(m.proto.variables)):
        m.add_hint(m.get_int_var_from_proto_index(i), values[i])


def solve_bases(problem: BaseProblem, budget: Budget) -> BaseSolution:  # noqa: PLR0912, PLR0915  # size: to split into named steps (issue 10 shape pass)
    m = cp_model.CpModel()
    nb = problem.n_bases
    at: dict[tuple[int, int], cp_model.IntVar] = {}
    obj: list[cp_model.LinearExprT] = []
    by_base: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for o, bases in enumerate(problem.allowed):
        row = []
        for k, b in enumerate(bases):
            v = m.new_bool_var(f"y{o}_{b}")
            at[o, b] = v
            row.append(v)
            by_base[b].append(v)
            if problem.cost[o][k]:
                obj.append(problem.cost[o][k] * v)
        m.add_exactly_one(row)
    size = [m.new_int_var(0, problem.n, f"n{b}") for b in range(nb)]
    for b in range(nb):
        m.add(size[b] == sum(by_base[b]))
    pairs = [m.new_int_var(0, problem.capacity[b], f"p{b}") for b in range(nb)]
    threes = [m.new_bool_var(f"q{b}") for b in range(nb)]
    teams = [pairs[b] + threes[b] for b in range(nb)]
    for b in range(nb):
        m.add(size[b] == 2 * pairs[b] + 3 * threes[b])
        m.add(teams[b] <= problem.capacity[b])
        if problem.capacity[b] == 0:
            m.add(threes[b] == 0)
    m.add(sum(threes) <= problem.max_threes)

    def count(members: tuple[int, ...] | list[int], b: int) -> cp_model.LinearExpr | int:
        terms = [at[o, b] for o in members if (o, b) in at]
        return cp_model.LinearExpr.sum(terms) if terms else 0

    for group in problem.groups:
        first = group[0]
        for o in group[1:]:
            for b in problem.allowed[first]:
                if (o, b) in at:
                    m.add(at[o, b] == at[first, b])
                else:
                    m.add(at[first, b] == 0)
    nations: dict[int, list[int]] = defaultdict(list)
    for o, nat in enumerate(problem.nationality):
        nations[nat].append(o)
    for members in nations.values():
        for b in range(nb):
            c = count(members, b)
            if isinstance(c, int):
                continue
            m.add(c <= teams[b])  # partners of different nationalities
            if problem.dominance_weight and problem.max_share_pct < 100:
                over = m.new_int_var(0, len(members) * 100, "")
                m.add(over >= 100 * c - problem.max_share_pct * size[b])
                # weight per observer over the share (over is in hundredths)
                short = m.new_int_var(0, len(members), "")
                m.add(100 * short >= over)
                obj.append(problem.dominance_weight * short)
    for sf in problem.shortfalls:
        for b in range(nb):
            if not sf.weights[b]:
                continue
            gap = m.new_int_var(0, problem.n, "")
            if sf.excess:
                m.add(gap >= count(sf.members, b) - teams[b])
            else:
                m.add(gap >= teams[b] - count(sf.members, b))
            obj.append(sf.weights[b] * gap)
    for i, j, w in problem.together:
        apart = m.new_bool_var("")
        for b in problem.allowed[i]:
            if (j, b) in at:
                m.add(apart >= at[i, b] - at[j, b])
            else:
                m.add(apart >= at[i, b])
        obj.append(w * apart)
    for odd_members, w in problem.odd:
        for b in range(nb):
            c = count(odd_members, b)
            if isinstance(c, int):
                continue
            half = m.new_int_var(0, len(odd_members), "")
            odd = m.new_bool_var("")
            m.add(c == 2 * half + odd)
            obj.append(w * odd)
    m.minimize(sum(obj))
    if problem.hint is not None:
        _complete_hint(
            m,
            [(at[o, bb], bb == b) for o, b in enumerate(problem.hint) for bb in problem.allowed[o]],
        )
    solver, status = _run(m, budget)
    if status not in ("optimal", "feasible"):
        return BaseSolution(status)
    base_of = tuple(
        next(b for b in bases if solver.boolean_value(at[o, b]))
        for o, bases in enumerate(problem.allowed)
    )
    return BaseSolution(
        status,
        base_of,
        tuple(int(solver.boolean_value(t)) for t in threes),
        round(solver.objective_value),
        round(solver.best_objective_bound),
    )


def solve_pairs(problem: PairProblem, budget: Budget) -> PairSolution:  # noqa: PLR0912  # size: to split into named steps (issue 10 shape pass)
    m = cp_model.CpModel()
    x = {(i, j): m.new_bool_var(f"x{i}_{j}") for i, j, _ in problem.edges}
    third = [m.new_bool_var(f"t{i}") for i in range(problem.n)]
    incident: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (i, j), v in x.items():
        incident[i].append(v)
        incident[j].append(v)
        if problem.threes:
            m.add(third[i] == third[j]).only_enforce_if(v)
    for i in range(problem.n):
        m.add(sum(incident[i]) == 1 + third[i])
    m.add(sum(third) == 3 * problem.threes)
    for team in problem.fixed:
        for a in range(len(team)):
            for b in range(a + 1, len(team)):
                key = (min(team[a], team[b]), max(team[a], team[b]))
                if key not in x:
                    return PairSolution("infeasible")
                m.add(x[key] == 1)
    hinted = {
        (min(t[a], t[b]), max(t[a], t[b]))
        for t in problem.hint
        for a in range(len(t))
        for b in range(a + 1, len(t))
    }
    if hinted:
        for key, v in x.items():
            m.add_hint(v, key in hinted)
    m.minimize(sum(c * x[i, j] for i, j, c in problem.edges if c))
    solver, status = _run(m, budget)
    if status not in ("optimal", "feasible"):
        return PairSolution(status)
    mate: dict[int, list[int]] = defaultdict(list)
    for (i, j), v in x.items():
        if solver.boolean_value(v):
            mate[i].append(j)
            mate[j].append(i)
    teams: list[tuple[int, ...]] = []
    seen: set[int] = set()
    for i in range(problem.n):
        if i in seen:
            continue
        team = tuple(sorted({i, *mate[i]}))
        seen.update(team)
        teams.append(team)
    return PairSolution(
        status, tuple(teams), round(solver.objective_value), round(solver.best_objective_bound)
    )
