"""``coverage.csv``: the plan's coverage per region, per DEC and in total.

One row per area; the ``level`` column says which (``total``, ``region``, ``dec``).
Rows come in that order: the total first, then every region, then every DEC
(sorted by region, then DEC). Columns are documented in ``docs/coverage.md``.
"""

from __future__ import annotations

from pathlib import Path

from planner.coverage import SPECIAL_KIND_ORDER, AreaCoverage, Coverage, coverage
from planner.export.coverage_expected import EXPECTED_COLUMNS, AreaKey, expected_by_area
from planner.export.csv_safe import csv_text
from planner.export.safe_paths import write_atomic
from planner.model import Mission, Plan

COLUMNS: tuple[str, ...] = (
    "level",
    "region_id",
    "dec_id",
    "name",
    "stations",
    "voters",
    "located_stations",
    "urban_stations",
    "rural_stations",
    "special_stations",
    *(f"special_{k}" for k in SPECIAL_KIND_ORDER),
    "decs",
    "decs_with_voting",
    "openings",
    "voting_visits",
    "distinct_voting_stations",
    "counts",
    "tabulations",
    "observed_stations",
    "urban_voting_visits",
    "rural_voting_visits",
    "special_voting_visits",
    *(f"visits_{k}" for k in SPECIAL_KIND_ORDER),
    "priority_weighted_visits",
    "station_share",
    "voter_share",
    "visit_share",
    "ratio_stations",
    "ratio_voters",
    "rural_station_share",
    "rural_visit_share",
    "rural_ratio",
    "opening_share",
    "voting_share",
    "counting_share",
    "tabulation_share",
    *EXPECTED_COLUMNS,  # after delays (coverage_expected.py)
)


def _num(value: float | None) -> str:
    """Shares and ratios with 4 decimals; an undefined one is an empty cell."""
    return "" if value is None else f"{value:.4f}"


def _row(a: AreaCoverage) -> dict[str, str]:
    row = {
        "level": a.level,
        "region_id": a.region_id,
        "dec_id": a.area_id if a.level == "dec" else "",
        "name": a.name,
        "stations": str(a.stations),
        "voters": str(a.voters),
        "located_stations": str(a.located_stations),
        "urban_stations": str(a.urban_stations),
        "rural_stations": str(a.rural_stations),
        "special_stations": str(a.special_total),
        "decs": str(a.decs),
        "decs_with_voting": str(a.decs_with_voting),
        "openings": str(a.openings),
        "voting_visits": str(a.voting_visits),
        "distinct_voting_stations": str(a.distinct_voting_stations),
        "counts": str(a.counts),
        "tabulations": str(a.tabulations),
        "observed_stations": str(a.observed_stations),
        "urban_voting_visits": str(a.urban_voting_visits),
        "rural_voting_visits": str(a.rural_voting_visits),
        "special_voting_visits": str(a.special_voting_visits),
        "priority_weighted_visits": f"{a.priority_weighted_visits:.2f}",
        "station_share": _num(a.station_share),
        "voter_share": _num(a.voter_share),
        "visit_share": _num(a.visit_share),
        "ratio_stations": _num(a.ratio_stations),
        "ratio_voters": _num(a.ratio_voters),
        "rural_station_share": _num(a.rural_station_share),
        "rural_visit_share": _num(a.rural_visit_share),
        "rural_ratio": _num(a.rural_ratio),
        "opening_share": _num(a.phase_share("opening")),
        "voting_share": _num(a.phase_share("voting")),
        "counting_share": _num(a.phase_share("counting")),
        "tabulation_share": _num(a.phase_share("tabulation")),
    }
    for kind in SPECIAL_KIND_ORDER:
        row[f"special_{kind}"] = str(a.special(kind))
        row[f"visits_{kind}"] = str(a.special_visits(kind))
    return row


def coverage_rows(cov: Coverage) -> list[dict[str, str]]:
    """The rows of ``coverage.csv`` as text: total, regions, then DECs."""
    decs = sorted(cov.decs, key=lambda a: (a.region_id, a.area_id))
    return [_row(a) for a in (cov.total, *cov.regions, *decs)]


def coverage_csv(cov: Coverage, expected: dict[AreaKey, dict[str, str]] | None = None) -> str:
    """The file's text; cells a spreadsheet would run as formulas are defused."""
    blank = dict.fromkeys(EXPECTED_COLUMNS, "")
    rows = []
    for row in coverage_rows(cov):
        key = (row["level"], row["region_id"], row["dec_id"])
        rows.append({**row, **(expected or {}).get(key, blank)})
    return csv_text(COLUMNS, rows)


def write_coverage_csv(mission: Mission, plan: Plan | None, path: Path) -> Path:
    """Write ``coverage.csv`` for ``plan`` (UTF-8, comma-separated, header row).

    The file is written beside its destination and moved into place, so a reader
    never sees half a file; it gets the user's usual permissions (umask).
    """
    return write_atomic(
        path, coverage_csv(coverage(mission, plan), expected_by_area(mission, plan))
    )
