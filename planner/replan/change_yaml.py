"""Reading the YAML of a changes file safely: bounded (size, aliases, depth, nodes),
and walked node by node so every problem names its line and key."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import yaml
from shapely.geometry import Polygon

from planner.errors import Problem
from planner.i18n import msg
from planner.model import parse_hhmm

#: Bounds on a changes file (a real one lists tens of changes, a few KB): a file
#: beyond them is refused with a message before it can exhaust memory or the stack.
MAX_CHANGES_BYTES = 2 * 2**20
MAX_CHANGES = 10_000
MAX_DEPTH = 20  # a change is at most 4 levels deep (list > change > polygon > point)
MAX_NODES = 500_000
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Refused(Exception):
    """A bound of the changes file was hit while composing it."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class BoundedLoader(yaml.SafeLoader):
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
            raise Refused(line, msg("anchors and aliases (&name, *name) are not allowed here"))
        self._depth += 1
        self._nodes += 1
        if self._depth > MAX_DEPTH:
            raise Refused(
                line, msg("nested more than {max_depth} levels deep", max_depth=MAX_DEPTH)
            )
        if self._nodes > MAX_NODES:
            raise Refused(
                line,
                msg(
                    "more than {max_nodes:,} values: too large for a changes file",
                    max_nodes=MAX_NODES,
                ),
            )
        try:
            node: yaml.Node | None = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        return node


class Reader:
    """Walks the composed YAML tree, collecting problems with their line numbers."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node | None, column: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        self.problems.append(Problem(self.file, line, column, message))

    def text(self, node: yaml.Node, key: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.fail(node, key, msg("{key} must be a non-empty text value", key=key))
            return None
        value = str(node.value).strip()
        if _CONTROL.search(value):
            self.fail(
                node,
                key,
                msg("{key} holds a control character, which no value may contain", key=key),
            )
            return None
        return value

    def optional_text(self, f: dict[str, yaml.Node], key: str) -> str | None:
        """``key``'s text when given ("" when not); None (a problem) when not text."""
        if key not in f:
            return ""
        node = f[key]
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, key, msg("{key} must be text, not {value}", key=key, value=shown(node)))
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
        self.fail(node, key, msg("{key} must be a number, not {value}", key=key, value=shown(node)))
        return None

    def time(self, node: yaml.Node, key: str) -> int | None:
        if isinstance(node, yaml.ScalarNode):
            try:
                return parse_hhmm(str(node.value))
            except ValueError:
                pass
        self.fail(
            node, key, msg("{key} must be a time HH:MM, not {value}", key=key, value=shown(node))
        )
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
            expected = _expected(required) if scalar_as else msg("a mapping")
            self.fail(node, kind, msg("{kind} needs {expected}", kind=kind, expected=expected))
            return None
        out: dict[str, yaml.Node] = {}
        ok = True
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(
                    key_node,
                    kind,
                    msg(
                        "a key in {kind} must be a name, not {value}",
                        kind=kind,
                        value=shown(key_node),
                    ),
                )
                ok = False
                continue
            key = str(key_node.value)
            if key not in (*required, *optional):
                allowed = ", ".join((*required, *optional))
                self.fail(
                    key_node,
                    key,
                    msg(
                        "unknown key {key!r} in {kind} (allowed: {allowed})",
                        key=key,
                        kind=kind,
                        allowed=allowed,
                    ),
                )
                ok = False
            elif key in out:
                self.fail(key_node, key, msg("{key} given twice", key=key))
                ok = False
            else:
                out[key] = value_node
        for key in required:
            if key not in out:
                self.fail(node, key, msg("{kind} needs {key}", kind=kind, key=key))
                ok = False
        return out if ok else None


def shown(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        text = str(node.value)
        return repr(text if len(text) <= 40 else text[:37] + "...")
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def lat_lon(r: Reader, f: dict[str, yaml.Node], kind: str) -> tuple[float, float] | None:
    lat = r.number(f["lat"], "lat")
    lon = r.number(f["lon"], "lon")
    if lat is None or lon is None:
        return None
    if not -90 <= lat <= 90:
        r.fail(f["lat"], "lat", msg("latitude {lat} out of range -90..90", lat=lat))
        return None
    if not -180 <= lon <= 180:
        r.fail(f["lon"], "lon", msg("longitude {lon} out of range -180..180", lon=lon))
        return None
    return lat, lon


def polygon(r: Reader, node: yaml.Node) -> tuple[tuple[float, float], ...] | None:
    if not isinstance(node, yaml.SequenceNode) or len(node.value) < 3:
        r.fail(node, "polygon", msg("polygon must be a list of at least 3 [lon, lat] points"))
        return None
    points: list[tuple[float, float]] = []
    for p in node.value:
        if not isinstance(p, yaml.SequenceNode) or len(p.value) != 2:
            r.fail(
                p, "polygon", msg("polygon point must be [lon, lat], not {value}", value=shown(p))
            )
            return None
        lon, lat = r.number(p.value[0], "polygon"), r.number(p.value[1], "polygon")
        if lon is None or lat is None:
            return None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            r.fail(
                p,
                "polygon",
                msg("point [{lon}, {lat}] is not [lon, lat] in degrees", lon=lon, lat=lat),
            )
            return None
        points.append((lon, lat))
    shape = Polygon(points)
    if not shape.is_valid or shape.area <= 0:
        r.fail(node, "polygon", msg("polygon crosses itself or encloses no area"))
        return None
    return tuple(points)


def _expected(required: Sequence[str]) -> str:
    return msg("an id or {{{keys}}}", keys=", ".join(required))
