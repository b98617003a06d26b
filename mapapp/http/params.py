"""Parse and validate request parameters, with messages that name what is wrong."""

from __future__ import annotations

import math

from mapapp.errors import InvalidInput
from mapapp.models import SITE_KINDS


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` in degrees (GeoJSON order), or None when absent."""
    if raw is None or raw == "":
        return None
    parts = raw.split(",")
    if len(parts) != 4:
        raise InvalidInput(
            f"bbox must be 4 comma-separated numbers minlon,minlat,maxlon,maxlat; "
            f"got {len(parts)} value(s)",
            parameter="bbox",
        )
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError:
        raise InvalidInput("bbox values must be numbers", parameter="bbox") from None
    if not all(math.isfinite(v) for v in (minlon, minlat, maxlon, maxlat)):
        raise InvalidInput("bbox values must be finite numbers", parameter="bbox")
    for name, value in (("minlat", minlat), ("maxlat", maxlat)):
        if not -90 <= value <= 90:
            raise InvalidInput(f"bbox {name} {value} is outside -90..90", parameter="bbox")
    for name, value in (("minlon", minlon), ("maxlon", maxlon)):
        if not -180 <= value <= 180:
            raise InvalidInput(f"bbox {name} {value} is outside -180..180", parameter="bbox")
    if minlon > maxlon or minlat > maxlat:
        raise InvalidInput("bbox minimum must not exceed maximum", parameter="bbox")
    return (minlon, minlat, maxlon, maxlat)


def parse_kind(raw: str | None) -> str | None:
    if raw is None or raw == "":
        return None
    if raw not in SITE_KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(SITE_KINDS)}", parameter="kind")
    return raw


def parse_positive_int(raw: str | None, name: str, default: int, maximum: int = 10**9) -> int:
    if raw is None or raw == "":
        return default
    # ASCII digits only: str.isdigit() also accepts "１" and "²".
    if not (raw.isascii() and raw.isdigit()):
        raise InvalidInput(f"{name} must be a whole number of at least 1", parameter=name)
    # Compare lengths first: int() of a very long string is slow or refused.
    if len(raw.lstrip("0")) > len(str(maximum)) or int(raw) > maximum:
        raise InvalidInput(f"{name} must be at most {maximum}", parameter=name)
    value = int(raw)
    if value < 1:
        raise InvalidInput(f"{name} must be a whole number of at least 1", parameter=name)
    return value


def parse_choice(raw: str | None, name: str, choices, default: str) -> str:
    if raw is None or raw == "":
        return default
    if raw not in choices:
        raise InvalidInput(f"{name} must be one of {', '.join(choices)}", parameter=name)
    return raw


MAX_ZOOM = 24


def parse_zoom(raw: str | None) -> int | None:
    """A map zoom level 0..24, or None when absent."""
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 2 or int(raw) > MAX_ZOOM:
        raise InvalidInput(f"zoom must be a whole number from 0 to {MAX_ZOOM}", parameter="zoom")
    return int(raw)
