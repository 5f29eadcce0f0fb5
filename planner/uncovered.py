"""What the plan does not observe: stations, DECs and regions, per phase.

The "Uncovered" view of the app, its CSV export and the "team unavailable"
summary are built from these lists. Everything here is data (ids and counts);
the words around it are the caller's, so that they can be translated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, replace

from planner.coverage import coverage
from planner.model import Mission, Plan

#: A region is "under its share" when its ratio of voting visits to stations
#: (or voters, per the mission setting) is below this (same mark as the app).
REGION_RATIO_LOW = 0.75
STATION_PHASES = ("opening", "voting", "counting")


@dataclass(frozen=True)
class UncoveredItem:
    kind: str  # "station", "dec" or "region"
    ident: str
    name: str
    region_id: str
    phase: str  # "opening", "voting", "counting", "tabulation"
    detail: str = ""  # for regions: the ratio, e.g. "0.62"
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Uncovered:
    items: tuple[UncoveredItem, ...]

    def of(self, kind: str, phase: str) -> list[UncoveredItem]:
        return [i for i in self.items if i.kind == kind and i.phase == phase]

    def counts(self) -> dict[tuple[str, str], int]:
        """(kind, phase) -> how many are not covered."""
        out: dict[tuple[str, str], int] = {}
        for i in self.items:
            out[(i.kind, i.phase)] = out.get((i.kind, i.phase), 0) + 1
        return out


def _observed(plan: Plan | None) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {p: set() for p in (*STATION_PHASES, "tabulation")}
    seen["dec_voting"] = set()
    if plan is None:
        return seen
    for _team, _seq, v in plan.visits():
        if v.phase == "tabulation":
            seen["tabulation"].add(v.dec_id)
        else:
            seen[v.phase].add(v.ps_id)
            if v.phase == "voting":
                seen["dec_voting"].add(v.dec_id)
    return seen


def uncovered(mission: Mission, plan: Plan | None) -> Uncovered:
    """Open, located stations not observed per phase; DECs without a voting visit or
    tabulation; regions under their share of voting visits."""
    seen = _observed(plan)
    items: list[UncoveredItem] = []
    stations = [p for p in mission.polling_stations if p.status == "open" and p.located]
    for phase in STATION_PHASES:
        items.extend(
            UncoveredItem("station", p.ps_id, p.name, p.region_id, phase, "", p.lat, p.lon)
            for p in stations
            if p.ps_id not in seen[phase]
        )
    for d in mission.decs:
        if d.dec_id not in seen["dec_voting"]:
            items.append(
                UncoveredItem("dec", d.dec_id, d.name, d.region_id, "voting", "", d.lat, d.lon)
            )
        if d.dec_id not in seen["tabulation"]:
            items.append(
                UncoveredItem("dec", d.dec_id, d.name, d.region_id, "tabulation", "", d.lat, d.lon)
            )
    if plan is not None:
        for region_id, ratio in coverage(mission, plan).region_ratios().items():
            if ratio is not None and ratio < REGION_RATIO_LOW:
                r = mission.region_by_id.get(region_id)
                items.append(
                    UncoveredItem(
                        "region",
                        region_id,
                        r.name if r else region_id,
                        region_id,
                        "voting",
                        f"{ratio:.2f}",
                    )
                )
    return Uncovered(tuple(items))


def lost_if_dropped(plan: Plan, team_id: str) -> list[tuple[str, str]]:
    """(phase, ps_id or dec_id) of the team's stops that no other team observes."""
    route = plan.route(team_id)
    if route is None:
        return []
    others = _observed(replace(plan, routes=tuple(r for r in plan.routes if r.team_id != team_id)))
    out: list[tuple[str, str]] = []
    for v in route.visits:
        key = v.dec_id if v.phase == "tabulation" else v.ps_id
        if key not in others[v.phase]:
            out.append((v.phase, key))
    return out


CSV_COLUMNS = ("kind", "id", "name", "region_id", "phase", "detail", "lat", "lon")


def to_csv(items: Iterable[UncoveredItem]) -> str:
    """The list as CSV text (UTF-8, one row per item and phase)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for i in items:
        w.writerow(
            (
                i.kind,
                i.ident,
                i.name,
                i.region_id,
                i.phase,
                i.detail,
                "" if i.lat is None else f"{i.lat:.5f}",
                "" if i.lon is None else f"{i.lon:.5f}",
            )
        )
    return buf.getvalue()
