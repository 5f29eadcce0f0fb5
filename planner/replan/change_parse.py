"""Parse a changes file: one parser per change kind (:data:`_PARSERS`), every problem
reported at once as ``FILE:LINE:KEY: message``; and write changes back as YAML."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from planner.errors import InputError, Problem
from planner.i18n import msg
from planner.io.read import check_regular_file
from planner.model import PHASES
from planner.replan import observer_changes, observer_input
from planner.replan.change_types import (
    KINDS,
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
from planner.replan.change_yaml import (
    MAX_CHANGES,
    MAX_CHANGES_BYTES,
    MAX_DEPTH,
    BoundedLoader,
    Reader,
    Refused,
    lat_lon,
    polygon,
)
from planner.replan.observer_changes import ObserverUnavailable

Parser = Callable[[Reader, yaml.Node, int], Change | None]


def _team_unavailable(r: Reader, node: yaml.Node, line: int) -> Change | None:
    f = r.fields(node, "team_unavailable", ["team_id"], scalar_as="team_id")
    if f is None:
        return None
    team = r.text(f["team_id"], "team_id")
    return TeamUnavailable(team, line) if team else None


def _station_closed(r: Reader, node: yaml.Node, line: int) -> Change | None:
    f = r.fields(node, "polling_station_closed", ["ps_id"], scalar_as="ps_id")
    if f is None:
        return None
    ps = r.text(f["ps_id"], "ps_id")
    return StationClosed(ps, line) if ps else None


def _team_added(r: Reader, node: yaml.Node, line: int) -> Change | None:
    f = r.fields(
        node,
        "team_added",
        ["team_id", "base_id"],
        ["members", "lat", "lon", "driver", "interpreter", "phone"],
    )
    if f is None:
        return None
    team, base = r.text(f["team_id"], "team_id"), r.text(f["base_id"], "base_id")
    extra = {k: r.optional_text(f, k) for k in ("driver", "interpreter", "phone")}
    if any(v is None for v in extra.values()):
        return None
    members = _members(r, f)
    if members is None:
        return None
    pos = _position(r, f, node)
    if pos is None or not (team and base):
        return None
    return TeamAdded(
        team,
        base,
        members,
        lat=pos[0],
        lon=pos[1],
        driver=extra["driver"] or "",
        interpreter=extra["interpreter"] or "",
        phone=extra["phone"] or "",
        line=line,
    )


def _members(r: Reader, f: dict[str, yaml.Node]) -> tuple[str, ...] | None:
    """A new team's members (none when not given); None after a problem."""
    if "members" not in f:
        return ()
    raw = r.optional_text(f, "members")
    if raw is None:
        return None
    members = tuple(m.strip() for m in raw.split(";") if m.strip())
    if not members:
        r.fail(f["members"], "members", msg('members must be names separated by ";"'))
        return None
    return members


def _position(
    r: Reader, f: dict[str, yaml.Node], node: yaml.Node
) -> tuple[float | None, float | None] | None:
    """A new team's (lat, lon) ((None, None) when not given); None after a problem."""
    if ("lat" in f) != ("lon" in f):
        r.fail(node, "lat" if "lat" not in f else "lon", msg("give both lat and lon, or neither"))
        return None
    if "lat" not in f:
        return None, None
    return lat_lon(r, f, "team_added")


def _station_moved(r: Reader, node: yaml.Node, line: int) -> Change | None:
    f = r.fields(node, "polling_station_moved", ["ps_id", "lat", "lon"])
    if f is None:
        return None
    ps = r.text(f["ps_id"], "ps_id")
    pos = lat_lon(r, f, "polling_station_moved")
    return StationMoved(ps, pos[0], pos[1], line) if ps and pos else None


def _voting_hours(r: Reader, node: yaml.Node, line: int) -> Change | None:
    f = r.fields(node, "voting_hours", ["ps_id"], ["open_time", "close_time"])
    if f is None:
        return None
    ps = r.text(f["ps_id"], "ps_id")
    if "open_time" not in f and "close_time" not in f:
        r.fail(node, "open_time", msg("voting_hours needs open_time, close_time or both"))
        return None
    opens = r.time(f["open_time"], "open_time") if "open_time" in f else None
    closes = r.time(f["close_time"], "close_time") if "close_time" in f else None
    if ("open_time" in f and opens is None) or ("close_time" in f and closes is None):
        return None
    if opens is not None and closes is not None and closes <= opens:
        r.fail(f["close_time"], "close_time", msg("close_time must be after open_time"))
        return None
    return VotingHours(ps, opens, closes, line) if ps else None


def _area_blocked(r: Reader, node: yaml.Node, line: int) -> Change | None:
    f = r.fields(node, "area_blocked", ["polygon"], ["name"])
    if f is None:
        return None
    points = polygon(r, f["polygon"])
    name = r.optional_text(f, "name")
    return AreaBlocked(points, name, line) if points and name is not None else None


def _priority(r: Reader, node: yaml.Node, line: int) -> Change | None:
    f = r.fields(node, "priority", ["weight"], ["dec_id", "ps_id"])
    if f is None:
        return None
    if ("dec_id" in f) == ("ps_id" in f):
        r.fail(node, "dec_id", msg("priority needs exactly one of dec_id or ps_id"))
        return None
    weight = r.number(f["weight"], "weight")
    if weight is not None and weight <= 0:
        r.fail(f["weight"], "weight", msg("weight must be > 0, not {weight:g}", weight=weight))
        return None
    target_key = "dec_id" if "dec_id" in f else "ps_id"
    target = r.text(f[target_key], target_key)
    if weight is None or not target:
        return None
    if target_key == "dec_id":
        return PriorityChange(weight, dec_id=target, line=line)
    return PriorityChange(weight, ps_id=target, line=line)


def _pin(r: Reader, node: yaml.Node, line: int) -> Change | None:
    f = r.fields(node, "pin", ["team_id"], ["ps_id", "dec_id", "phase"])
    if f is None:
        return None
    if ("dec_id" in f) == ("ps_id" in f):
        r.fail(node, "ps_id", msg("pin needs exactly one of ps_id or dec_id"))
        return None
    team = r.text(f["team_id"], "team_id")
    ok, phase = _pin_phase(r, f)
    if not ok:
        return None
    target_key = "dec_id" if "dec_id" in f else "ps_id"
    target = r.text(f[target_key], target_key)
    if not (team and target and phase):
        return None
    if target_key == "dec_id":
        return Pin(team, "tabulation", dec_id=target, line=line)
    return Pin(team, phase, ps_id=target, line=line)  # type: ignore[arg-type]


def _pin_phase(r: Reader, f: dict[str, yaml.Node]) -> tuple[bool, str | None]:
    """(whether the pin's phase fits its target, the phase); a DEC is pinned for
    tabulation, a station for any other phase."""
    default_phase = "tabulation" if "dec_id" in f else "voting"
    phase = r.text(f["phase"], "phase") if "phase" in f else default_phase
    if phase is not None and phase not in PHASES:
        r.fail(f["phase"], "phase", msg("phase must be one of {phases}", phases=", ".join(PHASES)))
        return False, phase
    if "dec_id" in f and phase != "tabulation":
        r.fail(f["phase"], "phase", msg("a DEC can only be pinned for tabulation"))
        return False, phase
    if "ps_id" in f and phase == "tabulation":
        r.fail(f["phase"], "phase", msg("tabulation is pinned with dec_id, not ps_id"))
        return False, phase
    return True, phase


#: Change kind -> its parser (observer changes are parsed by :mod:`observer_input`).
_PARSERS: dict[str, Parser] = {
    "team_unavailable": _team_unavailable,
    "team_added": _team_added,
    "polling_station_closed": _station_closed,
    "polling_station_moved": _station_moved,
    "voting_hours": _voting_hours,
    "area_blocked": _area_blocked,
    "priority": _priority,
    "pin": _pin,
}


def _parse_item(r: Reader, kind: str, node: yaml.Node, line: int) -> Change | None:
    if kind in observer_changes.KINDS:
        return observer_input.parse(r, kind, node, line)
    return _PARSERS[kind](r, node, line)


def parse_changes_text(text: str, file: str = "CHANGES.yaml") -> list[Change]:
    """Changes from YAML text; raises :class:`InputError` listing every problem."""
    if len(text) > MAX_CHANGES_BYTES:
        raise InputError(
            Problem(
                file,
                0,
                "",
                msg(
                    "larger than a changes file may be ({max_changes_bytes:,} bytes)",
                    max_changes_bytes=MAX_CHANGES_BYTES,
                ),
            )
        )
    root = _load(text, file)
    r = Reader(file)
    changes: list[Change] = []
    for item in root.value:
        kind = _kind(r, item)
        if kind is None:
            continue
        change = _parse_item(r, kind, item.value[0][1], item.start_mark.line + 1)
        if change is not None:
            changes.append(change)
    if not root.value and not r.problems:
        r.fail(root, "", msg("the file lists no changes"))
    if r.problems:
        raise InputError(r.problems)
    return changes


def _load(text: str, file: str) -> yaml.SequenceNode:
    """The YAML tree of a changes file: a list of at most :data:`MAX_CHANGES` items."""
    loader: BoundedLoader | None = None
    try:
        loader = BoundedLoader(text)
        root = loader.get_single_node()
    except Refused as exc:
        raise InputError(Problem(file, exc.line, "", exc.message)) from None
    except RecursionError:
        raise InputError(
            Problem(
                file, 0, "", msg("nested more than {max_depth} levels deep", max_depth=MAX_DEPTH)
            )
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        reason = getattr(exc, "problem", None) or str(exc)
        raise InputError(
            Problem(file, line, "", msg("not valid YAML: {reason}", reason=reason))
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise InputError(Problem(file, 1, "", msg("the file lists no changes")))
    if not isinstance(root, yaml.SequenceNode):
        raise InputError(
            Problem(file, root.start_mark.line + 1, "", msg("the file must be a list of changes"))
        )
    if len(root.value) > MAX_CHANGES:
        raise InputError(
            Problem(
                file,
                1,
                "",
                msg(
                    "{n:,} changes: more than {max_changes:,} in one file",
                    n=len(root.value),
                    max_changes=MAX_CHANGES,
                ),
            )
        )
    return root


def _kind(r: Reader, item: yaml.Node) -> str | None:
    """The kind of change ``item`` names; None (a problem) when it names none."""
    if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
        r.fail(
            item,
            "",
            msg("each change must be one 'kind: value' item ({kinds})", kinds=", ".join(KINDS)),
        )
        return None
    key_node = item.value[0][0]
    if not isinstance(key_node, yaml.ScalarNode):
        r.fail(key_node, "", msg("a change is named by a word ({kinds})", kinds=", ".join(KINDS)))
        return None
    kind = str(key_node.value)
    if kind not in KINDS:
        r.fail(
            key_node,
            kind[:40],
            msg("unknown change {kind!r} (known: {kinds})", kind=kind[:40], kinds=", ".join(KINDS)),
        )
        return None
    return kind


def read_changes(path: str | Path) -> list[Change]:
    """Changes from a ``CHANGES.yaml`` file (errors name the file as given)."""
    p = Path(path)
    if not p.exists():
        raise InputError(Problem(str(p), 0, "", msg("no such file")))
    check_regular_file(p, str(p), MAX_CHANGES_BYTES)  # a FIFO or /dev/zero never ends
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(Problem(str(p), 0, "", msg("no such file"))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(str(p), 0, "", msg("cannot be read ({exc})", exc=exc))) from None
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
