"""Route sheets tell a team what to do on a real day: leave-by times, what to skip
first when running late, the chance of a full day and the drive home."""

from __future__ import annotations

import html
import re

from planner.export.route_sheet import route_sheets_html
from planner.model import format_hhmm
from planner.rehearsal import leave_by, prepare_team, station_prizes_of
from planner.solver import solve
from tests.factories import tiny_mission


def test_sheet_prints_leave_by_drop_order_full_day_and_home() -> None:
    m = tiny_mission(n_teams=2)
    plan = solve(m, time_limit_s=1, workers=1)
    route = plan.routes[0]
    text = html.unescape(route_sheets_html(m, plan, team_ids=[route.team_id]))
    day = prepare_team(m, route, station_prizes_of(m))
    times = leave_by(day)
    voting = [i for i, v in enumerate(route.visits, start=1) if v.phase == "voting"]
    assert sorted(times) == voting
    printed = re.findall(r"Leave by / Выезд до (\d\d:\d\d)", text)
    assert printed == [format_hhmm(times[j]) for j in voting]
    order = ", then ".join(str(j) for j in day.order)
    assert f"If you are running late, skip {order}." in text
    assert re.search(r"Full day / Весь день</span><span class=\"t\">\d+%", text)
    assert "Drive home / Дорога к месту ночёвки:" in text
