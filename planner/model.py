"""The domain: regions, DECs, polling stations, bases, teams, plans (settings: planner.settings).

Every type is a frozen dataclass that checks itself. Times of day are integer
minutes after local midnight of election day (``07:00`` -> 420; a time after
midnight is > 1440, written ``24:30``). Coordinates are WGS 84 degrees.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal, get_args

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from planner.errors import InputError
from planner.observers import Observer

# Re-exported (explicitly, for mypy): the one HH:MM formatter and parser live in
# planner.presentation, the mission settings in planner.settings.
from planner.presentation import format_hhmm as format_hhmm  # noqa: PLC0414
from planner.presentation import parse_hhmm as parse_hhmm  # noqa: PLC0414
from planner.settings import Settings as Settings  # noqa: PLC0414
from planner.settings import settings_fields as settings_fields  # noqa: PLC0414
from planner.settings import settings_from_pairs as settings_from_pairs  # noqa: PLC0414

Settlement = Literal["urban", "rural"]
Kind = Literal["regular", "hospital", "military", "prison", "abroad", "other"]
Phase = Literal["opening", "voting", "counting", "tabulation"]
StationStatus = Literal["open", "closed"]

SETTLEMENTS: tuple[str, ...] = get_args(Settlement)
KINDS: tuple[str, ...] = get_args(Kind)
PHASES: tuple[str, ...] = get_args(Phase)
SPECIAL_KINDS: frozenset[str] = frozenset({"hospital", "military", "prison", "abroad", "other"})


def _check_latlon(owner: str, lat: float | None, lon: float | None) -> None:
    if lat is None and lon is None:
        return
    if lat is None or lon is None:
        raise InputError(f"{owner}: latitude and longitude must be given together")
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise InputError(f"{owner}: coordinates are not numbers")
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise InputError(f"{owner}: coordinates ({lat}, {lon}) out of range")


# --------------------------------------------------------------------------- geography


def as_multipolygon(geom: BaseGeometry | None) -> BaseGeometry | None:
    """Areas are stored as MultiPolygons (as the GeoPackage layer declares)."""
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    return geom


@dataclass(frozen=True, slots=True)
class Region:
    """A first-level unit (oblast or city) with its own territorial commission."""

    region_id: str
    name: str
    utc_offset_min: int
    base_id: str
    geometry: BaseGeometry | None = None
    name_ru: str = ""
    name_kk: str = ""
    iso_code: str = ""

    def __post_init__(self) -> None:
        if not self.region_id:
            raise InputError("region without region_id")
        if not -720 <= self.utc_offset_min <= 840:
            raise InputError(f"{self.region_id}: utc_offset_min {self.utc_offset_min} out of range")
        object.__setattr__(self, "geometry", as_multipolygon(self.geometry))


@dataclass(frozen=True, slots=True)
class Dec:
    """A district election commission, at its premises (where tabulation happens)."""

    dec_id: str
    region_id: str
    name: str
    lat: float
    lon: float
    seat_kind: str = ""  # "town" or "rural" district; informative

    def __post_init__(self) -> None:
        if not self.dec_id:
            raise InputError("DEC without dec_id")
        _check_latlon(self.dec_id, self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class DecArea:
    """The territory of a district (optional layer)."""

    dec_id: str
    region_id: str
    geometry: BaseGeometry

    def __post_init__(self) -> None:
        object.__setattr__(self, "geometry", as_multipolygon(self.geometry))


@dataclass(frozen=True, slots=True)
class PollingStation:
    """One precinct election commission's polling station."""

    ps_id: str
    pec_number: int
    region_id: str
    dec_id: str
    name: str
    address: str
    settlement: Settlement
    kind: Kind
    voters: int
    open_time: int
    close_time: int
    lat: float | None
    lon: float | None
    priority: float = 1.0
    status: StationStatus = "open"

    def __post_init__(self) -> None:
        if not self.ps_id:
            raise InputError("polling station without ps_id")
        if self.settlement not in SETTLEMENTS:
            raise InputError(f"{self.ps_id}: settlement {self.settlement!r} unknown")
        if self.kind not in KINDS:
            raise InputError(f"{self.ps_id}: kind {self.kind!r} unknown")
        if self.close_time <= self.open_time:
            raise InputError(f"{self.ps_id}: closes before it opens")
        if self.voters < 0:
            raise InputError(f"{self.ps_id}: negative number of voters")
        if self.priority < 0 or not math.isfinite(self.priority):
            raise InputError(f"{self.ps_id}: priority must be a number >= 0")
        _check_latlon(self.ps_id, self.lat, self.lon)

    @property
    def is_special(self) -> bool:
        return self.kind != "regular"

    @property
    def located(self) -> bool:
        """True when the station has a position a team can drive to."""
        return self.lat is not None and self.lon is not None and self.kind != "abroad"


@dataclass(frozen=True, slots=True)
class Base:
    """The mission's office in a regional centre (or the capital) that LTOs run."""

    base_id: str
    name: str
    region_ids: tuple[str, ...]
    lat: float
    lon: float
    contacts: str = ""  # phone numbers / names printed on route sheets

    def __post_init__(self) -> None:
        if not self.base_id:
            raise InputError("base without base_id")
        _check_latlon(self.base_id, self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class Team:
    """A two-person STO team with its driver and interpreter."""

    team_id: str
    base_id: str
    members: tuple[str, ...]
    available: bool = True
    lat: float | None = None  # overnight location; None: the planner chooses
    lon: float | None = None
    driver: str = ""
    interpreter: str = ""
    phone: str = ""
    observer_ids: tuple[str, ...] = ()  # from the roster (docs/teams.md); may be empty
    pinned: bool = False  # team formation keeps this team's observers and base

    def __post_init__(self) -> None:
        if not self.team_id:
            raise InputError("team without team_id")
        _check_latlon(self.team_id, self.lat, self.lon)

    @property
    def has_overnight(self) -> bool:
        return self.lat is not None and self.lon is not None


# --------------------------------------------------------------------------- plans


@dataclass(frozen=True, slots=True)
class Visit:
    """One stop of a team's day.

    ``arrive``/``depart`` are local minutes of the stop's region. ``travel_min`` and
    ``travel_km`` are the leg from the previous stop (the overnight location for the
    first). For tabulation ``ps_id`` is ``""`` and the stop is the DEC's premises.
    """

    phase: Phase
    ps_id: str
    dec_id: str
    region_id: str
    lat: float
    lon: float
    arrive: int
    depart: int
    travel_min: int
    travel_km: float
    pinned: bool = False

    def __post_init__(self) -> None:
        if self.phase not in PHASES:
            raise InputError(f"unknown phase {self.phase!r}")
        if self.depart < self.arrive:
            raise InputError(f"{self.ps_id or self.dec_id}: departs before it arrives")

    @property
    def key(self) -> str:
        """What the stop observes: a station id, or ``DEC:<dec_id>`` for tabulation."""
        return self.ps_id if self.ps_id else f"DEC:{self.dec_id}"


@dataclass(frozen=True, slots=True)
class TeamRoute:
    """A team's whole day: where it sleeps, when it leaves, its stops, its break."""

    team_id: str
    start_lat: float
    start_lon: float
    depart_start: int
    visits: tuple[Visit, ...] = ()
    lunch_start: int | None = None  # the break is taken at the stop it falls in
    note: str = ""
    #: Minutes before closing the sheet's "leave by" rule keeps for the count on the
    #: day (chosen per team by the robust check, docs/planning.md §8); None = the
    #: setting ``arrive_before_close_min``, the margin the plan is timed with.
    count_margin_min: int | None = None

    @property
    def driving_min(self) -> int:
        return sum(v.travel_min for v in self.visits)

    @property
    def driving_km(self) -> float:
        return sum(v.travel_km for v in self.visits)

    def phase_visits(self, phase: Phase) -> tuple[Visit, ...]:
        return tuple(v for v in self.visits if v.phase == phase)


@dataclass(frozen=True, slots=True)
class Plan:
    """A plan for the whole mission: one route per planned team.

    ``revision`` increases with every stored plan; ``parent`` is the revision it was
    derived from (a re-plan or a manual edit), 0 for a plan made from scratch.
    """

    routes: tuple[TeamRoute, ...]
    revision: int = 0
    parent: int = 0
    created: str = ""  # ISO 8601, UTC
    seed: int = 0
    label: str = ""
    unassigned_teams: tuple[str, ...] = ()

    def route(self, team_id: str) -> TeamRoute | None:
        for r in self.routes:
            if r.team_id == team_id:
                return r
        return None

    def visits(self) -> Iterable[tuple[str, int, Visit]]:
        """(team_id, seq starting at 1, visit) for every stop of the plan."""
        for r in self.routes:
            for i, v in enumerate(r.visits, start=1):
                yield r.team_id, i, v


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    """One entry of the mission's change log."""

    seq: int
    at: str  # ISO 8601 UTC
    kind: str  # e.g. "team_unavailable", "manual_edit", "import", "plan"
    detail: str  # JSON text of the change
    plan_revision: int = 0


# --------------------------------------------------------------------------- mission


@dataclass(frozen=True)
class Mission:
    """Everything a mission file holds. Immutable: edits make a new Mission."""

    regions: tuple[Region, ...] = ()
    decs: tuple[Dec, ...] = ()
    polling_stations: tuple[PollingStation, ...] = ()
    bases: tuple[Base, ...] = ()
    teams: tuple[Team, ...] = ()
    dec_areas: tuple[DecArea, ...] = ()
    settings: Settings = field(default_factory=Settings)
    plans: tuple[Plan, ...] = ()  # every stored revision, oldest first
    change_log: tuple[ChangeRecord, ...] = ()
    observers: tuple[Observer, ...] = ()  # the roster (may be empty)

    @cached_property
    def observer_by_id(self) -> dict[str, Observer]:
        return {o.observer_id: o for o in self.observers}

    # look-ups, computed once per (immutable) mission
    @cached_property
    def region_by_id(self) -> dict[str, Region]:
        return {r.region_id: r for r in self.regions}

    @cached_property
    def dec_by_id(self) -> dict[str, Dec]:
        return {d.dec_id: d for d in self.decs}

    @cached_property
    def station_by_id(self) -> dict[str, PollingStation]:
        return {p.ps_id: p for p in self.polling_stations}

    @cached_property
    def base_by_id(self) -> dict[str, Base]:
        return {b.base_id: b for b in self.bases}

    @cached_property
    def team_by_id(self) -> dict[str, Team]:
        return {t.team_id: t for t in self.teams}

    @property
    def current_plan(self) -> Plan | None:
        return self.plans[-1] if self.plans else None

    @property
    def available_teams(self) -> tuple[Team, ...]:
        return tuple(t for t in self.teams if t.available)

    def base_of_region(self, region_id: str) -> Base | None:
        for b in self.bases:
            if region_id in b.region_ids:
                return b
        return None

    def with_plan(self, plan: Plan) -> Mission:
        """A copy with ``plan`` stored as the newest revision (numbered here)."""
        rev = (self.plans[-1].revision if self.plans else 0) + 1
        return replace(self, plans=(*self.plans, replace(plan, revision=rev)))

    def with_change(self, kind: str, detail: str, at: str, plan_revision: int = 0) -> Mission:
        seq = (self.change_log[-1].seq if self.change_log else 0) + 1
        rec = ChangeRecord(seq=seq, at=at, kind=kind, detail=detail, plan_revision=plan_revision)
        return replace(self, change_log=(*self.change_log, rec))
