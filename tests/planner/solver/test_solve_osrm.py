"""Planning with a routing server: a fake OSRM /table API on localhost."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from planner.model import Settings
from planner.solver import solve
from planner.travel import OsrmTravel
from planner.validate import validate_plan
from tests.factories import tiny_mission

REQUESTS: list[int] = []  # coordinates per request


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = a, b
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y) * 1.25


class _Table(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        url = urlsplit(self.path)
        coords = [
            tuple(float(v) for v in c.split(","))
            for c in url.path.split("/table/v1/driving/")[1].split(";")
        ]
        q = parse_qs(url.query)
        src = [int(i) for i in q["sources"][0].split(";")]
        dst = [int(i) for i in q["destinations"][0].split(";")]
        REQUESTS.append(len(coords))
        km = [[_km(coords[i], coords[j]) for j in dst] for i in src]  # type: ignore[arg-type]
        body = json.dumps(
            {
                "code": "Ok",
                "durations": [[k / 50 * 3600 for k in row] for row in km],
                "distances": [[k * 1000 for k in row] for row in km],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Table)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_big_matrices_are_asked_in_blocks_the_server_accepts(server: str) -> None:
    REQUESTS.clear()
    pts = [(50.0 + i * 0.01, 57.0 + i * 0.02) for i in range(23)]
    osrm = OsrmTravel(server, max_table=10)
    m = osrm.matrix(pts, pts)
    assert m.minutes.shape == (23, 23)
    assert REQUESTS and max(REQUESTS) <= 10
    assert m.minutes[0, 0] == 0 and m.minutes[0, 22] > m.minutes[0, 1] > 0
    asked = len(REQUESTS)
    again = osrm.matrix(pts[:5], pts[-5:])  # cached: no new request
    assert len(REQUESTS) == asked
    assert (again.minutes == m.minutes[:5, -5:]).all()


def test_a_plan_with_the_routing_server_passes_the_validator(server: str) -> None:
    m = tiny_mission(n_teams=2, settings=Settings(routing_server_url=server))
    plan = solve(m, time_limit_s=1.0)
    assert validate_plan(m, plan) == []
    assert all(r.phase_visits("voting") for r in plan.routes)
