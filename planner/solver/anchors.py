"""Each team's fixed points of the day: opening station, counting station, DEC.

Chosen after deployment (``deploy.py``) and before the voting visits are routed:

* **opening**: the station of the team's home DEC nearest to where it sleeps that it
  can reach by ``open - arrive_before_open_min`` leaving no earlier than
  ``earliest_departure`` (no other team opens there); if the home DEC has none, the
  nearest such station in the base's regions;
* **tabulation DEC**: the home DEC if no other team tabulates there; otherwise the
  nearest district seat in the base's regions that is no team's home and not yet
  followed, within :data:`TABULATION_REACH` x ``max_leg_min`` of where the team
  sleeps (so as many DECs as possible are observed, one team each); if none, the
  team counts in its home DEC and ends its day there (no tabulation);
* **counting**: the station of that DEC nearest to the DEC's premises (short drive
  with the protocol), not one the team already visits and not counted by another
  team; in a district where at least :data:`RURAL_COUNT_SHARE` of the stations are
  rural, the rural station nearest to the premises (so that the day runs from the
  town out into the villages); in a district whose stations are all taken, the
  station nearest to where the team sleeps in the base's regions (tabulation at its
  DEC if nobody else follows that one).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from planner.day import can_reach_opening, leg_allowed
from planner.model import Mission, PollingStation
from planner.solver.deploy import Deployment, usable_stations
from planner.travel import TravelProvider

__all__ = ["RURAL_COUNT_SHARE", "Anchors", "Taken", "choose_anchors"]

#: In a district with at least this share of rural stations the team counts at a rural
#: station (its nearest to the DEC's premises, within a third of the longest leg).
RURAL_COUNT_SHARE = 0.2
#: A team whose district is already followed by another team may count in a free
#: district whose seat is within this share of ``max_leg_min`` of where it sleeps.
TABULATION_REACH = 2 / 3


@dataclass(frozen=True, slots=True)
class Anchors:
    team_id: str
    start: tuple[float, float]
    opening: str
    counting: str
    tabulation_dec: str  # "" = the team ends its day at the count


@dataclass(slots=True)
class Taken:
    """Stations and DECs already observed in a phase (by kept teams or earlier choices)."""

    opening: set[str] = field(default_factory=set)
    voting: set[str] = field(default_factory=set)
    counting: set[str] = field(default_factory=set)
    tabulation: set[str] = field(default_factory=set)


def _latlon(p: PollingStation) -> tuple[float, float]:
    assert p.lat is not None and p.lon is not None
    return (p.lat, p.lon)


def choose_anchors(
    mission: Mission,
    deployments: Iterable[Deployment],
    travel: TravelProvider,
    taken: Taken,
    *,
    fixed_opening: Mapping[str, str] | None = None,
    fixed_counting: Mapping[str, str] | None = None,
    avoid: Mapping[str, Collection[str]] | None = None,
    pinned: Mapping[str, Collection[str]] | None = None,
) -> dict[str, Anchors]:
    """Opening, counting station and tabulation DEC for each deployed team.

    ``fixed_opening``/``fixed_counting`` (team -> ps_id) are kept as they are (a
    re-plan keeps a team's still-feasible stops); ``avoid`` (team -> ps_ids) are stations
    the team already visits during voting: used for its count only if nothing else is
    left (the caller then drops it from the voting visits), never if in ``pinned``.
    ``taken`` is updated in place.
    Teams for which no opening station can be reached are left out of the result.
    """
    fixed_opening = fixed_opening or {}
    fixed_counting = fixed_counting or {}
    avoid = avoid or {}
    pinned = pinned or {}
    usable = usable_stations(mission)
    by_dec: dict[str, list[PollingStation]] = {}
    for p in usable:
        by_dec.setdefault(p.dec_id, []).append(p)
    deps = sorted(deployments, key=lambda d: d.team_id)
    ctx = _Context(mission, travel, taken, usable, by_dec, {d.home_dec for d in deps})
    out: dict[str, Anchors] = {}
    for dep in deps:
        base = mission.base_by_id.get(dep.base_id)
        regions = set(base.region_ids) if base else set()
        own = set(avoid.get(dep.team_id, ()))
        opening = fixed_opening.get(dep.team_id, "") or _opening(ctx, dep, regions, own)
        if not opening:
            continue
        taken.opening.add(opening)
        counting = fixed_counting.get(dep.team_id, "")
        if counting:
            dec_id = mission.station_by_id[counting].dec_id
            tab_dec = dec_id if dec_id not in taken.tabulation else ""
        else:
            hard = {opening, *pinned.get(dep.team_id, ())}
            counting, tab_dec = _counting(ctx, dep, regions, {opening, *own}, hard)
        if not counting:
            taken.opening.discard(opening)
            continue
        taken.counting.add(counting)
        if tab_dec:
            taken.tabulation.add(tab_dec)
        out[dep.team_id] = Anchors(dep.team_id, (dep.lat, dep.lon), opening, counting, tab_dec)
    _follow_unfollowed(mission, out, taken)
    return out


def _follow_unfollowed(mission: Mission, out: dict[str, Anchors], taken: Taken) -> None:
    """A team without tabulation follows its count's DEC if, in the end, nobody does."""
    for team_id in sorted(out):
        a = out[team_id]
        dec_id = mission.station_by_id[a.counting].dec_id
        if not a.tabulation_dec and dec_id not in taken.tabulation:
            taken.tabulation.add(dec_id)
            out[team_id] = Anchors(a.team_id, a.start, a.opening, a.counting, dec_id)


@dataclass(frozen=True, slots=True)
class _Context:
    """What every team's choice looks at (``taken`` changes as teams choose)."""

    mission: Mission
    travel: TravelProvider
    taken: Taken
    usable: tuple[PollingStation, ...]
    by_dec: Mapping[str, list[PollingStation]]
    homes: set[str]  # every team's home DEC


def _opening(ctx: _Context, dep: Deployment, regions: set[str], own: set[str]) -> str:
    """The nearest free station the team can open at: in its home DEC, else its base."""
    s = ctx.mission.settings
    taken = ctx.taken
    start = (dep.lat, dep.lon)
    return _nearest(
        ctx.travel,
        start,
        [
            p
            for p in ctx.by_dec.get(dep.home_dec, [])
            if p.ps_id not in taken.opening and p.ps_id not in own
        ],
        lambda p, leg: can_reach_opening(p.open_time, leg, s),
    ) or _nearest(
        ctx.travel,
        start,
        [
            p
            for p in ctx.usable
            if p.region_id in regions and p.ps_id not in taken.opening and p.ps_id not in own
        ],
        lambda p, leg: can_reach_opening(p.open_time, leg, s),
    )


def _counting(
    ctx: _Context, dep: Deployment, regions: set[str], avoid_all: set[str], hard: set[str]
) -> tuple[str, str]:
    """(counting station, tabulation DEC or ""): in the DEC the team follows, else its
    home DEC, else the nearest in its base, else a station it would visit anyway."""
    m, travel, taken, by_dec = ctx.mission, ctx.travel, ctx.taken, ctx.by_dec
    dec_id = _tabulation_dec(
        m, dep, travel, regions=regions, homes=ctx.homes, taken=taken, by_dec=by_dec
    )
    tab_dec = dec_id if dec_id not in taken.tabulation else ""
    counting = _counting_station(m, travel, dec_id, avoid_all, taken=taken, by_dec=by_dec)
    if not counting and dec_id != dep.home_dec:
        dec_id = dep.home_dec
        tab_dec = dec_id if dec_id not in taken.tabulation else ""
        counting = _counting_station(m, travel, dec_id, avoid_all, taken=taken, by_dec=by_dec)
    if not counting:  # the district is used up: the nearest station in the base
        counting = _nearest(
            travel,
            (dep.lat, dep.lon),
            [
                p
                for p in ctx.usable
                if p.region_id in regions
                and p.ps_id not in taken.counting
                and p.ps_id not in avoid_all
            ],
            lambda _p, leg: leg_allowed(leg, m.settings),
        )
        if counting:
            dec_id = m.station_by_id[counting].dec_id
            tab_dec = dec_id if dec_id not in taken.tabulation else ""
    if not counting:  # last resort: a station the team would visit anyway
        counting = _counting_station(m, travel, dec_id, hard, taken=taken, by_dec=by_dec)
    return counting, tab_dec


def _nearest(
    travel: TravelProvider,
    origin: tuple[float, float],
    stations: list[PollingStation],
    ok: Callable[[PollingStation, int], bool] | None,
) -> str:
    """The station nearest (in minutes) to ``origin`` for which ``ok(p, minutes)``."""
    if not stations:
        return ""
    minutes = travel.matrix([origin], [_latlon(p) for p in stations]).minutes[0]
    order = sorted(range(len(stations)), key=lambda i: (int(minutes[i]), stations[i].ps_id))
    for i in order:
        if ok is None or ok(stations[i], int(minutes[i])):
            return stations[i].ps_id
    return ""


def _tabulation_dec(
    mission: Mission,
    dep: Deployment,
    travel: TravelProvider,
    *,
    regions: set[str],
    homes: set[str],
    taken: Taken,
    by_dec: Mapping[str, list[PollingStation]],
) -> str:
    """The DEC the team counts in (see module docstring)."""
    if dep.home_dec and dep.home_dec not in taken.tabulation:
        return dep.home_dec
    free = [
        d
        for d in mission.decs
        if d.region_id in regions
        and d.dec_id not in taken.tabulation
        and d.dec_id not in homes
        and any(p.ps_id not in taken.counting for p in by_dec.get(d.dec_id, []))
    ]
    if free:
        minutes = travel.matrix([(dep.lat, dep.lon)], [(d.lat, d.lon) for d in free]).minutes[0]
        i = min(range(len(free)), key=lambda i: (int(minutes[i]), free[i].dec_id))
        if int(minutes[i]) <= TABULATION_REACH * mission.settings.max_leg_min:
            return free[i].dec_id
    return dep.home_dec


def _counting_station(
    mission: Mission,
    travel: TravelProvider,
    dec_id: str,
    avoid: set[str],
    *,
    taken: Taken,
    by_dec: Mapping[str, list[PollingStation]],
) -> str:
    dec = mission.dec_by_id.get(dec_id)
    options = [p for p in by_dec.get(dec_id, []) if p.ps_id not in taken.counting]
    if dec is None or not options:
        return ""
    others = [p for p in options if p.ps_id not in avoid]
    everyone = by_dec.get(dec_id, [])
    rural_share = sum(p.settlement == "rural" for p in everyone) / max(1, len(everyone))
    if rural_share >= RURAL_COUNT_SHARE:
        # A partly rural district: count at a rural station, so that the day's voting
        # visits run from the town out into the villages.
        rural = [p for p in others if p.settlement == "rural"]
        pick = _nearest(
            travel,
            (dec.lat, dec.lon),
            rural,
            lambda _p, leg: leg <= mission.settings.max_leg_min // 3,
        )
        if pick:
            return pick
    return _nearest(travel, (dec.lat, dec.lon), others, None)
