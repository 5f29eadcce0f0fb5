"""Team formation: the hard rules always hold, infeasible rosters are refused with
the reason, and a re-run after a few observers drop changes few teams."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import Cancelled, InputError
from planner.model import Mission
from planner.teams import form_teams
from tests.planner.teams.conftest import mission_with, roster


def check_hard_rules(mission: Mission, teams: tuple) -> None:
    """What must hold of any formed teams (independent of the solver's code)."""
    available = {o.observer_id: o for o in mission.observers if o.available}
    seen = Counter(oid for t in teams for oid in t.observer_ids)
    assert set(seen) == set(available), "every available observer in exactly one team"
    assert max(seen.values()) == 1
    sizes = Counter(len(t.observer_ids) for t in teams)
    assert set(sizes) <= {2, 3}
    allowed_threes = len(available) % 2 + mission.settings.teams_of_three
    assert sizes[3] <= allowed_threes
    for t in teams:
        members = [available[i] for i in t.observer_ids]
        assert len({o.nationality for o in members}) == len(members), t
        for o in members:
            assert not set(o.not_with) & set(t.observer_ids), t
            assert not o.base_id or o.base_id == t.base_id, t


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(4, 40),
    seed=st.integers(0, 10_000),
    threes=st.integers(0, 2),
    not_with=st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)), max_size=6),
    pinned_base=st.lists(st.integers(0, 39), max_size=4),
)
def test_hard_rules_hold_on_random_rosters(n, seed, threes, not_with, pinned_base) -> None:
    obs = list(roster(n, seed))
    for a, b in not_with:
        if a < n and b < n and a != b and obs[b].observer_id != obs[a].prefer_with:
            obs[a] = replace(obs[a], not_with=(*obs[a].not_with, obs[b].observer_id))
    for k, a in enumerate(pinned_base):
        if a < n:
            obs[a] = replace(obs[a], base_id=("BN", "BW")[k % 2])
    mission = mission_with(tuple(obs))
    mission = replace(mission, settings=replace(mission.settings, teams_of_three=threes))
    try:
        result = form_teams(mission, time_limit_s=1.0, seed=seed)
    except InputError as exc:  # refused: must say which rule
        assert any(p.column for p in exc.problems) or "hard rules" in str(exc)
        return
    check_hard_rules(mission, result.teams)


def test_one_nationality_too_many_is_refused_with_the_numbers() -> None:
    obs = roster(60, 1, countries=("FR", "GB", "SE"))
    obs = tuple(replace(o, nationality="DE") if k < 41 else o for k, o in enumerate(obs))
    with pytest.raises(InputError) as err:
        form_teams(mission_with(obs), time_limit_s=1.0)
    assert (
        "different nationalities: 41 of 60 available observers are of one nationality (DE), "
        "but each of the 30 teams can take only one of them"
    ) in str(err.value)


def test_more_teams_than_the_bases_take_is_refused() -> None:
    mission = mission_with(roster(20, 2))
    mission = replace(mission, settings=replace(mission.settings, team_capacities="BN=3, BW=4"))
    with pytest.raises(
        InputError,
        match=r"base capacities: 20 available observers make at least 10 teams, but the "
        r"bases take 7",
    ):
        form_teams(mission, time_limit_s=1.0)


def test_observer_nobody_may_join_is_named() -> None:
    obs = list(roster(6, 3, countries=("DE", "FR")))
    obs = [replace(o, nationality="DE" if k else "FR") for k, o in enumerate(obs)]
    obs[0] = replace(obs[0], not_with=tuple(o.observer_id for o in obs[1:]))
    with pytest.raises(InputError, match="O001 \\(FR\\) can be teamed with nobody"):
        form_teams(mission_with(tuple(obs)), time_limit_s=1.0)


def test_same_seed_same_teams_and_soft_rules_explained() -> None:
    mission = mission_with(roster(30, 4))
    first = form_teams(mission, time_limit_s=2.0, seed=3)
    again = form_teams(mission, time_limit_s=2.0, seed=3)
    assert first.teams == again.teams
    check_hard_rules(mission, first.teams)
    assert len(first.teams) == 15
    for team in first.teams:
        for broken in first.broken[team.team_id]:
            assert broken.reason, broken  # every broken rule says why


def test_pinned_team_and_base_kept() -> None:
    obs = roster(20, 5)
    first = form_teams(mission_with(obs), time_limit_s=2.0)
    pinned = replace(first.teams[0], pinned=True)
    # its members wish for partners elsewhere: the pin still wins
    lured = {pinned.observer_ids[0]: first.teams[1].observer_ids[0]}
    obs = tuple(replace(o, prefer_with=lured.get(o.observer_id, "")) for o in obs)
    mission = replace(mission_with(obs), teams=(pinned, *first.teams[1:]))
    result = form_teams(mission, time_limit_s=2.0)
    kept = next(t for t in result.teams if t.team_id == pinned.team_id)
    assert kept.observer_ids == pinned.observer_ids and kept.base_id == pinned.base_id
    assert [b.rule for b in result.broken[kept.team_id]].count("prefer_with") == 1


def test_three_observers_drop_changes_only_their_teams_plus_three() -> None:
    obs = roster(40, 6)
    first = form_teams(mission_with(obs), time_limit_s=2.0)
    mission = replace(mission_with(obs), teams=first.teams)
    gone = {
        first.teams[2].observer_ids[0],
        first.teams[7].observer_ids[1],
        first.teams[11].observer_ids[0],
    }
    mission = replace(
        mission,
        observers=tuple(replace(o, available=o.observer_id not in gone) for o in obs),
    )
    concerned = {t.team_id for t in first.teams if set(t.observer_ids) & gone}
    second = form_teams(mission, time_limit_s=2.0)
    check_hard_rules(mission, second.teams)
    before = {t.team_id: (t.base_id, t.observer_ids) for t in first.teams}
    changed = {
        t.team_id for t in second.teams if before.get(t.team_id) != (t.base_id, t.observer_ids)
    } | (set(before) - {t.team_id for t in second.teams})
    assert len(changed - concerned) <= 3, (changed, concerned)
    assert set(second.changed) | set(second.removed) == changed


def test_cancel_stops_the_search() -> None:
    with pytest.raises(Cancelled):
        form_teams(mission_with(roster(30, 7)), time_limit_s=5.0, should_stop=lambda: True)
