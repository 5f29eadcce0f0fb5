""":func:`solve` as named stages (see docs/planning.md).

1. :func:`~planner.solver.start.teams_to_plan`: which routes are kept, who is planned;
2. :func:`~planner.solver.start.kept_stops` and
   :func:`~planner.solver.start.place_teams`: what re-planned teams keep, where each
   team sleeps, its opening, count and DEC;
3. :func:`~planner.solver.rounds.route_voting`: the voting visits, one TOPTW per base
   (two rounds, in parallel processes);
4. :func:`~planner.solver.finish.time_routes` and
   :func:`~planner.solver.finish.assemble_plan`: every route timed by the day model,
   the regions balanced, the plan.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping

from planner.i18n import msg
from planner.model import Mission, Plan, TeamRoute
from planner.solver.anchors import Anchors
from planner.solver.deploy import usable_stations
from planner.solver.finish import assemble_plan, time_routes
from planner.solver.objective import station_prizes
from planner.solver.progress import Progress, Reporter, plan_counts
from planner.solver.rounds import hard_stop_at, route_voting
from planner.solver.start import Kept, Teams, kept_stops, place_teams, teams_to_plan
from planner.travel import TravelProvider, provider_for

__all__ = ["solve"]


def _ignore(progress: Progress) -> None:
    return None


def _never() -> bool:
    return False


# size: the stages in order, with their long docstring
def solve(
    mission: Mission,
    *,
    time_limit_s: float = 30.0,
    seed: int = 0,
    on_progress: Callable[[Progress], None] = _ignore,
    should_stop: Callable[[], bool] = _never,
    travel: TravelProvider | None = None,
    base_plan: Plan | None = None,
    replan_teams: Collection[str] | None = None,
    workers: int | None = None,
) -> Plan:
    """A plan for ``mission`` (every available team), or a re-plan of some teams.

    With ``base_plan`` and ``replan_teams``: teams not in ``replan_teams`` keep their
    routes exactly; teams in it keep their still-feasible stops (pinned ones always)
    and are refilled; a team in it that is not available gets no route.

    Deterministic: the same mission, seed, ``time_limit_s`` and ``workers`` give the
    same plan, unless the core's clock cap fired (``Progress.search_capped`` > 0 at
    ``done``; docs/planning.md). ``should_stop`` cancels (raises
    :class:`~planner.errors.Cancelled`). Raises PlanningError when no team can be planned.
    No search runs past ``time_limit_s`` plus a margin (:func:`~planner.solver.rounds.
    hard_stop_at`), whatever the mission's size or the machine's load.
    """
    t0 = time.monotonic()
    deadline = hard_stop_at(time_limit_s)
    provider = travel if travel is not None else provider_for(mission.settings)
    report = Reporter(on_progress, should_stop)
    teams = teams_to_plan(mission, base_plan, replan_teams)
    total = len(teams.available)
    on_progress(Progress("deploy", 0, total, 0.0, msg("deploying {total} teams", total=total)))
    report.check_stop()
    kept = kept_stops(mission, teams, base_plan, replan_teams)
    anchors = place_teams(
        mission,
        teams,
        kept,
        provider,
        say=lambda m: on_progress(Progress("deploy", 0, total, 0.01, m)),
    )
    report.check_stop()
    new_routes, unassigned, prizes, capped = _route_and_time(
        mission,
        teams,
        kept,
        anchors,
        provider,
        time_limit_s=time_limit_s,
        deadline=deadline,
        seed=seed,
        workers=workers if workers is not None else 2,
        report=report,
    )
    plan = assemble_plan(
        mission,
        teams,
        new_routes,
        unassigned,
        prizes=prizes,
        travel=provider,
        base_plan=base_plan,
        full_plan=replan_teams is None,
        seed=seed,
        should_stop=should_stop,
    )
    message = msg(
        "planned {teams} teams in {seconds:.1f} s",
        teams=len(new_routes),
        seconds=time.monotonic() - t0,
    )
    on_progress(
        Progress("done", total, total, 1.0, message, *plan_counts(plan), search_capped=capped)
    )
    return plan


def _route_and_time(
    mission: Mission,
    teams: Teams,
    kept: Kept,
    anchors: Mapping[str, Anchors],
    provider: TravelProvider,
    *,
    time_limit_s: float,
    deadline: float,
    seed: int,
    workers: int,
    report: Reporter,
) -> tuple[list[TeamRoute], list[str], dict[str, int], int]:
    """Stages 3 and 4a: voting visits, then every route timed. Returns the new routes,
    the teams without one, the stations' prizes and how many parts the clock cut short."""
    stations = usable_stations(mission)
    prizes = station_prizes(mission.settings, stations)
    voting, capped = route_voting(
        mission,
        teams,
        kept,
        anchors=anchors,
        stations=stations,
        prizes=prizes,
        travel=provider,
        time_limit_s=time_limit_s,
        seed=seed,
        workers=workers,
        reporter=report,
        deadline=deadline,
    )
    report.check_stop()
    total = len(teams.available)
    report.on_progress(Progress("timing", total, total, 0.92, msg("timing every route")))
    new_routes, unassigned = time_routes(
        mission, teams, kept, anchors=anchors, voting=voting, prizes=prizes, travel=provider
    )
    report.check_stop()
    return new_routes, unassigned, prizes, capped
