"""Hand edits of formed teams (the GUI's drag and drop), checked against the hard
rules, and the per-team explanations for any mission's current teams."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from planner.errors import InputError
from planner.i18n import join, msg
from planner.model import Mission, Team
from planner.observers import Observer
from planner.teams.rules import Broken, Rules, explain


def explain_teams(mission: Mission) -> dict[str, tuple[Broken, ...]]:
    """team_id -> the soft rules its observers break and why (teams with a roster)."""
    rules = Rules.of(mission)
    by_id = mission.observer_by_id
    members = {
        t.team_id: [by_id[i] for i in t.observer_ids if i in by_id]
        for t in mission.teams
        if t.available and t.observer_ids
    }
    at_base: dict[str, list[Observer]] = defaultdict(list)
    where: dict[str, str] = {}
    for t in mission.teams:
        if t.team_id in members:
            at_base[t.base_id].extend(members[t.team_id])
            for o in members[t.team_id]:
                where[o.observer_id] = msg(
                    "in team {team} at {base}", team=t.team_id, base=t.base_id
                )
    out = {}
    for t in mission.teams:
        team = members.get(t.team_id)
        if team:
            out[t.team_id] = tuple(
                replace(b, reason=explain(rules, b.rule, team, at_base[t.base_id], where))
                for b in rules.broken(team, t.base_id)
            )
    return out


def observer_line(mission: Mission, team: Team) -> str:
    """Members for a route sheet: ``Name (DE; en, ru; +49 ...)``, or the plain names."""
    by_id = mission.observer_by_id
    if not team.observer_ids or not all(i in by_id for i in team.observer_ids):
        return "; ".join(team.members)
    parts = []
    for i in team.observer_ids:
        o = by_id[i]
        info = [o.nationality, ", ".join(o.languages)] + ([o.phone] if o.phone else [])
        parts.append(f"{o.name} ({'; '.join(x for x in info if x)})")
    return "; ".join(parts)


def _check(mission: Mission, team: Team, ids: Sequence[str]) -> list[str]:
    by_id = mission.observer_by_id
    obs = [by_id[i] for i in ids]
    out: list[str] = []
    for k, a in enumerate(obs):
        for b in obs[k + 1 :]:
            if a.nationality == b.nationality:
                out.append(
                    msg(
                        "{a} and {b} are both {nationality}",
                        a=a.observer_id,
                        b=b.observer_id,
                        nationality=a.nationality,
                    )
                )
            if b.observer_id in a.not_with or a.observer_id in b.not_with:
                out.append(msg("{a} and {b}: not_with", a=a.observer_id, b=b.observer_id))
        if a.base_id and a.base_id != team.base_id:
            out.append(
                msg("{observer} must go to base {base}", observer=a.observer_id, base=a.base_id)
            )
    if not 2 <= len(ids) <= 3:
        out.append(
            msg("team {team} would have {n} members (2 or 3)", team=team.team_id, n=len(ids))
        )
    return out


def _with(mission: Mission, changed: dict[str, tuple[str, ...]]) -> Mission:
    by_id = mission.observer_by_id
    problems = []
    for tid, ids in changed.items():
        problems += _check(mission, mission.team_by_id[tid], ids)
    threes = sum(
        len(changed.get(t.team_id, t.observer_ids)) == 3 for t in mission.teams if t.available
    )
    available = sum(o.available for o in mission.observers)
    allowed = available % 2 + mission.settings.teams_of_three
    if threes > allowed:
        problems.append(
            msg(
                "{threes} teams of three; the settings allow {allowed}",
                threes=threes,
                allowed=allowed,
            )
        )
    if problems:
        raise InputError(msg("hard rules: {problems}", problems=join(problems)))
    teams = tuple(
        replace(
            t,
            observer_ids=changed[t.team_id],
            members=tuple(by_id[i].name for i in changed[t.team_id]),
        )
        if t.team_id in changed
        else t
        for t in mission.teams
    )
    return replace(mission, teams=teams)


def _team_of(mission: Mission, oid: str) -> Team:
    for t in mission.teams:
        if t.available and oid in t.observer_ids:
            return t
    raise InputError(msg("{observer} is in no team", observer=oid))


def move_observer(mission: Mission, oid: str, team_id: str) -> Mission:
    """``oid`` leaves its team for ``team_id`` (the old team must keep two)."""
    source = _team_of(mission, oid)
    if source.team_id == team_id:
        return mission
    target = mission.team_by_id[team_id]
    return _with(
        mission,
        {
            source.team_id: tuple(i for i in source.observer_ids if i != oid),
            team_id: (*target.observer_ids, oid),
        },
    )


def swap_observers(mission: Mission, a: str, b: str) -> Mission:
    """``a`` and ``b`` change teams."""
    ta, tb = _team_of(mission, a), _team_of(mission, b)
    if ta.team_id == tb.team_id:
        return mission
    return _with(
        mission,
        {
            ta.team_id: tuple(b if i == a else i for i in ta.observer_ids),
            tb.team_id: tuple(a if i == b else i for i in tb.observer_ids),
        },
    )
