"""The plan validator's checks of the legs between stops, the driving and duty limits,
and the lunch break. Part of :mod:`planner.validate`.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.i18n import msg
from planner.model import TeamRoute, Visit
from planner.validate_base import (
    TRAVEL_KM_TOLERANCE,
    TRAVEL_MIN_TOLERANCE,
    _CheckerBase,
    _hm,
    _Place,
    _stop_name,
)


class _LegChecks(_CheckerBase):
    """Legs in time, travel figures, driving and duty-of-care limits, the lunch break."""

    def check_legs(self, route: TeamRoute, places: Sequence[_Place | None]) -> None:
        """Legs in time (with time zones and lunch), travel figures, driving limits."""
        s = self.s
        tid = route.team_id
        visits = route.visits
        if route.depart_start < s.earliest_departure:
            self.add(
                tid,
                0,
                "early-departure",
                msg(
                    "leaves the overnight location at {time}, before {earliest}",
                    time=_hm(route.depart_start),
                    earliest=_hm(s.earliest_departure),
                ),
            )
        offsets = [p.offset if p is not None else None for p in places]
        lunch_gap = self.check_lunch(route, offsets)
        # travel figures from the provider, one matrix per route
        points = [(route.start_lat, route.start_lon)] + [(v.lat, v.lon) for v in visits]
        matrix = self.travel.matrix(points[:-1], points[1:])
        for i, v in enumerate(visits):
            self._check_travel(tid, i + 1, v, int(matrix.minutes[i, i]), float(matrix.km[i, i]))
            self._check_leg_time(route, i, offsets, lunch_gap)
        if route.driving_min > s.max_driving_min:
            self.add(
                tid,
                0,
                "driving-limit",
                msg(
                    "{minutes} min of driving in the day, more than the limit of {limit} min",
                    minutes=route.driving_min,
                    limit=s.max_driving_min,
                ),
            )
        if visits:
            self._check_duty_limits(route, offsets[-1])

    def _check_duty_limits(self, route: TeamRoute, last_offset: int | None) -> None:
        """The working day and the night driving, the drive home included."""
        s = self.s
        tid = route.team_id
        last = route.visits[-1]
        worked, night, home = self._duty(route, last.lat, last.lon, last.depart, offset=last_offset)
        seq = len(route.visits)
        if 0 < s.max_working_day_min < worked:
            self.add(
                tid,
                seq,
                "working-day",
                msg(
                    "a working day of {minutes} min with the {home} min drive home, more "
                    "than the limit of {limit} min",
                    minutes=worked,
                    home=home,
                    limit=s.max_working_day_min,
                ),
            )
        if 0 < s.max_night_driving_min < night:
            self.add(
                tid,
                seq,
                "night-driving",
                msg(
                    "{minutes} min of driving after {night_from} with the drive home, more "
                    "than the limit of {limit} min",
                    minutes=night,
                    night_from=_hm(s.night_from),
                    limit=s.max_night_driving_min,
                ),
            )

    def _check_travel(self, tid: str, seq: int, v: Visit, want_min: int, want_km: float) -> None:
        """The leg's figures against the travel provider's, and the longest leg."""
        s = self.s
        if (
            abs(v.travel_min - want_min) > TRAVEL_MIN_TOLERANCE
            or abs(v.travel_km - want_km) > TRAVEL_KM_TOLERANCE + 0.01 * want_km
        ):
            self.add(
                tid,
                seq,
                "travel-mismatch",
                msg(
                    "the leg to {stop} says {minutes} min, {km:.1f} km; the travel model gives "
                    "{want_minutes} min, {want_km:.1f} km",
                    stop=_stop_name(v),
                    minutes=v.travel_min,
                    km=v.travel_km,
                    want_minutes=want_min,
                    want_km=want_km,
                ),
            )
        if v.travel_min > s.max_leg_min:
            self.add(
                tid,
                seq,
                "leg-too-long",
                msg(
                    "the drive to {stop} takes {minutes} min, more than {limit} min",
                    stop=_stop_name(v),
                    minutes=v.travel_min,
                    limit=s.max_leg_min,
                ),
            )

    def _check_leg_time(
        self, route: TeamRoute, i: int, offsets: Sequence[int | None], lunch_gap: int | None
    ) -> None:
        """Arrival at stop ``i`` (0-based) no sooner than the drive (and lunch) allow."""
        s = self.s
        tid = route.team_id
        visits = route.visits
        v = visits[i]
        seq = i + 1
        if i == 0:
            prev_depart, shift = route.depart_start, 0
            prev_name: str = msg("the overnight location")
        else:
            prev = visits[i - 1]
            prev_depart, prev_name = prev.depart, _stop_name(prev)
            o_prev, o_here = offsets[i - 1], offsets[i]
            shift = o_here - o_prev if o_prev is not None and o_here is not None else 0
        earliest = prev_depart + v.travel_min + shift
        if v.arrive < earliest:
            zone = msg(" ({shift:+d} min time zone)", shift=shift) if shift else ""
            self.add(
                tid,
                seq,
                "leg-too-short",
                msg(
                    "arrives {time} at {stop}, but leaves {previous} {leave} with {minutes} "
                    "min to drive{zone}: {earliest} at the earliest",
                    time=_hm(v.arrive),
                    stop=_stop_name(v),
                    previous=prev_name,
                    leave=_hm(prev_depart),
                    minutes=v.travel_min,
                    zone=zone,
                    earliest=_hm(earliest),
                ),
            )
        elif lunch_gap == seq and route.lunch_start is not None:
            with_lunch = route.lunch_start + s.lunch_break_min + v.travel_min + shift
            if v.arrive < with_lunch:
                self.add(
                    tid,
                    seq,
                    "lunch-gap",
                    msg(
                        "lunch {start}-{end} and {minutes} min of driving do not fit before "
                        "arriving {time} at {stop}",
                        start=_hm(route.lunch_start),
                        end=_hm(route.lunch_start + s.lunch_break_min),
                        minutes=v.travel_min,
                        time=_hm(v.arrive),
                        stop=_stop_name(v),
                    ),
                )

    def check_lunch(self, route: TeamRoute, offsets: Sequence[int | None]) -> int | None:
        """Check the break's presence and window; return the stop it comes before."""
        s = self.s
        tid = route.team_id
        if s.lunch_break_min <= 0:
            return None
        ls = route.lunch_start
        if ls is None:
            self.add(
                tid,
                0,
                "lunch-missing",
                msg("no {minutes} min lunch break", minutes=s.lunch_break_min),
            )
            return None
        if not s.lunch_earliest <= ls <= s.lunch_latest:
            self.add(
                tid,
                0,
                "lunch-window",
                msg(
                    "lunch starts {time}, outside {earliest}-{latest}",
                    time=_hm(ls),
                    earliest=_hm(s.lunch_earliest),
                    latest=_hm(s.lunch_latest),
                ),
            )
        visits = route.visits
        for k in range(1, len(visits)):  # gap between stop k and stop k+1 (1-based)
            prev, nxt = visits[k - 1], visits[k]
            o_prev, o_next = offsets[k - 1], offsets[k]
            shift = o_next - o_prev if o_prev is not None and o_next is not None else 0
            if prev.depart <= ls < nxt.arrive - shift:
                return k + 1
        self.add(
            tid,
            0,
            "lunch-gap",
            msg(
                "lunch at {time} does not fall between two stops (it overlaps a stop, or "
                "comes before the first or after the last)",
                time=_hm(ls),
            ),
        )
        return None
