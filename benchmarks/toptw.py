"""Read a public TOPTW instance file into a :class:`RoutingProblem` (the benchmark adapter).

File semantics (as the published best-known scores assume): vertex 0 is the depot,
every route starts and ends there; the budget Tmax is the depot's closing time;
windows bound the start of service; travel = Euclidean distance *floored* to 1
decimal for the Solomon-based sets and to 2 decimals for the Cordeau ``pr`` sets.
All times are scaled to integers (x10 or x100) so the core works in exact integers.

Vertex line: ``i x y d S f a list(a) O C`` -- read token by token, because ``a``
varies and some copies wrap lines differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from planner.errors import InputError, Problem
from planner.solver.core import RoutingProblem, VehicleSpec


@dataclass(frozen=True, slots=True)
class ToptwInstance:
    name: str
    scale: int  # time units per file unit (10 or 100)
    problem: RoutingProblem
    score: tuple[int, ...]  # S_i as in the file (node i = customer number i)


def decimals_for(path: Path) -> int:
    """Distance truncation rule: 2 decimals for the Cordeau pr sets, 1 otherwise."""
    return 2 if path.name.lower().startswith("pr") else 1


def _scaled(text: str, scale: int, path: Path, what: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise InputError(Problem(str(path), 0, what, f"not a number: {text!r}")) from None
    return round(value * scale)


def read_toptw(path: Path | str, vehicles: int, decimals: int | None = None) -> ToptwInstance:
    """The instance at ``path`` for ``vehicles`` identical routes from the depot."""
    path = Path(path)
    if vehicles < 1:
        raise InputError(Problem(str(path), 0, "", "the number of vehicles must be at least 1"))
    try:
        tokens = path.read_text(encoding="utf-8").split()
    except OSError as exc:
        raise InputError(Problem(str(path), 0, "", f"cannot read: {exc}")) from None
    decimals = decimals_for(path) if decimals is None else decimals
    scale = 10**decimals
    try:
        n_customers = int(tokens[2])
        pos = 6  # k v N t D Q
        xs: list[float] = []
        ys: list[float] = []
        service: list[int] = []
        score: list[int] = []
        opens: list[int] = []
        closes: list[int] = []
        for i in range(n_customers + 1):
            if int(tokens[pos]) != i:
                raise InputError(
                    Problem(str(path), 0, "i", f"vertex {i} expected, found {tokens[pos]}")
                )
            xs.append(float(tokens[pos + 1]))
            ys.append(float(tokens[pos + 2]))
            service.append(_scaled(tokens[pos + 3], scale, path, "d"))
            score.append(round(float(tokens[pos + 4])))
            count = int(tokens[pos + 6])
            end = pos + 7 + count
            opens.append(_scaled(tokens[end], scale, path, "O"))
            closes.append(_scaled(tokens[end + 1], scale, path, "C"))
            pos = end + 2
    except (IndexError, ValueError):
        raise InputError(Problem(str(path), 0, "", "not a TOPTW instance file")) from None
    x = np.array(xs)
    y = np.array(ys)
    dist = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    # Floor to the file's decimals, as the literature's code does (in doubles).
    travel = np.floor(dist * scale).astype(np.int32)
    tmax = closes[0]
    score[0] = 0
    problem = RoutingProblem(
        travel=travel,
        prize=tuple(score),
        service=(0, *service[1:]),
        tw_open=tuple(opens),
        tw_close=tuple(closes),
        vehicles=tuple(VehicleSpec(0, 0, opens[0], tmax) for _ in range(vehicles)),
    )
    return ToptwInstance(path.stem, scale, problem, tuple(score))


def score_of(instance: ToptwInstance, routes: list[list[int]]) -> int:
    return sum(instance.score[i] for route in routes for i in route)
