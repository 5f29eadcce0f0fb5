"""The kinds of last-minute change (``CHANGES.yaml``, INTERFACES §2), one frozen
dataclass each: what it says, how it is stored in the change log, how it reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shapely.geometry import Polygon

from planner.model import Phase, format_hhmm
from planner.replan import observer_changes
from planner.replan.observer_changes import ObserverAdded, ObserverUnavailable

KINDS: tuple[str, ...] = (
    "team_unavailable",
    "team_added",
    "polling_station_closed",
    "polling_station_moved",
    "voting_hours",
    "area_blocked",
    "priority",
    "pin",
    *observer_changes.KINDS,
)


@dataclass(frozen=True, slots=True)
class TeamUnavailable:
    team_id: str
    line: int = 0

    kind = "team_unavailable"

    def detail(self) -> dict[str, Any]:
        return {"team_id": self.team_id}

    def describe(self) -> str:
        return f"team {self.team_id} is not available"


@dataclass(frozen=True, slots=True)
class TeamAdded:
    team_id: str
    base_id: str
    members: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    driver: str = ""
    interpreter: str = ""
    phone: str = ""
    line: int = 0

    kind = "team_added"

    def detail(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "team_id": self.team_id,
            "base_id": self.base_id,
            "members": "; ".join(self.members),
        }
        if self.lat is not None:
            out.update(lat=self.lat, lon=self.lon)
        for key in ("driver", "interpreter", "phone"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out

    def describe(self) -> str:
        return f"team {self.team_id} added at base {self.base_id}"


@dataclass(frozen=True, slots=True)
class StationClosed:
    ps_id: str
    line: int = 0

    kind = "polling_station_closed"

    def detail(self) -> dict[str, Any]:
        return {"ps_id": self.ps_id}

    def describe(self) -> str:
        return f"polling station {self.ps_id} closed"


@dataclass(frozen=True, slots=True)
class StationMoved:
    ps_id: str
    lat: float
    lon: float
    line: int = 0

    kind = "polling_station_moved"

    def detail(self) -> dict[str, Any]:
        return {"ps_id": self.ps_id, "lat": self.lat, "lon": self.lon}

    def describe(self) -> str:
        return f"polling station {self.ps_id} moved to {self.lat:.5f}, {self.lon:.5f}"


@dataclass(frozen=True, slots=True)
class VotingHours:
    ps_id: str
    open_time: int | None = None
    close_time: int | None = None
    line: int = 0

    kind = "voting_hours"

    def detail(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ps_id": self.ps_id}
        if self.open_time is not None:
            out["open_time"] = format_hhmm(self.open_time)
        if self.close_time is not None:
            out["close_time"] = format_hhmm(self.close_time)
        return out

    def describe(self) -> str:
        hours = []
        if self.open_time is not None:
            hours.append(f"opens {format_hhmm(self.open_time)}")
        if self.close_time is not None:
            hours.append(f"closes {format_hhmm(self.close_time)}")
        return f"polling station {self.ps_id} " + " and ".join(hours)


@dataclass(frozen=True, slots=True)
class AreaBlocked:
    polygon: tuple[tuple[float, float], ...]  # (lon, lat) points
    name: str = ""
    line: int = 0

    kind = "area_blocked"

    @property
    def geometry(self) -> Polygon:
        return Polygon(self.polygon)

    def detail(self) -> dict[str, Any]:
        out: dict[str, Any] = {"polygon": [list(p) for p in self.polygon]}
        if self.name:
            out["name"] = self.name
        return out

    def describe(self) -> str:
        c = self.geometry.centroid
        label = f" ({self.name})" if self.name else ""
        return f"area blocked{label} around {c.y:.3f} N {c.x:.3f} E"


@dataclass(frozen=True, slots=True)
class PriorityChange:
    weight: float
    dec_id: str = ""
    ps_id: str = ""
    line: int = 0

    kind = "priority"

    def detail(self) -> dict[str, Any]:
        target = {"dec_id": self.dec_id} if self.dec_id else {"ps_id": self.ps_id}
        return {**target, "weight": self.weight}

    def describe(self) -> str:
        what = f"DEC {self.dec_id}" if self.dec_id else f"polling station {self.ps_id}"
        return f"priority {self.weight:g} for {what}"


@dataclass(frozen=True, slots=True)
class Pin:
    team_id: str
    phase: Phase
    ps_id: str = ""
    dec_id: str = ""
    line: int = 0

    kind = "pin"

    @property
    def key(self) -> str:
        """The stop's key as :attr:`planner.model.Visit.key` writes it."""
        return self.ps_id if self.ps_id else f"DEC:{self.dec_id}"

    def detail(self) -> dict[str, Any]:
        target = {"ps_id": self.ps_id} if self.ps_id else {"dec_id": self.dec_id}
        return {"team_id": self.team_id, **target, "phase": self.phase}

    def describe(self) -> str:
        return f"{self.ps_id or self.dec_id} pinned to team {self.team_id} ({self.phase})"


Change = (
    TeamUnavailable
    | TeamAdded
    | StationClosed
    | StationMoved
    | VotingHours
    | AreaBlocked
    | PriorityChange
    | Pin
    | ObserverUnavailable
    | ObserverAdded
)
