"""Before any search: rosters the hard rules cannot fit, refused with the reason.

Each check names the rule and the observers, as a user can act on it ("41 of 60
available observers are DE nationals, but 30 teams can take one each").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from planner.errors import Problem
from planner.i18n import join, msg
from planner.model import Team
from planner.observers import Observer

_SHOW = 8


def _ids(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_SHOW])
    if len(items) <= _SHOW:
        return shown
    return msg("{shown}, ... ({more} more)", shown=shown, more=len(items) - _SHOW)


def _problem(rule: str, message: str) -> Problem:
    return Problem("", 0, rule, join([rule, message], ": "))


def roster_problems(
    observers: Sequence[Observer],
    capacity: Mapping[str, int],
    max_threes: int,
    pinned: Sequence[Team],
) -> list[Problem]:
    """Every reason the hard rules cannot all hold that shows without a search."""
    n = len(observers)
    if n < 2:
        return [_problem(msg("team size"), msg("{n} available observer(s): a team needs two", n=n))]
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
            msg("base capacities"),
            msg(
                "{n} available observers make at least {fewest} teams, but the bases "
                "take {room} ({caps}); raise 'Teams per base' in the settings",
                n=n,
                fewest=fewest,
                room=room,
                caps=caps,
            ),
        )
    ]


def _nationality_problems(observers: Sequence[Observer]) -> list[Problem]:
    """A nationality with more observers than there are teams."""
    n = len(observers)
    most = n // 2
    return [
        _problem(
            msg("different nationalities"),
            msg(
                "{count} of {n} available observers are of one nationality ({country}), "
                "but each of the {most} teams can take only one of them",
                count=count,
                n=n,
                country=country,
                most=most,
            ),
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
                    msg(
                        "{observer} ({nationality}) can be teamed with nobody: every other "
                        "available observer is of the same nationality or in not_with",
                        observer=o.observer_id,
                        nationality=o.nationality,
                    ),
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
                    msg(
                        "{observer} must go to base {base}, which the mission does not have",
                        observer=o.observer_id,
                        base=o.base_id,
                    ),
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
                    msg(
                        "{n} observers must go to base {base}, which takes {cap} teams "
                        "({limit} observers): {who}",
                        n=len(group),
                        base=base_id,
                        cap=cap,
                        limit=limit,
                        who=_ids([o.observer_id for o in group]),
                    ),
                )
            )
        for country, count in Counter(o.nationality for o in group).items():
            if count > cap:
                who = [o.observer_id for o in group if o.nationality == country]
                out.append(
                    _problem(
                        msg("different nationalities"),
                        msg(
                            "{count} {country} observers must go to base {base}, which takes "
                            "only {cap} teams: {who}",
                            count=count,
                            country=country,
                            base=base_id,
                            cap=cap,
                            who=_ids(who),
                        ),
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
                            msg("pinned team"),
                            msg(
                                "team {team} is pinned but {a} and {b} may not be partners "
                                "(nationality or not_with)",
                                team=t.team_id,
                                a=x.observer_id,
                                b=y.observer_id,
                            ),
                        )
                    )
    return out
