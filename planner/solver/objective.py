"""Prizes: what a voting visit to each station is worth (coverage weights in Settings).

A station's prize is ``weight_station x (1 + bonuses) x priority``, rounded to an
integer, with the bonuses

* ``weight_rural`` for a rural station (rural stations are far apart, so without a
  bonus a team would always prefer the next town station: the rural share of visits
  would fall far below the rural share of stations);
* ``weight_special`` for a hospital, military unit, prison or other special station
  (few, often hard to reach, and where abuse is reported);
* ``weight_voters x min(1, voters / (2 x median voters))`` for size (a big station
  concerns more voters; capped so that one huge station does not dominate).

``priority`` is the user's per-station weight (0 = never visit during voting).
Diminishing returns per DEC (``dec_decay``): after a first solution, a station in a
DEC that has *k* voting visits more than its proportional share is worth
``dec_decay ** k`` of its prize in the next round (see :func:`decayed_prizes`); the
solver re-solves with these prizes, starting from the first solution. If the first
round's rural share of visits fell short of the rural share of stations, rural prizes
are raised for the second round (:func:`rural_boost`).
See docs/planning.md for the reasons behind the defaults.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence

from planner.model import PollingStation, Settings

__all__ = ["RURAL_RATIO_AIM", "decayed_prizes", "rural_boost", "station_prizes"]

#: Rural share of voting visits / rural share of stations that the second round aims
#: at (the target is at least 0.8; a margin is kept).
RURAL_RATIO_AIM = 0.95


def station_prizes(settings: Settings, stations: Iterable[PollingStation]) -> dict[str, int]:
    """Prize of a voting visit to each station (ps_id -> integer prize >= 0)."""
    items = list(stations)
    voters = [p.voters for p in items if p.voters > 0]
    ref = 2.0 * statistics.median(voters) if voters else 1.0
    out: dict[str, int] = {}
    for p in items:
        bonus = 1.0
        if p.settlement == "rural":
            bonus += settings.weight_rural
        if p.is_special:
            bonus += settings.weight_special
        bonus += settings.weight_voters * min(1.0, p.voters / ref)
        out[p.ps_id] = max(0, round(settings.weight_station * bonus * p.priority))
    return out


def decayed_prizes(
    settings: Settings,
    prizes: Mapping[str, int],
    dec_of: Mapping[str, str],
    visits_per_dec: Mapping[str, int],
    fair_per_dec: Mapping[str, float],
) -> dict[str, int]:
    """Prizes lowered in DECs visited more than their share: ``prize x decay^k``.

    ``k`` is how many voting visits the DEC had in the previous round beyond its fair
    share (``fair_per_dec``: all visits shared out in proportion to stations), rounded
    down. A DEC at or under its share keeps full prizes; each visit over it costs a
    factor ``dec_decay``, so in the next round a station in a little-visited DEC wins
    over an equal one in a crowded DEC. A positive prize never drops below 1.
    """
    out: dict[str, int] = {}
    for ps_id, prize in prizes.items():
        dec = dec_of[ps_id]
        k = int(visits_per_dec.get(dec, 0) - fair_per_dec.get(dec, 0.0))
        factor = settings.dec_decay ** max(0, k)
        out[ps_id] = max(1, round(prize * factor)) if prize > 0 else 0
    return out


def rural_boost(
    prizes: Mapping[str, int],
    stations: Sequence[PollingStation],
    voting: Mapping[str, Sequence[str]],
) -> dict[str, int]:
    """Prizes with rural stations raised when rural visits fell short of their share.

    ``voting`` is the previous round's visits per team. If the rural share of visits
    divided by the rural share of stations is below :data:`RURAL_RATIO_AIM`, every
    rural station's prize is multiplied by ``(aim / ratio) ** 3`` (at most 2): a
    ratio of 0.82 gives x1.55, enough to make a village worth the longer drive.
    """
    rural = {p.ps_id for p in stations if p.settlement == "rural"}
    visits = [x for v in voting.values() for x in v]
    if not stations or not visits or not rural:
        return dict(prizes)
    ratio = (sum(1 for x in visits if x in rural) / len(visits)) / (len(rural) / len(stations))
    if ratio >= RURAL_RATIO_AIM:
        return dict(prizes)
    factor = min(2.0, (RURAL_RATIO_AIM / max(ratio, 1e-9)) ** 3)
    return {k: round(v * factor) if k in rural else v for k, v in prizes.items()}
