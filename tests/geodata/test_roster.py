"""The demo's fictional roster has the stated make-up and its teams keep the rules."""

from __future__ import annotations

from collections import Counter

from geodata import DEMO_MISSION
from geodata.roster import build_roster
from planner.io.mission import open_mission
from tests.planner.teams.test_form import check_hard_rules


def test_roster_make_up_follows_the_stated_facts() -> None:
    roster = build_roster()
    assert len(roster) == 380
    seconded = Counter(o.nationality for o in roster if not o.in_delegation)
    assert len(seconded) == 43 and sum(seconded.values()) == 300
    assert max(seconded.values()) >= 10 * min(seconded.values())  # uneven
    assert sum(o.delegation == "OSCE PA" for o in roster) == 80
    share = lambda pred: sum(map(pred, roster)) / len(roster)  # noqa: E731
    assert 0.35 <= share(lambda o: o.gender == "f") <= 0.45
    assert 0.45 <= share(lambda o: o.experienced) <= 0.6
    assert 0.1 <= share(lambda o: o.speaks("ru")) <= 0.3
    assert sum(bool(o.not_with) for o in roster) >= 3
    assert sum(bool(o.prefer_with) for o in roster) >= 3
    assert build_roster() == roster  # deterministic


def test_demo_teams_come_from_the_roster_and_keep_the_hard_rules() -> None:
    mission = open_mission(DEMO_MISSION)
    assert len(mission.observers) == 380 and len(mission.teams) == 190
    check_hard_rules(mission, mission.teams)
    names = {o.observer_id: o.name for o in mission.observers}
    for t in mission.teams:
        assert t.members == tuple(names[i] for i in t.observer_ids)
