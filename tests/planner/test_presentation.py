"""One palette and one set of time formats for the GUI and every export."""

from __future__ import annotations

import pytest

from planner.export import kml, route_svg
from planner.model import format_hhmm as model_format_hhmm
from planner.presentation import (
    PHASE_COLOURS,
    PHASE_LABELS,
    duration,
    format_clock,
    format_duration,
    format_hhmm,
    kml_colour,
    route_colour,
    sheet_time,
    utc_label,
)
from ui import map_html


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "00:00"), (420, "07:00"), (1439, "23:59"), (1470, "24:30")]
)
def test_hhmm_keeps_times_after_midnight_on_the_same_day(minutes: int, text: str) -> None:
    assert format_hhmm(minutes) == text
    assert model_format_hhmm is format_hhmm  # one formatter, not a copy


def test_route_sheets_print_after_midnight_as_next_day() -> None:
    assert sheet_time(1481) == "00:41 +1d"
    assert sheet_time(1200) == "20:00"


@pytest.mark.parametrize(("minutes", "text"), [(206, "3 h 26 min"), (60, "1 h"), (45, "45 min")])
def test_durations_read_as_hours_and_minutes(minutes: int, text: str) -> None:
    assert duration(minutes) == text


def test_utc_labels() -> None:
    assert (utc_label(360), utc_label(330), utc_label(-60)) == ("UTC+6", "UTC+5:30", "UTC-1")


def test_gui_map_sheets_and_kml_share_the_phase_colours() -> None:
    assert map_html.PHASE_COLOURS is PHASE_COLOURS
    assert route_svg.PHASE_COLOURS is PHASE_COLOURS
    assert kml.STYLE_COLOURS["opening"] == "ff37781b" == kml_colour(PHASE_COLOURS["opening"])
    assert (
        set(PHASE_LABELS) == set(PHASE_COLOURS) == {"opening", "voting", "counting", "tabulation"}
    )
    assert route_colour(0) == route_colour(len({route_colour(i) for i in range(50)}))


def test_times_after_midnight_read_as_next_day() -> None:
    assert format_clock(7 * 60) == "07:00"
    assert format_clock(24 * 60 + 36) == "00:36 +1d"
    assert format_clock(23 * 60 + 59) == "23:59"


def test_durations_in_hours_and_minutes() -> None:
    assert format_duration(206) == "3 h 26 min"
    assert format_duration(45) == "45 min"
    assert format_duration(120) == "2 h"
