"""CHANGES.yaml observer_unavailable / observer_added: the partner is re-paired by the
settings' order, a surviving team stays available, and the notes say who went where."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.errors import InputError
from planner.model import Team
from planner.observers import Observer
from planner.replan.changes import (
    apply_changes,
    changes_to_yaml,
    check_changes,
    parse_changes_text,
)
from planner.replan.observer_changes import team_notes
from tests.factories import tiny_mission


def _o(oid: str, nat: str, **kw: object) -> Observer:
    return Observer(oid, f"Name {oid}", kw.pop("gender", "m"), nat, ("en",), **kw)  # type: ignore[arg-type]


def _mission(observers: list[Observer], teams: list[tuple[str, str, tuple[str, ...]]]):
    m = tiny_mission()
    names = {o.observer_id: o.name for o in observers}
    return replace(
        m,
        observers=tuple(observers),
        teams=tuple(
            Team(tid, base, tuple(names[i] for i in ids), observer_ids=ids)
            for tid, base, ids in teams
        ),
    )


def _run(mission, text: str):
    changes = parse_changes_text(text)
    check_changes(mission, changes, "CHANGES.yaml")
    return apply_changes(mission, changes)


def test_partner_is_re_paired_with_a_reserve_and_the_team_survives() -> None:
    obs = [_o("O1", "DE"), _o("O2", "FR"), _o("O3", "DE"), _o("O4", "IT"), _o("O5", "SE")]
    mission = _mission(obs, [("T1", "BN", ("O1", "O2")), ("T2", "BN", ("O3", "O4"))])
    after, applied = _run(mission, "- observer_unavailable: O2\n")
    t1 = after.team_by_id["T1"]
    assert t1.available and t1.observer_ids == ("O1", "O5")
    assert t1.members == ("Name O1", "Name O5")
    assert not after.observer_by_id["O2"].available
    assert team_notes(applied, {"T1", "T2"}) == {"T1": "O2 unavailable; O1 now with reserve O5"}


def test_no_reserve_splits_a_three_then_joins_a_pair() -> None:
    obs = [_o(f"O{k}", nat) for k, nat in enumerate(["DE", "FR", "IT", "SE", "PL", "GB", "US"], 1)]
    mission = _mission(
        obs,
        [("T1", "BN", ("O1", "O2")), ("T2", "BN", ("O3", "O4", "O5")), ("T3", "BN", ("O6", "O7"))],
    )
    after, _ = _run(mission, "- observer_unavailable: O2\n")
    assert after.team_by_id["T1"].observer_ids == ("O1", "O3")  # split the three
    assert after.team_by_id["T2"].observer_ids == ("O4", "O5")
    after2, applied = _run(after, "- observer_unavailable: O3\n- observer_unavailable: O5\n")
    # no reserve and no three left: O1 joined a pair as its third, T1 was withdrawn;
    # then O5 left that three, which goes on as a pair
    assert not after2.team_by_id["T1"].available
    assert "O1 joined" in applied[0].note and "team withdrawn" in applied[0].note
    with_o1 = [t for t in after2.teams if t.available and "O1" in t.observer_ids]
    assert len(with_o1) == 1 and len(with_o1[0].observer_ids) == 2
    assert "continue as a pair" in applied[1].note


def test_added_observer_pairs_with_a_reserve_into_a_new_team() -> None:
    obs = [_o("O1", "DE"), _o("O2", "FR"), _o("O3", "IT")]
    mission = _mission(obs, [("T1", "BW", ("O1", "O2"))])
    text = "- observer_added: {observer_id: O9, name: Ann Lee, gender: f, nationality: IE}\n"
    after, applied = _run(mission, text)
    new = [t for t in after.teams if "O9" in t.observer_ids]
    assert new and new[0].available and set(new[0].observer_ids) == {"O3", "O9"}
    assert applied[0].effective
    assert changes_to_yaml(parse_changes_text(text)).startswith(
        "- observer_added: {observer_id: O9"
    )


def test_unknown_observer_and_bad_fields_are_named_by_line() -> None:
    mission = _mission([_o("O1", "DE"), _o("O2", "FR")], [("T1", "BN", ("O1", "O2"))])
    with pytest.raises(InputError) as err:
        _run(mission, "- observer_unavailable: O1\n- observer_unavailable: O77\n")
    assert "CHANGES.yaml:2:observer_id: unknown observer O77" in str(err.value)
    with pytest.raises(InputError) as err:
        parse_changes_text(
            "- observer_added: {observer_id: O9, name: X, gender: q, nationality: IE}\n"
        )
    assert "CHANGES.yaml:1:observer_added" in str(err.value) and "gender" in str(err.value)


def test_route_sheets_name_each_observer_with_nationality_and_languages() -> None:
    from planner.teams.edit import observer_line

    obs = [_o("O1", "DE"), replace(_o("O2", "FR"), languages=("fr", "ru"), phone="+33 1")]
    mission = _mission(obs, [("T1", "BN", ("O1", "O2"))])
    assert observer_line(mission, mission.team_by_id["T1"]) == (
        "Name O1 (DE; en); Name O2 (FR; fr, ru; +33 1)"
    )
    bare = Team("T9", "BN", ("A. Person", "B. Person"))
    assert observer_line(mission, bare) == "A. Person; B. Person"
