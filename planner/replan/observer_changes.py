"""Observer changes in ``CHANGES.yaml``: an observer drops out or arrives.

::

    - observer_unavailable: O0123
    - observer_added: {observer_id: O0381, name: Ann Lee, gender: f, nationality: IE,
                       languages: "en, ru", experience: 3, base_id: AKT}

When an observer of a pair drops out, the partner is re-paired in the order the
setting ``repair_partners`` gives (default ``reserve, split, three``): with a reserve
(an available observer in no team) at the base, by taking a member of a team of
three at the base, or by joining another pair at the base as a three (the team is
then withdrawn and its day re-planned). A team that keeps two members keeps its
route. An added observer pairs with a reserve into a new team (routed by the
re-plan), else joins a pair as a three when the settings allow, else waits as a
reserve. The hard rules of team formation hold throughout (different nationalities,
not_with, base_id). What happened to whom goes to ``changes.csv`` (reason column).
Reading and checking them: :mod:`planner.replan.observer_input`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from planner.i18n import join, msg, parts_of
from planner.model import Mission, Team
from planner.observers import Observer
from planner.teams.rules import Rules

KINDS: tuple[str, ...] = ("observer_unavailable", "observer_added")
NOTE_SEP = " | "  # between the teams in a change's note: ``T012: ... | T034: ...``
TEAM_SEP = ": "  # between a team and what happened to it


@dataclass(frozen=True, slots=True)
class ObserverUnavailable:
    observer_id: str
    line: int = 0

    kind = "observer_unavailable"

    def detail(self) -> dict[str, Any]:
        return {"observer_id": self.observer_id}

    def describe(self) -> str:
        return f"observer {self.observer_id} is not available"


@dataclass(frozen=True, slots=True)
class ObserverAdded:
    observer: Observer
    line: int = 0
    given: tuple[str, ...] = field(default=())  # keys as written, for the YAML back

    kind = "observer_added"

    def detail(self) -> dict[str, Any]:
        o = self.observer
        out: dict[str, Any] = {"observer_id": o.observer_id, "name": o.name}
        out.update(gender=o.gender, nationality=o.nationality)
        if o.languages:
            out["languages"] = ", ".join(o.languages)
        for key in ("experience", "delegation", "arrival", "needs", "prefer_with", "base_id"):
            if getattr(o, key):
                out[key] = getattr(o, key)
        if o.not_with:
            out["not_with"] = "; ".join(o.not_with)
        if o.phone:
            out["phone"] = o.phone
        return out

    def describe(self) -> str:
        return f"observer {self.observer.observer_id} added"


# --------------------------------------------------------------------------- applying


def _ok(a: Observer, b: Observer) -> bool:
    return (
        a.nationality != b.nationality
        and a.observer_id not in b.not_with
        and b.observer_id not in a.not_with
    )


class _Roster:
    """Mutable working copy of observers and teams while changes are applied."""

    def __init__(self, mission: Mission) -> None:
        self.mission = mission
        self.rules = Rules.of(mission)
        self.obs = dict(mission.observer_by_id)
        self.teams = {t.team_id: t for t in mission.teams}
        self.order = [t.team_id for t in mission.teams]

    def team_of(self, oid: str) -> Team | None:
        for t in self.teams.values():
            if t.available and oid in t.observer_ids:
                return t
        return None

    def reserves(self, base_id: str) -> list[Observer]:
        teamed = {i for t in self.teams.values() if t.available for i in t.observer_ids}
        return [
            o
            for o in sorted(self.obs.values(), key=lambda o: o.observer_id)
            if o.available and o.observer_id not in teamed and o.base_id in ("", base_id)
        ]

    def set(self, team: Team, oids: Sequence[str], available: bool = True) -> Team:
        new = replace(
            team,
            observer_ids=tuple(oids),
            members=tuple(self.obs[i].name for i in oids),
            available=available,
        )
        self.teams[team.team_id] = new
        if team.team_id not in self.order:
            self.order.append(team.team_id)
        return new

    def cost(self, oids: Sequence[str], base_id: str) -> tuple[int, str]:
        return self.rules.team_cost([self.obs[i] for i in oids], base_id), ",".join(oids)

    def mission_out(self) -> Mission:
        return replace(
            self.mission,
            observers=tuple(self.obs.values()),
            teams=tuple(self.teams[t] for t in self.order),
        )


def _policy(mission: Mission) -> list[str]:
    text = mission.settings.repair_partners
    return [x.strip() for x in text.split(",") if x.strip()]


def _repair(w: _Roster, team: Team, partner: Observer, notes: dict[str, str], lead: str) -> None:
    """``team`` lost all members but ``partner``: find them a partner by the policy."""
    base, pid = team.base_id, partner.observer_id
    for way in _policy(w.mission):
        if way == "reserve":
            cands = [r for r in w.reserves(base) if r.observer_id != pid and _ok(r, partner)]
            if cands:
                best = min(cands, key=lambda r: w.cost((pid, r.observer_id), base))
                w.set(team, (pid, best.observer_id))
                notes[team.team_id] = msg(
                    "{lead}; {partner} now with reserve {reserve}",
                    lead=lead,
                    partner=pid,
                    reserve=best.observer_id,
                )
                return
        elif way == "split":
            for t in sorted(w.teams.values(), key=lambda t: t.team_id):
                if not t.available or t.base_id != base or len(t.observer_ids) != 3:
                    continue
                for m in t.observer_ids:
                    if _ok(w.obs[m], partner):
                        w.set(t, [i for i in t.observer_ids if i != m])
                        w.set(team, (pid, m))
                        notes[t.team_id] = msg(
                            "{observer} moved to {team} (team of three split)",
                            observer=m,
                            team=team.team_id,
                        )
                        notes[team.team_id] = msg(
                            "{lead}; {partner} now with {observer} from {team}",
                            lead=lead,
                            partner=pid,
                            observer=m,
                            team=t.team_id,
                        )
                        return
        elif way == "three" and _join_a_pair(w, team, partner, notes, lead):
            return
    w.set(team, (pid,), available=False)
    notes[team.team_id] = msg(
        "{lead}; no partner for {partner} (now a reserve): team withdrawn", lead=lead, partner=pid
    )


def _join_a_pair(
    w: _Roster, team: Team, partner: Observer, notes: dict[str, str], lead: str
) -> bool:
    """``partner`` joins another pair at the base as its third; ``team`` is withdrawn."""
    base, pid = team.base_id, partner.observer_id
    options = [
        t
        for t in w.teams.values()
        if t.available
        and t.team_id != team.team_id
        and t.base_id == base
        and len(t.observer_ids) == 2
        and all(_ok(w.obs[m], partner) for m in t.observer_ids)
    ]
    if not options:
        return False
    best = min(options, key=lambda t: (w.cost((*t.observer_ids, pid), base), t.team_id))
    w.set(best, (*best.observer_ids, pid))
    w.set(team, (), available=False)
    notes[best.team_id] = msg("{observer} joined (now a team of three)", observer=pid)
    notes[team.team_id] = msg(
        "{lead}; {partner} joined {team}: team withdrawn", lead=lead, partner=pid, team=best.team_id
    )
    return True


def _unavailable(w: _Roster, oid: str, notes: dict[str, str]) -> bool:
    o = w.obs[oid]
    if not o.available:
        return False
    team = w.team_of(oid)
    w.obs[oid] = replace(o, available=False)
    if team is None:
        return True
    rest = [i for i in team.observer_ids if i != oid]
    lead = msg("{observer_id} unavailable", observer_id=oid)
    if len(rest) >= 2:
        w.set(team, rest)
        notes[team.team_id] = msg(
            "{lead}; {first} and {second} continue as a pair",
            lead=lead,
            first=rest[0],
            second=rest[1],
        )
    elif rest:
        _repair(w, team, w.obs[rest[0]], notes, lead)
    else:
        w.set(team, (), available=False)
        notes[team.team_id] = msg("{lead}: team withdrawn", lead=lead)
    return True


def _added(w: _Roster, o: Observer, notes: dict[str, str]) -> None:
    w.obs[o.observer_id] = o
    bases = [o.base_id] if o.base_id else [b.base_id for b in w.mission.bases]
    for base in bases:
        mates = [r for r in w.reserves(base) if r.observer_id != o.observer_id and _ok(r, o)]
        if mates:
            mate = min(mates, key=lambda r: w.cost((o.observer_id, r.observer_id), base))
            base_of = mate.base_id or base
            withdrawn = [
                t
                for t in w.teams.values()
                if not t.available and mate.observer_id in t.observer_ids
            ]
            if withdrawn:  # the partner's own team comes back
                team = withdrawn[0]
            else:
                numbers = [int(t[1:]) for t in w.teams if t[1:].isdigit()]
                tid = f"T{max(numbers, default=0) + 1:03d}"
                team = Team(tid, base_of, ())
            w.set(replace(team, base_id=team.base_id or base_of), (mate.observer_id, o.observer_id))
            notes[team.team_id] = msg(
                "{observer} added, teamed with reserve {reserve}",
                observer=o.observer_id,
                reserve=mate.observer_id,
            )
            return
    if "three" in _policy(w.mission):
        options = [
            t
            for t in w.teams.values()
            if t.available
            and t.base_id in bases
            and len(t.observer_ids) == 2
            and all(_ok(w.obs[m], o) for m in t.observer_ids)
        ]
        if options:
            best = min(
                options,
                key=lambda t: (w.cost((*t.observer_ids, o.observer_id), t.base_id), t.team_id),
            )
            w.set(best, (*best.observer_ids, o.observer_id))
            notes[best.team_id] = msg(
                "{observer} added, joined as the third member", observer=o.observer_id
            )
            return
    notes[""] = msg("{observer} added as a reserve", observer=o.observer_id)


def apply(mission: Mission, changes: Sequence[Any]) -> tuple[Mission, dict[int, tuple[bool, str]]]:
    """Apply the observer changes among ``changes`` (in order). Returns the mission and,
    per index into ``changes``, whether it had an effect and the note: ``T012: what
    happened | T034: ...`` (see :func:`team_notes`)."""
    w = _Roster(mission)
    out: dict[int, tuple[bool, str]] = {}
    for k, c in enumerate(changes):
        notes: dict[str, str] = {}
        if isinstance(c, ObserverUnavailable):
            effective = _unavailable(w, c.observer_id, notes)
        elif isinstance(c, ObserverAdded):
            effective = c.observer.observer_id not in mission.observer_by_id
            if effective:
                _added(w, c.observer, notes)
        else:
            continue
        parts = [join([t, n], TEAM_SEP) if t else n for t, n in notes.items()]
        out[k] = (effective, join(parts, NOTE_SEP))
    return w.mission_out(), out


def team_notes(applied: Sequence[Any], team_ids: Collection[str]) -> dict[str, str]:
    """team_id -> what observer changes did to it, from ``Applied`` notes."""
    out: dict[str, list[str]] = {}
    for a in applied:
        if not isinstance(a.change, (ObserverUnavailable, ObserverAdded)):
            continue
        for part in parts_of(a.note, NOTE_SEP):
            pieces = parts_of(part, TEAM_SEP)  # [team, what happened]: a message stays one
            if len(pieces) >= 2 and pieces[0] in team_ids:
                text = pieces[1] if len(pieces) == 2 else TEAM_SEP.join(pieces[1:])
                out.setdefault(pieces[0], []).append(text)
    return {t: join(v) for t, v in out.items()}
