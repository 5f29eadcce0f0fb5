"""Re-check a plan against every rule of the day model, independently of the solver.

:func:`validate_plan` reads the rules from the mission's settings and the stations'
own hours and re-derives every check from them; it imports nothing from
``planner.solver``, so a bug in the solver's day model cannot hide itself. Each
problem is one :class:`Violation` naming the team, the stop (1-based; 0 = the whole
route or plan), a short rule code and a sentence a user understands. The codes and
what they mean are in :data:`RULES` and in ``docs/coverage.md``.

Times are local minutes of each stop's own region. ``depart_start`` is in the local
time of the first stop's region, ``lunch_start`` in that of the stop before the
break. A leg from a UTC+6 stop to a UTC+5 stop arrives 60 minutes "earlier" on the
clock: ``next.arrive >= prev.depart + travel_min + (offset_next - offset_prev)``.

This module holds the plan-level checks; the per-route checks are mixins in
:mod:`planner.validate_places` (phases, stops), :mod:`planner.validate_rules` (times at
each stop) and :mod:`planner.validate_legs` (legs, driving, duty of care, lunch), on
the shared state of :mod:`planner.validate_base`.
"""

from __future__ import annotations

from collections import defaultdict

from planner.i18n import msg, phase_name
from planner.model import Mission, Plan, TeamRoute
from planner.travel import TravelProvider, provider_for
from planner.validate_base import COORD_TOLERANCE_DEG, RULES, Violation
from planner.validate_legs import _LegChecks
from planner.validate_places import _PlaceChecks
from planner.validate_rules import _TimeChecks

__all__ = ["RULES", "Violation", "validate_plan"]


class _Checker(_PlaceChecks, _TimeChecks, _LegChecks):
    """Collects the violations of one plan."""

    # ------------------------------------------------------------------ plan level

    def run(self) -> list[Violation]:
        seen: set[str] = set()
        self.tabulated = {
            v.dec_id: tid for tid, _, v in self.plan.visits() if v.phase == "tabulation"
        }
        for route in self.plan.routes:
            tid = route.team_id
            if tid in seen:
                self.add(
                    tid, 0, "duplicate-route", msg("team {team} has more than one route", team=tid)
                )
                continue
            seen.add(tid)
            self.check_team(route)
            if route.visits:
                self.check_route(route)
        unassigned = set(self.plan.unassigned_teams)
        for team in self.m.teams:
            if not team.available or team.team_id in unassigned:
                continue
            own = self.plan.route(team.team_id)
            if own is None or not own.visits:
                self.add(
                    team.team_id,
                    0,
                    "no-stops",
                    msg(
                        "available team {team} has no stops and is not listed as unassigned",
                        team=team.team_id,
                    ),
                )
        self.check_exclusivity()
        return self.out

    def check_team(self, route: TeamRoute) -> None:
        tid = route.team_id
        team = self.m.team_by_id.get(tid)
        if team is None:
            self.add(tid, 0, "unknown-team", msg("the mission has no team {team!r}", team=tid))
            return
        if not team.available and route.visits:
            self.add(
                tid,
                0,
                "team-unavailable",
                msg("team {team} is unavailable but has stops", team=tid),
            )
        if (
            team.has_overnight
            and route.visits
            and (
                abs(route.start_lat - (team.lat or 0.0)) > COORD_TOLERANCE_DEG
                or abs(route.start_lon - (team.lon or 0.0)) > COORD_TOLERANCE_DEG
            )
        ):
            self.add(
                tid,
                0,
                "start-location",
                msg(
                    "the route starts at ({lat:.5f}, {lon:.5f}), not at the team's overnight "
                    "location ({team_lat:.5f}, {team_lon:.5f})",
                    lat=route.start_lat,
                    lon=route.start_lon,
                    team_lat=team.lat,
                    team_lon=team.lon,
                ),
            )

    # ------------------------------------------------------------------ one route

    def check_route(self, route: TeamRoute) -> None:
        self.check_phases(route)
        places = [self.check_stop(route, seq, v) for seq, v in enumerate(route.visits, start=1)]
        self.check_times(route, places)
        self.check_legs(route, places)

    # ------------------------------------------------------------------ exclusivity

    def check_exclusivity(self) -> None:
        self._check_shared()
        self._check_revisits()

    def _check_shared(self) -> None:
        """No station observed in the same phase by two teams; one team per DEC."""
        by_phase: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
        for tid, seq, v in self.plan.visits():
            if v.phase == "tabulation":
                by_phase[("tabulation", v.dec_id)].append((tid, seq))
            else:
                by_phase[(v.phase, v.ps_id)].append((tid, seq))
        for (phase, key), stops in by_phase.items():
            first_tid, _ = stops[0]
            for tid, seq in stops[1:]:
                if tid == first_tid:
                    continue  # the same team twice: team-revisit (or one DEC twice)
                if phase == "tabulation":
                    self.add(
                        tid,
                        seq,
                        "shared-dec",
                        msg(
                            "team {team} already observes tabulation at DEC {dec}",
                            team=first_tid,
                            dec=key,
                        ),
                    )
                else:
                    self.add(
                        tid,
                        seq,
                        "shared-station",
                        msg(
                            "{station} is already observed at {phase} by team {team}",
                            station=key,
                            phase=phase_name(phase),
                            team=first_tid,
                        ),
                    )

    def _check_revisits(self) -> None:
        """No team at the same station twice."""
        for route in self.plan.routes:
            first_seq: dict[str, int] = {}
            for seq, v in enumerate(route.visits, start=1):
                if v.phase == "tabulation":
                    continue
                if v.ps_id in first_seq:
                    self.add(
                        route.team_id,
                        seq,
                        "team-revisit",
                        msg(
                            "the team is already at {station} (stop {seq})",
                            station=v.ps_id,
                            seq=first_seq[v.ps_id],
                        ),
                    )
                else:
                    first_seq[v.ps_id] = seq


def validate_plan(
    mission: Mission, plan: Plan, *, travel: TravelProvider | None = None
) -> list[Violation]:
    """Every rule ``plan`` breaks, in plan order then exclusivity; ``[]`` = valid.

    ``travel`` is what the legs are compared with (default: the mission's provider,
    :func:`planner.travel.provider_for`).
    """
    provider = travel if travel is not None else provider_for(mission.settings)
    return _Checker(mission, plan, provider).run()
