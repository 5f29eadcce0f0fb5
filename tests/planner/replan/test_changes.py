"""CHANGES.yaml: parsing with located errors, checking against a mission, applying."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import InputError
from planner.model import Mission
from planner.replan.changes import (
    AreaBlocked,
    Pin,
    PriorityChange,
    StationClosed,
    StationMoved,
    TeamAdded,
    TeamUnavailable,
    VotingHours,
    apply_changes,
    blocked_areas,
    changes_to_yaml,
    check_changes,
    parse_changes_text,
    read_changes,
    record_changes,
)
from tests.factories import tiny_mission


@pytest.fixture
def mission() -> Mission:
    """Four teams on the two-region tiny mission."""
    return tiny_mission(n_teams=4)


def test_every_kind_is_read_with_its_values(data_dir: Path) -> None:
    changes = read_changes(data_dir / "changes" / "all_kinds.yaml")
    assert [c.kind for c in changes] == [
        "team_unavailable",
        "team_added",
        "polling_station_closed",
        "polling_station_moved",
        "voting_hours",
        "area_blocked",
        "priority",
        "pin",
    ]
    assert changes[0] == TeamUnavailable("T002", line=2)
    added = changes[1]
    assert isinstance(added, TeamAdded)
    assert (added.team_id, added.base_id, added.members) == (
        "T009",
        "BN",
        ("Ann Example", "Bo Example"),
    )
    assert changes[2] == StationClosed("N-0003", line=4)
    assert changes[3] == StationMoved("N-0004", 51.01, 71.02, line=5)
    assert changes[4] == VotingHours("W-0005", 480, 1140, line=6)
    area = changes[5]
    assert isinstance(area, AreaBlocked)
    assert area.name == "road closed"
    assert area.geometry.contains(area.geometry.centroid)
    assert changes[6] == PriorityChange(3.0, dec_id="N-D02", line=8)
    assert changes[7] == Pin("T001", "counting", ps_id="N-0001", line=9)


def test_unquoted_times_and_plain_ids_are_accepted() -> None:
    # YAML 1.1 would read 06:00 as a number of minutes; the change keeps the text.
    changes = parse_changes_text(
        "- voting_hours: {ps_id: N-0001, open_time: 06:00}\n- team_unavailable: {team_id: T1}\n"
    )
    assert changes == [VotingHours("N-0001", 360, None, line=1), TeamUnavailable("T1", line=2)]


def test_bad_file_names_line_and_key_of_every_problem(data_dir: Path) -> None:
    path = data_dir / "changes" / "bad.yaml"
    with pytest.raises(InputError) as err:
        read_changes(path)
    found = [(p.row, p.column) for p in err.value.problems]
    assert found == [(2, "open_time"), (3, "weigth"), (3, "weight"), (4, "station_burnt")]
    assert all(p.file == str(path) for p in err.value.problems)
    assert "HH:MM" in err.value.problems[0].message
    assert "unknown key 'weigth'" in err.value.problems[1].message


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        (
            "- voting_hours: {ps_id: A, open_time: '09:00', close_time: '08:00'}\n",
            1,
            "close_time",
            "after open_time",
        ),
        ("- priority: {weight: 2}\n", 1, "dec_id", "exactly one"),
        ("- priority: {dec_id: D, weight: -1}\n", 1, "weight", "> 0"),
        ("\n- polling_station_moved: {ps_id: A, lat: 95, lon: 10}\n", 2, "lat", "out of range"),
        ("- area_blocked: {polygon: [[1, 1], [2, 2]]}\n", 1, "polygon", "at least 3"),
        (
            "- area_blocked: {polygon: [[0, 0], [1, 1], [1, 0], [0, 1]]}\n",
            1,
            "polygon",
            "crosses itself",
        ),
        ("- pin: {team_id: T1, dec_id: D, phase: voting}\n", 1, "phase", "only be pinned"),
        ("- team_added: {team_id: T9}\n", 1, "base_id", "needs base_id"),
        ("- team_unavailable: [T1, T2]\n", 1, "team_unavailable", "needs"),
        ("team_unavailable: T1\n", 1, "", "list of changes"),
        ("- team_unavailable: T1\n  polling_station_closed: A\n", 1, "", "one 'kind: value'"),
        ("", 1, "", "no changes"),
        ("- [unclosed\n", 2, "", "not valid YAML"),
    ],
)
def test_each_kind_of_mistake_is_located(text: str, line: int, column: str, words: str) -> None:
    with pytest.raises(InputError) as err:
        parse_changes_text(text, "c.yaml")
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("c.yaml", line, column)
    assert words in problem.message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_changes(tmp_path / "nope.yaml")
    assert "no such file" in str(err.value)


def test_unknown_ids_are_named(mission: Mission, data_dir: Path) -> None:
    changes = read_changes(data_dir / "changes" / "unknown_ids.yaml")
    with pytest.raises(InputError) as err:
        check_changes(mission, changes, "unknown_ids.yaml")
    messages = [(p.row, p.column, p.message) for p in err.value.problems]
    assert messages == [
        (1, "team_id", "unknown team T999"),
        (2, "ps_id", "unknown polling station X-0001"),
        (3, "dec_id", "unknown DEC N-D77"),
    ]


def test_contradictions_are_refused(mission: Mission) -> None:
    changes = parse_changes_text(
        "- polling_station_closed: N-0001\n"
        "- pin: {team_id: T001, ps_id: N-0001}\n"
        "- team_unavailable: T003\n"
        "- pin: {team_id: T003, ps_id: N-0002}\n"
        "- team_added: {team_id: T001, base_id: BW}\n"
    )
    with pytest.raises(InputError) as err:
        check_changes(mission, changes)
    rows = sorted((p.row, p.column) for p in err.value.problems)
    assert rows == [(2, "ps_id"), (4, "team_id"), (5, "team_id")]


def test_pin_on_a_team_added_in_the_same_file_is_fine(mission: Mission) -> None:
    changes = parse_changes_text(
        "- team_added: {team_id: T050, base_id: BN}\n- pin: {team_id: T050, ps_id: N-0002}\n"
    )
    check_changes(mission, changes)


def test_applying_changes_the_mission_data(mission: Mission, data_dir: Path) -> None:
    changes = read_changes(data_dir / "changes" / "all_kinds.yaml")
    check_changes(mission, changes)
    new, applied = apply_changes(mission, changes)
    assert all(a.effective for a in applied)
    assert new.team_by_id["T002"].available is False
    assert new.team_by_id["T009"].base_id == "BN"
    assert new.team_by_id["T009"].available is True
    assert new.station_by_id["N-0003"].status == "closed"
    assert (new.station_by_id["N-0004"].lat, new.station_by_id["N-0004"].lon) == (51.01, 71.02)
    w5 = new.station_by_id["W-0005"]
    assert (w5.open_time, w5.close_time) == (480, 1140)
    rural = [p for p in new.polling_stations if p.dec_id == "N-D02"]
    assert rural and all(p.priority == 3.0 for p in rural)
    assert all(p.priority == 1.0 for p in new.polling_stations if p.dec_id != "N-D02")
    # the original is untouched (missions are immutable)
    assert mission.station_by_id["N-0003"].status == "open"
    assert len(new.polling_stations) == len(mission.polling_stations)


def test_applying_twice_is_a_no_op(mission: Mission, data_dir: Path) -> None:
    changes = read_changes(data_dir / "changes" / "all_kinds.yaml")
    once, applied = apply_changes(mission, changes)
    logged = record_changes(once, applied, plan_revision=2, source="all_kinds.yaml")
    twice, applied2 = apply_changes(logged, changes)
    effective = [a.change.kind for a in applied2 if a.effective]
    assert effective == ["pin"]  # pins are judged against the plan, not the data
    assert twice.polling_stations == once.polling_stations
    assert twice.teams == once.teams


def test_change_log_records_what_and_when_and_keeps_blocked_areas(mission: Mission) -> None:
    changes = parse_changes_text(
        "- polling_station_closed: N-0003\n"
        "- area_blocked: {polygon: [[71.3, 51.1], [71.5, 51.1], [71.5, 51.4]]}\n"
    )
    new, applied = apply_changes(mission, changes)
    logged = record_changes(new, applied, plan_revision=3, source="x.yaml")
    kinds = [(r.kind, r.plan_revision) for r in logged.change_log]
    assert kinds == [("polling_station_closed", 3), ("area_blocked", 3)]
    assert '"source": "x.yaml:1"' in logged.change_log[0].detail
    assert logged.change_log[0].at.startswith("20")
    areas = blocked_areas(logged)
    assert len(areas) == 1
    assert areas[0].contains(changes[1].geometry.centroid)  # type: ignore[union-attr]


def test_changes_round_trip_through_yaml(data_dir: Path) -> None:
    changes = read_changes(data_dir / "changes" / "all_kinds.yaml")
    again = parse_changes_text(changes_to_yaml(changes))
    strip = [{"kind": c.kind, **c.detail()} for c in changes]
    assert [{"kind": c.kind, **c.detail()} for c in again] == strip


def test_pin_outside_the_teams_regions_is_refused(mission: Mission) -> None:
    changes = parse_changes_text("- pin: {team_id: T001, ps_id: W-0003}\n")
    with pytest.raises(InputError) as err:
        check_changes(mission, changes)
    assert "which the base of team T001 (BN) does not cover" in str(err.value)
