"""The plan validator's checks of a route's phases and of each stop's place (station,
DEC, region, base). Part of :mod:`planner.validate`.
"""

from __future__ import annotations

from collections import defaultdict

from planner.i18n import msg, phase_name
from planner.model import TeamRoute, Visit
from planner.validate_base import (
    _RANK,
    COORD_TOLERANCE_DEG,
    _CheckerBase,
    _Found,
    _hm,
    _Place,
    _stop_name,
)


class _PlaceChecks(_CheckerBase):
    """Phases in order, the tabulation stop, and where each stop is."""

    def check_phases(self, route: TeamRoute) -> None:
        tid = route.team_id
        visits = route.visits
        counts: dict[str, int] = defaultdict(int)
        for seq, v in enumerate(visits, start=1):
            counts[v.phase] += 1
            if v.phase != "voting" and counts[v.phase] > 1:
                self.add(
                    tid,
                    seq,
                    "phase-order",
                    msg(
                        "a second {phase} stop ({stop})",
                        phase=phase_name(v.phase),
                        stop=_stop_name(v),
                    ),
                )
            elif seq > 1 and _RANK[v.phase] < _RANK[visits[seq - 2].phase]:
                self.add(
                    tid,
                    seq,
                    "phase-order",
                    msg(
                        "{phase} at {stop} comes after {previous}",
                        phase=phase_name(v.phase),
                        stop=_stop_name(v),
                        previous=phase_name(visits[seq - 2].phase),
                    ),
                )
        for phase in ("opening", "counting"):
            if counts[phase] == 0:
                self.add(
                    tid,
                    0,
                    f"{phase}-missing",
                    msg("the day has no {phase} stop", phase=phase_name(phase)),
                )
        self._check_tabulation(route, counts["tabulation"])

    def _check_tabulation(self, route: TeamRoute, n_tabulation: int) -> None:
        """A tabulation stop where the day allows one, at the counting station's DEC."""
        tid = route.team_id
        visits = route.visits
        counting = next((v for v in visits if v.phase == "counting"), None)
        if counting is not None and n_tabulation == 0:
            # One team per DEC is enough (DOMAIN.md; 123 of the 2011 teams went on to
            # their DEC): a team may end its day at the count when another team follows
            # the protocol to the same DEC (teams can outnumber a base's DECs).
            ps = self.m.station_by_id.get(counting.ps_id)
            dec_id = ps.dec_id if ps is not None else counting.dec_id
            if self.tabulated.get(dec_id, tid) == tid:
                reachable = self._tabulation_possible(route, counting, dec_id)
                if reachable:
                    self.add(
                        tid,
                        0,
                        "tabulation-missing",
                        msg(
                            "the day ends at the count at {station}, and no team follows its "
                            "protocol to DEC {dec} ({reachable})",
                            station=counting.ps_id,
                            dec=dec_id,
                            reachable=reachable,
                        ),
                    )
        for seq, v in enumerate(visits, start=1):
            if v.phase != "tabulation" or counting is None or v.dec_id not in self.m.dec_by_id:
                continue  # (an unknown DEC is reported as unknown-dec)
            ps = self.m.station_by_id.get(counting.ps_id)
            dec_id = ps.dec_id if ps is not None else counting.dec_id
            if v.dec_id != dec_id:
                self.add(
                    tid,
                    seq,
                    "tabulation-dec",
                    msg(
                        "tabulation at DEC {dec}, but the counting station {station} belongs to "
                        "DEC {station_dec}",
                        dec=v.dec_id,
                        station=counting.ps_id,
                        station_dec=dec_id,
                    ),
                )

    def _tabulation_possible(self, route: TeamRoute, counting: Visit, dec_id: str) -> str:
        """Why the team could have followed its protocol to the DEC ("" = it could not).

        From the count's end (closing + count duration, or a later departure) to the
        DEC, staying the tabulation minutes, within the latest end, the longest leg and
        the daily driving limit. (A day that cannot reach the DEC may end at the count.)
        """
        s = self.s
        dec = self.m.dec_by_id.get(dec_id)
        ps = self.m.station_by_id.get(counting.ps_id)
        if dec is None:
            return ""
        leave = counting.depart
        if ps is not None:
            leave = max(leave, ps.close_time + s.count_duration_min)
        minutes, _ = self.travel.leg((counting.lat, counting.lon), (dec.lat, dec.lon))
        done = leave + minutes + s.tabulation_observation_min
        region = self.m.region_by_id.get(dec.region_id)
        worked, night, _home = self._duty(
            route,
            dec.lat,
            dec.lon,
            done,
            offset=region.utc_offset_min if region is not None else None,
            extra=[(leave, leave + minutes)],
        )
        if (
            done > s.latest_end
            or minutes > s.max_leg_min
            or route.driving_min + minutes > s.max_driving_min
            or 0 < s.max_working_day_min < worked
            or 0 < s.max_night_driving_min < night
        ):
            return ""
        return msg(
            "leaving the count at {leave} and driving {minutes} min it could stay until {done}",
            leave=_hm(leave),
            minutes=minutes,
            done=_hm(done),
        )

    def check_stop(self, route: TeamRoute, seq: int, v: Visit) -> _Place | None:
        """Existence, status, area, coordinates, base; returns the place or None."""
        tid = route.team_id
        if v.phase == "tabulation":
            found = self._dec_of(tid, seq, v)
        else:
            found = self._station_of(tid, seq, v)
        if found is None:
            return None
        label, region_id, lat, lon, opens, closes = found
        if abs(v.lat - lat) > COORD_TOLERANCE_DEG or abs(v.lon - lon) > COORD_TOLERANCE_DEG:
            self.add(
                tid,
                seq,
                "coordinates",
                msg(
                    "the stop at {place} is at ({lat:.5f}, {lon:.5f}); {place} is at "
                    "({place_lat:.5f}, {place_lon:.5f})",
                    place=label,
                    lat=v.lat,
                    lon=v.lon,
                    place_lat=lat,
                    place_lon=lon,
                ),
            )
        region = self.m.region_by_id.get(region_id)
        if region is None:
            self.add(
                tid,
                seq,
                "unknown-region",
                msg("{place} is in unknown region {region!r}", place=label, region=region_id),
            )
            return None
        self._check_base(tid, seq, label, region_id)
        dec_id = v.dec_id if v.phase == "tabulation" else self.m.station_by_id[v.ps_id].dec_id
        return _Place(label, region_id, region.utc_offset_min, opens, closes, dec_id)

    def _dec_of(self, tid: str, seq: int, v: Visit) -> _Found | None:
        """The tabulation stop's DEC: label, region, position (no hours)."""
        dec = self.m.dec_by_id.get(v.dec_id)
        if dec is None:
            self.add(tid, seq, "unknown-dec", msg("the mission has no DEC {dec!r}", dec=v.dec_id))
            return None
        label = msg("DEC {dec}", dec=dec.dec_id)
        if v.region_id != dec.region_id:
            self.add(
                tid,
                seq,
                "station-area",
                msg(
                    "{place} is in region {region}, the stop says {stop_region}",
                    place=label,
                    region=dec.region_id,
                    stop_region=v.region_id,
                ),
            )
        return label, dec.region_id, dec.lat, dec.lon, 0, 0

    def _station_of(self, tid: str, seq: int, v: Visit) -> _Found | None:
        """The stop's polling station: label, region, position, hours."""
        ps = self.m.station_by_id.get(v.ps_id)
        if ps is None:
            self.add(
                tid,
                seq,
                "unknown-station",
                msg("the mission has no polling station {station!r}", station=v.ps_id),
            )
            return None
        label = msg("{station} (No. {pec})", station=ps.ps_id, pec=ps.pec_number)
        if ps.status != "open":
            self.add(tid, seq, "station-closed", msg("{station} is closed", station=label))
        if not ps.located or ps.lat is None or ps.lon is None:
            self.add(
                tid,
                seq,
                "station-unlocated",
                msg("{station} has no location to drive to", station=label),
            )
            lat, lon = v.lat, v.lon
        else:
            lat, lon = ps.lat, ps.lon
        if v.region_id != ps.region_id or v.dec_id != ps.dec_id:
            self.add(
                tid,
                seq,
                "station-area",
                msg(
                    "{station} is in {region}/{dec}, the stop says {stop_region}/{stop_dec}",
                    station=label,
                    region=ps.region_id,
                    dec=ps.dec_id,
                    stop_region=v.region_id,
                    stop_dec=v.dec_id,
                ),
            )
        return label, ps.region_id, lat, lon, ps.open_time, ps.close_time

    def _check_base(self, tid: str, seq: int, label: str, region_id: str) -> None:
        team = self.m.team_by_id.get(tid)
        if team is None:
            return
        base = self.m.base_by_id.get(team.base_id)
        if base is None or region_id not in base.region_ids:
            covers = ", ".join(base.region_ids) if base else msg("nothing (unknown base)")
            self.add(
                tid,
                seq,
                "outside-base",
                msg(
                    "{place} is in region {region}; the team's base {base} covers {covers}",
                    place=label,
                    region=region_id,
                    base=team.base_id,
                    covers=covers,
                ),
            )
