"""Text shared by the per-team field files (GPX, KML): stop names and descriptions."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from planner.model import Mission, TeamRoute, Visit, format_hhmm

#: Characters XML 1.0 forbids (C0 controls but tab/newline/CR, lone surrogates,
#: U+FFFE/U+FFFF): a name holding one would make the GPX/KML file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold (imports refuse them; a
    hand-edited mission file may still carry some)."""
    return _NOT_XML.sub("", text)


PHASE_SHORT = {"opening": "OPEN", "voting": "VOTE", "counting": "COUNT", "tabulation": "DEC"}


def stop_name(mission: Mission, seq: int, v: Visit) -> str:
    """``"03 VOTE PEC 12 School No. 12"``: sorts in order on a phone's waypoint list."""
    head = f"{seq:02d} {PHASE_SHORT.get(v.phase, v.phase)}"
    if v.ps_id:
        ps = mission.station_by_id.get(v.ps_id)
        return f"{head} PEC {ps.pec_number} {ps.name}" if ps else f"{head} {v.ps_id}"
    dec = mission.dec_by_id.get(v.dec_id)
    return f"{head} {v.dec_id} {dec.name}" if dec else f"{head} {v.dec_id}"


def stop_description(mission: Mission, v: Visit) -> str:
    """Times (local), what to do, where: one line per fact."""
    offset = utc_offset(mission, v.region_id)
    sign = "+" if offset >= 0 else "-"
    lines = [
        f"{v.phase}: arrive {format_hhmm(v.arrive)}, depart {format_hhmm(v.depart)} "
        f"(local time, UTC{sign}{abs(offset) // 60})",
        f"leg: {v.travel_min} min, {v.travel_km:.1f} km",
    ]
    if v.ps_id:
        ps = mission.station_by_id.get(v.ps_id)
        if ps:
            lines.append(f"address: {ps.address}")
            lines.append(f"station {ps.ps_id}, DEC {ps.dec_id}")
    else:
        lines.append(f"DEC {v.dec_id} premises (tabulation)")
    return "\n".join(lines)


def utc_offset(mission: Mission, region_id: str) -> int:
    region = mission.region_by_id.get(region_id)
    return region.utc_offset_min if region else 0


def utc_time(mission: Mission, local_minutes: int, region_id: str) -> datetime | None:
    """The UTC instant of a local time of election day (None if the date is unreadable)."""
    try:
        day = date.fromisoformat(mission.settings.election_date)
    except ValueError:
        return None
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return midnight + timedelta(minutes=local_minutes - utc_offset(mission, region_id))


def route_title(mission: Mission, route: TeamRoute) -> str:
    team = mission.team_by_id.get(route.team_id)
    who = f" ({'; '.join(team.members)})" if team and team.members else ""
    return f"Team {route.team_id}{who} — {mission.settings.mission_name}"
