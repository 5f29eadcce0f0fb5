"""The plan validator's vocabulary: rule codes, tolerances, :class:`Violation`, and the
state every check shares (:class:`_CheckerBase`). See :mod:`planner.validate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.i18n import msg
from planner.model import Mission, Plan, TeamRoute, Visit, format_hhmm
from planner.travel import TravelProvider

#: Every rule code the validator reports, with what it means.
RULES: dict[str, str] = {
    # the plan and its teams
    "unknown-team": "a route belongs to a team the mission does not have",
    "team-unavailable": "a team marked unavailable has stops",
    "duplicate-route": "a team has more than one route",
    "no-stops": "an available team has no stops and is not listed as unassigned",
    "start-location": "the route does not start at the team's fixed overnight location",
    # the phases of the day
    "opening-missing": "the route has no opening station",
    "counting-missing": "the route has no counting station",
    "tabulation-missing": (
        "the route has no tabulation stop although the team could reach its count's DEC "
        "in time, and no other team observes tabulation there"
    ),
    "phase-order": "stops are not opening, voting..., counting, tabulation (one of each)",
    "tabulation-dec": "tabulation is not at the DEC of the counting station",
    # the stops
    "unknown-station": "a stop names a polling station the mission does not have",
    "unknown-dec": "a tabulation stop names a DEC the mission does not have",
    "unknown-region": "a stop lies in a region the mission does not have",
    "station-closed": "a stop is at a closed polling station",
    "station-unlocated": "a stop is at a station without a location (or abroad)",
    "station-area": "a stop's region_id or dec_id differ from its station's",
    "coordinates": "a stop's coordinates differ from its station's (or DEC's)",
    "outside-base": "a stop lies in a region the team's base does not cover",
    # times at each stop
    "opening-late": "arrives later than arrive_before_open_min before the station opens",
    "opening-short": "leaves the opening before open + opening_observation_min",
    "voting-short": "observes voting less than voting_observation_min (from max(arrive, open))",
    "window": "a voting observation ends after the station closes (or starts after it)",
    "counting-late": "arrives later than arrive_before_close_min before the station closes",
    "counting-short": "leaves the count before close + count_duration_min",
    "tabulation-short": "stays at the DEC less than tabulation_observation_min",
    "late-end": "leaves the last stop after latest_end",
    # legs and driving
    "early-departure": "leaves the overnight location before earliest_departure",
    "leg-too-short": "arrives sooner than the previous departure plus the leg's travel",
    "travel-mismatch": "a leg's travel_min/travel_km disagree with the travel provider",
    "leg-too-long": "a leg is longer than max_leg_min",
    "driving-limit": "all legs together are longer than max_driving_min",
    "working-day": "leaving the overnight location to being back (drive home included) "
    "takes longer than max_working_day_min",
    "night-driving": "more than max_night_driving_min of driving after night_from "
    "(drive home included)",
    # the lunch break
    "lunch-missing": "lunch_break_min > 0 but the route has no lunch_start",
    "lunch-window": "lunch starts outside [lunch_earliest, lunch_latest]",
    "lunch-gap": "the break does not fit between two stops",
    # exclusivity across the plan
    "shared-station": "a station is observed in the same phase by two teams",
    "team-revisit": "a team comes to the same station twice",
    "shared-dec": "two teams observe tabulation at the same DEC",
}

#: Tolerances for comparing a plan's travel with the provider's (rounding).
TRAVEL_MIN_TOLERANCE = 1
TRAVEL_KM_TOLERANCE = 0.2  # plus 1 % of the leg
COORD_TOLERANCE_DEG = 1e-5  # about a metre

_RANK = {"opening": 0, "voting": 1, "counting": 2, "tabulation": 3}


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: team, stop (1-based; 0 = whole route/plan), rule code, text."""

    team_id: str
    seq: int
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"stop {self.seq}" if self.seq else "route"
        return f"{self.team_id} {where}: {self.message} [{self.rule}]"


@dataclass(frozen=True, slots=True)
class _Place:
    """What a stop should be, from the mission (None fields: unknown)."""

    label: str
    region_id: str
    offset: int
    open_time: int
    close_time: int
    dec_id: str


#: A stop's label, region, latitude, longitude, opening and closing time.
_Found = tuple[str, str, float, float, int, int]


def _hm(minutes: int) -> str:
    return format_hhmm(minutes)


def _stop_name(v: Visit) -> str:
    return v.ps_id if v.ps_id else msg("DEC {dec}", dec=v.dec_id)


class _CheckerBase:
    """The plan, its mission and the violations found so far (the checks are mixins)."""

    def __init__(self, mission: Mission, plan: Plan, travel: TravelProvider) -> None:
        self.m = mission
        self.s = mission.settings
        self.plan = plan
        self.travel = travel
        self.out: list[Violation] = []
        self.tabulated: dict[str, str] = {}  # DEC -> a team observing its tabulation

    def add(self, team_id: str, seq: int, rule: str, message: str) -> None:
        assert rule in RULES, rule
        self.out.append(Violation(team_id, seq, rule, message))

    def _duty(
        self,
        route: TeamRoute,
        lat: float,
        lon: float,
        depart: int,
        *,
        offset: int | None,
        extra: Sequence[tuple[int, int]] = (),
    ) -> tuple[int, int, int]:
        """(working day, night driving, drive home) in minutes when the day ends by
        leaving (lat, lon) at ``depart`` (local time, UTC offset ``offset``); ``extra``
        are more drives (start, end) after the route's own legs."""
        s = self.s
        home, _km = self.travel.leg((lat, lon), (route.start_lat, route.start_lon))
        first = route.visits[0] if route.visits else None
        region = self.m.region_by_id.get(first.region_id) if first else None
        shift = offset - region.utc_offset_min if region is not None and offset is not None else 0
        worked = depart + home - shift - route.depart_start
        drives = [(v.arrive - v.travel_min, v.arrive) for v in route.visits]
        drives += [*extra, (depart, depart + home)]
        night = sum(max(0, end - max(start, s.night_from)) for start, end in drives)
        return worked, night, home
