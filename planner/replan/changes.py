"""Last-minute changes (``CHANGES.yaml``): read, check against a mission, apply.

A changes file is a YAML list; each item is one change, named by its only key
(INTERFACES §2)::

    - team_unavailable: T042
    - team_added: {team_id: T191, base_id: AKT, members: "A; B"}
    - polling_station_closed: AKT-0166
    - polling_station_moved: {ps_id: AKT-0167, lat: 50.30, lon: 57.20}
    - voting_hours: {ps_id: SEV-0288, open_time: "06:00", close_time: "20:00"}
    - area_blocked: {polygon: [[57.1, 50.2], [57.3, 50.2], [57.3, 50.4]]}
    - priority: {dec_id: AKT-D05, weight: 3.0}
    - pin: {team_id: T001, ps_id: AKM-0001, phase: counting}

Polygon points are ``[lon, lat]`` (GeoJSON order). Problems are reported as
``FILE:LINE:KEY: message`` where LINE is the line of the YAML file and KEY the key
at fault, all problems at once. Applying a change that is already in effect (a
station already closed, a team already unavailable) does nothing, so applying the
same file twice changes nothing more.

Blocked areas have no layer of their own yet: they live in the mission's change log
(kind ``area_blocked``) and :func:`blocked_areas` reads them back from there.
"""

# size: parse, check and apply every change kind; to split per kind (changes.py owner)
from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planner.errors import InputError, Problem
from planner.io.mission import record
from planner.io.read import check_regular_file
from planner.model import PHASES, Mission, Phase, Team, format_hhmm, parse_hhmm
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


# --------------------------------------------------------------------------- change types


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


# --------------------------------------------------------------------------- parsing

#: Bounds on a changes file (a real one lists tens of changes, a few KB): a file
#: beyond them is refused with a message before it can exhaust memory or the stack.
MAX_CHANGES_BYTES = 2 * 2**20
MAX_CHANGES = 10_000
MAX_DEPTH = 20  # a change is at most 4 levels deep (list > change > polygon > point)
MAX_NODES = 500_000
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _Refused(Exception):
    """A bound of the changes file was hit while composing it."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses aliases and anchors (a few hundred bytes
    of nested aliases expand to gigabytes), deep nesting and too many nodes."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(line, "anchors and aliases (&name, *name) are not allowed here")
        self._depth += 1
        self._nodes += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(line, f"nested more than {MAX_DEPTH} levels deep")
        if self._nodes > MAX_NODES:
            raise _Refused(line, f"more than {MAX_NODES:,} values: too large for a changes file")
        try:
            node: yaml.Node | None = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        return node


class _Reader:
    """Walks the composed YAML tree, collecting problems with their line numbers."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node | None, column: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        self.problems.append(Problem(self.file, line, column, message))

    def text(self, node: yaml.Node, key: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.fail(node, key, f"{key} must be a non-empty text value")
            return None
        value = str(node.value).strip()
        if _CONTROL.search(value):
            self.fail(node, key, f"{key} holds a control character, which no value may contain")
            return None
        return value

    def optional_text(self, f: dict[str, yaml.Node], key: str) -> str | None:
        """``key``'s text when given ("" when not); None (a problem) when not text."""
        if key not in f:
            return ""
        node = f[key]
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, key, f"{key} must be text, not {_shown(node)}")
            return None
        if str(node.value).strip() == "":
            return ""
        return self.text(node, key)

    def number(self, node: yaml.Node, key: str) -> float | None:
        if isinstance(node, yaml.ScalarNode):
            try:
                value = float(str(node.value))
            except ValueError:
                value = math.nan
            if math.isfinite(value):
                return value
        self.fail(node, key, f"{key} must be a number, not {_shown(node)}")
        return None

    def time(self, node: yaml.Node, key: str) -> int | None:
        if isinstance(node, yaml.ScalarNode):
            try:
                return parse_hhmm(str(node.value))
            except ValueError:
                pass
        self.fail(node, key, f"{key} must be a time HH:MM, not {_shown(node)}")
        return None

    def fields(
        self,
        node: yaml.Node,
        kind: str,
        required: Sequence[str],
        optional: Sequence[str] = (),
        scalar_as: str = "",
    ) -> dict[str, yaml.Node] | None:
        """The mapping under a change, checked for unknown and missing keys.

        ``scalar_as``: a plain value stands for this one key (``- team_unavailable: T1``).
        """
        if isinstance(node, yaml.ScalarNode) and scalar_as:
            return {scalar_as: node}
        if not isinstance(node, yaml.MappingNode):
            expected = f"an id or {{{', '.join(required)}}}" if scalar_as else "a mapping"
            self.fail(node, kind, f"{kind} needs {expected}")
            return None
        out: dict[str, yaml.Node] = {}
        ok = True
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, kind, f"a key in {kind} must be a name, not {_shown(key_node)}")
                ok = False
                continue
            key = str(key_node.value)
            if key not in (*required, *optional):
                allowed = ", ".join((*required, *optional))
                self.fail(key_node, key, f"unknown key {key!r} in {kind} (allowed: {allowed})")
                ok = False
            elif key in out:
                self.fail(key_node, key, f"{key} given twice")
                ok = False
            else:
                out[key] = value_node
        for key in required:
            if key not in out:
                self.fail(node, key, f"{kind} needs {key}")
                ok = False
        return out if ok else None


def _shown(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        text = str(node.value)
        return repr(text if len(text) <= 40 else text[:37] + "...")
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _lat_lon(r: _Reader, f: dict[str, yaml.Node], kind: str) -> tuple[float, float] | None:
    lat = r.number(f["lat"], "lat")
    lon = r.number(f["lon"], "lon")
    if lat is None or lon is None:
        return None
    if not -90 <= lat <= 90:
        r.fail(f["lat"], "lat", f"latitude {lat} out of range -90..90")
        return None
    if not -180 <= lon <= 180:
        r.fail(f["lon"], "lon", f"longitude {lon} out of range -180..180")
        return None
    return lat, lon


def _parse_item(r: _Reader, kind: str, node: yaml.Node, line: int) -> Change | None:  # noqa: PLR0911, PLR0912, PLR0915  # size: one branch per change kind; to split into a table of parsers
    if kind in observer_changes.KINDS:
        return observer_changes.parse(r, kind, node, line)
    if kind == "team_unavailable":
        f = r.fields(node, kind, ["team_id"], scalar_as="team_id")
        if f is None:
            return None
        team = r.text(f["team_id"], "team_id")
        return TeamUnavailable(team, line) if team else None
    if kind == "polling_station_closed":
        f = r.fields(node, kind, ["ps_id"], scalar_as="ps_id")
        if f is None:
            return None
        ps = r.text(f["ps_id"], "ps_id")
        return StationClosed(ps, line) if ps else None
    if kind == "team_added":
        f = r.fields(
            node,
            kind,
            ["team_id", "base_id"],
            ["members", "lat", "lon", "driver", "interpreter", "phone"],
        )
        if f is None:
            return None
        team, base = r.text(f["team_id"], "team_id"), r.text(f["base_id"], "base_id")
        extra = {k: r.optional_text(f, k) for k in ("driver", "interpreter", "phone")}
        if any(v is None for v in extra.values()):
            return None
        members: tuple[str, ...] = ()
        if "members" in f:
            raw = r.optional_text(f, "members")
            if raw is None:
                return None
            members = tuple(m.strip() for m in raw.split(";") if m.strip())
            if not members:
                r.fail(f["members"], "members", 'members must be names separated by ";"')
                return None
        pos: tuple[float, float] | None = None
        if ("lat" in f) != ("lon" in f):
            r.fail(node, "lat" if "lat" not in f else "lon", "give both lat and lon, or neither")
            return None
        if "lat" in f:
            pos = _lat_lon(r, f, kind)
            if pos is None:
                return None
        if not (team and base):
            return None
        return TeamAdded(
            team,
            base,
            members,
            lat=pos[0] if pos else None,
            lon=pos[1] if pos else None,
            driver=extra["driver"] or "",
            interpreter=extra["interpreter"] or "",
            phone=extra["phone"] or "",
            line=line,
        )
    if kind == "polling_station_moved":
        f = r.fields(node, kind, ["ps_id", "lat", "lon"])
        if f is None:
            return None
        ps = r.text(f["ps_id"], "ps_id")
        pos = _lat_lon(r, f, kind)
        return StationMoved(ps, pos[0], pos[1], line) if ps and pos else None
    if kind == "voting_hours":
        f = r.fields(node, kind, ["ps_id"], ["open_time", "close_time"])
        if f is None:
            return None
        ps = r.text(f["ps_id"], "ps_id")
        if "open_time" not in f and "close_time" not in f:
            r.fail(node, "open_time", "voting_hours needs open_time, close_time or both")
            return None
        opens = r.time(f["open_time"], "open_time") if "open_time" in f else None
        closes = r.time(f["close_time"], "close_time") if "close_time" in f else None
        if ("open_time" in f and opens is None) or ("close_time" in f and closes is None):
            return None
        if opens is not None and closes is not None and closes <= opens:
            r.fail(f["close_time"], "close_time", "close_time must be after open_time")
            return None
        return VotingHours(ps, opens, closes, line) if ps else None
    if kind == "area_blocked":
        f = r.fields(node, kind, ["polygon"], ["name"])
        if f is None:
            return None
        points = _polygon(r, f["polygon"])
        name = r.optional_text(f, "name")
        return AreaBlocked(points, name, line) if points and name is not None else None
    if kind == "priority":
        f = r.fields(node, kind, ["weight"], ["dec_id", "ps_id"])
        if f is None:
            return None
        if ("dec_id" in f) == ("ps_id" in f):
            r.fail(node, "dec_id", "priority needs exactly one of dec_id or ps_id")
            return None
        weight = r.number(f["weight"], "weight")
        if weight is not None and weight <= 0:
            r.fail(f["weight"], "weight", f"weight must be > 0, not {weight:g}")
            return None
        target_key = "dec_id" if "dec_id" in f else "ps_id"
        target = r.text(f[target_key], target_key)
        if weight is None or not target:
            return None
        if target_key == "dec_id":
            return PriorityChange(weight, dec_id=target, line=line)
        return PriorityChange(weight, ps_id=target, line=line)
    if kind == "pin":
        f = r.fields(node, kind, ["team_id"], ["ps_id", "dec_id", "phase"])
        if f is None:
            return None
        if ("dec_id" in f) == ("ps_id" in f):
            r.fail(node, "ps_id", "pin needs exactly one of ps_id or dec_id")
            return None
        team = r.text(f["team_id"], "team_id")
        default_phase = "tabulation" if "dec_id" in f else "voting"
        phase = r.text(f["phase"], "phase") if "phase" in f else default_phase
        if phase is not None and phase not in PHASES:
            r.fail(f["phase"], "phase", f"phase must be one of {', '.join(PHASES)}")
            return None
        if "dec_id" in f and phase != "tabulation":
            r.fail(f["phase"], "phase", "a DEC can only be pinned for tabulation")
            return None
        if "ps_id" in f and phase == "tabulation":
            r.fail(f["phase"], "phase", "tabulation is pinned with dec_id, not ps_id")
            return None
        target_key = "dec_id" if "dec_id" in f else "ps_id"
        target = r.text(f[target_key], target_key)
        if not (team and target and phase):
            return None
        if target_key == "dec_id":
            return Pin(team, "tabulation", dec_id=target, line=line)
        return Pin(team, phase, ps_id=target, line=line)  # type: ignore[arg-type]
    raise AssertionError(kind)


def _polygon(r: _Reader, node: yaml.Node) -> tuple[tuple[float, float], ...] | None:
    if not isinstance(node, yaml.SequenceNode) or len(node.value) < 3:
        r.fail(node, "polygon", "polygon must be a list of at least 3 [lon, lat] points")
        return None
    points: list[tuple[float, float]] = []
    for p in node.value:
        if not isinstance(p, yaml.SequenceNode) or len(p.value) != 2:
            r.fail(p, "polygon", f"polygon point must be [lon, lat], not {_shown(p)}")
            return None
        lon, lat = r.number(p.value[0], "polygon"), r.number(p.value[1], "polygon")
        if lon is None or lat is None:
            return None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            r.fail(p, "polygon", f"point [{lon}, {lat}] is not [lon, lat] in degrees")
            return None
        points.append((lon, lat))
    shape = Polygon(points)
    if not shape.is_valid or shape.area <= 0:
        r.fail(node, "polygon", "polygon crosses itself or encloses no area")
        return None
    return tuple(points)


def parse_changes_text(text: str, file: str = "CHANGES.yaml") -> list[Change]:  # noqa: PLR0912  # size: to split into named steps (issue 10 shape pass)
    """Changes from YAML text; raises :class:`InputError` listing every problem."""
    r = _Reader(file)
    if len(text) > MAX_CHANGES_BYTES:
        raise InputError(
            Problem(file, 0, "", f"larger than a changes file may be ({MAX_CHANGES_BYTES:,} bytes)")
        )
    loader: _BoundedLoader | None = None
    try:
        loader = _BoundedLoader(text)
        root = loader.get_single_node()
    except _Refused as exc:
        raise InputError(Problem(file, exc.line, "", exc.message)) from None
    except RecursionError:
        raise InputError(
            Problem(file, 0, "", f"nested more than {MAX_DEPTH} levels deep")
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        reason = getattr(exc, "problem", None) or str(exc)
        raise InputError(Problem(file, line, "", f"not valid YAML: {reason}")) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise InputError(Problem(file, 1, "", "the file lists no changes"))
    if not isinstance(root, yaml.SequenceNode):
        raise InputError(
            Problem(file, root.start_mark.line + 1, "", "the file must be a list of changes")
        )
    if len(root.value) > MAX_CHANGES:
        raise InputError(
            Problem(
                file, 1, "", f"{len(root.value):,} changes: more than {MAX_CHANGES:,} in one file"
            )
        )
    changes: list[Change] = []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
            r.fail(item, "", f"each change must be one 'kind: value' item ({', '.join(KINDS)})")
            continue
        key_node, value_node = item.value[0]
        if not isinstance(key_node, yaml.ScalarNode):
            r.fail(key_node, "", f"a change is named by a word ({', '.join(KINDS)})")
            continue
        kind = str(key_node.value)
        if kind not in KINDS:
            r.fail(key_node, kind[:40], f"unknown change {kind[:40]!r} (known: {', '.join(KINDS)})")
            continue
        change = _parse_item(r, kind, value_node, line)
        if change is not None:
            changes.append(change)
    if not root.value and not r.problems:
        r.fail(root, "", "the file lists no changes")
    if r.problems:
        raise InputError(r.problems)
    return changes


def read_changes(path: str | Path) -> list[Change]:
    """Changes from a ``CHANGES.yaml`` file (errors name the file as given)."""
    p = Path(path)
    if not p.exists():
        raise InputError(Problem(str(p), 0, "", "no such file"))
    check_regular_file(p, str(p), MAX_CHANGES_BYTES)  # a FIFO or /dev/zero never ends
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(Problem(str(p), 0, "", "no such file")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(str(p), 0, "", f"cannot be read ({exc})")) from None
    return parse_changes_text(text, str(p))


def changes_to_yaml(changes: Iterable[Change]) -> str:
    """The changes as ``CHANGES.yaml`` text (what the GUI saves), one line per change."""
    lines = []
    for c in changes:
        value: Any
        if isinstance(c, TeamUnavailable):
            value = c.team_id
        elif isinstance(c, StationClosed):
            value = c.ps_id
        elif isinstance(c, ObserverUnavailable):
            value = c.observer_id
        else:
            value = c.detail()
        text = yaml.safe_dump(
            value, allow_unicode=True, sort_keys=False, default_flow_style=True, width=10**6
        ).strip()
        text = text.removesuffix("...").strip()  # a plain scalar document ends with "..."
        lines.append(f"- {c.kind}: {text}")
    return "\n".join(lines) + "\n" if lines else "[]\n"


# --------------------------------------------------------------------------- checking


def check_changes(mission: Mission, changes: Sequence[Change], file: str = "") -> None:  # noqa: PLR0912, PLR0915  # size: one check per change kind; to split per kind
    """Refuse changes naming unknown teams, stations, DECs or bases (all at once)."""
    problems: list[Problem] = []
    teams = dict(mission.team_by_id)
    closed = {p.ps_id for p in mission.polling_stations if p.status == "closed"}
    closed |= {c.ps_id for c in changes if isinstance(c, StationClosed)}  # in any order

    def bad(c: Change, column: str, message: str) -> None:
        problems.append(Problem(file, c.line, column, message))

    def station(c: Change, ps_id: str) -> bool:
        if ps_id not in mission.station_by_id:
            bad(c, "ps_id", f"unknown polling station {ps_id}")
            return False
        return True

    for c in changes:
        if isinstance(c, TeamUnavailable):
            if c.team_id not in teams:
                bad(c, "team_id", f"unknown team {c.team_id}")
        elif isinstance(c, TeamAdded):
            if c.base_id not in mission.base_by_id:
                bad(c, "base_id", f"unknown base {c.base_id}")
            old = teams.get(c.team_id)
            if old is not None and old.base_id != c.base_id:
                bad(c, "team_id", f"team {c.team_id} exists already, at base {old.base_id}")
            teams[c.team_id] = Team(c.team_id, c.base_id, c.members)
        elif isinstance(c, StationClosed):
            station(c, c.ps_id)
        elif isinstance(c, StationMoved):
            if station(c, c.ps_id) and mission.station_by_id[c.ps_id].kind == "abroad":
                bad(c, "ps_id", f"{c.ps_id} is abroad: it has no position to move")
        elif isinstance(c, VotingHours):
            if station(c, c.ps_id):
                ps = mission.station_by_id[c.ps_id]
                opens = ps.open_time if c.open_time is None else c.open_time
                closes = ps.close_time if c.close_time is None else c.close_time
                if closes <= opens:
                    column = "open_time" if c.close_time is None else "close_time"
                    bad(
                        c,
                        column,
                        f"{c.ps_id} would close at {format_hhmm(closes)}, "
                        f"before it opens at {format_hhmm(opens)}",
                    )
        elif isinstance(c, PriorityChange):
            if c.dec_id and c.dec_id not in mission.dec_by_id:
                bad(c, "dec_id", f"unknown DEC {c.dec_id}")
            if c.ps_id:
                station(c, c.ps_id)
        elif isinstance(c, Pin):
            team = teams.get(c.team_id)
            if team is None:
                bad(c, "team_id", f"unknown team {c.team_id}")
            if c.dec_id and c.dec_id not in mission.dec_by_id:
                bad(c, "dec_id", f"unknown DEC {c.dec_id}")
            if c.ps_id and station(c, c.ps_id):
                region = mission.station_by_id[c.ps_id].region_id
                base = mission.base_by_id.get(team.base_id) if team is not None else None
                if base is not None and region not in base.region_ids:
                    bad(
                        c,
                        "ps_id",
                        f"{c.ps_id} is in region {region}, which the base of team "
                        f"{c.team_id} ({base.base_id}) does not cover",
                    )
                if c.ps_id in closed:
                    bad(c, "ps_id", f"{c.ps_id} is closed: it cannot be pinned")
                elif not mission.station_by_id[c.ps_id].located:
                    bad(c, "ps_id", f"{c.ps_id} has no position a team can drive to")
    # A pin on a station inside a blocked area (known or in this file) cannot work.
    areas = blocked_areas(mission) + [c.geometry for c in changes if isinstance(c, AreaBlocked)]
    for c in changes:
        if isinstance(c, Pin) and c.ps_id in mission.station_by_id and areas:
            ps = mission.station_by_id[c.ps_id]
            if ps.lat is not None and ps.lon is not None:
                spot = Point(ps.lon, ps.lat)
                if any(a.contains(spot) for a in areas):
                    bad(c, "ps_id", f"{c.ps_id} is in a blocked area: it cannot be pinned")
    # A pin on a team made unavailable anywhere in the file is a contradiction.
    gone = {c.team_id for c in changes if isinstance(c, TeamUnavailable)}
    for c in changes:
        if isinstance(c, Pin) and c.team_id in gone:
            bad(c, "team_id", f"team {c.team_id} is pinned but also made unavailable")
    problems += observer_changes.check(mission, changes, file)
    if problems:
        raise InputError(problems)


# --------------------------------------------------------------------------- applying


@dataclass(frozen=True, slots=True)
class Applied:
    """What applying one change did to the mission's data."""

    change: Change
    effective: bool  # False: already in effect (a no-op)
    note: str = ""


def blocked_areas(mission: Mission) -> list[BaseGeometry]:
    """Areas blocked by ``area_blocked`` changes recorded in the mission's change log."""
    out: list[BaseGeometry] = []
    for rec in mission.change_log:
        if rec.kind != "area_blocked":
            continue
        try:
            points = json.loads(rec.detail)["polygon"]
            out.append(Polygon([(float(x), float(y)) for x, y in points]))
        except (ValueError, KeyError, TypeError):
            continue  # a hand-edited entry that is not a polygon: ignore it
    return out


def _same_area(a: BaseGeometry, b: BaseGeometry) -> bool:
    return bool(a.symmetric_difference(b).area <= 1e-9 * max(a.area, 1e-12))


def apply_changes(mission: Mission, changes: Sequence[Change]) -> tuple[Mission, list[Applied]]:  # noqa: PLR0912  # size: one case per change kind; to split per kind
    """The mission's data with ``changes`` applied, and what each change did.

    Does not touch plans or the change log (see :func:`record_changes`); an
    ``area_blocked`` or ``pin`` change has its effect at re-planning time.
    """
    stations = {p.ps_id: p for p in mission.polling_stations}
    teams = {t.team_id: t for t in mission.teams}
    areas = blocked_areas(mission)
    done: list[Applied] = []
    for c in changes:
        effective = True
        note = ""
        if isinstance(c, TeamUnavailable):
            team = teams[c.team_id]
            effective = team.available
            teams[c.team_id] = replace(team, available=False)
        elif isinstance(c, TeamAdded):
            old = teams.get(c.team_id)
            if old is None:
                teams[c.team_id] = Team(
                    c.team_id,
                    c.base_id,
                    c.members,
                    True,
                    c.lat,
                    c.lon,
                    c.driver,
                    c.interpreter,
                    c.phone,
                )
            else:
                effective = not old.available
                note = "team existed: made available again" if effective else "team exists"
                teams[c.team_id] = replace(old, available=True)
        elif isinstance(c, StationClosed):
            ps = stations[c.ps_id]
            effective = ps.status != "closed"
            stations[c.ps_id] = replace(ps, status="closed")
        elif isinstance(c, StationMoved):
            ps = stations[c.ps_id]
            effective = (ps.lat, ps.lon) != (c.lat, c.lon)
            stations[c.ps_id] = replace(ps, lat=c.lat, lon=c.lon)
        elif isinstance(c, VotingHours):
            ps = stations[c.ps_id]
            shifted = replace(
                ps,
                open_time=ps.open_time if c.open_time is None else c.open_time,
                close_time=ps.close_time if c.close_time is None else c.close_time,
            )
            effective = shifted != ps
            stations[c.ps_id] = shifted
        elif isinstance(c, PriorityChange):
            ids = (
                [c.ps_id]
                if c.ps_id
                else [p.ps_id for p in stations.values() if p.dec_id == c.dec_id]
            )
            effective = any(stations[i].priority != c.weight for i in ids)
            for i in ids:
                stations[i] = replace(stations[i], priority=c.weight)
        elif isinstance(c, AreaBlocked):
            shape = c.geometry
            effective = not any(_same_area(shape, a) for a in areas)
            if effective:
                areas.append(shape)
        elif isinstance(c, Pin):
            effective = True  # decided against the plan when re-planning
        done.append(Applied(c, effective, note))
    new = replace(
        mission,
        polling_stations=tuple(stations[p.ps_id] for p in mission.polling_stations)
        + tuple(p for i, p in stations.items() if i not in mission.station_by_id),
        teams=tuple(teams[t.team_id] for t in mission.teams)
        + tuple(t for i, t in teams.items() if i not in mission.team_by_id),
    )
    new, by_observer = observer_changes.apply(new, changes)
    for k, (effective, note) in by_observer.items():
        done[k] = Applied(changes[k], effective, note)
    return new, done


def record_changes(
    mission: Mission, applied: Sequence[Applied], plan_revision: int, source: str = ""
) -> Mission:
    """``mission`` with one change-log entry per effective change."""
    for a in applied:
        if not a.effective:
            continue
        detail = a.change.detail()
        if source:
            detail["source"] = f"{source}:{a.change.line}" if a.change.line else source
        mission = record(mission, a.change.kind, detail, plan_revision)
    return mission
