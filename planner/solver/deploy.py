"""Deployment: where each team sleeps, and the district (DEC) it works in.

A team's *home DEC* is the district it opens, counts and follows the protocol to
tabulation in. The base's available teams are shared out over the base's regions in
proportion to their stations (or voters, per ``Settings.region_balance_basis``) by
the Sainte-Laguë highest-averages rule, and within a region over its districts so
that every district gets one team before any district gets a second (one team per DEC
at tabulation, as many DECs as possible), bigger districts first, where a rural
station counts :data:`RURAL_EFFORT` times. Rural districts
take part exactly like towns. A team without an overnight location sleeps at its
home DEC's seat (the district town); a team whose overnight location is given keeps
it, and its home DEC is the nearest district seat in its base's regions.
See docs/planning.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from planner.model import Base, Dec, Mission, PollingStation, Team
from planner.travel import great_circle_km

__all__ = ["RURAL_EFFORT", "Deployment", "deploy", "usable_stations"]

#: Within a region, a rural station counts this much when districts are given teams: a
#: visit to a village takes a team about twice as long (drive and observation) as one
#: in town, so districts get teams in proportion to the effort their stations need.
RURAL_EFFORT = 2.0


@dataclass(frozen=True, slots=True)
class Deployment:
    """A team's overnight location and home district."""

    team_id: str
    base_id: str
    home_dec: str
    lat: float
    lon: float
    chosen: bool  # True when the planner chose the overnight location


def usable_stations(mission: Mission) -> tuple[PollingStation, ...]:
    """Stations a team can observe: open and located (not abroad)."""
    return tuple(p for p in mission.polling_stations if p.status == "open" and p.located)


def _weights(mission: Mission, stations: Iterable[PollingStation]) -> Counter[str]:
    """Weight of each DEC: its usable stations (or voters)."""
    w: Counter[str] = Counter()
    by_voters = mission.settings.region_balance_basis == "voters"
    for p in stations:
        w[p.dec_id] += max(1, p.voters) if by_voters else 1
    return w


def _nearest_dec(decs: list[Dec], lat: float, lon: float) -> Dec:
    return min(decs, key=lambda d: (float(great_circle_km(lat, lon, d.lat, d.lon)), d.dec_id))


def deploy(
    mission: Mission,
    teams: Iterable[Team] | None = None,
    *,
    taken_decs: Collection[str] = (),
) -> dict[str, Deployment]:
    """Overnight location and home DEC of each team (default: every available team).

    ``taken_decs`` are districts already covered by teams outside ``teams`` (a re-plan
    keeps them): they count as having a team when the others are shared out.
    """
    todo = sorted(
        (t for t in (mission.available_teams if teams is None else teams)),
        key=lambda t: t.team_id,
    )
    usable = usable_stations(mission)
    weights = _weights(mission, usable)
    # Within a region, districts are weighted by the effort their stations need.
    effort: dict[str, float] = {}
    for p in usable:
        effort[p.dec_id] = effort.get(p.dec_id, 0.0) + (
            RURAL_EFFORT if p.settlement == "rural" else 1.0
        )
    out: dict[str, Deployment] = {}
    for base in sorted(mission.bases, key=lambda b: b.base_id):
        base_teams = [t for t in todo if t.base_id == base.base_id]
        if not base_teams:
            continue
        decs = sorted(
            (d for d in mission.decs if d.region_id in base.region_ids and weights[d.dec_id] > 0),
            key=lambda d: d.dec_id,
        )
        if not decs:
            # No district with a usable station: the team stays at its base.
            for t in base_teams:
                lat, lon = (t.lat, t.lon) if t.has_overnight else (base.lat, base.lon)
                assert lat is not None and lon is not None
                out[t.team_id] = Deployment(
                    t.team_id, base.base_id, "", lat, lon, not t.has_overnight
                )
            continue
        out.update(
            _share_out(
                base, base_teams, decs, weights=weights, effort=effort, taken_decs=taken_decs
            )
        )
    return out


def _share_out(
    base: Base,
    base_teams: list[Team],
    decs: list[Dec],
    *,
    weights: Counter[str],
    effort: dict[str, float],
    taken_decs: Collection[str],
) -> dict[str, Deployment]:
    """The base's teams over its districts: own overnight location -> nearest DEC;
    the others by Sainte-Laguë over regions, then districts."""
    out: dict[str, Deployment] = {}
    dec_seats: Counter[str] = Counter(dict.fromkeys(taken_decs, 1))
    region_w: Counter[str] = Counter()
    for d in decs:
        region_w[d.region_id] += weights[d.dec_id]
    region_seats: Counter[str] = Counter()
    for d in decs:
        region_seats[d.region_id] += dec_seats[d.dec_id]
    # Teams with their own overnight location first: they take the nearest DEC.
    free: list[Team] = []
    for t in base_teams:
        if t.has_overnight and t.lat is not None and t.lon is not None:
            d = _nearest_dec(decs, t.lat, t.lon)
            dec_seats[d.dec_id] += 1
            region_seats[d.region_id] += 1
            out[t.team_id] = Deployment(t.team_id, base.base_id, d.dec_id, t.lat, t.lon, False)
        else:
            free.append(t)
    by_region: dict[str, list[Dec]] = {}
    for d in decs:
        by_region.setdefault(d.region_id, []).append(d)
    for t in free:
        # Sainte-Laguë over regions: weight / (2 * seats + 1), ties by id.
        region = max(
            sorted(by_region),
            key=lambda r: region_w[r] / (2 * region_seats[r] + 1),
        )  # ties: the lowest region_id
        # Within the region: an empty district first, the biggest first; then
        # Sainte-Laguë between districts.
        dec = max(
            by_region[region],
            key=lambda d: (
                dec_seats[d.dec_id] == 0,
                effort[d.dec_id] / (2 * dec_seats[d.dec_id] + 1),
            ),
        )  # max() keeps the first of equals: the lowest dec_id
        dec_seats[dec.dec_id] += 1
        region_seats[region] += 1
        out[t.team_id] = Deployment(t.team_id, base.base_id, dec.dec_id, dec.lat, dec.lon, True)
    return out
