"""How the plan looks to people: phase names and colours, times and durations.

One palette and one set of formatters for the GUI (map, tables, timeline) and every
export (route sheets, coverage map, KML, GPX), so a station observed at the opening is
the same green everywhere and a time after midnight reads the same way. Pure Python:
no Qt, nothing else from ``planner`` (the model itself formats with it).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "PHASE_COLOURS",
    "PHASE_LABELS",
    "ROUTE_PALETTE",
    "UNPLANNED_COLOUR",
    "duration",
    "format_clock",
    "format_duration",
    "format_hhmm",
    "kml_colour",
    "parse_hhmm",
    "route_colour",
    "sheet_time",
    "utc_label",
]

#: Colour of a stop (and its legend swatch) by phase: ColorBrewer PRGn/RdBu, which
#: stay apart for the common colour-vision deficiencies and in greyscale print.
PHASE_COLOURS: Mapping[str, str] = {
    "opening": "#1b7837",
    "voting": "#2166ac",
    "counting": "#b2182b",
    "tabulation": "#762a83",
}

#: Phase names as printed: (English, Russian).
PHASE_LABELS: Mapping[str, tuple[str, str]] = {
    "opening": ("Opening", "Открытие"),
    "voting": ("Voting", "Голосование"),
    "counting": ("Counting", "Подсчёт голосов"),
    "tabulation": ("Tabulation", "Сведение итогов"),
}

#: A station no team visits.
UNPLANNED_COLOUR = "#9e9e9e"

#: Colours of teams' route lines, reused in turn (ColorBrewer Set1).
ROUTE_PALETTE: tuple[str, ...] = (
    "#e41a1c",
    "#377eb8",
    "#4daf4a",
    "#984ea3",
    "#ff7f00",
    "#a65628",
    "#f781bf",
)


def route_colour(index: int) -> str:
    """The line colour of the ``index``-th team's route."""
    return ROUTE_PALETTE[index % len(ROUTE_PALETTE)]


def kml_colour(hex_colour: str, alpha: str = "ff") -> str:
    """``"#1b7837"`` -> ``"ff37781b"`` (KML writes aabbggrr)."""
    rr, gg, bb = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"{alpha}{bb}{gg}{rr}".lower()


def format_hhmm(minutes: float) -> str:
    """420 -> ``"07:00"``; 1470 -> ``"24:30"`` (after midnight stays on the same day).

    The form of every file (``assignments.csv``, settings) and of the GUI.
    """
    m = round(minutes)
    return f"{m // 60:02d}:{m % 60:02d}"


def parse_hhmm(text: str) -> int:
    """``"07:00"`` -> 420. Accepts ``H:MM`` and times past midnight (``"25:10"``).

    Raises ValueError with a short reason for anything else.
    """
    s = str(text).strip()
    parts = s.split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError(f"{text!r} is not a time HH:MM")
    hours, minutes = int(parts[0]), int(parts[1])
    if minutes >= 60 or hours >= 48:
        raise ValueError(f"{text!r} is not a time HH:MM")
    return hours * 60 + minutes


DAY_MIN = 24 * 60


def format_clock(minutes: float, *, next_day: str = "+1d") -> str:
    """Local clock time as people read it: 420 -> ``07:00``; 1476 -> ``00:36 +1d``.

    The form of the route sheets and of the GUI (``next_day`` is translated there);
    files keep :func:`format_hhmm`.
    """
    m = round(minutes)
    days, m = divmod(m, DAY_MIN)
    text = f"{m // 60:02d}:{m % 60:02d}"
    if days > 0:
        text += f" {next_day}" if days == 1 else f" +{days}d"
    return text


def sheet_time(minutes: int) -> str:
    """A time as printed on a route sheet: ``24:41`` reads ``00:41 +1d``."""
    return format_clock(minutes)


def format_duration(minutes: float, *, hours: str = "h", mins: str = "min") -> str:
    """206 -> ``3 h 26 min``; 45 -> ``45 min``; 120 -> ``2 h`` (unit words translatable)."""
    m = round(minutes)
    if m < 60:
        return f"{m} {mins}"
    h, rest = divmod(m, 60)
    return f"{h} {hours} {rest} {mins}" if rest else f"{h} {hours}"


def duration(minutes: int) -> str:
    """206 -> ``"3 h 26 min"``; 45 -> ``"45 min"`` (the untranslated form of the exports)."""
    return format_duration(minutes)


def utc_label(offset_min: int) -> str:
    """360 -> ``"UTC+6"``; 330 -> ``"UTC+5:30"``."""
    sign = "+" if offset_min >= 0 else "-"
    h, m = divmod(abs(offset_min), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")
