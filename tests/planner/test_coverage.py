"""Coverage figures and coverage.csv on a hand-made plan whose numbers are known."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from planner.coverage import REFERENCE_2011, coverage
from planner.export.coverage_csv import COLUMNS, write_coverage_csv
from planner.model import Plan, Settings
from tests.factories import tiny_mission
from tests.planner.test_validate_builder import valid_plan

# The hand-made plan (see test_validate_builder.VALID_STOPS):
# openings N-0002, W-0002, N-0012; counts N-0005, W-0011, N-0014;
# tabulation N-D01, W-D02, N-D02; 10 voting visits: 7 in N (3 rural), 3 in W (2 rural),
# one at the N hospital N-0001. Each region has 16 located stations (8 urban, 8 rural)
# and N also the abroad station, which cannot be visited.


def test_totals_count_what_the_plan_observes() -> None:
    m, plan = valid_plan()
    s = coverage(m, plan).summary()
    assert s["openings"] == 3
    assert s["voting_visits"] == 10
    assert s["distinct_voting_stations"] == 10
    assert s["counts"] == 3
    assert s["tabulation_decs"] == 3
    assert s["dec_coverage"] == 4  # every DEC has a voting visit
    assert s["stations"] == 33 and s["located_stations"] == 32
    assert s["special_voting_visits"] == 1
    assert s["teams"] == 3 and s["teams_available"] == 3 and s["teams_unassigned"] == 0
    assert s["rural_ratio"] == pytest.approx(1.0)  # 5 of 10 visits rural, 16 of 32 stations
    assert s["region_ratio_min"] == pytest.approx(0.6)  # W: 30 % of visits, 50 % of stations
    assert s["region_ratio_max"] == pytest.approx(1.4)  # N: 70 % of visits


def test_region_and_dec_figures() -> None:
    m, plan = valid_plan()
    cov = coverage(m, plan)
    north, west = cov.region("N"), cov.region("W")
    assert north is not None and west is not None
    assert (north.stations, north.located_stations) == (17, 16)
    assert (north.urban_stations, north.rural_stations) == (8, 8)
    assert north.special("hospital") == 1 and north.special("abroad") == 0  # abroad not located
    assert (north.openings, north.voting_visits, north.counts, north.tabulations) == (2, 7, 2, 2)
    assert (north.rural_voting_visits, north.urban_voting_visits) == (3, 4)
    assert north.rural_ratio == pytest.approx((3 / 7) / 0.5)
    assert west.visit_share == pytest.approx(0.3) and west.station_share == pytest.approx(0.5)
    assert west.decs == 2 and west.decs_with_voting == 2
    n_town = cov.dec("N-D01")
    assert n_town is not None
    assert (n_town.voting_visits, n_town.special_voting_visits) == (4, 1)
    assert n_town.special_visits("hospital") == 1 and n_town.special_visits("military") == 0
    assert n_town.openings == 1 and n_town.counts == 1 and n_town.tabulations == 1
    assert n_town.phase_share("voting") == pytest.approx(4 / 8)
    assert n_town.phase_share("tabulation") == 1.0
    assert cov.total.priority_weighted_visits == pytest.approx(10.0)


def test_voter_basis_changes_the_region_ratio() -> None:
    m, plan = valid_plan()
    m2 = dataclasses.replace(
        m, settings=dataclasses.replace(m.settings, region_balance_basis="voters")
    )
    cov = coverage(m2, plan)
    north = cov.region("N")
    assert north is not None and north.voter_share is not None
    assert cov.region_ratios()["N"] == pytest.approx(0.7 / north.voter_share)


def test_repeated_visits_count_once_as_stations() -> None:
    m, plan = valid_plan()
    r = plan.routes[0]
    doubled = dataclasses.replace(r, visits=(*r.visits[:2], r.visits[1], *r.visits[2:]))
    s = coverage(m, dataclasses.replace(plan, routes=(doubled, *plan.routes[1:]))).summary()
    assert s["voting_visits"] == 11 and s["distinct_voting_stations"] == 10


def test_no_plan_means_nothing_observed_and_undefined_ratios() -> None:
    m = tiny_mission()
    cov = coverage(m, None)
    s = cov.summary()
    assert s["voting_visits"] == 0 and s["teams"] == 0 and s["teams_unassigned"] == 3
    assert s["region_ratio_min"] is None and s["rural_ratio"] is None
    assert cov.total.station_share == 1.0


def test_closed_stations_and_unavailable_teams_are_left_out() -> None:
    m, plan = valid_plan()
    closed = tuple(
        dataclasses.replace(p, status="closed") if p.ps_id == "N-0016" else p
        for p in m.polling_stations
    )
    teams = (*m.teams, dataclasses.replace(m.teams[0], team_id="T009", available=False))
    m2 = dataclasses.replace(m, polling_stations=closed, teams=teams)
    s = coverage(m2, Plan(routes=plan.routes[:2])).summary()
    assert s["stations"] == 32
    assert s["teams_available"] == 3 and s["teams"] == 2 and s["teams_unassigned"] == 1


def test_comparison_with_2011() -> None:
    m, plan = valid_plan()
    rows = coverage(m, plan).compare_2011()
    assert [r[0] for r in rows] == list(REFERENCE_2011)
    assert {r[0]: r[1] for r in rows}["voting_visits"] == 1622
    assert {r[0]: r[2] for r in rows}["counts"] == 3


def test_coverage_csv_rows_and_columns(tmp_path: Path) -> None:
    m, plan = valid_plan()
    path = write_coverage_csv(m, plan, tmp_path / "out" / "coverage.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0].keys()) == COLUMNS
    assert [r["level"] for r in rows] == ["total", "region", "region", "dec", "dec", "dec", "dec"]
    total, north = rows[0], rows[1]
    assert total["voting_visits"] == "10" and total["tabulations"] == "3"
    assert total["rural_ratio"] == "1.0000"
    assert north["region_id"] == "N" and north["ratio_stations"] == "1.4000"
    assert north["special_hospital"] == "1" and north["special_stations"] == "1"
    assert north["visits_hospital"] == "1" and rows[2]["visits_hospital"] == "0"
    w_rural = next(r for r in rows if r["dec_id"] == "W-D02")
    assert (w_rural["region_id"], w_rural["counts"], w_rural["voting_visits"]) == ("W", "1", "2")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["coverage.csv"]  # no temp left


def test_coverage_csv_without_visits_leaves_ratios_empty(tmp_path: Path) -> None:
    m = tiny_mission(settings=Settings(lunch_break_min=0))
    path = write_coverage_csv(m, Plan(routes=()), tmp_path / "coverage.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["ratio_stations"] == "" and rows[0]["voting_visits"] == "0"
