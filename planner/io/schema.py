"""What each import kind expects: its columns, which are required, and their aliases.

Headers are matched tolerantly: case, spaces, hyphens, dots and underscores do not
matter (``Polling Station ID`` = ``polling_station_id``), ``ё`` = ``е``, and every
name in :data:`ALIASES` (English and Russian/Kazakh spreadsheet headers) means its
column. ``docs/cli.md`` prints this table for users; keep the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.io.observers_schema import OBSERVER_ALIASES, OBSERVER_COLUMNS

KINDS: tuple[str, ...] = (
    "regions",
    "decs",
    "dec_areas",
    "polling_stations",
    "bases",
    "teams",
    "observers",
)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an import kind. ``default`` is used when the column is absent
    or the cell is empty; ``None`` means the value is required."""

    name: str
    required: bool
    default: str | None = None


def _cols(*spec: str) -> tuple[Column, ...]:
    """``"name!"`` = required; ``"name=default"`` = optional with a default."""
    out = []
    for s in spec:
        if s.endswith("!"):
            out.append(Column(s[:-1], True))
        else:
            name, _, default = s.partition("=")
            out.append(Column(name, False, default))
    return tuple(out)


#: Columns per kind, in the order documented. ``lat``/``lon`` may come from geometry.
COLUMNS: dict[str, tuple[Column, ...]] = {
    "regions": _cols(
        "region_id!", "name!", "utc_offset_min!", "base_id!", "name_ru=", "name_kk=", "iso_code="
    ),
    "decs": _cols("dec_id!", "region_id!", "name!", "lat!", "lon!", "seat_kind="),
    "dec_areas": _cols("dec_id!", "region_id!"),
    "polling_stations": _cols(
        "ps_id!",
        "pec_number!",
        "region_id!",
        "dec_id!",
        "name!",
        "address!",
        "settlement!",
        "kind=regular",
        "voters!",
        "open_time=07:00",
        "close_time=20:00",
        "priority=1.0",
        "status=open",
        "lat!",
        "lon!",
    ),
    "bases": _cols("base_id!", "name!", "region_ids!", "lat!", "lon!", "contacts="),
    "teams": _cols(
        "team_id!",
        "base_id!",
        "members!",
        "available=1",
        "lat=",
        "lon=",
        "driver=",
        "interpreter=",
        "phone=",
        "observer_ids=",
    ),
    "observers": _cols(*OBSERVER_COLUMNS),
}

#: Kinds whose rows are areas (polygons from geometry or a ``wkt`` column).
AREA_KINDS = frozenset({"regions", "dec_areas"})
#: Kinds whose rows are points (from ``lat``/``lon`` columns or point geometry).
POINT_KINDS = frozenset({"decs", "polling_stations", "bases", "teams"})

#: Column -> other header names that mean it (matched after normalising).
ALIASES: dict[str, tuple[str, ...]] = {
    "region_id": ("region", "oblast", "region_code", "область", "регион", "код региона", "облыс"),
    "dec_id": (
        "dec",
        "district_id",
        "dec_code",
        "оик",
        "тик",
        "рик",
        "код оик",
        "код рик",
        "окружная комиссия",
        "районная комиссия",
    ),
    "ps_id": ("station_id", "polling_station_id", "ps", "pec_id", "код участка", "id участка"),
    "pec_number": (
        "pec",
        "pec_no",
        "ps_number",
        "station_number",
        "number",
        "номер участка",
        "№ участка",
        "номер уик",
        "уик",
        "учаскенің нөмірі",
    ),
    "base_id": ("base", "base_code", "база", "офис"),
    "team_id": ("team", "team_code", "команда", "номер команды", "группа"),
    "name": ("title", "название", "наименование", "атауы", "фио", "full name"),
    "name_ru": ("name (ru)", "название (рус)", "название на русском"),
    "name_kk": ("name (kk)", "name_kz", "название (каз)", "название на казахском"),
    "iso_code": ("iso", "iso_3166_2"),
    "utc_offset_min": ("utc_offset", "offset_min", "смещение utc", "часовой пояс (мин)"),
    "address": ("addr", "адрес", "мекенжай", "местонахождение"),
    "settlement": (
        "urban_rural",
        "area_type",
        "settlement_type",
        "тип населенного пункта",
        "город/село",
        "местность",
    ),
    "kind": ("type", "station_kind", "ps_kind", "вид", "тип участка", "вид участка"),
    "voters": (
        "electors",
        "registered_voters",
        "n_voters",
        "voter_count",
        "избирателей",
        "число избирателей",
        "количество избирателей",
        "сайлаушылар",
        "сайлаушылар саны",
    ),
    "open_time": ("opens", "open", "opening_time", "открытие", "время открытия"),
    "close_time": ("closes", "close", "closing_time", "закрытие", "время закрытия"),
    "priority": ("weight", "приоритет", "вес"),
    "status": ("state", "статус"),
    "lat": ("latitude", "y", "широта", "ендік"),
    "lon": ("lng", "long", "longitude", "x", "долгота", "бойлық"),
    "seat_kind": ("seat", "seat_type"),
    "region_ids": ("regions", "region_list", "области", "регионы"),
    "contacts": ("contact", "phones", "контакты"),
    "members": ("observers", "names", "наблюдатели", "состав", "члены"),
    "available": ("active", "availability", "доступна", "доступен", "в строю"),
    "driver": ("водитель",),
    "interpreter": ("translator", "переводчик"),
    "phone": ("telephone", "mobile", "телефон"),
    "wkt": ("geometry", "geom", "the_geom", "wkt_geom", "геометрия"),
    **OBSERVER_ALIASES,
}

#: Values accepted for ``settlement`` besides the canonical ones.
SETTLEMENT_VALUES: dict[str, str] = {
    "urban": "urban",
    "rural": "rural",
    "город": "urban",
    "городской": "urban",
    "городская": "urban",
    "село": "rural",
    "сельский": "rural",
    "сельская": "rural",
    "қала": "urban",
    "ауыл": "rural",
}

#: Values accepted for ``kind`` besides the canonical ones.
KIND_VALUES: dict[str, str] = {
    "regular": "regular",
    "hospital": "hospital",
    "military": "military",
    "prison": "prison",
    "abroad": "abroad",
    "other": "other",
    "обычный": "regular",
    "больница": "hospital",
    "воинская часть": "military",
    "исправительное учреждение": "prison",
    "за рубежом": "abroad",
    "другой": "other",
}

STATUS_VALUES: dict[str, str] = {"open": "open", "closed": "closed"}

#: Yes/no values for ``available``.
BOOL_VALUES: dict[str, bool] = {
    "1": True,
    "0": False,
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "y": True,
    "n": False,
    "да": True,
    "нет": False,
    "иә": True,
    "жоқ": False,
}

_SEP = re.compile(r"[\s_\-.]+")


def normalise(header: str) -> str:
    """``" Номер  Участка "`` -> ``"номер_участка"``; used for headers and values."""
    text = str(header).replace("\ufeff", "").strip().casefold().replace("ё", "е")
    return _SEP.sub("_", text).strip("_")


def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, names in ALIASES.items():
        for n in (canonical, *names):
            table[normalise(n)] = canonical
    for cols in COLUMNS.values():
        for c in cols:
            table.setdefault(normalise(c.name), c.name)
    return table


HEADER_LOOKUP: dict[str, str] = _lookup()


def canonical_column(header: str, kind: str) -> str | None:
    """The column of ``kind`` a header means, or None when the kind has no such column.

    ``wkt`` is accepted for area kinds (the polygon as Well-Known Text).
    """
    name = HEADER_LOOKUP.get(normalise(header))
    if name is None:
        return None
    known = {c.name for c in COLUMNS[kind]}
    if kind in AREA_KINDS:
        known.add("wkt")
    return name if name in known else None
