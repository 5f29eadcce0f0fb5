"""Column-by-column checks of a raw table; every problem is collected, none raised.

A :class:`Checker` turns the text cells of one :class:`RawTable` into typed columns
(lists with ``None`` where a cell is bad) and records one :class:`Problem` per bad
cell, located by spreadsheet row and the column's header as written in the file.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import TypeVar

from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from planner.errors import Problem
from planner.i18n import msg
from planner.io.geo import check_positions
from planner.io.read import RawTable
from planner.io.schema import ALIASES, COLUMNS, canonical_column, normalise
from planner.model import Mission, parse_hhmm

T = TypeVar("T")


def _clip(text: str, limit: int = 40) -> str:
    """A cell as quoted in a message: long ones cut (a 5,000-digit number)."""
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


def _short_list(items: Collection[str], limit: int = 12) -> str:
    shown = sorted(items)[:limit]
    more = len(items) - len(shown)
    return ", ".join(shown) + (f", ... ({more} more)" if more > 0 else "")


class Checker:
    """Typed columns of one table of ``kind``, with the problems found so far."""

    def __init__(self, kind: str, table: RawTable, mission: Mission) -> None:
        self.kind = kind
        self.table = table
        self.mission = mission
        self.n = len(table)
        self.problems: list[Problem] = []
        self.bad: set[int] = set()  # indexes of records with a problem
        self.header_of: dict[str, str] = {}  # column -> header as written in the file
        self.ignored: list[str] = []  # headers that mean nothing for this kind
        self.missing: set[str] = set()  # required columns not in the file
        self.bad_points: set[int] = set()  # records whose coordinates have a problem
        self._map_headers()

    # ------------------------------------------------------------------ bookkeeping

    def add(self, index: int, column: str, message: str) -> None:
        """A problem in record ``index`` (0-based), column named by its canonical name."""
        self.problems.append(
            Problem(
                self.table.file, self.table.rows[index], self.header_of.get(column, column), message
            )
        )
        self.bad.add(index)
        if column in ("lat", "lon", "geometry"):
            self.bad_points.add(index)

    def add_header(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.table.file, self.table.header_row, column, message))

    def _map_headers(self) -> None:
        for header in self.table.headers:
            if not header.strip():
                continue
            name = canonical_column(header, self.kind)
            if name is None:
                self.ignored.append(header)
            elif name in self.header_of:
                self.add_header(
                    header,
                    f"columns {self.header_of[name]!r} and {header!r} both mean {name}; keep one",
                )
            else:
                self.header_of[name] = header

    def require_columns(self, *, optional: Collection[str] = ()) -> None:
        """Report every required column of the kind that the file lacks."""
        for col in COLUMNS[self.kind]:
            if col.required and col.name not in self.header_of and col.name not in optional:
                self.missing.add(col.name)
                also = ", ".join(ALIASES.get(col.name, ())[:6])
                self.add_header(
                    col.name,
                    f"required column {col.name!r} is missing"
                    + (f" (also accepted: {also})" if also else ""),
                )

    def has(self, name: str) -> bool:
        return name in self.header_of

    # ------------------------------------------------------------------ cells

    def raw(self, name: str) -> list[str]:
        """Cells of column ``name``; absent or empty optional cells get the default."""
        header = self.header_of.get(name)
        spec = next((c for c in COLUMNS[self.kind] if c.name == name), None)
        default = spec.default if spec is not None and spec.default is not None else ""
        if header is None:
            return [default] * self.n
        cells = self.table.cells[header]
        if default:
            return [c if c else default for c in cells]
        return cells

    def text(self, name: str, *, required: bool = True) -> list[str]:
        values = self.raw(name)
        if required and name not in self.missing:
            for i, v in enumerate(values):
                if not v:
                    self.add(i, name, msg("empty value: {name} is required", name=name))
        return values

    def integer(self, name: str, lo: int, hi: int, *, required: bool = True) -> list[int | None]:
        out: list[int | None] = []
        for i, v in enumerate(self.text(name, required=required)):
            if not v:
                out.append(None)
                continue
            s = v.replace(" ", "").replace("\u00a0", "")
            if s.endswith(".0"):
                s = s[:-2]
            if not s.lstrip("+-").isdecimal():
                self.add(i, name, msg("{v!r} is not a whole number", v=_clip(v)))
                out.append(None)
            elif len(s.lstrip("+-0")) > 15:  # int() of 5,000 digits is refused by Python
                self.add(i, name, msg("{v} is out of range ({lo}..{hi})", v=_clip(v), lo=lo, hi=hi))
                out.append(None)
            elif not lo <= int(s) <= hi:
                self.add(i, name, msg("{v} is out of range ({lo}..{hi})", v=v, lo=lo, hi=hi))
                out.append(None)
            else:
                out.append(int(s))
        return out

    def number(
        self, name: str, lo: float, hi: float, *, required: bool = True
    ) -> list[float | None]:
        out: list[float | None] = []
        for i, v in enumerate(self.text(name, required=required)):
            out.append(self._number(i, name, v, lo, hi) if v else None)
        return out

    def _number(self, i: int, name: str, v: str, lo: float, hi: float) -> float | None:
        try:
            x = float(v.replace(",", ".").replace(" ", "").replace("\u00a0", ""))
        except ValueError:
            self.add(i, name, msg("{v!r} is not a number", v=_clip(v)))
            return None
        if not math.isfinite(x):
            self.add(i, name, msg("{v!r} is not a number", v=_clip(v)))
            return None
        if not lo <= x <= hi:
            self.add(i, name, msg("{v} is out of range ({lo:g}..{hi:g})", v=_clip(v), lo=lo, hi=hi))
            return None
        return x

    def time(self, name: str, *, latest: int = 24 * 60) -> list[int | None]:
        out: list[int | None] = []
        seen: dict[str, int] = {}  # a column has few distinct times: parse each once
        for i, v in enumerate(self.text(name)):
            if not v:
                out.append(None)
                continue
            minutes = seen.get(v)
            if minutes is None:
                try:
                    minutes = seen[v] = parse_hhmm(v)
                except ValueError:
                    minutes = seen[v] = -1
            if not 0 <= minutes <= latest:
                self.add(i, name, msg("{v!r} is not a time HH:MM (for example 07:00)", v=v))
                out.append(None)
            else:
                out.append(minutes)
        return out

    def choice(
        self, name: str, allowed: Mapping[str, T], *, required: bool = True, shown: str = ""
    ) -> list[T | None]:
        canonical = shown or ", ".join(sorted({str(v) for v in allowed.values()}))
        out: list[T | None] = []
        seen: dict[str, T | None] = {}  # few distinct values: normalise each once
        for i, v in enumerate(self.text(name, required=required)):
            if not v:
                out.append(None)
                continue
            if v in seen:
                value = seen[v]
            else:
                key = normalise(v)
                value = seen[v] = allowed.get(key.replace("_", " "), allowed.get(key))
            if value is None:
                self.add(
                    i,
                    name,
                    msg("{v!r} is not allowed; use one of: {canonical}", v=v, canonical=canonical),
                )
            out.append(value)
        return out

    def unique(self, name: str, values: list[str], what: str = "") -> None:
        """Report both rows of every duplicated id (``what`` names it, default ``name``)."""
        what = what or name
        first: dict[str, int] = {}
        told: set[int] = set()
        for i, v in enumerate(values):
            if not v:
                continue
            j = first.setdefault(v, i)
            if j != i:
                rows = self.table.rows
                if j not in told:
                    told.add(j)
                    self.add(
                        j,
                        name,
                        msg(
                            "duplicate {what} {v!r} (also on row {row})",
                            what=what,
                            v=v,
                            row=rows[i],
                        ),
                    )
                self.add(
                    i,
                    name,
                    msg("duplicate {what} {v!r} (also on row {row})", what=what, v=v, row=rows[j]),
                )

    def reference(self, name: str, values: list[str], known: Collection[str], what: str) -> None:
        """Each non-empty value must be in ``known``; not checked while ``known`` is
        empty (that layer is not imported yet; it is checked when it is)."""
        if not known:
            return
        for i, v in enumerate(values):
            if v and v not in known:
                self.add(
                    i,
                    name,
                    msg(
                        "{v!r} is not one of the mission's {what} ({known})",
                        v=v,
                        what=what,
                        known=_short_list(known),
                    ),
                )

    # ------------------------------------------------------------------ geometry

    def _point_of(self, i: int, geom: BaseGeometry) -> tuple[float | None, float | None]:
        g = geom.geoms[0] if isinstance(geom, MultiPoint) and len(geom.geoms) == 1 else geom
        if isinstance(g, Point):
            return float(g.y), float(g.x)
        self.add(
            i, "geometry", msg("geometry is a {geom_type}, expected a point", geom_type=g.geom_type)
        )
        return None, None

    def points(
        self, *, required: bool, abroad: Collection[int] = ()
    ) -> tuple[list[float | None], list[float | None]]:
        """Latitude and longitude per record, from ``lat``/``lon`` or point geometry.

        Checks range, and that points lie within the mission's regions (when they have
        outlines), recognising swapped latitude and longitude. Records in ``abroad``
        (stations abroad) are checked for range only.
        """
        lats: list[float | None] = [None] * self.n
        lons: list[float | None] = [None] * self.n
        geometry = self.table.geometry
        if self.has("lat") and self.has("lon"):
            for i, (a, o) in enumerate(zip(self.raw("lat"), self.raw("lon"), strict=True)):
                if a and o:
                    lats[i] = self._number(i, "lat", a, -1e9, 1e9)
                    lons[i] = self._number(i, "lon", o, -1e9, 1e9)
                elif a or o:
                    self.add(i, "lon" if a else "lat", msg("lat and lon must be given together"))
                elif geometry is not None and geometry[i] is not None:
                    lats[i], lons[i] = self._point_of(i, geometry[i])  # empty cells: geometry
            source = "lat"
        elif geometry is not None and not (self.has("lat") or self.has("lon")):
            for i, geom in enumerate(geometry):
                if geom is not None:
                    lats[i], lons[i] = self._point_of(i, geom)
            source = "geometry"
        else:
            if required or self.has("lat") or self.has("lon"):
                for col in ("lat", "lon"):
                    if not self.has(col):
                        self.missing.add(col)
                        self.add_header(
                            col,
                            f"required column {col!r} is missing (or give the file point "
                            "geometry, e.g. GeoJSON)",
                        )
            return lats, lons
        check_positions(self, lats, lons, source, abroad)
        return lats, lons
