"""CSV files for observation-report platforms (Apollo-style): locations and participants.

Platforms such as Apollo receive the observers' checklists by SMS or app and need
two lists before election day: the *locations* (every polling station with its
administrative levels, so that a report can be tied to a place) and the
*participants* (every observer with a role and an assigned location). The column
sets here are our own, documented in ``docs/exports.md``; map them onto the
platform's import dialog. UTF-8, comma-separated, one header row.

Text that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``
or ``@``) is prefixed with an apostrophe in every cell (:mod:`planner.export.csv_safe`).
"""

from __future__ import annotations

from pathlib import Path

from planner.export.csv_safe import csv_text
from planner.export.safe_paths import write_atomic
from planner.model import Mission, Plan

LOCATION_COLUMNS = (
    "location_id",
    "code",
    "name",
    "level",
    "parent_id",
    "region_id",
    "region_name",
    "dec_id",
    "dec_name",
    "address",
    "lat",
    "lon",
    "registered_voters",
    "settlement",
    "kind",
    "open_time",
    "close_time",
    "status",
    "planned_phases",
    "planned_teams",
)
PARTICIPANT_COLUMNS = (
    "participant_id",
    "name",
    "role",
    "team_id",
    "partner_id",
    "location_id",
    "assigned_locations",
    "region_id",
    "base_id",
    "phone",
    "supervisor_contact",
)


def _text(value: str) -> str:
    """Defuse spreadsheet formulas in free text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


# size: one column per Apollo field
def location_rows(mission: Mission, plan: Plan | None) -> list[dict[str, str]]:
    """Regions, then DECs, then polling stations, each with its parent."""
    phases: dict[str, list[str]] = {}
    teams: dict[str, list[str]] = {}
    if plan is not None:
        for team_id, _, v in plan.visits():
            key = v.ps_id or v.dec_id
            if v.phase not in phases.setdefault(key, []):
                phases[key].append(v.phase)
            if team_id not in teams.setdefault(key, []):
                teams[key].append(team_id)
    empty = dict.fromkeys(LOCATION_COLUMNS, "")
    rows: list[dict[str, str]] = []
    for r in mission.regions:
        rows.append(
            {
                **empty,
                "location_id": r.region_id,
                "code": r.iso_code or r.region_id,
                "name": _text(r.name),
                "level": "region",
                "region_id": r.region_id,
                "region_name": _text(r.name),
            }
        )
    for d in mission.decs:
        region = mission.region_by_id.get(d.region_id)
        rows.append(
            {
                **empty,
                "location_id": d.dec_id,
                "code": d.dec_id,
                "name": _text(d.name),
                "level": "dec",
                "parent_id": d.region_id,
                "region_id": d.region_id,
                "region_name": _text(region.name) if region else "",
                "dec_id": d.dec_id,
                "dec_name": _text(d.name),
                "lat": f"{d.lat:.6f}",
                "lon": f"{d.lon:.6f}",
                "planned_phases": ";".join(phases.get(d.dec_id, ())),
                "planned_teams": ";".join(teams.get(d.dec_id, ())),
            }
        )
    for p in mission.polling_stations:
        region = mission.region_by_id.get(p.region_id)
        dec = mission.dec_by_id.get(p.dec_id)
        rows.append(
            {
                **empty,
                "location_id": p.ps_id,
                "code": str(p.pec_number),
                "name": _text(p.name),
                "level": "polling_station",
                "parent_id": p.dec_id,
                "region_id": p.region_id,
                "region_name": _text(region.name) if region else "",
                "dec_id": p.dec_id,
                "dec_name": _text(dec.name) if dec else "",
                "address": _text(p.address),
                "lat": "" if p.lat is None else f"{p.lat:.6f}",
                "lon": "" if p.lon is None else f"{p.lon:.6f}",
                "registered_voters": str(p.voters),
                "settlement": p.settlement,
                "kind": p.kind,
                "open_time": f"{p.open_time // 60:02d}:{p.open_time % 60:02d}",
                "close_time": f"{p.close_time // 60:02d}:{p.close_time % 60:02d}",
                "status": p.status,
                "planned_phases": ";".join(phases.get(p.ps_id, ())),
                "planned_teams": ";".join(teams.get(p.ps_id, ())),
            }
        )
    return rows


def participant_rows(mission: Mission, plan: Plan | None) -> list[dict[str, str]]:
    """Observers (two per team), then each team's interpreter and driver.

    ``location_id`` is where the team reports its closing and count (the counting
    station), else its first station; ``assigned_locations`` lists every stop in
    order.
    """
    rows: list[dict[str, str]] = []
    for team in mission.teams:
        route = plan.route(team.team_id) if plan is not None else None
        stops = [v.ps_id or v.dec_id for v in route.visits] if route else []
        counting = [v.ps_id for v in route.visits if v.phase == "counting"] if route else []
        location = counting[0] if counting else (stops[0] if stops else "")
        region = ""
        if route and route.visits:
            region = route.visits[0].region_id
        base = mission.base_by_id.get(team.base_id)
        common = {
            "team_id": team.team_id,
            "location_id": location,
            "assigned_locations": ";".join(stops),
            "region_id": region,
            "base_id": team.base_id,
            "phone": team.phone,
            "supervisor_contact": _text(base.contacts) if base else "",
        }
        ids = [f"{team.team_id}-{i}" for i in range(1, len(team.members) + 1)]
        for i, member in enumerate(team.members):
            partners = [x for j, x in enumerate(ids) if j != i]
            rows.append(
                {
                    "participant_id": ids[i],
                    "name": _text(member),
                    "role": "observer",
                    "partner_id": ";".join(partners),
                    **common,
                }
            )
        for role, name in (("interpreter", team.interpreter), ("driver", team.driver)):
            if name:
                rows.append(
                    {
                        "participant_id": f"{team.team_id}-{role[0].upper()}",
                        "name": _text(name),
                        "role": role,
                        "partner_id": "",
                        **common,
                    }
                )
    return rows


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> Path:
    return write_atomic(path, csv_text(columns, rows))


def write_apollo(mission: Mission, plan: Plan | None, folder: Path) -> list[Path]:
    """Write ``locations.csv`` and ``participants.csv`` into ``folder``."""
    return [
        _write(folder / "locations.csv", LOCATION_COLUMNS, location_rows(mission, plan)),
        _write(folder / "participants.csv", PARTICIPANT_COLUMNS, participant_rows(mission, plan)),
    ]
