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


class _BaseModel:
    """The CP-SAT model of a :class:`BaseProblem`, built step by step; the order of the
    steps is the order of the variables and constraints (it steers the search)."""

    def __init__(self, problem: BaseProblem) -> None:
        self.problem = problem
        self.m = cp_model.CpModel()
        self.at: dict[tuple[int, int], cp_model.IntVar] = {}
        self.obj: list[cp_model.LinearExprT] = []
        self._assign()
        self._sizes()
        self._groups()
        self._nations()
        self._shortfalls()
        self._together()
        self._odd()
        self.m.minimize(sum(self.obj))

    def count(self, members: tuple[int, ...] | list[int], b: int) -> cp_model.LinearExpr | int:
        terms = [self.at[o, b] for o in members if (o, b) in self.at]
        return cp_model.LinearExpr.sum(terms) if terms else 0

    def _assign(self) -> None:
        """Each observer at exactly one of its allowed bases, at its cost there."""
        p, m = self.problem, self.m
        self.by_base: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for o, bases in enumerate(p.allowed):
            row = []
            for k, b in enumerate(bases):
                v = m.new_bool_var(f"y{o}_{b}")
                self.at[o, b] = v
                row.append(v)
                self.by_base[b].append(v)
                if p.cost[o][k]:
                    self.obj.append(p.cost[o][k] * v)
            m.add_exactly_one(row)

    def _sizes(self) -> None:
        """Base b holds 2 pairs + 3 (one three or none) observers, within its capacity."""
        p, m, nb = self.problem, self.m, self.problem.n_bases
        self.size = [m.new_int_var(0, p.n, f"n{b}") for b in range(nb)]
        for b in range(nb):
            m.add(self.size[b] == sum(self.by_base[b]))
        pairs = [m.new_int_var(0, p.capacity[b], f"p{b}") for b in range(nb)]
        self.threes = [m.new_bool_var(f"q{b}") for b in range(nb)]
        self.teams = [pairs[b] + self.threes[b] for b in range(nb)]
        for b in range(nb):
            m.add(self.size[b] == 2 * pairs[b] + 3 * self.threes[b])
            m.add(self.teams[b] <= p.capacity[b])
            if p.capacity[b] == 0:
                m.add(self.threes[b] == 0)
        m.add(sum(self.threes) <= p.max_threes)

    def _groups(self) -> None:
        """The members of a group (a pinned team) at one base."""
        at = self.at
        for group in self.problem.groups:
            first = group[0]
            for o in group[1:]:
                for b in self.problem.allowed[first]:
                    if (o, b) in at:
                        self.m.add(at[o, b] == at[first, b])
                    else:
                        self.m.add(at[first, b] == 0)

    def _nations(self) -> None:
        """No more observers of a nationality at a base than teams; the share penalty."""
        p, m = self.problem, self.m
        nations: dict[int, list[int]] = defaultdict(list)
        for o, nat in enumerate(p.nationality):
            nations[nat].append(o)
        for members in nations.values():
            for b in range(p.n_bases):
                c = self.count(members, b)
                if isinstance(c, int):
                    continue
                m.add(c <= self.teams[b])  # partners of different nationalities
                if p.dominance_weight and p.max_share_pct < 100:
                    over = m.new_int_var(0, len(members) * 100, "")
                    m.add(over >= 100 * c - p.max_share_pct * self.size[b])
                    # weight per observer over the share (over is in hundredths)
                    short = m.new_int_var(0, len(members), "")
                    m.add(100 * short >= over)
                    self.obj.append(p.dominance_weight * short)

    def _shortfalls(self) -> None:
        p, m = self.problem, self.m
        for sf in p.shortfalls:
            for b in range(p.n_bases):
                if not sf.weights[b]:
                    continue
                gap = m.new_int_var(0, p.n, "")
                if sf.excess:
                    m.add(gap >= self.count(sf.members, b) - self.teams[b])
                else:
                    m.add(gap >= self.teams[b] - self.count(sf.members, b))
                self.obj.append(sf.weights[b] * gap)

    def _together(self) -> None:
        p, m, at = self.problem, self.m, self.at
        for i, j, w in p.together:
            apart = m.new_bool_var("")
            for b in p.allowed[i]:
                if (j, b) in at:
                    m.add(apart >= at[i, b] - at[j, b])
                else:
                    m.add(apart >= at[i, b])
            self.obj.append(w * apart)

    def _odd(self) -> None:
        p, m = self.problem, self.m
        for odd_members, w in p.odd:
            for b in range(p.n_bases):
                c = self.count(odd_members, b)
                if isinstance(c, int):
                    continue
                half = m.new_int_var(0, len(odd_members), "")
                odd = m.new_bool_var("")
                m.add(c == 2 * half + odd)
                self.obj.append(w * odd)


def solve_bases(problem: BaseProblem, budget: Budget) -> BaseSolution:
    model = _BaseModel(problem)
    at = model.at
    if problem.hint is not None:
        _complete_hint(
            model.m,
            [(at[o, bb], bb == b) for o, b in enumerate(problem.hint) for bb in problem.allowed[o]],
        )
    solver, status = _run(model.m, budget)
    if status not in ("optimal", "feasible"):
        return BaseSolution(status)
    base_of = tuple(
        next(b for b in bases if solver.boolean_value(at[o, b]))
        for o, bases in enumerate(problem.allowed)
    )
    return BaseSolution(
        status,
        base_of,
        tuple(int(solver.boolean_value(t)) for t in model.threes),
        round(solver.objective_value),
        round(solver.best_objective_bound),
    )


def _pair_model(
    problem: PairProblem,
) -> tuple[cp_model.CpModel, dict[tuple[int, int], cp_model.IntVar]] | None:
    """The matching model (each observer in one pair, or in one of the threes), or
    None when a fixed team uses a pair the hard rules forbid."""
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
        for key in _team_edges(team):
            if key not in x:
                return None
            m.add(x[key] == 1)
    hinted = {key for t in problem.hint for key in _team_edges(t)}
    if hinted:
        for key, v in x.items():
            m.add_hint(v, key in hinted)
    m.minimize(sum(c * x[i, j] for i, j, c in problem.edges if c))
    return m, x


def _team_edges(team: tuple[int, ...]) -> list[tuple[int, int]]:
    """The pairs (low, high) within a team, in order."""
    return [
        (min(team[a], team[b]), max(team[a], team[b]))
        for a in range(len(team))
        for b in range(a + 1, len(team))
    ]


def solve_pairs(problem: PairProblem, budget: Budget) -> PairSolution:
    built = _pair_model(problem)
    if built is None:
        return PairSolution("infeasible")
    m, x = built
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
