"""The outcome of team formation: the new teams with their ids (kept from the
previous teams where they can be), the soft rules each breaks and why, the penalty."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace

from planner.i18n import msg
from planner.model import Mission, Team
from planner.observers import Observer
from planner.teams.rules import Broken, Rules, explain, penalty

__all__ = ["TeamsResult", "build_result"]


@dataclass(frozen=True)
class TeamsResult:
    """The new ``teams`` layer and what it costs.

    ``broken`` names, per team id, the soft rules it breaks and why; ``penalty`` is
    their total weight plus the bases' nationality balance (rules.penalty);
    ``changed`` are teams that are new or whose observers changed, ``removed`` the
    previous teams that are gone.
    """

    teams: tuple[Team, ...]
    broken: Mapping[str, tuple[Broken, ...]]
    penalty: int
    base_bound: int
    base_notes: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    optimal: bool


def build_result(
    mission: Mission,
    rules: Rules,
    obs: list[Observer],
    formed: list[tuple[str, tuple[int, ...]]],
    *,
    bound: int,
    optimal: bool,
) -> TeamsResult:
    base_order = {b.base_id: k for k, b in enumerate(mission.bases)}
    formed.sort(key=lambda t: (base_order[t[0]], min(obs[i].observer_id for i in t[1])))
    teams = [
        (base_id, tuple(sorted((obs[i] for i in m), key=lambda o: o.observer_id)))
        for base_id, m in formed
    ]
    ids = _name_teams(mission, [(b, tuple(o.observer_id for o in m)) for b, m in teams])
    previous = mission.team_by_id
    out_teams, broken, changed = [], {}, []
    base_members: dict[str, list[Observer]] = defaultdict(list)
    for base_id, members in teams:
        base_members[base_id].extend(members)
    where: dict[str, str] = {}
    for tid, (base_id, members) in zip(ids, teams, strict=True):
        for o in members:
            where[o.observer_id] = msg("in team {team} at {base}", team=tid, base=base_id)
    for tid, (base_id, members) in zip(ids, teams, strict=True):
        oids = tuple(o.observer_id for o in members)
        old = previous.get(tid)
        template = old if old is not None else Team(tid, base_id, ())
        out_teams.append(
            replace(
                template,
                base_id=base_id,
                members=tuple(o.name for o in members),
                observer_ids=oids,
                available=True,
            )
        )
        if old is None or old.observer_ids != oids or old.base_id != base_id:
            changed.append(tid)
        broken[tid] = tuple(
            replace(b, reason=explain(rules, b.rule, members, base_members[base_id], where))
            for b in rules.broken(members, base_id)
        )
    notes = []
    for base_id, group in base_members.items():
        _, text = rules.dominance(group)
        if text:
            notes.append(msg("base {base}: {text}", base=base_id, text=text))
    kept = set(ids)
    return TeamsResult(
        teams=tuple(sorted(out_teams, key=lambda t: t.team_id)),
        broken=broken,
        penalty=penalty(rules, teams),
        base_bound=bound,
        base_notes=tuple(notes),
        changed=tuple(sorted(changed)),
        removed=tuple(sorted(t.team_id for t in mission.teams if t.team_id not in kept)),
        optimal=optimal,
    )


def _name_teams(mission: Mission, teams: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Team ids: a team keeps the id of the previous team at its base it shares most
    observers with; else it takes a previous team without observers (a mission whose
    teams came without a roster keeps its ids, bases and drivers); else a new id."""
    claimed: set[str] = set()
    ids: list[str | None] = [None] * len(teams)
    prev = [t for t in mission.teams if t.observer_ids]
    overlaps = []
    for k, (base_id, oids) in enumerate(teams):
        for t in prev:
            shared = len(set(oids) & set(t.observer_ids))
            if shared and t.base_id == base_id:
                overlaps.append((-shared, t.team_id, k))
    for _, tid, k in sorted(overlaps):
        if ids[k] is None and tid not in claimed:
            ids[k] = tid
            claimed.add(tid)
    spare: dict[str, list[str]] = defaultdict(list)
    for t in sorted(mission.teams, key=lambda t: t.team_id):
        if not t.observer_ids:
            spare[t.base_id].append(t.team_id)
    numbers = [int(t.team_id[1:]) for t in mission.teams if t.team_id[1:].isdigit()]
    next_no = max(numbers, default=0) + 1
    taken = {t.team_id for t in mission.teams}
    for k, (base_id, _) in enumerate(teams):
        if ids[k] is not None:
            continue
        if spare[base_id]:
            ids[k] = spare[base_id].pop(0)
            continue
        while f"T{next_no:03d}" in taken:
            next_no += 1
        new_id = f"T{next_no:03d}"
        ids[k] = new_id
        taken.add(new_id)
    return [i or "" for i in ids]
