"""The day model's stops resolved against the mission: phases in order, each station
or DEC known and visitable. Part of :mod:`planner.day`; import from there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planner.day_rules import (
    InfeasibleRoute,
    StopRef,
)
from planner.i18n import msg, phase_name
from planner.model import PHASES, Mission


@dataclass(frozen=True, slots=True)
class _Place:
    """A stop resolved against the mission."""

    ref: StopRef
    label: str
    ps_id: str
    dec_id: str
    region_id: str
    offset: int  # minutes east of UTC
    lat: float
    lon: float
    open_time: int
    close_time: int


_Bad = Callable[[str], InfeasibleRoute]


def _resolve(mission: Mission, team_id: str, stops: Sequence[StopRef]) -> list[_Place]:
    """Check each stop exists and can be visited, and the phases come in order."""
    places: list[_Place] = []
    seen: dict[str, int] = {}  # ps_id -> seq
    counting: _Place | None = None
    for seq, ref in enumerate(stops, start=1):

        def bad(reason: str, seq: int = seq) -> InfeasibleRoute:
            return InfeasibleRoute(team_id, seq, reason)

        prev_phase = places[-1].ref.phase if places else None
        _check_order(ref, seq, len(stops), prev_phase, has_counting=counting is not None, bad=bad)
        if ref.phase == "tabulation":
            assert counting is not None  # _check_order made sure
            places.append(_dec_place(mission, ref, counting, bad))
            continue
        place = _station_place(mission, ref, seen, seq, bad)
        if ref.phase == "counting":
            counting = place
        places.append(place)
    return places


def _check_order(
    ref: StopRef, seq: int, n: int, prev_phase: str | None, *, has_counting: bool, bad: _Bad
) -> None:
    """Phases in order: opening first, voting, one count, tabulation right after it."""
    if ref.phase not in PHASES:
        raise bad(msg("unknown phase {phase!r}", phase=ref.phase))
    if ref.phase == "opening" and seq != 1:
        raise bad(msg("the opening station must be the first stop of the day"))
    if ref.phase == "voting" and prev_phase not in (None, "opening", "voting"):
        raise bad(
            msg("a voting visit cannot come after {phase}", phase=phase_name(prev_phase or ""))
        )
    if ref.phase == "counting" and prev_phase not in (None, "opening", "voting"):
        raise bad(msg("a team observes only one count"))
    if ref.phase == "tabulation":
        if prev_phase != "counting" or not has_counting:
            raise bad(msg("tabulation must follow the counting station directly"))
        if seq != n:
            raise bad(msg("tabulation must be the last stop of the day"))


def _dec_place(mission: Mission, ref: StopRef, counting: _Place, bad: _Bad) -> _Place:
    """The tabulation stop: the counting station's DEC."""
    dec_id = ref.dec_id or counting.dec_id
    dec = mission.dec_by_id.get(dec_id)
    if dec is None:
        raise bad(msg("unknown DEC {dec!r}", dec=dec_id))
    if dec_id != counting.dec_id:
        raise bad(
            msg(
                "tabulation at DEC {dec}, but the counting station {station} belongs to "
                "DEC {station_dec}",
                dec=dec_id,
                station=counting.label,
                station_dec=counting.dec_id,
            )
        )
    region = mission.region_by_id.get(dec.region_id)
    if region is None:
        raise bad(
            msg("DEC {dec} is in unknown region {region!r}", dec=dec_id, region=dec.region_id)
        )
    return _Place(
        ref,
        msg("DEC {dec} ({name})", dec=dec_id, name=dec.name),
        "",
        dec_id,
        dec.region_id,
        region.utc_offset_min,
        dec.lat,
        dec.lon,
        0,
        0,
    )


def _station_place(
    mission: Mission, ref: StopRef, seen: dict[str, int], seq: int, bad: _Bad
) -> _Place:
    """An opening, voting or counting stop: an open, located station, once a day."""
    ps = mission.station_by_id.get(ref.ps_id)
    if ps is None:
        raise bad(msg("unknown polling station {station!r}", station=ref.ps_id))
    label = msg("{station} (No. {pec})", station=ps.ps_id, pec=ps.pec_number)
    if ps.status == "closed":
        raise bad(msg("{station} is closed", station=label))
    if not ps.located or ps.lat is None or ps.lon is None:
        raise bad(msg("{station} has no location a team can drive to", station=label))
    if ps.ps_id in seen:
        raise bad(
            msg("{station} is already stop {seq} of this team", station=label, seq=seen[ps.ps_id])
        )
    seen[ps.ps_id] = seq
    region = mission.region_by_id.get(ps.region_id)
    if region is None:
        raise bad(
            msg("{station} is in unknown region {region!r}", station=label, region=ps.region_id)
        )
    return _Place(
        ref,
        label,
        ps.ps_id,
        ps.dec_id,
        ps.region_id,
        region.utc_offset_min,
        ps.lat,
        ps.lon,
        ps.open_time,
        ps.close_time,
    )
