"""Issue 11: a routing server is http(s) only, redirects are not followed, and a
strange answer is a message, not a traceback."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from planner.errors import PlannerError
from planner.travel import OsrmTravel, check_routing_url, use_routing_server
from tests.factories import tiny_mission


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://host/x", "javascript:alert(1)", "http://", "localhost:5000"],
)
def test_only_http_and_https_addresses_are_accepted(url: str) -> None:
    with pytest.raises(PlannerError, match="http:// or https://"):
        check_routing_url(url)


def test_a_good_address_is_cleaned_and_announced() -> None:
    assert check_routing_url(" http://localhost:5000/ ") == "http://localhost:5000"
    said: list[str] = []
    m = use_routing_server(
        tiny_mission(), "https://osrm.example:443", lambda *a, **k: said.append(a[1])
    )
    assert m.settings.routing_server_url == "https://osrm.example:443"
    assert said == ["travel times from the routing server https://osrm.example:443"]
    assert use_routing_server(tiny_mission(), "") == tiny_mission()


class _Handler(http.server.BaseHTTPRequestHandler):
    answer: bytes = b""
    status: int = 200

    def do_GET(self) -> None:
        self.send_response(self.status)
        if self.status == 302:
            self.send_header("Location", "file:///etc/passwd")
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[type[_Handler]]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.url = f"http://127.0.0.1:{httpd.server_address[1]}"  # type: ignore[attr-defined]
    yield _Handler
    httpd.shutdown()
    httpd.server_close()


def test_a_redirect_is_not_followed(server: type[_Handler]) -> None:
    server.status, server.answer = 302, b""
    with pytest.raises(PlannerError) as err:
        OsrmTravel(server.url).leg((50.0, 57.0), (50.1, 57.1))  # type: ignore[attr-defined]
    assert "did not answer" in str(err.value) and "root:" not in str(err.value)


@pytest.mark.parametrize(
    "answer",
    [b"[1, 2]", b'{"code": "Ok"}', b'{"code": "Ok", "durations": [["x"]], "distances": 5}'],
)
def test_an_answer_that_is_not_a_table_is_a_message(server: type[_Handler], answer: bytes) -> None:
    server.status, server.answer = 200, answer
    with pytest.raises(PlannerError, match="routing server"):
        OsrmTravel(server.url).leg((50.0, 57.0), (50.1, 57.1))  # type: ignore[attr-defined]
