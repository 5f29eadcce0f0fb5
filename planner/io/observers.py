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
from planner.i18n import msg
from planner.io.check import Checker
from planner.io.observers_schema import GENDER_VALUES
from planner.io.schema import BOOL_VALUES
from planner.observers import Observer, observer_fields

COLUMNS = list(observer_fields())  # the stored layer: every field, in order

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


def build_observers(c: Checker) -> tuple[Any, ...]:
    """Typed columns of a roster -> observers; all-or-nothing via ``c.problems``."""
    c.require_columns()
    ids = c.text("observer_id")
    c.unique("observer_id", ids)
    columns: dict[str, list[Any]] = {
        "observer_id": ids,
        "name": c.text("name"),
        "gender": c.choice("gender", GENDER_VALUES, shown="f, m, x (also ж, м)"),
        "nationality": _nationalities(c),
        "languages": _languages(c),
        "experience": c.integer("experience", 0, 500),
        "arrival": _arrivals(c),
        "not_with": [_ids(v) for v in c.raw("not_with")],
        "prefer_with": [v.strip() for v in c.raw("prefer_with")],
    }
    _check_pairs(c, ids, columns["not_with"], columns["prefer_with"])
    columns["base_id"] = [v.strip() for v in c.raw("base_id")]
    c.reference("base_id", columns["base_id"], c.mission.base_by_id, "bases")
    columns["available"] = c.choice("available", BOOL_VALUES, shown="1, 0, yes, no, да, нет")
    for name in ("delegation", "needs", "phone"):
        columns[name] = c.raw(name)
    extra_cols = [h for h in c.ignored if h.strip()]
    c.ignored = []  # kept, not ignored (docs/teams.md)
    out = []
    for i in range(c.n):
        if i in c.bad:
            continue
        extra = tuple((h, c.table.cells[h][i]) for h in extra_cols if c.table.cells[h][i])
        try:
            out.append(_observer({k: v[i] for k, v in columns.items()}, extra))
        except InputError as exc:
            for p in exc.problems:
                c.add(i, "", p.message)
    return tuple(out)


def _observer(row: dict[str, Any], extra: tuple[tuple[str, str], ...]) -> Observer:
    return Observer(
        observer_id=row["observer_id"],
        name=row["name"],
        gender=row["gender"] or "x",
        nationality=row["nationality"],
        languages=row["languages"],
        experience=row["experience"] or 0,
        delegation=row["delegation"],
        arrival=row["arrival"],
        needs=row["needs"],
        not_with=row["not_with"],
        prefer_with=row["prefer_with"],
        base_id=row["base_id"],
        available=row["available"] is not False,
        phone=row["phone"],
        extra=extra,
    )


def _nationalities(c: Checker) -> list[str]:
    nats = [v.strip().upper() for v in c.text("nationality")]
    for i, v in enumerate(nats):
        if v and not re.match(r"^[A-Z]{2}$", v):
            c.add(
                i,
                "nationality",
                msg("{v!r} is not a two-letter ISO 3166 country code (e.g. DE)", v=v),
            )
    return nats


def _languages(c: Checker) -> list[tuple[str, ...]]:
    langs = [tuple(x.lower() for x in _ids(v)) for v in c.raw("languages")]
    for i, ls in enumerate(langs):
        bad = [x for x in ls if not re.match(r"^[a-z]{2}$", x)]
        if bad:
            c.add(
                i,
                "languages",
                msg("{bad}: not ISO 639-1 codes (e.g. ru, en, de)", bad=", ".join(bad)),
            )
    return langs


def _arrivals(c: Checker) -> list[str]:
    arrivals = []
    for i, v in enumerate(c.raw("arrival")):
        day = _date(v) if v else ""
        if day is None:
            c.add(i, "arrival", msg("{v!r} is not a date (YYYY-MM-DD or DD.MM.YYYY)", v=v))
        arrivals.append(day or "")
    return arrivals


def _check_pairs(
    c: Checker, ids: list[str], not_with: list[tuple[str, ...]], prefer: list[str]
) -> None:
    """``not_with`` and ``prefer_with`` name observers of the roster, not oneself."""
    known = {v for v in ids if v}
    for i, (oid, nw, pw) in enumerate(zip(ids, not_with, prefer, strict=True)):
        for col, named in (("not_with", dict.fromkeys(nw)), ("prefer_with", [pw] if pw else [])):
            for x in named:
                if x not in known:
                    c.add(i, col, msg("{x!r} is not an observer_id of this roster", x=x))
        if oid and (oid in nw or pw == oid):
            c.add(
                i,
                "not_with" if oid in nw else "prefer_with",
                msg("{oid} names themselves", oid=oid),
            )
        elif pw and pw in nw:
            c.add(i, "prefer_with", msg("{pw!r} is also in not_with", pw=pw))


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
