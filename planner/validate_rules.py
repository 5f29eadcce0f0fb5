"""The plan validator's checks of the times at each stop (opening, voting, counting,
tabulation, latest end). Part of :mod:`planner.validate`.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.i18n import msg
from planner.model import TeamRoute, Visit
from planner.validate_base import (
    _CheckerBase,
    _hm,
    _Place,
    _stop_name,
)


class _TimeChecks(_CheckerBase):
    """The times at each stop against its station's hours and the mission's settings."""

    def check_times(self, route: TeamRoute, places: Sequence[_Place | None]) -> None:
        """The rules of each phase against the station's own hours."""
        s = self.s
        tid = route.team_id
        for seq, (v, p) in enumerate(zip(route.visits, places, strict=True), start=1):
            if p is None:
                continue
            for rule, message in self._phase_problems(v, p):
                self.add(tid, seq, rule, message)
        last = route.visits[-1]
        if last.depart > s.latest_end:
            self.add(
                tid,
                len(route.visits),
                "late-end",
                msg(
                    "leaves {stop} at {time}, after the latest end of the day {latest}",
                    stop=_stop_name(last),
                    time=_hm(last.depart),
                    latest=_hm(s.latest_end),
                ),
            )

    def _phase_problems(self, v: Visit, p: _Place) -> list[tuple[str, str]]:
        """(rule, message) for each rule of its phase the stop breaks."""
        s = self.s
        a, d = v.arrive, v.depart
        at = p.label
        out: list[tuple[str, str]] = []
        if v.phase == "opening":
            out += self._opening_problems(v, p)
        elif v.phase == "voting":
            out += self._voting_problems(v, p)
        elif v.phase == "counting":
            out += self._counting_problems(v, p)
        elif d - a < s.tabulation_observation_min:
            out.append(
                (
                    "tabulation-short",
                    msg(
                        "stays at {place} {arrive}-{depart}, less than {minutes} min",
                        place=at,
                        arrive=_hm(a),
                        depart=_hm(d),
                        minutes=s.tabulation_observation_min,
                    ),
                )
            )
        return out

    def _opening_problems(self, v: Visit, p: _Place) -> list[tuple[str, str]]:
        s = self.s
        a, d = v.arrive, v.depart
        at = p.label
        out: list[tuple[str, str]] = []
        latest = p.open_time - s.arrive_before_open_min
        if a > latest:
            out.append(
                (
                    "opening-late",
                    msg(
                        "arrives {time} at {place}, after {latest} = {minutes} min before "
                        "it opens at {open}",
                        time=_hm(a),
                        place=at,
                        latest=_hm(latest),
                        minutes=s.arrive_before_open_min,
                        open=_hm(p.open_time),
                    ),
                )
            )
        until = p.open_time + s.opening_observation_min
        if d < until:
            out.append(
                (
                    "opening-short",
                    msg(
                        "leaves at {place} {time}, before {until} (opening {open} + {minutes} min)",
                        place=at,
                        time=_hm(d),
                        until=_hm(until),
                        open=_hm(p.open_time),
                        minutes=s.opening_observation_min,
                    ),
                )
            )
        return out

    def _counting_problems(self, v: Visit, p: _Place) -> list[tuple[str, str]]:
        s = self.s
        a, d = v.arrive, v.depart
        at = p.label
        out: list[tuple[str, str]] = []
        latest = p.close_time - s.arrive_before_close_min
        if a > latest:
            out.append(
                (
                    "counting-late",
                    msg(
                        "arrives {time} at {place}, after {latest} = {minutes} min before "
                        "it closes at {close}",
                        time=_hm(a),
                        place=at,
                        latest=_hm(latest),
                        minutes=s.arrive_before_close_min,
                        close=_hm(p.close_time),
                    ),
                )
            )
        until = p.close_time + s.count_duration_min
        if d < until:
            out.append(
                (
                    "counting-short",
                    msg(
                        "leaves the count at {place} {time}, before {until} (closing "
                        "{close} + {minutes} min)",
                        place=at,
                        time=_hm(d),
                        until=_hm(until),
                        close=_hm(p.close_time),
                        minutes=s.count_duration_min,
                    ),
                )
            )
        return out

    def _voting_problems(self, v: Visit, p: _Place) -> list[tuple[str, str]]:
        s = self.s
        a, d = v.arrive, v.depart
        at = p.label
        out: list[tuple[str, str]] = []
        start = max(a, p.open_time)
        if d - start < s.voting_observation_min:
            out.append(
                (
                    "voting-short",
                    msg(
                        "observes at {place} from {start} to {end}, less than {minutes} min",
                        place=at,
                        start=_hm(start),
                        end=_hm(d),
                        minutes=s.voting_observation_min,
                    ),
                )
            )
        if d > p.close_time or a >= p.close_time:
            out.append(
                (
                    "window",
                    msg(
                        "observes voting at {place} {start}-{end}, but the station is open "
                        "{open}-{close}",
                        place=at,
                        start=_hm(start),
                        end=_hm(d),
                        open=_hm(p.open_time),
                        close=_hm(p.close_time),
                    ),
                )
            )
        return out
