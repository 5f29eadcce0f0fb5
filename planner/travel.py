"""Travel time and distance between places, behind one protocol.

The built-in :class:`EstimatedTravel` needs no network: road distance is the
great-circle distance times a circuity factor, and time is the road distance
driven at town speed for the first kilometres, at rural-road speed up to the
intercity threshold and at intercity speed beyond it, plus a fixed parking and
walking overhead per leg. Its parameters are mission settings (see
``docs/planning.md`` for the assumptions). :class:`OsrmTravel` asks an OSRM
server's table API at a URL the user configures; it is never used unless set.

A routing server is the user's own choice — app settings or the ``--routing-server``
flag — never a mission file's (:mod:`planner.io.mission` does not read that setting
from a file), and only ``http``/``https`` URLs are accepted (:func:`check_routing_url`),
so a file from elsewhere cannot make the laptop read a local file or talk to a machine
its author chose. Redirects are not followed.
"""

from __future__ import annotations

import json
import math
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
import numpy.typing as npt

from planner.errors import PlannerError
from planner.i18n import msg
from planner.model import Mission, Settings

EARTH_RADIUS_KM = 6371.0088
LatLon = tuple[float, float]


@dataclass(frozen=True, slots=True)
class TravelMatrix:
    """Minutes (int32) and road kilometres (float32), origins x destinations."""

    minutes: npt.NDArray[np.int32]
    km: npt.NDArray[np.float32]


class TravelProvider(Protocol):
    """Anything that can say how long it takes to drive between places."""

    def matrix(self, origins: Sequence[LatLon], destinations: Sequence[LatLon]) -> TravelMatrix:
        """Travel from every origin to every destination."""
        ...

    def leg(self, a: LatLon, b: LatLon) -> tuple[int, float]:
        """(minutes, km) of one leg."""
        ...


def great_circle_km(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Haversine distance in km; broadcasts like numpy."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1))), dtype=np.float64)


class EstimatedTravel:
    """Road travel estimated from coordinates (no network). See module docstring."""

    def __init__(self, settings: Settings | None = None) -> None:
        s = settings or Settings()
        self.circuity = s.circuity
        self.v_town = s.speed_town_kmh
        self.v_rural = s.speed_rural_kmh
        self.v_inter = s.speed_intercity_kmh
        self.town_km = s.town_radius_km
        self.inter_km = max(s.intercity_km, s.town_radius_km)
        self.overhead = s.stop_overhead_min

    def _minutes(self, road_km: npt.NDArray[np.float64]) -> npt.NDArray[np.int32]:
        town = np.minimum(road_km, self.town_km)
        rural = np.clip(road_km - self.town_km, 0.0, self.inter_km - self.town_km)
        inter = np.maximum(road_km - self.inter_km, 0.0)
        hours = town / self.v_town + rural / self.v_rural + inter / self.v_inter
        minutes = np.ceil(hours * 60.0 - 1e-9) + np.where(road_km > 0.05, self.overhead, 0)
        return minutes.astype(np.int32)

    def matrix(self, origins: Sequence[LatLon], destinations: Sequence[LatLon]) -> TravelMatrix:
        o = np.asarray(origins, dtype=np.float64).reshape(-1, 2)
        d = np.asarray(destinations, dtype=np.float64).reshape(-1, 2)
        km = np.empty((len(o), len(d)), dtype=np.float32)
        minutes = np.empty((len(o), len(d)), dtype=np.int32)
        chunk = max(1, 2_000_000 // max(1, len(d)))  # bound memory for big matrices
        for start in range(0, len(o), chunk):
            oc = o[start : start + chunk]
            road = great_circle_km(oc[:, :1], oc[:, 1:2], d[None, :, 0], d[None, :, 1])
            road = road * self.circuity
            km[start : start + chunk] = road
            minutes[start : start + chunk] = self._minutes(road)
        return TravelMatrix(minutes=minutes, km=km)

    def leg(self, a: LatLon, b: LatLon) -> tuple[int, float]:
        road = float(great_circle_km(a[0], a[1], b[0], b[1])) * self.circuity
        minutes = int(self._minutes(np.array([road]))[0])
        return minutes, round(road, 1)


#: Largest answer read from a routing server (a 100 x 100 table is about 300 KB).
MAX_ANSWER_BYTES = 32 * 2**20


def check_routing_url(url: str) -> str:
    """``url`` cleaned, or :class:`PlannerError` when it is not an ``http(s)://HOST``
    address (``file:``, ``ftp:`` and the like are refused)."""
    text = url.strip()
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        parts = urllib.parse.urlsplit("")
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        shown = text if len(text) <= 80 else text[:77] + "..."
        raise PlannerError(
            f"routing server {shown!r}: must be an http:// or https:// address "
            "(e.g. http://localhost:5000)"
        )
    if any(ord(ch) < 33 for ch in text):
        raise PlannerError("routing server address must not contain spaces or control characters")
    return text.rstrip("/")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect is an answer we do not follow


_OPENER = urllib.request.build_opener(_NoRedirect)


class OsrmTravel:
    """Travel times from an OSRM server's ``/table`` API (only when the user sets a URL).

    Results are cached per coordinate pair for the life of the object. Any network
    failure raises :class:`PlannerError` with the URL, so the user can switch back to
    the built-in estimate.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 30.0,
        overhead_min: int = 5,
        max_table: int = 100,
    ) -> None:
        self.base_url = check_routing_url(base_url)
        self.max_table = max_table
        self.timeout_s = timeout_s
        self.overhead = overhead_min
        self._cache: dict[tuple[LatLon, LatLon], tuple[int, float]] = {}

    def _table(
        self,
        origins: Sequence[LatLon],
        destinations: Sequence[LatLon],
    ) -> tuple[list[list[float]], list[list[float]]]:
        pts = list(origins) + list(destinations)
        coords = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in pts)
        src = ";".join(str(i) for i in range(len(origins)))
        dst = ";".join(str(len(origins) + i) for i in range(len(destinations)))
        url = (
            f"{self.base_url}/table/v1/driving/{coords}?sources={src}"
            f"&destinations={dst}&annotations=duration,distance"
        )
        try:
            with _OPENER.open(url, timeout=self.timeout_s) as resp:
                data = json.loads(resp.read(MAX_ANSWER_BYTES).decode("utf-8"))
        except urllib.error.HTTPError as exc:  # also a redirect, which is not followed
            exc.close()
            raise PlannerError(
                msg(
                    "routing server {url} did not answer (HTTP {code})",
                    url=self.base_url,
                    code=exc.code,
                )
            ) from None
        except (OSError, ValueError) as exc:
            raise PlannerError(
                msg(
                    "routing server {url} did not answer ({error})",
                    url=self.base_url,
                    error=str(exc),
                )
            ) from exc
        if not isinstance(data, dict) or data.get("code") != "Ok":
            said = data.get("message", "") if isinstance(data, dict) else ""
            raise PlannerError(f"routing server {self.base_url}: {str(said)[:200] or 'bad answer'}")
        return data["durations"], data["distances"]

    def matrix(self, origins: Sequence[LatLon], destinations: Sequence[LatLon]) -> TravelMatrix:
        """Asks the server in blocks of at most ``max_table`` coordinates per request
        (OSRM's default ``--max-table-size`` is 100) and only for pairs not cached."""
        o, d = list(origins), list(destinations)
        minutes = np.zeros((len(o), len(d)), dtype=np.int32)
        km = np.zeros((len(o), len(d)), dtype=np.float32)
        half = max(1, self.max_table // 2)
        for i0 in range(0, len(o), half):
            ob = o[i0 : i0 + half]
            for j0 in range(0, len(d), half):
                db = d[j0 : j0 + half]
                if any((a, b) not in self._cache for a in ob for b in db):
                    self._fetch(ob, db)
                for i, a in enumerate(ob):
                    for j, b in enumerate(db):
                        minutes[i0 + i, j0 + j], km[i0 + i, j0 + j] = self._cache[(a, b)]
        return TravelMatrix(minutes=minutes, km=km)

    def _fetch(self, o: list[LatLon], d: list[LatLon]) -> None:
        try:
            self._store(o, d, *self._table(o, d))
        except (KeyError, TypeError, IndexError, ValueError, OverflowError) as exc:
            raise PlannerError(
                msg(
                    "routing server {url}: an answer that is not an OSRM table ({error})",
                    url=self.base_url,
                    error=str(exc),
                )
            ) from None

    def _store(
        self, o: list[LatLon], d: list[LatLon], dur: list[list[float]], dist: list[list[float]]
    ) -> None:
        for i in range(len(o)):
            for j in range(len(d)):
                sec, metres = dur[i][j], dist[i][j]
                if sec is None or metres is None:
                    value = (10**6, 10**6 * 1.0)  # unreachable
                else:
                    value = (
                        math.ceil(float(sec) / 60) + (self.overhead if metres > 50 else 0),
                        round(float(metres) / 1000, 1),
                    )
                self._cache[(o[i], d[j])] = value

    def leg(self, a: LatLon, b: LatLon) -> tuple[int, float]:
        m = self.matrix([a], [b])
        return int(m.minutes[0, 0]), float(m.km[0, 0])


def provider_for(settings: Settings) -> TravelProvider:
    """The provider the settings ask for: built-in unless the user set a routing server
    (never one from a mission file: those are not read, see :mod:`planner.io.mission`)."""
    if settings.routing_server_url.strip():
        return OsrmTravel(
            settings.routing_server_url.strip(), overhead_min=settings.stop_overhead_min
        )
    return EstimatedTravel(settings)


def use_routing_server(
    mission: Mission, url: str, say: Callable[..., None] | None = None
) -> Mission:
    """``mission`` set to ask the routing server ``url`` (the user's explicit choice:
    a command-line flag or the app's settings), checked and announced through ``say``
    before any request; an empty ``url`` leaves the built-in estimate."""
    if not url.strip():
        return mission
    checked = check_routing_url(url)
    if say is not None:
        say("routing", f"travel times from the routing server {checked}", force=True)
    return replace(mission, settings=replace(mission.settings, routing_server_url=checked))
