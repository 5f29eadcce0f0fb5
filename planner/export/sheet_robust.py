"""What a route sheet says about a real day (issue 12): "leave by" times, the order
in which to skip stops when running late, the team's chance of a full day, and the
drive home after the last stop.

Computed with :mod:`planner.rehearsal` (the same rule the rehearsal replays), so
the sheet and the rehearsal never disagree. Qt-free.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.model import Mission, TeamRoute
from planner.presentation import sheet_time as _time
from planner.rehearsal import (
    DelayModel,
    TeamDay,
    leave_by,
    prepare_team,
    rehearse_team,
    station_prizes_of,
)
from planner.travel import TravelProvider, provider_for

__all__ = ["SHEET_RUNS", "drop_text", "home_leg", "sheet_extras"]

#: Days replayed per team for the chance of a full day printed on the sheet.
SHEET_RUNS = 1000


def drop_text(day: TeamDay) -> tuple[str, str]:
    """("If you are running late, skip 7, then 4, then 9.", Russian) or empty strings."""
    order = [str(j) for j in day.order]
    if not order:
        return "", ""
    en = "If you are running late, skip " + ", then ".join(order) + "."
    ru = "Если опаздываете, пропустите " + ", затем ".join(order) + "."
    return en, ru


def home_leg(mission: Mission, route: TeamRoute, travel: TravelProvider) -> tuple[int, float, int]:
    """(minutes, km, arrival local time of the last stop) of the drive back to where
    the team sleeps, after its last stop."""
    last = route.visits[-1]
    minutes, km = travel.leg((last.lat, last.lon), (route.start_lat, route.start_lon))
    return minutes, km, last.depart + minutes


def sheet_extras(
    mission: Mission,
    routes: Sequence[TeamRoute],
    *,
    travel: TravelProvider | None = None,
    seed: int = 0,
) -> dict[str, dict[str, Any]]:
    """Per team: ``leave_by`` (stop number as text -> time), ``drop_en``/``drop_ru``,
    ``p_full_day`` (text), ``p_count`` (text) and ``home`` (text of the drive home)."""
    provider = travel if travel is not None else provider_for(mission.settings)
    prizes = station_prizes_of(mission)
    delay = DelayModel.from_settings(mission.settings)
    out: dict[str, dict[str, Any]] = {}
    for route in routes:
        if not route.visits:
            out[route.team_id] = {
                "leave_by": {},
                "drop_en": "",
                "drop_ru": "",
                "p_full_day": "",
                "p_count": "",
                "home": "",
            }
            continue
        day = prepare_team(mission, route, prizes, provider)
        res = rehearse_team(day, mission.settings, delay, SHEET_RUNS, seed)
        en, ru = drop_text(day)
        minutes, km, back = home_leg(mission, route, provider)
        full = f"{res.p_full_day:.0%}"
        count = "" if res.p_count != res.p_count else f"{res.p_count:.0%}"
        out[route.team_id] = {
            "leave_by": {str(j): _time(t) for j, t in leave_by(day).items()},
            "drop_en": en,
            "drop_ru": ru,
            "p_full_day": full,
            "p_count": count,
            "home": f"{minutes} min · {km:.1f} km, back about {_time(back)}"
            if minutes
            else "the last stop is where the team sleeps",
        }
    return out
