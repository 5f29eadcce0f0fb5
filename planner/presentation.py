"""How the plan is shown to people: clock times, durations, phase colours.

One place for the forms every view uses (the app, the sheets, the exports), so
that a time after midnight reads the same everywhere (``00:36 +1d``, never
``24:36``) and a duration reads ``3 h 26 min``, not ``206 min``. Qt-free.
"""

from __future__ import annotations

#: Colours of stops by phase (app map, day timeline, legends).
PHASE_COLOURS: dict[str, str] = {
    "opening": "#2e7d32",
    "voting": "#1565c0",
    "counting": "#c62828",
    "tabulation": "#6a1b9a",
}

DAY_MIN = 24 * 60


def format_clock(minutes: float, *, next_day: str = "+1d") -> str:
    """Local clock time: 420 -> ``07:00``; 1476 (after midnight) -> ``00:36 +1d``."""
    m = round(minutes)
    days, m = divmod(m, DAY_MIN)
    text = f"{m // 60:02d}:{m % 60:02d}"
    if days > 0:
        text += f" {next_day}" if days == 1 else f" +{days}d"
    return text


def format_duration(minutes: float, *, hours: str = "h", mins: str = "min") -> str:
    """206 -> ``3 h 26 min``; 45 -> ``45 min``; 120 -> ``2 h``."""
    m = round(minutes)
    if m < 60:
        return f"{m} {mins}"
    h, rest = divmod(m, 60)
    return f"{h} {hours} {rest} {mins}" if rest else f"{h} {hours}"
