"""What a change to the mission says, in the interface's language.

:func:`describe` is ``change.describe()`` (the same English words, as the command line
and ``changes.csv`` print them) built as a :mod:`planner.i18n` message, so that the
Changes panel and the re-plan's warnings can show it in Russian too.
(``Change.describe`` in :mod:`planner.replan.changes` may delegate here later; a test
keeps the two the same in English.)
"""

from __future__ import annotations

from planner.i18n import msg, phase_name
from planner.model import format_hhmm
from planner.replan.changes import (
    AreaBlocked,
    Change,
    Pin,
    PriorityChange,
    StationClosed,
    StationMoved,
    TeamAdded,
    TeamUnavailable,
    VotingHours,
)
from planner.replan.observer_changes import ObserverAdded, ObserverUnavailable

__all__ = ["describe"]


def describe(change: Change | ObserverUnavailable | ObserverAdded) -> str:  # noqa: PLR0911  # one return per change kind
    """``change.describe()`` as a translatable message."""
    if isinstance(change, TeamUnavailable):
        return msg("team {team} is not available", team=change.team_id)
    if isinstance(change, TeamAdded):
        return msg("team {team} added at base {base}", team=change.team_id, base=change.base_id)
    if isinstance(change, StationClosed):
        return msg("polling station {station} closed", station=change.ps_id)
    if isinstance(change, StationMoved):
        return msg(
            "polling station {station} moved to {lat:.5f}, {lon:.5f}",
            station=change.ps_id,
            lat=change.lat,
            lon=change.lon,
        )
    if isinstance(change, VotingHours):
        return _hours(change)
    if isinstance(change, AreaBlocked):
        c = change.geometry.centroid
        if change.name:
            return msg(
                "area blocked ({name}) around {lat:.3f} N {lon:.3f} E",
                name=change.name,
                lat=c.y,
                lon=c.x,
            )
        return msg("area blocked around {lat:.3f} N {lon:.3f} E", lat=c.y, lon=c.x)
    if isinstance(change, PriorityChange):
        if change.dec_id:
            return msg("priority {weight:g} for DEC {dec}", weight=change.weight, dec=change.dec_id)
        return msg(
            "priority {weight:g} for polling station {station}",
            weight=change.weight,
            station=change.ps_id,
        )
    if isinstance(change, Pin):
        return msg(
            "{stop} pinned to team {team} ({phase})",
            stop=change.ps_id or change.dec_id,
            team=change.team_id,
            phase=phase_name(change.phase),
        )
    if isinstance(change, ObserverUnavailable):
        return msg("observer {observer} is not available", observer=change.observer_id)
    if isinstance(change, ObserverAdded):
        return msg("observer {observer} added", observer=change.observer.observer_id)
    return change.describe()


def _hours(change: VotingHours) -> str:
    opens, closes = change.open_time, change.close_time
    if opens is not None and closes is not None:
        return msg(
            "polling station {station} opens {open} and closes {close}",
            station=change.ps_id,
            open=format_hhmm(opens),
            close=format_hhmm(closes),
        )
    if opens is not None:
        return msg(
            "polling station {station} opens {open}", station=change.ps_id, open=format_hhmm(opens)
        )
    if closes is not None:
        return msg(
            "polling station {station} closes {close}",
            station=change.ps_id,
            close=format_hhmm(closes),
        )
    return change.describe()
