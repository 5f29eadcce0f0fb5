"""Before any search: rosters the hard rules cannot fit, refused with the reason.

Each check names the rule and the observers, as a user can act on it ("41 of 60
available observers are DE nationals, but 30 teams can take one each").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from planner.errors import Problem
from planner.model import Team
from planner.observers import Observer

_SHOW = 8


def _ids(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_SHOW])
    return shown + (f", ... ({len(items) - _SHOW} more)" if len(items) > _SHOW else "")


def _problem(rule: str, message: str) -> Problem:
    return Problem("", 0, rule, f"{rule}: {message}")


def roster_problems(
    observers: Sequence[Observer],
    capacity: Mapping[str, int],
    max_threes: int,
    pinned: Sequence[Team],
) -> list[Problem]:
    """Every reason the hard rules cannot all hold that shows without a search."""
    n = len(observers)
    if n < 2:
        return [_problem("team size", f"{n} available observer(s): a team needs two")]
    out = _capacity_problems(n, capacity, max_threes)
    out += _nationality_problems(observers)
    out += _not_with_problems(observers)
    base_problems, must = _must_go(observers, capacity, pinned)
    out += base_problems
    out += _base_problems(must, capacity, max_threes)
    out += _pinned_problems(observers, pinned)
    return out


def _capacity_problems(n: int, capacity: Mapping[str, int], max_threes: int) -> list[Problem]:
    """Fewer places at the bases than the fewest teams the observers make."""
    threes = min(max_threes, n // 3)
    if (n - threes) % 2:
        threes -= 1
    fewest = (n - threes) // 2
    room = sum(capacity.values())
    if fewest <= room:
        return []
    caps = ", ".join(f"{b} {c}" for b, c in capacity.items())
    return [
        _problem(
            "base capacities",
            f"{n} available observers make at least {fewest} teams, but the bases "
            f"take {room} ({caps}); raise 'Teams per base' in the settings",
        )
    ]


def _nationality_problems(observers: Sequence[Observer]) -> list[Problem]:
    """A nationality with more observers than there are teams."""
    n = len(observers)
    most = n // 2
    return [
        _problem(
            "different nationalities",
            f"{count} of {n} available observers are of one nationality ({country}), "
            f"but each of the {most} teams can take only one of them",
        )
        for country, count in Counter(o.nationality for o in observers).most_common()
        if count > most
    ]


def _not_with_problems(observers: Sequence[Observer]) -> list[Problem]:
    """Observers whom nationality and not_with leave without any partner."""
    n = len(observers)
    nat = Counter(o.nationality for o in observers)
    named_by: dict[str, set[str]] = defaultdict(set)
    for o in observers:
        for other in o.not_with:
            named_by[other].add(o.observer_id)
    out = []
    for o in observers:
        if n - nat[o.nationality] > len(o.not_with) + len(named_by[o.observer_id]):
            continue  # more partners of other nationalities than it may refuse
        banned = set(o.not_with) | named_by[o.observer_id]
        if all(p.nationality == o.nationality or p.observer_id in banned for p in observers):
            out.append(
                _problem(
                    "not_with",
                    f"{o.observer_id} ({o.nationality}) can be teamed with nobody: every other "
                    "available observer is of the same nationality or in not_with",
                )
            )
    return out


def _must_go(
    observers: Sequence[Observer], capacity: Mapping[str, int], pinned: Sequence[Team]
) -> tuple[list[Problem], dict[str, list[Observer]]]:
    """Who must go to which base (base_id, pinned teams), and base_ids the mission lacks."""
    by_id = {o.observer_id: o for o in observers}
    out = []
    must: dict[str, list[Observer]] = defaultdict(list)
    for o in observers:
        if o.base_id and o.base_id not in capacity:
            out.append(
                _problem(
                    "base_id",
                    f"{o.observer_id} must go to base {o.base_id}, which the mission does not have",
                )
            )
        elif o.base_id:
            must[o.base_id].append(o)
    for t in pinned:
        must[t.base_id].extend(
            by_id[i] for i in t.observer_ids if i in by_id and not by_id[i].base_id
        )
    return out, must


def _base_problems(
    must: Mapping[str, list[Observer]], capacity: Mapping[str, int], max_threes: int
) -> list[Problem]:
    """Bases that cannot take the observers who must go there."""
    out = []
    for base_id, group in sorted(must.items()):
        cap = capacity.get(base_id, 0)
        limit = 2 * cap + min(1, max_threes, cap)
        if len(group) > limit:
            out.append(
                _problem(
                    "base_id",
                    f"{len(group)} observers must go to base {base_id}, which takes {cap} teams "
                    f"({limit} observers): {_ids([o.observer_id for o in group])}",
                )
            )
        for country, count in Counter(o.nationality for o in group).items():
            if count > cap:
                who = [o.observer_id for o in group if o.nationality == country]
                out.append(
                    _problem(
                        "different nationalities",
                        f"{count} {country} observers must go to base {base_id}, which takes "
                        f"only {cap} teams: {_ids(who)}",
                    )
                )
    return out


def _pinned_problems(observers: Sequence[Observer], pinned: Sequence[Team]) -> list[Problem]:
    """Pinned teams whose members may not be partners."""
    by_id = {o.observer_id: o for o in observers}
    out = []
    for t in pinned:
        members = [by_id[i] for i in t.observer_ids if i in by_id]
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                x, y = members[a], members[b]
                if (
                    x.nationality == y.nationality
                    or y.observer_id in x.not_with
                    or (x.observer_id in y.not_with)
                ):
                    out.append(
                        _problem(
                            "pinned team",
                            f"team {t.team_id} is pinned but {x.observer_id} and "
                            f"{y.observer_id} may not be partners (nationality or not_with)",
                        )
                    )
    return out
