"""The roster in and out: the ``observers`` import kind and the mission layer.

:func:`build_observers` is the import builder (registered in ``kinds.BUILDERS``):
every bad cell becomes a FILE:ROW:COLUMN problem, including a ``not_with`` or
``prefer_with`` that names an observer the file does not have. The roster's other
columns are kept (``Observer.extra``). :func:`observers_frame` and
:func:`observers_from_rows` are the layer's stored form (no geometry).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd

from planner.errors import InputError
from planner.io.check import Checker
from planner.io.observers_schema import GENDER_VALUES
from planner.io.schema import BOOL_VALUES
from planner.observers import Observer

COLUMNS = [
    "observer_id",
    "name",
    "gender",
    "nationality",
    "languages",
    "experience",
    "delegation",
    "arrival",
    "needs",
    "not_with",
    "prefer_with",
    "base_id",
    "available",
    "phone",
    "extra",
]

_SPLIT = re.compile(r"[;,/\s]+")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def _ids(text: str) -> tuple[str, ...]:
    return tuple(x for x in _SPLIT.split(text.strip()) if x)


def _date(text: str) -> str | None:
    """``2011-03-28``, ``2011-03-28 00:00:00`` (a spreadsheet date) or ``28.03.2011``."""
    s = text.strip()
    m = _DOTTED.match(s)
    if m:
        s = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    s = s[:10]
    try:
        pd.Timestamp(s)
    except ValueError:
        return None
    return s if re.match(r"^\d{4}-\d{2}-\d{2}$", s) else None


def build_observers(c: Checker) -> tuple[Any, ...]:  # noqa: PLR0912  # size: to split into named steps (issue 10 shape pass)
    """Typed columns of a roster -> observers; all-or-nothing via ``c.problems``."""
    c.require_columns()
    ids = c.text("observer_id")
    c.unique("observer_id", ids)
    known = {v for v in ids if v}
    names = c.text("name")
    genders = c.choice("gender", GENDER_VALUES, shown="f, m, x (also ж, м)")
    nats = [v.strip().upper() for v in c.text("nationality")]
    for i, v in enumerate(nats):
        if v and not re.match(r"^[A-Z]{2}$", v):
            c.add(i, "nationality", f"{v!r} is not a two-letter ISO 3166 country code (e.g. DE)")
    langs = [tuple(x.lower() for x in _ids(v)) for v in c.raw("languages")]
    for i, ls in enumerate(langs):
        bad = [x for x in ls if not re.match(r"^[a-z]{2}$", x)]
        if bad:
            c.add(i, "languages", f"{', '.join(bad)}: not ISO 639-1 codes (e.g. ru, en, de)")
    experience = c.integer("experience", 0, 500)
    arrivals = []
    for i, v in enumerate(c.raw("arrival")):
        day = _date(v) if v else ""
        if day is None:
            c.add(i, "arrival", f"{v!r} is not a date (YYYY-MM-DD or DD.MM.YYYY)")
        arrivals.append(day or "")
    not_with = [_ids(v) for v in c.raw("not_with")]
    prefer = [v.strip() for v in c.raw("prefer_with")]
    for i, (oid, nw, pw) in enumerate(zip(ids, not_with, prefer, strict=True)):
        for col, named in (("not_with", dict.fromkeys(nw)), ("prefer_with", [pw] if pw else [])):
            for x in named:
                if x not in known:
                    c.add(i, col, f"{x!r} is not an observer_id of this roster")
        if oid and (oid in nw or pw == oid):
            c.add(i, "not_with" if oid in nw else "prefer_with", f"{oid} names themselves")
        elif pw and pw in nw:
            c.add(i, "prefer_with", f"{pw!r} is also in not_with")
    bases = [v.strip() for v in c.raw("base_id")]
    c.reference("base_id", bases, c.mission.base_by_id, "bases")
    available = c.choice("available", BOOL_VALUES, shown="1, 0, yes, no, да, нет")
    delegation, needs, phone = c.raw("delegation"), c.raw("needs"), c.raw("phone")
    extra_cols = [h for h in c.ignored if h.strip()]
    c.ignored = []  # kept, not ignored (docs/teams.md)

    out = []
    for i in range(c.n):
        if i in c.bad:
            continue
        extra = tuple((h, c.table.cells[h][i]) for h in extra_cols if c.table.cells[h][i])
        try:
            out.append(
                Observer(
                    observer_id=ids[i],
                    name=names[i],
                    gender=genders[i] or "x",
                    nationality=nats[i],
                    languages=langs[i],
                    experience=experience[i] or 0,
                    delegation=delegation[i],
                    arrival=arrivals[i],
                    needs=needs[i],
                    not_with=not_with[i],
                    prefer_with=prefer[i],
                    base_id=bases[i],
                    available=available[i] is not False,
                    phone=phone[i],
                    extra=extra,
                )
            )
        except InputError as exc:
            for p in exc.problems:
                c.add(i, "", p.message)
    return tuple(out)


def observers_frame(observers: tuple[Observer, ...]) -> pd.DataFrame:
    """The stored ``observers`` layer (no geometry)."""
    return pd.DataFrame(
        [
            {
                "observer_id": o.observer_id,
                "name": o.name,
                "gender": o.gender,
                "nationality": o.nationality,
                "languages": ",".join(o.languages),
                "experience": o.experience,
                "delegation": o.delegation,
                "arrival": o.arrival,
                "needs": o.needs,
                "not_with": ";".join(o.not_with),
                "prefer_with": o.prefer_with,
                "base_id": o.base_id,
                "available": int(o.available),
                "phone": o.phone,
                "extra": json.dumps(dict(o.extra), ensure_ascii=False) if o.extra else "",
            }
            for o in observers
        ],
        columns=COLUMNS,
    )


def _txt(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def observers_from_rows(rows: list[dict[str, Any]]) -> tuple[Observer, ...]:
    """Observers from the stored layer's rows."""
    out = []
    for r in rows:
        extra = _txt(r.get("extra"))
        out.append(
            Observer(
                observer_id=_txt(r["observer_id"]),
                name=_txt(r["name"]),
                gender=_txt(r["gender"]),
                nationality=_txt(r["nationality"]),
                languages=tuple(x for x in _txt(r["languages"]).split(",") if x),
                experience=int(float(_txt(r["experience"]) or 0)),
                delegation=_txt(r["delegation"]),
                arrival=_txt(r["arrival"]),
                needs=_txt(r["needs"]),
                not_with=tuple(x for x in _txt(r["not_with"]).split(";") if x),
                prefer_with=_txt(r["prefer_with"]),
                base_id=_txt(r["base_id"]),
                available=_txt(r["available"]) not in ("0", "0.0", "False"),
                phone=_txt(r.get("phone")),
                extra=tuple(json.loads(extra).items()) if extra else (),
            )
        )
    return tuple(out)
