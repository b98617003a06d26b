"""Road distances and driving times from an OSRM server (its /table service), if one is
configured (MAPAPP_OSRM_URL). Any failure is reported to the caller, which then falls
back to great-circle distances and says so."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from mapapp.errors import N_, MarkedMessage
from mapapp.trips.tour import Point


class RoadDistanceError(MarkedMessage):
    """Why road distances could not be had; the page translates it, the JSON answer
    gives ``message``."""


def osrm_table(base_url: str, points: list[Point], timeout: float) -> tuple[list, list]:
    """(km matrix, hours matrix) between ``points`` (lat, lon) by road."""
    if urlsplit(base_url).scheme not in ("http", "https"):
        raise RoadDistanceError(
            N_("the routing service URL must start with %(schemes)s"), schemes="http(s)://"
        )
    coords = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)
    url = f"{base_url.rstrip('/')}/table/v1/driving/{coords}?annotations=distance,duration"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (checked)
            body = json.load(response)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise RoadDistanceError(
            N_("the routing service did not answer (%(error)s)"), error=str(exc)
        ) from None
    if body.get("code") != "Ok":
        raise RoadDistanceError(
            N_("the routing service said %(code)s"), code=repr(body.get("code"))
        )
    distances, durations = body.get("distances"), body.get("durations")
    n = len(points)
    if not (
        isinstance(distances, list)
        and isinstance(durations, list)
        and len(distances) == len(durations) == n
        and all(isinstance(row, list) and len(row) == n for row in distances + durations)
    ):
        raise RoadDistanceError(N_("the routing service answered with a malformed table"))
    if any(v is None for row in distances + durations for v in row):
        raise RoadDistanceError(N_("some stops cannot be reached by road"))
    return (
        [[float(v) / 1000 for v in row] for row in distances],
        [[float(v) / 3600 for v in row] for row in durations],
    )
