"""Other teams asked to help: neighbours of an unavailable team take over its most
valuable stops, teams near a priority DEC add its stations, an added team gets a day,
and a DEC left without its tabulation is followed by a team counting there."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.day import StopRef, stops_of
from planner.i18n import msg
from planner.model import Dec, PollingStation, TeamRoute, Visit
from planner.replan.changes import PriorityChange
from planner.replan.moves import insert_visits, make_feasible, replace_anchor, swap_in
from planner.replan.repair import place_of, repair_day
from planner.replan.workspace import Workspace, distance_km, route_centre

__all__ = [
    "NEIGHBOURS",
    "NEIGHBOUR_KM",
    "PRIORITY_HELPERS",
    "adopt_orphans",
    "new_day",
    "priority_help",
    "take_over",
]

#: Neighbouring teams that may take over an unavailable team's stops.
NEIGHBOURS = 2


#: Teams near a priority DEC that may add its stations.
PRIORITY_HELPERS = 2


#: Neighbours further than this (between the centres of their days) are not asked.
NEIGHBOUR_KM = 150.0


def _neighbours(
    ws: Workspace, centre: tuple[float, float], regions: set[str], busy: set[str], k: int
) -> list[str]:
    """The k teams nearest ``centre`` that work in ``regions`` (busy teams preferred)."""
    scored = []
    for t, r in ws.routes.items():
        if not r.visits or not (ws.regions_of(t) & regions):
            continue
        d = distance_km(centre, route_centre(r))
        if d > NEIGHBOUR_KM:
            continue
        scored.append((d * (0.5 if t in busy else 1.0), t))
    scored.sort()
    return [t for _, t in scored[:k]]


def _swap_anchor(ws: Workspace, team_id: str, phase: str, ps: PollingStation) -> bool:
    """Give the team ``ps`` as its opening (or count) if that is worth more and fits."""
    r = ws.routes.get(team_id)
    if r is None or not _worth_swapping(ws, r, phase, ps):
        return False
    start = (r.start_lat, r.start_lon)
    got = replace_anchor(ws, team_id, start, stops_of(r), phase, candidates=[ps], tries=1)
    new = ws.timed(team_id, start, got) if got is not None else None
    if new is None:
        return False
    ws.set_route(replace(new, note=r.note))
    return True


def _worth_swapping(ws: Workspace, r: TeamRoute, phase: str, ps: PollingStation) -> bool:
    """May ``ps`` replace the team's opening (or count), and is it worth more?"""
    team_id = r.team_id
    if ps.ps_id in ws.used or ps.status != "open" or not ps.located:
        return False
    if ps.region_id not in ws.regions_of(team_id):
        return False
    mine = next((v for v in r.visits if v.phase == phase), None)
    if mine is None or mine.pinned:
        return False
    if phase == "counting" and any(v.pinned and v.phase == "tabulation" for v in r.visits):
        return False  # the count carries a pinned tabulation
    own = ws.mission.station_by_id[mine.ps_id]
    if ws.anchor_value(phase, ps) <= ws.anchor_value(phase, own) * 1.05:
        return False
    return not (phase == "counting" and ws.tab_holder(ps.dec_id, team_id) != team_id)


def take_over(
    ws: Workspace, lost: TeamRoute | None, freed: Sequence[Visit], busy: set[str]
) -> list[str]:
    """Let up to NEIGHBOURS teams take the lost team's most valuable stops."""
    if lost is None or not lost.visits:
        return []
    m = ws.mission
    regions = {v.region_id for v in lost.visits}
    helpers = _neighbours(ws, route_centre(lost), regions, busy, NEIGHBOURS)
    mine = [v for v in lost.visits if v.ps_id and v.ps_id in ws.index]
    ids = sorted(
        {v.ps_id for v in mine},
        key=lambda i: -ws.voting_value(m.station_by_id[i]),
    )
    for t in helpers:
        for v in mine:
            if v.phase in ("opening", "counting"):
                _swap_anchor(ws, t, v.phase, m.station_by_id[v.ps_id])
        insert_visits(ws, t, only=ids, radius_km=80.0)
        swap_in(ws, t, ids)
    del freed  # the freed stops are all in `mine`; kept in the signature for clarity
    return helpers


def priority_help(ws: Workspace, change: PriorityChange, busy: set[str]) -> list[str]:
    """Let nearby teams add (or swap in) stations a priority change made valuable."""
    m = ws.mission
    if change.dec_id:
        dec = m.dec_by_id[change.dec_id]
        centre, region = (dec.lat, dec.lon), dec.region_id
        ids = [p.ps_id for p in ws.pool if p.dec_id == change.dec_id]
        k = PRIORITY_HELPERS
    else:
        ps = m.station_by_id[change.ps_id]
        if ps.ps_id in ws.used or ps.lat is None or ps.lon is None:
            return []
        centre, region, ids, k = (ps.lat, ps.lon), ps.region_id, [ps.ps_id], 1
    ids = [i for i in ids if i not in ws.used]
    if not ids:
        return []
    ids.sort(key=lambda i: -ws.voting_value(m.station_by_id[i]))
    helpers = _neighbours(ws, centre, {region}, busy, k)
    for t in helpers:
        if change.dec_id and not ws.tab_taken(change.dec_id):
            for i in sorted(
                ids, key=lambda i: distance_km(centre, place_of(m, StopRef("voting", i)))
            )[:3]:
                if _swap_anchor(ws, t, "counting", m.station_by_id[i]) or _move_count(
                    ws, t, m.station_by_id[i]
                ):
                    break
        ids = [i for i in ids if i not in ws.used]
        insert_visits(ws, t, only=ids, radius_km=80.0)
        swap_in(ws, t, [i for i in ids if i not in ws.used])
    return helpers


def _move_count(ws: Workspace, team_id: str, ps: PollingStation) -> bool:
    """Move the team's count (and tabulation) to ``ps``, giving up voting visits to get
    there in time, when the count there is worth more than what is given up."""
    r = ws.routes.get(team_id)
    if r is None or ps.ps_id in ws.used or ws.tab_taken(ps.dec_id):
        return False
    mine = next((v for v in r.visits if v.phase == "counting"), None)
    if mine is None or mine.pinned or any(v.pinned and v.phase == "tabulation" for v in r.visits):
        return False
    if ps.region_id not in ws.regions_of(team_id):
        return False
    start = (r.start_lat, r.start_lon)
    rest = [x for x in stops_of(r) if x.phase not in ("counting", "tabulation")]
    trial = [*rest, StopRef("counting", ps.ps_id), StopRef("tabulation", dec_id=ps.dec_id)]
    new, dropped, _seq = make_feasible(ws, team_id, start, trial)
    if new is None:
        return False
    own = ws.mission.station_by_id[mine.ps_id]
    lost = sum(ws.voting_value(ws.mission.station_by_id[d], own=True) for d in dropped)
    if ws.anchor_value("counting", ps) - ws.anchor_value("counting", own) <= lost:
        return False
    ws.set_route(replace(new, note=r.note))
    return True


def new_day(ws: Workspace, team_id: str, warnings: list[str]) -> None:
    """A day for an added team: a count in a DEC nobody tabulates (else any DEC, the
    day then ends at the count), an opening near where it sleeps, voting visits."""
    m = ws.mission
    team = m.team_by_id[team_id]
    regions = ws.regions_of(team_id)
    by_dec: dict[str, list[PollingStation]] = {}
    for p in ws.pool:
        if (
            p.region_id in regions
            and p.ps_id not in ws.used
            and ws.free_of_blocks[ws.index[p.ps_id]]
        ):
            by_dec.setdefault(p.dec_id, []).append(p)
    decs = [m.dec_by_id[d] for d in by_dec if d in m.dec_by_id]
    home = (team.lat or 0.0, team.lon or 0.0) if team.has_overnight else None

    def order(d: Dec) -> tuple[bool, float, str]:
        taken = ws.tab_taken(d.dec_id)
        if home is not None:
            return (taken, distance_km(home, (d.lat, d.lon)), d.dec_id)
        return (taken, -len(by_dec[d.dec_id]), d.dec_id)

    decs.sort(key=order)
    for dec in decs[:8]:
        start = home or (dec.lat, dec.lon)
        seat = (dec.lat, dec.lon)
        counts = sorted(by_dec[dec.dec_id], key=lambda p: distance_km(seat, place_of(m, _ref(p))))
        for c in counts[:3]:
            near = [p for _, p in ws.near([start], team_id, 60.0) if p.ps_id != c.ps_id][:4]
            for o in near:
                stops = [StopRef("opening", o.ps_id), StopRef("counting", c.ps_id)]
                if not ws.tab_taken(dec.dec_id):
                    stops.append(StopRef("tabulation", dec_id=dec.dec_id))
                route = ws.timed(team_id, start, stops)
                if route is not None:
                    ws.set_route(replace(route, note="added team"))
                    insert_visits(ws, team_id)
                    return
    warnings.append(
        msg("{team}: added, but no opening and count it can reach were found", team=team_id)
    )


def _ref(p: PollingStation) -> StopRef:
    return StopRef("voting", p.ps_id)


def adopt_orphans(ws: Workspace, warnings: list[str]) -> dict[str, str]:
    """Make sure every DEC where a team's day ends at the count is followed to tabulation.

    A team may end its day at its count when another team follows that DEC's
    protocol. If that other team is gone (unavailable, or its count moved), one of the
    teams counting there takes the tabulation over, where its day allows it.
    """
    orphans: dict[str, list[str]] = {}
    for t in sorted(ws.routes):
        visits = ws.routes[t].visits
        if visits and visits[-1].phase == "counting" and visits[-1].dec_id not in ws.tab_dec:
            orphans.setdefault(visits[-1].dec_id, []).append(t)
    adopted: dict[str, str] = {}
    for dec_id, teams in sorted(orphans.items()):
        for t in teams:
            r = ws.routes[t]
            trial = [*stops_of(r), StopRef("tabulation", dec_id=dec_id)]
            new = ws.timed(t, (r.start_lat, r.start_lon), trial)
            if new is not None:
                ws.set_route(replace(new, note=r.note))
                adopted[t] = msg("follows DEC {dec} to tabulation now", dec=dec_id)
                break
        else:
            # nobody can get there (a blocked area, the end of the day): count elsewhere
            for t in teams:
                r = ws.routes[t]
                repair_day(ws, t, [x for x in stops_of(r) if x.phase != "counting"], warnings)
                adopted[t] = msg(
                    "nobody can follow DEC {dec} to tabulation: counts elsewhere", dec=dec_id
                )
    return adopted
