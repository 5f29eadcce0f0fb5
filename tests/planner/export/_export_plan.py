"""Hand-made plans for export tests and the export benchmark (no solver needed).

:func:`schedule` times a list of stops the simple way the day model describes
(arrive 30 min before opening, observe, drive, lunch, count, DEC) with the
built-in travel estimate, so the exports see realistic, consistent times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.model import Mission, Plan, TeamRoute, Visit
from planner.travel import EstimatedTravel, great_circle_km

KAZAKH = "ӘҒҚҢӨҰҮҺІ"


def schedule(
    mission: Mission,
    team_id: str,
    start: tuple[float, float],
    stops: Sequence[tuple[str, str]],
) -> TeamRoute:
    """Time ``stops`` ((phase, ps_id or dec_id)) for a team; drops voting stops that miss."""
    s = mission.settings
    travel = EstimatedTravel(s)
    visits: list[Visit] = []
    pos = start
    t = 0
    depart_start = 0
    lunch: int | None = None
    for phase, ref in stops:
        if phase == "tabulation":
            dec = mission.dec_by_id[ref]
            lat, lon, region, dec_id, ps_id = dec.lat, dec.lon, dec.region_id, dec.dec_id, ""
            opens, closes = 0, 48 * 60
        else:
            ps = mission.station_by_id[ref]
            assert ps.lat is not None and ps.lon is not None
            lat, lon, region, dec_id, ps_id = ps.lat, ps.lon, ps.region_id, ps.dec_id, ps.ps_id
            opens, closes = ps.open_time, ps.close_time
        minutes, km = travel.leg(pos, (lat, lon))
        if phase == "opening":
            arrive = opens - s.arrive_before_open_min
            depart_start = t = arrive - minutes
            depart = opens + s.opening_observation_min
        else:
            ready = t
            if lunch is None and phase == "voting" and t >= s.lunch_earliest:
                lunch = t
                ready = t + s.lunch_break_min
            arrive = ready + minutes
            if phase == "voting":
                depart = max(arrive, opens) + s.voting_observation_min
                if depart > closes - 60:
                    if lunch == t:
                        lunch = None
                    continue
            elif phase == "counting":
                if arrive > closes - s.arrive_before_close_min:
                    break  # too late for the count: the day ends after voting
                arrive = max(arrive, closes - s.arrive_before_close_min - 20)
                depart = closes + s.count_duration_min
            else:
                depart = arrive + s.tabulation_observation_min
        visits.append(
            Visit(phase, ps_id, dec_id, region, lat, lon, arrive, depart, minutes, km)  # type: ignore[arg-type]
        )
        pos, t = (lat, lon), depart
    return TeamRoute(team_id, start[0], start[1], depart_start, tuple(visits), lunch_start=lunch)


def tiny_plan(mission: Mission) -> Plan:
    """T001 in the North town, T002 in the West (UTC+5); T003 without a route."""
    r1 = schedule(
        mission,
        "T001",
        (51.01, 71.01),
        [
            ("opening", "N-0002"),
            ("voting", "N-0003"),
            ("voting", "N-0004"),
            ("voting", "N-0005"),
            ("voting", "N-0010"),
            ("voting", "N-0011"),
            ("counting", "N-0006"),
            ("tabulation", "N-D01"),
        ],
    )
    r2 = schedule(
        mission,
        "T002",
        (50.0, 57.0),
        [
            ("opening", "W-0002"),
            ("voting", "W-0003"),
            ("voting", "W-0004"),
            ("voting", "W-0009"),
            ("counting", "W-0005"),
            ("tabulation", "W-D01"),
        ],
    )
    return Plan(routes=(r1, r2), revision=3, created="2026-11-25T09:00:00+00:00")


def with_kazakh_names(mission: Mission) -> Mission:
    """The mission with Kazakh names (every special letter) and markup in one name."""
    stations = []
    names = {
        "N-0003": ("Әуезов атындағы мектеп", "Ғабит Мүсірепов көшесі 5"),
        "N-0004": ("Қонаев ауылы ТАҢ", "Өскемен, Ұлытау, Үшарал, Һ, Ілияс"),
        "N-0005": ("<script>alert(1)</script>", '"Школа" & <b>№ 7</b>'),
    }
    for p in mission.polling_stations:
        if p.ps_id in names:
            name, address = names[p.ps_id]
            stations.append(replace(p, name=name, address=address))
        else:
            stations.append(p)
    return replace(mission, polling_stations=tuple(stations))


def greedy_plan(mission: Mission, *, voting_stops: int = 9) -> Plan:
    """A plausible plan for a big mission: each team works one DEC near its base."""
    by_dec: dict[str, list[str]] = {}
    for p in mission.polling_stations:
        if p.located and p.status == "open":
            by_dec.setdefault(p.dec_id, []).append(p.ps_id)
    decs = [d for d in mission.decs if len(by_dec.get(d.dec_id, ())) >= voting_stops + 2]
    routes = []
    used: set[str] = set()
    teams = [t for t in mission.teams if t.available]
    turn: dict[str, int] = {}
    for team in teams:
        base = mission.base_by_id.get(team.base_id)
        mine = [d for d in decs if base is None or d.region_id in base.region_ids] or decs
        free: list[str] = []
        for _ in range(len(mine)):  # the next DEC of this base with stations left
            k = turn.get(team.base_id, 0)
            turn[team.base_id] = k + 1
            dec = mine[k % len(mine)]
            free = [ps for ps in by_dec[dec.dec_id] if ps not in used]
            if len(free) >= voting_stops + 2:
                break
        if len(free) < 3:
            continue
        # nearest-neighbour tour from the DEC seat through its free stations
        pos = (dec.lat, dec.lon)
        tour = []
        pool = list(free)
        while pool and len(tour) < voting_stops + 2:
            nxt = min(
                pool,
                key=lambda ps: float(
                    great_circle_km(
                        pos[0],
                        pos[1],
                        mission.station_by_id[ps].lat,
                        mission.station_by_id[ps].lon,
                    )
                ),
            )
            pool.remove(nxt)
            tour.append(nxt)
            st = mission.station_by_id[nxt]
            pos = (st.lat or 0.0, st.lon or 0.0)
        stops = [("opening", tour[0])] + [("voting", ps) for ps in tour[1:-1]]
        stops += [("counting", tour[-1]), ("tabulation", dec.dec_id)]
        route = schedule(mission, team.team_id, (dec.lat + 0.01, dec.lon + 0.01), stops)
        used.update(v.ps_id for v in route.visits if v.ps_id)
        routes.append(route)
    return Plan(routes=tuple(routes), revision=1, created="2026-11-25T10:00:00+00:00")
