"""Repairs of one team's day: place pinned stops, replace a lost opening or count,
drop what no longer works, and say why when no day can be kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.day import StopRef, stops_of
from planner.i18n import msg, phase_name
from planner.model import Mission, PollingStation, TeamRoute
from planner.replan.changes import Pin
from planner.replan.moves import make_feasible, replace_anchor
from planner.replan.workspace import Workspace, distance_km

__all__ = ["pin_into", "place_of", "place_pins", "repair_day", "unfollowed"]


def pin_into(ws: Workspace, stops: list[StopRef], pin: Pin) -> list[StopRef]:
    """``stops`` with the pinned stop in place (anchors replaced, a visit inserted)."""
    m = ws.mission
    out = [x for x in stops if x.key != pin.key or x.phase == pin.phase]
    if any(x.key == pin.key and x.phase == pin.phase for x in out):
        return [replace(x, pinned=True) if x.key == pin.key else x for x in out]
    if pin.phase == "opening":
        return [StopRef("opening", pin.ps_id, pinned=True)] + [
            x for x in out if x.phase != "opening"
        ]
    if pin.phase == "counting":
        dec = m.station_by_id[pin.ps_id].dec_id
        rest = [x for x in out if x.phase not in ("counting", "tabulation")]
        keep = any(x.phase == "tabulation" and x.pinned and x.dec_id == dec for x in out)
        return [
            *rest,
            StopRef("counting", pin.ps_id, pinned=True),
            StopRef("tabulation", dec_id=dec, pinned=keep),
        ]
    if pin.phase == "tabulation":
        counting = next((x for x in out if x.phase == "counting"), None)
        if counting is not None and m.station_by_id[counting.ps_id].dec_id == pin.dec_id:
            kept = [x for x in out if x.phase != "tabulation"]
            return [*kept, StopRef("tabulation", dec_id=pin.dec_id, pinned=True)]
        rest = [x for x in out if x.phase not in ("counting", "tabulation")]
        return [*rest, StopRef("tabulation", dec_id=pin.dec_id, pinned=True)]  # count chosen later
    # voting: where it costs the least detour
    ps = m.station_by_id[pin.ps_id]
    assert ps.lat is not None and ps.lon is not None
    slots = [k for k in range(len(out) + 1) if _voting_slot(out, k)]
    coords = [place_of(m, x) for x in out]

    def detour(k: int) -> float:
        here = (ps.lat or 0.0, ps.lon or 0.0)
        a = coords[k - 1] if k > 0 else None
        b = coords[k] if k < len(coords) else None
        d = (distance_km(a, here) if a else 0.0) + (distance_km(here, b) if b else 0.0)
        return d - (distance_km(a, b) if a and b else 0.0)

    best = min(slots, key=detour) if slots else len(out)
    return [*out[:best], StopRef("voting", pin.ps_id, pinned=True), *out[best:]]


def _voting_slot(stops: list[StopRef], k: int) -> bool:
    """May a voting visit go before stops[k] (k == len: at the end)?"""
    before = stops[k - 1].phase if k > 0 else None
    after = stops[k].phase if k < len(stops) else None
    return before in (None, "opening", "voting") and after in (None, "voting", "counting")


def place_of(m: Mission, x: StopRef) -> tuple[float, float]:
    if x.ps_id:
        ps = m.station_by_id[x.ps_id]
        return (ps.lat or 0.0, ps.lon or 0.0)
    d = m.dec_by_id[x.dec_id]
    return (d.lat, d.lon)


def place_pins(
    ws: Workspace,
    pins: Sequence[Pin],
    pending: dict[str, list[StopRef]],
    after: Mission,
    warnings: list[str],
) -> None:
    """Give every pinned stop to its team, taking it from whoever had it."""
    for pin in pins:
        if pin.team_id not in pending:
            if pin.team_id in ws.routes or after.team_by_id[pin.team_id].available:
                continue  # a team without a day yet: handled when its day is made
            warnings.append(
                msg(
                    "pin of {stop} to {team}: the team is not available",
                    stop=pin.key,
                    team=pin.team_id,
                )
            )
            continue
        dec = pin.dec_id or (after.station_by_id[pin.ps_id].dec_id if pin.ps_id else "")
        if pin.phase in ("counting", "tabulation"):
            ws.reserved_dec[dec] = pin.team_id
        if pin.ps_id:
            ws.reserved_ps[pin.ps_id] = pin.team_id
        for other, stops in pending.items():
            if other == pin.team_id:
                continue
            lose_count = any(x.key == pin.key and x.phase == "counting" for x in stops) or (
                pin.phase in ("counting", "tabulation")
                and any(x.phase == "tabulation" and x.dec_id == dec for x in stops)
            )
            kept = [x for x in stops if x.key != pin.key]
            if lose_count:
                kept = [x for x in kept if x.phase not in ("counting", "tabulation")]
            pending[other] = kept
        pending[pin.team_id] = pin_into(ws, pending[pin.team_id], pin)


def _usable(ws: Workspace, x: StopRef, warnings: list[str], team_id: str) -> bool:
    if not x.ps_id:
        return True
    ps = ws.mission.station_by_id.get(x.ps_id)
    ok = (
        ps is not None
        and ps.status == "open"
        and ps.located
        and not ws.blocked_point(ps.lat or 0.0, ps.lon or 0.0)
    )
    if not ok and x.pinned:
        warnings.append(
            msg(
                "{team}: pinned stop {station} ({phase}) is no longer possible",
                team=team_id,
                station=x.ps_id,
                phase=phase_name(x.phase),
            )
        )
    return ok


def repair_day(ws: Workspace, team_id: str, stops: list[StopRef], warnings: list[str]) -> None:
    """Make the team's day work again with as few edits as possible."""
    old = ws.routes.get(team_id)
    if old is None:
        return
    start = (old.start_lat, old.start_lon)
    stops = [x for x in stops if _usable(ws, x, warnings, team_id)]
    # a counting station without its tabulation (or the reverse) is completed later
    if not any(x.phase == "counting" for x in stops):
        stops = [x for x in stops if x.phase != "tabulation" or x.pinned]
    if _try_repair(ws, team_id, start, stops, old.note):
        return
    if ws.blocked is not None:
        # Straight lines are a crude picture of roads: rather than lose the team,
        # accept a day whose drives cross the area (its stops stay outside) and say so.
        ws.strict_legs = False
        try:
            ok = _try_repair(ws, team_id, start, stops, old.note)
        finally:
            ws.strict_legs = True
        if ok and _try_repair(ws, team_id, start, stops_of(ws.routes[team_id]), old.note):
            return  # from there a day clear of the area was found after all
        if ok:
            warnings.append(
                msg(
                    "{team}: no day avoiding the blocked area's roads was found; its drives "
                    "cross the area (no stop inside it): check the way with its driver",
                    team=team_id,
                )
            )
            return
    reason = ws.why(team_id, start, stops) or msg("no opening or count it can reach")
    warnings.append(
        msg(
            "{team}: no workable day could be kept ({reason}); the team is unassigned",
            team=team_id,
            reason=reason,
        )
    )
    ws.drop_route(team_id)


def _try_repair(
    ws: Workspace, team_id: str, start: tuple[float, float], stops: list[StopRef], note: str
) -> bool:
    """Replace lost anchors, drop what does not fit; True when a day was set."""
    for _ in range(6):
        stops = _ensure_anchors(ws, team_id, start, stops)
        phases = {x.phase for x in stops}
        if "opening" not in phases or "counting" not in phases:
            return False
        route, _dropped, seq = make_feasible(ws, team_id, start, stops)
        if route is not None and unfollowed(ws, route):
            # its count's DEC would be followed by nobody: follow it, or count elsewhere
            with_tab = [*stops_of(route), StopRef("tabulation", dec_id=route.visits[-1].dec_id)]
            route = ws.timed(team_id, start, with_tab)
            if route is None:
                stops = [x for x in stops if x.phase not in ("counting", "tabulation")]
                continue
        if route is not None:
            ws.set_route(replace(route, note=note))
            return True
        failing = stops[seq - 1] if 0 < seq <= len(stops) else None
        if failing is None or failing.pinned:
            return False
        if failing.phase == "opening":
            stops = [x for x in stops if x.phase != "opening"]
        elif failing.phase in ("counting", "tabulation"):
            stops = [x for x in stops if x.phase not in ("counting", "tabulation")]
        else:
            return False
    return False


def _ensure_anchors(
    ws: Workspace, team_id: str, start: tuple[float, float], stops: list[StopRef]
) -> list[StopRef]:
    """Give a day that lost its opening or count a new one nearby."""
    m = ws.mission
    phases = {x.phase for x in stops}
    if "opening" not in phases and "counting" not in phases:
        # both gone (a blocked town, say): look for a pair that works together
        kept = [x for x in stops if x.phase == "voting" and x.pinned]
        tab = next((x for x in stops if x.phase == "tabulation" and x.pinned), None)
        pair = _pair(ws, team_id, start, kept, dec_id=tab.dec_id if tab else "")
        if pair is not None:
            return pair
    if not any(x.phase == "counting" for x in stops):
        pinned_tab = next((x for x in stops if x.phase == "tabulation" and x.pinned), None)
        cands: list[PollingStation] | None = None
        if pinned_tab is not None:
            d = m.dec_by_id[pinned_tab.dec_id]
            cands = sorted(
                (
                    p
                    for p in ws.pool
                    if p.dec_id == d.dec_id
                    and p.ps_id not in ws.used
                    and ws.reserved_ps.get(p.ps_id, team_id) == team_id
                    and ws.free_of_blocks[ws.index[p.ps_id]]
                ),
                key=lambda p: distance_km((d.lat, d.lon), (p.lat or 0.0, p.lon or 0.0)),
            )
        base = [x for x in stops if x.phase != "tabulation"]
        must = pinned_tab is not None
        got = replace_anchor(
            ws, team_id, start, base, "counting", candidates=cands, tabulation=must
        )
        if got is None:
            got = replace_anchor(
                ws,
                team_id,
                start,
                [x for x in base if x.phase != "voting" or x.pinned],
                "counting",
                candidates=cands,
                tabulation=must,
            )
        if got is not None:
            if pinned_tab is not None:
                got = [replace(x, pinned=True) if x.phase == "tabulation" else x for x in got]
            stops = got
    if not any(x.phase == "opening" for x in stops):
        got = replace_anchor(ws, team_id, start, stops, "opening")
        if got is None:
            got = replace_anchor(
                ws, team_id, start, [x for x in stops if x.phase != "voting" or x.pinned], "opening"
            )
        if got is not None:
            stops = got
    return stops


def _pair(
    ws: Workspace,
    team_id: str,
    start: tuple[float, float],
    middle: list[StopRef],
    *,
    dec_id: str = "",
) -> list[StopRef] | None:
    """An opening and a count near ``start`` that make a feasible day around ``middle``.

    ``dec_id``: the count must be in that DEC and followed there (a pinned tabulation).
    """
    near = [p for _, p in ws.near([start], team_id, radius_km=80.0)]
    if dec_id:
        counts = [p for _, p in ws.near([start], team_id, radius_km=300.0) if p.dec_id == dec_id]
    else:
        counts = sorted(near[:12], key=lambda p: ws.tab_taken(p.dec_id))
    for c in counts[:4]:
        for o in [p for p in near if p.ps_id != c.ps_id][:4]:
            trial = [StopRef("opening", o.ps_id), *middle, StopRef("counting", c.ps_id)]
            if dec_id:
                trial.append(StopRef("tabulation", dec_id=dec_id, pinned=True))
            elif not ws.tab_taken(c.dec_id):
                trial.append(StopRef("tabulation", dec_id=c.dec_id))
            if ws.timed(team_id, start, trial) is not None:
                return trial
    return None


def unfollowed(ws: Workspace, route: TeamRoute) -> bool:
    """Does the day end at a count in a DEC no other team follows to tabulation?"""
    last = route.visits[-1] if route.visits else None
    return (
        last is not None
        and last.phase == "counting"
        and ws.tab_holder(last.dec_id, route.team_id) == route.team_id
    )
