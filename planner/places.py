"""Place names for maps, from the mission's own data (no network, no gazetteer).

Settlements come from the first part of a station's address ("г. Кокшетау, ул. …",
"с. Ортатал, …"); a settlement's position is the mean of its stations. DEC areas
are named by their DEC. :func:`declutter` keeps labels from overlapping: labels
are tried in order of importance at a few positions around their point and
dropped when every position collides with something already drawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planner.model import Mission

_PREFIX = re.compile(r"^\s*(г|с|п|пос|пгт|а|аул|ст|село|город|town|village)\.?\s+(.+)$", re.I)


def settlement_name(address: str) -> str:
    """``"с. Ортатал, ул. Тауелсиздик, 88"`` -> ``"Ортатал"``; "" when there is none."""
    first = address.split(",", maxsplit=1)[0].strip()
    m = _PREFIX.match(first)
    return m.group(2).strip() if m else ""


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    kind: str  # "town" (г.), "village" or "dec"
    weight: int  # stations (importance when labels compete)


def settlements(mission: Mission, ps_ids: Iterable[str] | None = None) -> list[Place]:
    """Settlements of the given stations (all when None), most stations first."""
    wanted = None if ps_ids is None else set(ps_ids)
    # one place per name and district: many villages share a name across the country
    acc: dict[tuple[str, str], list[float]] = {}
    kinds: dict[tuple[str, str], str] = {}
    for p in mission.polling_stations:
        if wanted is not None and p.ps_id not in wanted:
            continue
        if p.lat is None or p.lon is None:
            continue
        name = settlement_name(p.address)
        if not name:
            continue
        key = (name, p.dec_id)
        a = acc.setdefault(key, [0.0, 0.0, 0.0])
        a[0] += p.lat
        a[1] += p.lon
        a[2] += 1
        kinds[key] = "town" if p.address.lstrip().startswith("г") else "village"
    places = [
        Place(key[0], a[0] / a[2], a[1] / a[2], kinds[key], int(a[2])) for key, a in acc.items()
    ]
    places.sort(key=lambda pl: (pl.kind != "town", -pl.weight, pl.name))
    return places


def dec_places(mission: Mission, dec_ids: Iterable[str] | None = None) -> list[Place]:
    """Each DEC area's name at a point inside the area (the DEC's seat without one)."""
    wanted = None if dec_ids is None else set(dec_ids)
    areas = {a.dec_id: a for a in mission.dec_areas}
    out = []
    for d in mission.decs:
        if wanted is not None and d.dec_id not in wanted:
            continue
        area = areas.get(d.dec_id)
        if area is not None and area.geometry is not None and not area.geometry.is_empty:
            pt = area.geometry.representative_point()
            lat, lon = float(pt.y), float(pt.x)
        else:
            lat, lon = d.lat, d.lon
        out.append(Place(d.name, lat, lon, "dec", 0))
    return out


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


#: where a label may go relative to its point: (dx, dy) multipliers of its size
POSITIONS = ((1, -1), (1, 0), (1, 1), (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1))


def declutter(
    labels: Sequence[tuple[float, float, float, float]],
    *,
    taken: Iterable[Box] = (),
    gap: float = 2.0,
    bounds: Box | None = None,
) -> list[Box | None]:
    """Place labels (x, y, width, height) around their points without overlap.

    Returns each label's box (top-left x0, y0, bottom-right x1, y1) or None when it
    cannot be placed. Earlier labels win; ``taken`` are boxes already drawn.
    """
    placed: list[Box] = list(taken)
    out: list[Box | None] = []
    for x, y, w, h in labels:
        chosen: Box | None = None
        for dx, dy in POSITIONS:
            x0 = x + gap if dx > 0 else x - gap - w if dx < 0 else x - w / 2
            y0 = y - gap - h if dy < 0 else y + gap if dy > 0 else y - h / 2
            box = (x0, y0, x0 + w, y0 + h)
            if bounds is not None and not (
                box[0] >= bounds[0]
                and box[1] >= bounds[1]
                and box[2] <= bounds[2]
                and box[3] <= bounds[3]
            ):
                continue
            if not any(_overlaps(box, b) for b in placed):
                chosen = box
                break
        if chosen is not None:
            placed.append(chosen)
        out.append(chosen)
    return out
