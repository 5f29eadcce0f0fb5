"""What a plan covers: the figures the mission can report afterwards.

Coverage follows DOMAIN.md ("What coverage means"): how many stations are observed
in each phase, and how the voting visits spread over regions (in proportion to
their stations or voters), over urban and rural areas, over DECs and over special
stations. :func:`coverage` computes it per region, per DEC and for the whole
mission; :meth:`Coverage.summary` gives the headline numbers that the GUI panel,
the command line and the benchmarks print. See ``docs/coverage.md``.

Conventions (documented in docs/coverage.md):

* ``stations`` counts the stations whose status is ``open``; closed stations are
  left out everywhere. ``located_stations`` are those a team can drive to (with
  coordinates and not abroad); shares and ratios use located stations and their
  voters, because nobody can observe the others.
* ``openings``, ``counts`` and ``tabulations`` count distinct stations (distinct
  DECs for tabulation), as the 2011 report does; ``voting_visits`` counts every
  voting stop and ``distinct_voting_stations`` the stations behind them.
* Shares are of the whole mission (a DEC's share of all voting visits, of all
  located stations). A ratio is share of visits / share of stations (or voters);
  1.0 is perfect proportion. A ratio is ``None`` when it is undefined (no visits
  at all, or no stations in the area).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from planner.model import SPECIAL_KINDS, Mission, Plan, PollingStation, Visit

Level = Literal["region", "dec", "total"]

#: Kinds reported one by one as special stations, in a fixed order.
SPECIAL_KIND_ORDER: tuple[str, ...] = ("hospital", "military", "prison", "abroad", "other")
assert set(SPECIAL_KIND_ORDER) == SPECIAL_KINDS

#: What the 2011 mission observed with about 190 teams: the figures a plan must beat.
#: Source: OSCE/ODIHR Election Observation Mission Final Report, Republic of
#: Kazakhstan, Early Presidential Election, 3 April 2011 (section XIV, election day),
#: as summarised in the project's DOMAIN.md.
REFERENCE_2011: dict[str, int] = {
    "openings": 161,
    "voting_visits": 1622,
    "counts": 151,
    "tabulation_decs": 123,
}
REFERENCE_2011_SOURCE = (
    "OSCE/ODIHR EOM Final Report, Kazakhstan early presidential election of "
    "3 April 2011: opening observed in 161 stations, voting in 1,622, counting in 151, "
    "tabulation in 123 DECs"
)


@dataclass(frozen=True, slots=True)
class AreaCoverage:
    """The figures of one area: a region, a DEC, or the whole mission (``total``)."""

    level: Level
    area_id: str  # region_id, dec_id, or "" for the total
    name: str
    region_id: str  # the area's region ("" for the total)
    # -- what is there
    stations: int
    voters: int
    located_stations: int
    located_voters: int
    urban_stations: int
    rural_stations: int
    special_stations: tuple[tuple[str, int], ...]  # (kind, located count) per special kind
    decs: int
    # -- what the plan observes
    openings: int
    voting_visits: int
    distinct_voting_stations: int
    counts: int
    tabulations: int  # distinct DECs whose tabulation is observed
    observed_stations: int  # distinct stations observed in any phase
    urban_voting_visits: int
    rural_voting_visits: int
    special_voting_visits: int
    special_visits_by_kind: tuple[tuple[str, int], ...]  # (kind, voting visits) per kind
    priority_weighted_visits: float
    decs_with_voting: int
    # -- proportion (None when undefined)
    station_share: float | None
    voter_share: float | None
    visit_share: float | None
    ratio_stations: float | None
    ratio_voters: float | None
    rural_station_share: float | None
    rural_visit_share: float | None
    rural_ratio: float | None

    @property
    def special_total(self) -> int:
        return sum(n for _, n in self.special_stations)

    def special(self, kind: str) -> int:
        """Located stations of one special kind in the area."""
        return dict(self.special_stations).get(kind, 0)

    def special_visits(self, kind: str) -> int:
        """Voting visits to stations of one special kind in the area."""
        return dict(self.special_visits_by_kind).get(kind, 0)

    def phase_share(self, phase: str) -> float | None:
        """Share of the area's located stations observed in ``phase`` (for maps).

        For ``tabulation`` it is the share of the area's DECs.
        """
        if phase == "tabulation":
            return self.tabulations / self.decs if self.decs else None
        observed = {
            "opening": self.openings,
            "voting": self.distinct_voting_stations,
            "counting": self.counts,
        }[phase]
        return observed / self.located_stations if self.located_stations else None


@dataclass(frozen=True, slots=True)
class Coverage:
    """Coverage of a plan per region, per DEC and in total."""

    total: AreaCoverage
    regions: tuple[AreaCoverage, ...]
    decs: tuple[AreaCoverage, ...]
    teams_available: int
    teams_planned: int  # teams with at least one stop
    teams_unassigned: int  # available teams without a stop
    region_balance_basis: str  # "stations" or "voters" (mission setting)

    def region(self, region_id: str) -> AreaCoverage | None:
        for a in self.regions:
            if a.area_id == region_id:
                return a
        return None

    def dec(self, dec_id: str) -> AreaCoverage | None:
        for a in self.decs:
            if a.area_id == dec_id:
                return a
        return None

    def region_ratios(self) -> dict[str, float | None]:
        """Region -> share of voting visits / share of stations (or voters, per setting)."""
        use_voters = self.region_balance_basis == "voters"
        return {
            a.area_id: (a.ratio_voters if use_voters else a.ratio_stations)
            for a in self.regions
            if a.located_stations > 0
        }

    def summary(self) -> dict[str, int | float | None]:
        """Headline numbers (GUI coverage panel, CLI summary, benchmarks)."""
        ratios = [r for r in self.region_ratios().values() if r is not None]
        t = self.total
        return {
            "openings": t.openings,
            "voting_visits": t.voting_visits,
            "distinct_voting_stations": t.distinct_voting_stations,
            "counts": t.counts,
            "tabulation_decs": t.tabulations,
            "dec_coverage": t.decs_with_voting,
            "decs": t.decs,
            "stations": t.stations,
            "located_stations": t.located_stations,
            "observed_stations": t.observed_stations,
            "special_voting_visits": t.special_voting_visits,
            "region_ratio_min": min(ratios) if ratios else None,
            "region_ratio_max": max(ratios) if ratios else None,
            "rural_ratio": t.rural_ratio,
            "teams": self.teams_planned,
            "teams_available": self.teams_available,
            "teams_unassigned": self.teams_unassigned,
        }

    def compare_2011(self) -> list[tuple[str, int, int]]:
        """(figure, 2011 mission, this plan) for each figure of :data:`REFERENCE_2011`."""
        s = self.summary()
        return [(k, ref, int(s[k] or 0)) for k, ref in REFERENCE_2011.items()]


# --------------------------------------------------------------------------- computing


@dataclass
class _Tally:
    """Mutable counters for one area while the plan is read."""

    stations: int = 0
    voters: int = 0
    located: int = 0
    located_voters: int = 0
    urban: int = 0
    rural: int = 0
    decs: int = 0
    openings: int = 0
    voting: int = 0
    distinct_voting: int = 0
    counts: int = 0
    tabulations: int = 0
    observed: int = 0
    urban_visits: int = 0
    rural_visits: int = 0
    special_visits: int = 0
    priority: float = 0.0
    decs_with_voting: int = 0
    special: Counter[str] = field(default_factory=Counter)
    special_kind_visits: Counter[str] = field(default_factory=Counter)


def _ratio(num: float | None, den: float | None) -> float | None:
    if num is None or den is None or den <= 0:
        return None
    return num / den


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole > 0 else None


def _stops(plan: Plan | None) -> Iterable[Visit]:
    if plan is None:
        return ()
    return (v for r in plan.routes for v in r.visits)


class _Tallies:
    """The counters of the whole mission, of each region and of each DEC."""

    def __init__(self, mission: Mission) -> None:
        self.total = _Tally()
        self.region: dict[str, _Tally] = defaultdict(_Tally)
        self.dec: dict[str, _Tally] = defaultdict(_Tally)
        self.dec_region = {d.dec_id: d.region_id for d in mission.decs}
        for r in mission.regions:
            self.region.setdefault(r.region_id, _Tally())  # every region gets a row
        for d in mission.decs:
            self.dec.setdefault(d.dec_id, _Tally())
            self.region[d.region_id].decs += 1
            self.total.decs += 1

    def areas(self, region_id: str, dec_id: str) -> tuple[_Tally, ...]:
        return (self.total, self.region[region_id], self.dec[dec_id])

    def add_stations(self, stations: Iterable[PollingStation]) -> None:
        """What there is to cover."""
        for ps in stations:
            for t in self.areas(ps.region_id, ps.dec_id):
                t.stations += 1
                t.voters += ps.voters
                if ps.located:
                    t.located += 1
                    t.located_voters += ps.voters
                    t.urban += ps.settlement == "urban"
                    t.rural += ps.settlement == "rural"
                    if ps.is_special:
                        t.special[ps.kind] += 1

    def add_plan(self, plan: Plan | None, by_id: dict[str, PollingStation]) -> None:
        """What the plan observes: distinct stations per phase, every voting visit."""
        opened: set[str] = set()
        counted: set[str] = set()
        voted: set[str] = set()
        tabulated: set[str] = set()
        for v in _stops(plan):
            p = by_id.get(v.ps_id) if v.ps_id else None
            region_id = p.region_id if p else v.region_id
            dec_id = p.dec_id if p else v.dec_id
            if v.phase == "tabulation":
                if v.dec_id not in tabulated:
                    tabulated.add(v.dec_id)
                    reg = self.dec_region.get(v.dec_id, v.region_id)
                    for t in (self.total, self.region[reg], self.dec[v.dec_id]):
                        t.tabulations += 1
            elif v.phase in ("opening", "counting"):
                seen = opened if v.phase == "opening" else counted
                if v.ps_id not in seen:
                    seen.add(v.ps_id)
                    for t in self.areas(region_id, dec_id):
                        if v.phase == "opening":
                            t.openings += 1
                        else:
                            t.counts += 1
            else:
                first = v.ps_id not in voted
                voted.add(v.ps_id)
                for t in self.areas(region_id, dec_id):
                    _add_voting(t, p, first=first)
        self._add_observed(opened | counted | voted, by_id)
        self._add_decs_with_voting()

    def _add_observed(self, ps_ids: set[str], by_id: dict[str, PollingStation]) -> None:
        for ps_id in ps_ids:
            station = by_id.get(ps_id)
            if station is not None:
                for t in self.areas(station.region_id, station.dec_id):
                    t.observed += 1

    def _add_decs_with_voting(self) -> None:
        for dec_id, t in self.dec.items():
            if t.voting > 0:
                t.decs_with_voting = 1
                self.region[self.dec_region.get(dec_id, "")].decs_with_voting += 1
                self.total.decs_with_voting += 1


def _add_voting(t: _Tally, p: PollingStation | None, *, first: bool) -> None:
    t.voting += 1
    t.distinct_voting += first
    if p is not None:
        t.urban_visits += p.settlement == "urban"
        t.rural_visits += p.settlement == "rural"
        t.special_visits += p.is_special
        if p.is_special:
            t.special_kind_visits[p.kind] += 1
        t.priority += p.priority


def _area(
    level: Level, area_id: str, name: str, region_id: str, t: _Tally, *, total: _Tally
) -> AreaCoverage:
    station_share = _share(t.located, total.located)
    voter_share = _share(t.located_voters, total.located_voters)
    visit_share = _share(t.voting, total.voting)
    rural_station_share = _share(t.rural, t.located)
    rural_visit_share = _share(t.rural_visits, t.voting)
    return AreaCoverage(
        level=level,
        area_id=area_id,
        name=name,
        region_id=region_id,
        stations=t.stations,
        voters=t.voters,
        located_stations=t.located,
        located_voters=t.located_voters,
        urban_stations=t.urban,
        rural_stations=t.rural,
        special_stations=tuple((k, t.special[k]) for k in SPECIAL_KIND_ORDER),
        decs=t.decs if level != "dec" else 1,
        openings=t.openings,
        voting_visits=t.voting,
        distinct_voting_stations=t.distinct_voting,
        counts=t.counts,
        tabulations=t.tabulations,
        observed_stations=t.observed,
        urban_voting_visits=t.urban_visits,
        rural_voting_visits=t.rural_visits,
        special_voting_visits=t.special_visits,
        special_visits_by_kind=tuple((k, t.special_kind_visits[k]) for k in SPECIAL_KIND_ORDER),
        priority_weighted_visits=round(t.priority, 6),
        decs_with_voting=t.decs_with_voting,
        station_share=station_share,
        voter_share=voter_share,
        visit_share=visit_share,
        ratio_stations=_ratio(visit_share, station_share),
        ratio_voters=_ratio(visit_share, voter_share),
        rural_station_share=rural_station_share,
        rural_visit_share=rural_visit_share,
        rural_ratio=_ratio(rural_visit_share, rural_station_share),
    )


def coverage(mission: Mission, plan: Plan | None) -> Coverage:
    """Coverage of ``plan`` over ``mission`` (``plan=None``: what there is to cover)."""
    stations = [p for p in mission.polling_stations if p.status == "open"]
    by_id: dict[str, PollingStation] = {p.ps_id: p for p in stations}
    tallies = _Tallies(mission)
    tallies.add_stations(stations)
    tallies.add_plan(plan, by_id)
    total = tallies.total
    region_names = {r.region_id: r.name for r in mission.regions}
    dec_names = {d.dec_id: d.name for d in mission.decs}
    regions = tuple(
        _area("region", rid, region_names.get(rid, rid), rid, t, total=total)
        for rid, t in sorted(tallies.region.items())
        if rid
    )
    decs = tuple(
        _area("dec", did, dec_names.get(did, did), tallies.dec_region.get(did, ""), t, total=total)
        for did, t in sorted(tallies.dec.items())
        if did
    )
    available = {t.team_id for t in mission.teams if t.available}
    planned = {r.team_id for r in plan.routes if r.visits} if plan is not None else set()
    return Coverage(
        total=_area("total", "", "Total", "", total, total=total),
        regions=regions,
        decs=decs,
        teams_available=len(available),
        teams_planned=len(planned),
        teams_unassigned=len(available - planned),
        region_balance_basis=mission.settings.region_balance_basis,
    )
