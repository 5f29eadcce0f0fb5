"""Times and durations read the same in the app and on the sheets."""

from __future__ import annotations

from planner.presentation import format_clock, format_duration


def test_times_after_midnight_read_as_next_day() -> None:
    assert format_clock(7 * 60) == "07:00"
    assert format_clock(24 * 60 + 36) == "00:36 +1d"
    assert format_clock(23 * 60 + 59) == "23:59"


def test_durations_in_hours_and_minutes() -> None:
    assert format_duration(206) == "3 h 26 min"
    assert format_duration(45) == "45 min"
    assert format_duration(120) == "2 h"
