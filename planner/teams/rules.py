"""The soft rules of team formation: what each costs, and how a broken one is explained.

One home for every soft rule: the CP-SAT models get their costs from here
(:meth:`Rules.team_cost`), and the result's per-team explanations
(:meth:`Rules.broken`) and the benchmark's penalty (:func:`penalty`) use the same
code. Weights come from the mission settings (group "Teams", docs/teams.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from planner.i18n import join, msg
from planner.model import Mission, Settings
from planner.observers import Observer

RULES: tuple[str, ...] = (
    "mixed_gender",
    "experience",
    "local_language",
    "prefer_with",
    "delegation",
    "priority_base",
)


@dataclass(frozen=True, slots=True)
class Broken:
    """A soft rule a team breaks, with its weight and the reason in words."""

    rule: str
    weight: int
    reason: str = ""

    def __str__(self) -> str:
        return f"{self.rule}: {self.reason}" if self.reason else self.rule


def rural_bases(mission: Mission) -> frozenset[str]:
    """Bases most of whose usable polling stations are rural."""
    out = set()
    for base in mission.bases:
        kinds = Counter(
            p.settlement
            for p in mission.polling_stations
            if p.region_id in base.region_ids and p.status == "open" and p.located
        )
        if kinds["rural"] > kinds["urban"]:
            out.add(base.base_id)
    return frozenset(out)


def _ids(text: str) -> frozenset[str]:
    return frozenset(x.strip() for x in text.replace(";", ",").split(",") if x.strip())


@dataclass(frozen=True)
class Rules:
    settings: Settings
    rural: frozenset[str] = frozenset()
    priority: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, mission: Mission) -> Rules:
        return cls(mission.settings, rural_bases(mission), _ids(mission.settings.priority_bases))

    def language_weight(self, base_id: str) -> int:
        w = self.settings.weight_local_language
        return 2 * w if base_id in self.rural else w

    def experience_weight(self, base_id: str) -> int:
        s = self.settings
        return s.weight_experienced + (s.weight_priority_base if base_id in self.priority else 0)

    def broken(self, team: Sequence[Observer], base_id: str) -> list[Broken]:
        """The soft rules ``team`` breaks at ``base_id`` (without reasons)."""
        s = self.settings
        out = []
        if len({o.gender for o in team}) == 1:
            out.append(Broken("mixed_gender", s.weight_mixed_gender))
        if not any(o.experienced for o in team):
            out.append(Broken("experience", s.weight_experienced))
            if base_id in self.priority:
                out.append(Broken("priority_base", s.weight_priority_base))
        if not any(o.speaks(s.local_language) for o in team):
            out.append(Broken("local_language", self.language_weight(base_id)))
        ids = {o.observer_id for o in team}
        unmet = sum(1 for o in team if o.prefer_with and o.prefer_with not in ids)
        if unmet:
            out.append(Broken("prefer_with", unmet * s.weight_prefer_with))
        if self._against_delegation(team):
            out.append(Broken("delegation", s.weight_delegation))
        return out

    def _against_delegation(self, team: Sequence[Observer]) -> bool:
        policy = self.settings.delegation_policy
        groups = {o.delegation.strip().casefold() if o.in_delegation else "" for o in team}
        if policy == "keep":  # a member of a delegation with someone from outside it
            return len(groups) > 1 and any(groups)
        if policy == "mix":  # a team made of one delegation only
            return len(groups) == 1 and "" not in groups
        return False

    def team_cost(self, team: Sequence[Observer], base_id: str) -> int:
        return sum(b.weight for b in self.broken(team, base_id))

    def dominance(self, observers: Iterable[Observer]) -> tuple[int, str]:
        """Penalty and words for a base's observers when one nationality is over the share."""
        group = list(observers)
        if not group:
            return 0, ""
        nat, count = max(Counter(o.nationality for o in group).items(), key=lambda x: (x[1], x[0]))
        limit = int(self.settings.max_nationality_share * len(group))
        if count <= limit:
            return 0, ""
        over = count - limit
        return over * self.settings.weight_nationality, msg(
            "{count} of {total} observers are {nationality} (share limit {share:.0%})",
            count=count,
            total=len(group),
            nationality=nat,
            share=self.settings.max_nationality_share,
        )


def penalty(rules: Rules, teams: Iterable[tuple[str, Sequence[Observer]]]) -> int:
    """Total soft-rule penalty of (base_id, members) teams, base balance included."""
    total = 0
    by_base: dict[str, list[Observer]] = {}
    for base_id, members in teams:
        total += rules.team_cost(members, base_id)
        by_base.setdefault(base_id, []).extend(members)
    return total + sum(rules.dominance(obs)[0] for obs in by_base.values())


def explain(
    rules: Rules,
    rule: str,
    team: Sequence[Observer],
    base: Sequence[Observer],
    where: Mapping[str, str] | None = None,
) -> str:
    """Why ``team`` breaks ``rule``, from the make-up of its base's observers ``base``."""
    s = rules.settings
    n_teams = max(1, len(base) // 2)
    if rule == "mixed_gender":
        women = sum(o.gender == "f" for o in base)
        return msg(
            "all {gender}; the base has {women} women among {total} observers ({teams} teams)",
            gender=team[0].gender,
            women=women,
            total=len(base),
            teams=n_teams,
        )
    if rule in ("experience", "priority_base"):
        return _no_experience(rule, base, n_teams)
    if rule == "local_language":
        lang = s.local_language
        speakers = sum(o.speaks(lang) for o in base)
        return msg(
            "no {language} speaker; the base has {speakers} for {teams} teams",
            language=lang,
            speakers=speakers,
            teams=n_teams,
        )
    if rule == "prefer_with":
        wishes = [
            o for o in team if o.prefer_with and o.prefer_with not in {t.observer_id for t in team}
        ]
        where = where or {}
        return join(
            msg(
                "{observer} wished {partner} ({where})",
                observer=o.observer_id,
                partner=o.prefer_with,
                where=where.get(o.prefer_with) or msg("not available"),
            )
            for o in wishes
        )
    if rule == "delegation":
        return msg("against the delegation policy '{policy}'", policy=s.delegation_policy)
    return ""


def _no_experience(rule: str, base: Sequence[Observer], n_teams: int) -> str:
    exp = sum(o.experienced for o in base)
    if rule == "priority_base":
        return msg(
            "nobody with 2+ missions; the base has {experienced} experienced for {teams} "
            "teams (priority base)",
            experienced=exp,
            teams=n_teams,
        )
    return msg(
        "nobody with 2+ missions; the base has {experienced} experienced for {teams} teams",
        experienced=exp,
        teams=n_teams,
    )
