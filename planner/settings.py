"""The mission settings: one frozen dataclass whose fields carry their own labels.

Each field's metadata (label, help text, unit, group) drives the settings dialog,
the translation catalogue (scripts/planner_strings.py) and the stored key/value
pairs of the mission file. Times of day are integer minutes after local midnight
(``07:00`` -> 420). :mod:`planner.model` re-exports every name here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from planner.errors import InputError
from planner.presentation import format_hhmm, parse_hhmm


def _s(default: Any, label: str, help_text: str, unit: str = "", group: str = "Day") -> Any:
    return field(
        default=default, metadata={"label": label, "help": help_text, "unit": unit, "group": group}
    )


@dataclass(frozen=True, slots=True)
class Settings:
    """Mission settings with defaults from the observation methodology (DOMAIN.md).

    Stored in the mission's ``settings`` table as key/value text. Unknown keys in a
    file are kept (see :func:`settings_from_pairs`) so that newer files round-trip.
    """

    mission_name: str = _s(
        "Election observation mission",
        "Mission name",
        "Printed on route sheets and maps.",
        group="Mission",
    )
    election_date: str = _s("2011-04-03", "Election day", "ISO date (YYYY-MM-DD).", group="Mission")
    # -- the day
    arrive_before_open_min: int = _s(
        30,
        "Arrive before opening",
        "Minutes the team is inside the opening station before it opens.",
        "min",
    )
    opening_observation_min: int = _s(
        45,
        "Opening observation",
        "Minutes from the station's opening the team stays to see voting start.",
        "min",
    )
    voting_observation_min: int = _s(
        40, "Voting observation", "Minimum minutes at each station visited during voting.", "min"
    )
    arrive_before_close_min: int = _s(
        30,
        "Arrive before closing",
        "Minutes the team is at its counting station before it closes (the day's "
        "last safety margin: a late team still makes the count).",
        "min",
    )
    count_duration_min: int = _s(
        180, "Count duration", "Minutes from closing until the results protocol is complete.", "min"
    )
    tabulation_observation_min: int = _s(
        90, "Tabulation observation", "Minutes at the DEC for handover and tabulation.", "min"
    )
    lunch_break_min: int = _s(
        30, "Lunch break", "Length of the break during voting (0 = none).", "min"
    )
    lunch_earliest: int = _s(11 * 60 + 30, "Lunch from", "Earliest start of the break.", "time")
    lunch_latest: int = _s(15 * 60, "Lunch until", "Latest start of the break.", "time")
    earliest_departure: int = _s(
        4 * 60 + 30,
        "Earliest departure",
        "Earliest time a team leaves its overnight location.",
        "time",
    )
    latest_end: int = _s(
        26 * 60,
        "Latest end of day",
        "Latest time the team may leave the DEC (26:00 = 02:00 next day).",
        "time",
    )
    max_driving_min: int = _s(
        420,
        "Daily driving limit",
        "Maximum minutes of driving in the day, all legs together.",
        "min",
    )
    max_leg_min: int = _s(180, "Longest leg", "Longest single drive between two stops.", "min")
    # -- travel model
    circuity: float = _s(
        1.3, "Circuity factor", "Road distance / great-circle distance.", group="Travel"
    )
    speed_town_kmh: float = _s(
        25.0, "Speed in towns", "Average speed for short urban legs.", "km/h", group="Travel"
    )
    speed_rural_kmh: float = _s(
        45.0, "Speed on rural roads", "Average speed on district roads.", "km/h", group="Travel"
    )
    speed_intercity_kmh: float = _s(
        70.0,
        "Speed on intercity roads",
        "Average speed on long legs (highways).",
        "km/h",
        group="Travel",
    )
    town_radius_km: float = _s(
        8.0,
        "Town leg length",
        "Legs shorter than this are driven at town speed.",
        "km",
        group="Travel",
    )
    intercity_km: float = _s(
        60.0,
        "Intercity leg length",
        "Legs longer than this are driven mostly at intercity speed.",
        "km",
        group="Travel",
    )
    stop_overhead_min: int = _s(
        5,
        "Parking and walking",
        "Minutes added to every leg (parking, finding the room).",
        "min",
        group="Travel",
    )
    routing_server_url: str = _s(
        "",
        "Routing server",
        "OSRM table API URL (empty = built-in estimate, no network).",
        group="Travel",
    )
    # -- coverage weights (see docs/planning.md)
    weight_station: float = _s(
        100.0, "Station visited", "Value of one voting visit.", group="Coverage"
    )
    weight_rural: float = _s(
        0.35, "Rural bonus", "Extra share of value for rural stations.", group="Coverage"
    )
    weight_special: float = _s(
        0.5,
        "Special station bonus",
        "Extra share for hospitals, military units, prisons.",
        group="Coverage",
    )
    weight_voters: float = _s(
        0.3, "Size bonus", "Extra share for stations with many voters (scaled).", group="Coverage"
    )
    dec_decay: float = _s(
        0.85,
        "DEC diminishing returns",
        "Each further visit in the same DEC is worth this fraction of the previous one.",
        group="Coverage",
    )
    region_balance_basis: str = _s(
        "stations",
        "Balance regions by",
        "'stations' or 'voters': what each region's share of visits should follow.",
        group="Coverage",
    )
    weight_opening: float = _s(
        400.0, "Opening observed", "Value of a team's opening observation.", group="Coverage"
    )
    weight_counting: float = _s(
        600.0, "Count observed", "Value of a team's count observation.", group="Coverage"
    )
    weight_tabulation_dec: float = _s(
        300.0,
        "Tabulation in a new DEC",
        "Value of following the protocol to a DEC no other team covers.",
        group="Coverage",
    )

    # -- election-day realism: the delay model and the robust plan (docs/planning.md §8)
    delay_drive_median: float = _s(
        1.1,
        "Drive time / estimate (median)",
        "How long drives really take compared with the estimate, typical value "
        "(1.1 = 10 % longer). Drive times are drawn from a lognormal distribution.",
        group="Election-day realism",
    )
    delay_drive_spread: float = _s(
        0.25,
        "Drive time spread",
        "Spread of that ratio (standard deviation of its logarithm): 0.25 means one "
        "drive in six takes 1.4 x its estimate or more.",
        group="Election-day realism",
    )
    delay_visit_extra_min: float = _s(
        12.0,
        "Extra minutes per voting visit",
        "Average minutes a voting visit overruns (finding the school, a chairperson who "
        "wants to talk, the form); exponentially distributed.",
        "min",
        group="Election-day realism",
    )
    delay_visit_refused: float = _s(
        0.03,
        "Visits refused or cut short",
        "Chance that a voting visit is refused or cut short (not observed; the team "
        "leaves after half the observation time).",
        group="Election-day realism",
    )
    count_target_probability: float = _s(
        0.98,
        "Target: count reached",
        "Chance, under the delay model, that each team reaches its count before the "
        "station closes; the planner gives each route sheet the smallest count margin "
        "that reaches it, and removes voting visits where even the full margin does not "
        "(0 = no check).",
        group="Election-day realism",
    )
    max_voting_visits: int = _s(
        10,
        "Voting visits per team (at most)",
        "Most voting visits planned for one team (ODIHR: about ten; 0 = no limit).",
        group="Election-day realism",
    )
    max_working_day_min: int = _s(
        1320,
        "Working-day limit",
        "Longest day from leaving the overnight location to being back there, "
        "including the drive home from the DEC (duty of care).",
        "min",
        group="Election-day realism",
    )
    night_from: int = _s(
        22 * 60,
        "Night driving from",
        "Driving after this time counts as night driving.",
        "time",
        group="Election-day realism",
    )
    max_night_driving_min: int = _s(
        180,
        "Night driving limit",
        "Most minutes of driving after 'Night driving from', the drive home included.",
        "min",
        group="Election-day realism",
    )

    # -- team formation (docs/teams.md)
    local_language: str = _s(
        "ru",
        "Local language",
        "ISO 639-1 code of the language each team should have a speaker of.",
        group="Teams",
    )
    teams_of_three: int = _s(
        0,
        "Extra teams of three",
        "Teams of three allowed besides the one an odd number of observers needs.",
        group="Teams",
    )
    team_capacities: str = _s(
        "",
        "Teams per base",
        "e.g. 'AKT=12, AST=20'; bases not named take their share by stations.",
        group="Teams",
    )
    priority_bases: str = _s(
        "", "Priority bases", "Comma-separated base ids that get experienced teams.", group="Teams"
    )
    delegation_policy: str = _s(
        "keep",
        "Delegations",
        "'keep' (pair a delegation's members together), 'mix' or 'ignore'.",
        group="Teams",
    )
    max_nationality_share: float = _s(
        0.34,
        "Largest nationality share",
        "Above this share of a base's observers, one nationality dominates it.",
        group="Teams",
    )
    repair_partners: str = _s(
        "reserve, split, three",
        "Re-pairing order",
        "When an observer drops out, how the partner gets a new one: with a 'reserve', "
        "by 'split'ting a team of three, or as a 'three' with another pair.",
        group="Teams",
    )
    weight_mixed_gender: int = _s(
        3, "Mixed gender", "Penalty of a single-gender team.", group="Teams"
    )
    weight_experienced: int = _s(
        5, "Experience", "Penalty of a team without an observer of 2+ missions.", group="Teams"
    )
    weight_local_language: int = _s(
        5,
        "Local language",
        "Penalty of a team without a local-language speaker (doubled at mostly rural bases).",
        group="Teams",
    )
    weight_prefer_with: int = _s(2, "Preferred partner", "Penalty of an unmet wish.", group="Teams")
    weight_delegation: int = _s(
        2, "Delegation policy", "Penalty of a team against it.", group="Teams"
    )
    weight_nationality: int = _s(
        1, "Nationality balance", "Penalty per observer over the largest share.", group="Teams"
    )
    weight_priority_base: int = _s(
        3,
        "Priority bases",
        "Extra penalty of an inexperienced team at a priority base.",
        group="Teams",
    )
    weight_team_change: int = _s(
        20, "Keep teams", "Penalty per observer whose team changes on a re-run.", group="Teams"
    )

    def __post_init__(self) -> None:  # noqa: PLR0912  # one check per group of settings
        for name in (
            "arrive_before_open_min",
            "opening_observation_min",
            "voting_observation_min",
            "arrive_before_close_min",
            "count_duration_min",
            "tabulation_observation_min",
            "lunch_break_min",
            "max_driving_min",
            "max_leg_min",
            "stop_overhead_min",
        ):
            if getattr(self, name) < 0:
                raise InputError(f"setting {name} must be >= 0")
        for name in ("speed_town_kmh", "speed_rural_kmh", "speed_intercity_kmh"):
            if getattr(self, name) <= 0:
                raise InputError(f"setting {name} must be > 0")
        if self.circuity < 1.0:
            raise InputError("setting circuity must be >= 1")
        if not 0.0 < self.dec_decay <= 1.0:
            raise InputError("setting dec_decay must be in (0, 1]")
        if self.region_balance_basis not in ("stations", "voters"):
            raise InputError("setting region_balance_basis must be 'stations' or 'voters'")
        if self.delay_drive_median <= 0 or self.delay_drive_spread < 0:
            raise InputError("setting delay_drive_median must be > 0 and delay_drive_spread >= 0")
        if self.delay_visit_extra_min < 0:
            raise InputError("setting delay_visit_extra_min must be >= 0")
        for name in ("delay_visit_refused", "count_target_probability"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise InputError(f"setting {name} must be between 0 and 1")
        for name in ("max_voting_visits", "max_working_day_min", "max_night_driving_min"):
            if getattr(self, name) < 0:
                raise InputError(f"setting {name} must be >= 0")
        if self.delegation_policy not in ("keep", "mix", "ignore"):
            raise InputError("setting delegation_policy must be 'keep', 'mix' or 'ignore'")
        if self.teams_of_three < 0 or not 0.0 < self.max_nationality_share <= 1.0:
            raise InputError("settings teams_of_three >= 0, max_nationality_share in (0, 1]")

    def to_pairs(self) -> list[tuple[str, str]]:
        """Key/value text pairs as stored in the mission file (times as HH:MM)."""
        out = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.metadata.get("unit") == "time":
                out.append((f.name, format_hhmm(value)))
            else:
                out.append((f.name, str(value)))
        return out


def settings_from_pairs(pairs: Iterable[tuple[str, str]]) -> Settings:
    """Build settings from stored text; unknown keys are ignored, bad values refused."""
    known = {f.name: f for f in fields(Settings)}
    kwargs: dict[str, Any] = {}
    for key, raw in pairs:
        f = known.get(key)
        if f is None:
            continue
        try:
            if f.metadata.get("unit") == "time":
                kwargs[key] = parse_hhmm(raw)
            elif isinstance(f.default, bool):
                kwargs[key] = str(raw).strip().lower() in ("1", "true", "yes")
            elif isinstance(f.default, int):
                kwargs[key] = int(float(raw))
            elif isinstance(f.default, float):
                kwargs[key] = float(raw)
            else:
                kwargs[key] = str(raw)
        except ValueError as exc:
            raise InputError(f"setting {key}: {exc}") from None
    return Settings(**kwargs)


def settings_fields() -> Mapping[str, Mapping[str, Any]]:
    """Name -> metadata (label, help, unit, group, default) for dialogs and docs."""
    return {f.name: {**f.metadata, "default": f.default} for f in fields(Settings)}
