"""After a layer is replaced: do the mission's other layers still find what they name?

Replacing ``decs`` with a file that lacks a DEC the polling stations use would leave
those stations pointing nowhere; such an import is refused, naming the rows of the
other layer that would break (grouped by the missing id, so the message stays short).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from planner.errors import Problem
from planner.i18n import msg
from planner.model import Mission

_SHOW = 8  # ids of dependent rows named per message


def _group(
    file: str,
    column: str,
    what: str,
    users: Iterable[tuple[str, str]],
    *,
    known: set[str],
    layer: str,
) -> list[Problem]:
    """``users`` are (referencing row id, referenced id) pairs of layer ``layer``."""
    missing: dict[str, list[str]] = defaultdict(list)
    for row_id, ref in users:
        if ref and ref not in known:
            missing[ref].append(row_id)
    problems = []
    for ref, rows in sorted(missing.items()):
        shown = ", ".join(rows[:_SHOW]) + (
            f", ... ({len(rows) - _SHOW} more)" if len(rows) > _SHOW else ""
        )
        problems.append(
            Problem(
                file,
                0,
                column,
                msg(
                    "{what} {ref!r} is not in this file, but the mission's {layer} still use it "
                    "({n}: {shown}); import those first or keep {ref!r}",
                    what=what,
                    ref=ref,
                    layer=layer,
                    n=len(rows),
                    shown=shown,
                ),
            )
        )
    return problems


def layer_reference_problems(mission: Mission, kind: str, file: str) -> list[Problem]:
    """Problems with references INTO layer ``kind`` from the mission's other layers.

    A layer that is empty is not checked against (nothing imported there yet), so the
    layers can be imported in any order; each reference is checked as soon as both
    sides exist.
    """
    m = mission
    out: list[Problem] = []
    # layer kind -> (column, noun, ids it now holds, {other layer: (row id, its ref)})
    users: dict[str, tuple[str, str, set[str], dict[str, Iterable[tuple[str, str]]]]] = {
        "regions": (
            "region_id",
            "region",
            set(m.region_by_id),
            {
                "decs": ((d.dec_id, d.region_id) for d in m.decs),
                "dec_areas": ((a.dec_id, a.region_id) for a in m.dec_areas),
                "polling_stations": ((p.ps_id, p.region_id) for p in m.polling_stations),
                "bases": ((b.base_id, r) for b in m.bases for r in b.region_ids),
            },
        ),
        "decs": (
            "dec_id",
            "DEC",
            set(m.dec_by_id),
            {
                "polling_stations": ((p.ps_id, p.dec_id) for p in m.polling_stations),
                "dec_areas": ((a.dec_id, a.dec_id) for a in m.dec_areas),
            },
        ),
        "bases": (
            "base_id",
            "base",
            set(m.base_by_id),
            {
                "regions": ((r.region_id, r.base_id) for r in m.regions),
                "teams": ((t.team_id, t.base_id) for t in m.teams),
            },
        ),
    }
    if kind not in users or not getattr(m, kind):
        return out
    column, noun, known, layers = users[kind]
    for layer, pairs in layers.items():
        out += _group(file, column, noun, pairs, known=known, layer=layer)
    if kind == "decs":
        out += _stations_left_in_another_region(m, file)
    return out


def _stations_left_in_another_region(m: Mission, file: str) -> list[Problem]:
    """DECs now in another region than their polling stations."""
    moved: dict[str, list[str]] = defaultdict(list)
    for p in m.polling_stations:
        dec = m.dec_by_id.get(p.dec_id)
        if dec is not None and dec.region_id != p.region_id:
            moved[p.dec_id].append(p.ps_id)
    return [
        Problem(
            file,
            0,
            "region_id",
            msg(
                "DEC {dec_id!r} is now in region {region_id!r}, but its polling stations are in "
                "another region ({n}: {shown})",
                dec_id=dec_id,
                region_id=m.dec_by_id[dec_id].region_id,
                n=len(ps),
                shown=", ".join(ps[:_SHOW]),
            ),
        )
        for dec_id, ps in sorted(moved.items())
    ]


def stale_plan_note(mission: Mission, kind: str) -> str:
    """A warning when the current plan names stations/teams/DECs the new layer lacks
    (the plan is history and stays; the user should plan again). ``""`` if none."""
    plan = mission.current_plan
    if plan is None:
        return ""
    if kind == "polling_stations":
        known, what = set(mission.station_by_id), "stations"
        used = {v.ps_id for _, _, v in plan.visits() if v.ps_id}
    elif kind == "teams":
        known, what = set(mission.team_by_id), "teams"
        used = {r.team_id for r in plan.routes}
    elif kind == "decs":
        known, what = set(mission.dec_by_id), "DECs"
        used = {v.dec_id for _, _, v in plan.visits() if v.dec_id}
    else:
        return ""
    gone = sorted(used - known)
    if not gone:
        return ""
    shown = ", ".join(gone[:_SHOW]) + (", ..." if len(gone) > _SHOW else "")
    return (
        f"the current plan (revision {plan.revision}) names {len(gone)} {what} no longer "
        f"in the mission ({shown}): plan again"
    )
