"""Snapshots of what users see: a route sheet's text and the coverage map's data.

A refactor must not change them. When a change is meant (a new column, a reworded
label), look at the diff this test prints, then regenerate the files with
``UPDATE_SNAPSHOTS=1 python -m pytest tests/planner/export/test_snapshots.py`` and
commit them with the change.

The plan is the hand-made two-team plan of the export tests, re-timed by the day
model (:func:`planner.day.time_route`), so the times on the sheet are the planner's.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from planner.day import stops_of, time_route
from planner.export.coverage_map import coverage_map_data
from planner.export.route_sheet import route_sheets_html
from planner.model import Mission, Plan
from tests.factories import tiny_mission
from tests.planner.export._export_plan import tiny_plan

SNAPSHOTS = Path(__file__).resolve().parents[2] / "data" / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"


def _mission_and_plan() -> tuple[Mission, Plan]:
    mission = tiny_mission()
    hand = tiny_plan(mission)
    routes = tuple(
        time_route(mission, r.team_id, (r.start_lat, r.start_lon), stops_of(r)) for r in hand.routes
    )
    return mission, Plan(routes=routes, revision=hand.revision, created=hand.created)


class _Text(HTMLParser):
    """The visible text of a page: one line per block, no styles or scripts."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "li",
            "tr",
            "section",
            "table",
            "br",
            "header",
            "footer",
            "ul",
            "ol",
            "td",
            "th",
        ]
    )

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "svg"):
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "svg"):
            self.hidden -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line) + "\n"


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return parser.text()


#: A whole-km distance: a total near x.5 km rounds either way with another numpy build
#: (Python 3.12/3.13 venvs measured 176 km where 3.11 gives 175).
_KM = re.compile(r"(\d+)( km)")


def _same(actual: str, expected: str) -> bool:
    """Equal, but for distances in whole km that differ by at most 1."""
    a_parts, e_parts = _KM.split(actual), _KM.split(expected)
    if len(a_parts) != len(e_parts):
        return False
    for i, (a, e) in enumerate(zip(a_parts, e_parts, strict=True)):
        if i % 3 == 1:  # a number of km
            if abs(int(a) - int(e)) > 1:
                return False
        elif a != e:
            return False
    return True


def _check(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {path}: run with UPDATE_SNAPSHOTS=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if _same(actual, expected):
        return
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            f"{name} (snapshot)",
            f"{name} (now)",
            lineterm="",
        )
        shown = "\n".join(list(diff)[:80])
        raise AssertionError(
            f"what users see changed ({name}); if this is meant, regenerate with "
            f"UPDATE_SNAPSHOTS=1 and commit the snapshot:\n{shown}"
        )


def test_route_sheet_text_is_unchanged() -> None:
    mission, plan = _mission_and_plan()
    text = visible_text(route_sheets_html(mission, plan))
    assert "T001" in text and "T002" in text  # both sheets are in it
    _check("route_sheets_tiny.txt", text)


def _rounded(value: Any) -> Any:
    """Coordinates to 6 decimals (about 10 cm): GEOS may differ in the last digits."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def test_coverage_map_data_is_unchanged() -> None:
    mission, plan = _mission_and_plan()
    data = _rounded(coverage_map_data(mission, plan))
    assert data["routes"] and data["stations"]
    _check(
        "coverage_map_tiny.json",
        json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
    )


def test_snapshot_text_keeps_what_a_reader_sees() -> None:
    """The text extraction itself: styles and scripts out, cells and lines kept."""
    html = (
        "<style>p{color:red}</style><h1>Team T001</h1><table><tr><td>07:00</td>"
        "<td>N-0002</td></tr></table><script>x()</script><p>Break of 60 min</p>"
    )
    assert visible_text(html) == "Team T001\n| 07:00\n| N-0002\nBreak of 60 min\n"


def test_the_comparison_forgives_only_a_km_of_rounding() -> None:
    assert _same("driving 5 h · 175 km", "driving 5 h · 176 km")
    assert not _same("driving 5 h · 175 km", "driving 5 h · 177 km")
    assert not _same("driving 5 h · 175 km", "driving 6 h · 175 km")
    assert not _same("8 stops · 175 km", "8 stops · 175 km · 1 km")
