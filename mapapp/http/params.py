"""Parse and validate request parameters, with messages that name what is wrong."""

from __future__ import annotations

import math

from mapapp.errors import InvalidInput
from mapapp.models import SITE_KINDS
from mapapp.trips.itinerary import TripRequest
from mapapp.trips.tour import MAX_STOPS

# Caps on what any request may carry, checked before a view runs: a longer value or more
# values than this is a 400 naming the parameter, whatever the view would have done.
MAX_PARAMETER_LENGTH = 2000
MAX_PARAMETER_VALUES = 100
MAX_ID = 2**31 - 1


def check_parameter_sizes(args) -> None:
    values = list(args.items(multi=True))
    if len(values) > MAX_PARAMETER_VALUES:
        raise InvalidInput(f"too many parameters (at most {MAX_PARAMETER_VALUES})")
    for name, value in values:
        if len(value) > MAX_PARAMETER_LENGTH:
            raise InvalidInput(
                f"{name[:40]} is too long (at most {MAX_PARAMETER_LENGTH} characters)",
                parameter=name[:40],
            )


def parse_id(raw: str, name: str, what: str = "id") -> int:
    """A record id: ASCII digits, 1 to 2**31-1. The length is checked before int(), which
    refuses (or is slow on) very long strings."""
    text = raw.strip()
    digits = text.isascii() and text.isdigit()
    if not digits or len(text.lstrip("0")) > len(str(MAX_ID)) or not 0 < int(text) <= MAX_ID:
        raise InvalidInput(f"{text[:20]!r} is not a {what}", parameter=name)
    return int(text)


def parse_id_list(raw: str | None, name: str, max_items: int, noun: str = "record") -> list[int]:
    """Comma-separated distinct ids of ``noun``s, at least one and at most ``max_items``."""
    parts = [p for p in (raw or "").split(",") if p.strip()]
    if not parts:
        raise InvalidInput(
            f"{name} is required: a comma-separated list of {noun} ids", parameter=name
        )
    if len(parts) > max_items:
        raise InvalidInput(
            f"{name}: at most {max_items} {noun}s ({len(parts)} given)", parameter=name
        )
    ids: list[int] = []
    for part in parts:
        value = parse_id(part, name, f"{noun} id")
        if value in ids:
            raise InvalidInput(f"{noun} {value} is listed twice", parameter=name)
        ids.append(value)
    return ids


def parse_lat_lon(raw: str, name: str) -> tuple[float, float]:
    """``LAT,LON`` in decimal degrees, finite and in range."""
    parts = raw.split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise InvalidInput(f"{name} must be LAT,LON in decimal degrees", parameter=name) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also false for NaN
        raise InvalidInput(f"{name} is outside -90..90, -180..180", parameter=name)
    return lat, lon


def parse_zero_one(raw: str | None, name: str) -> bool:
    if raw in (None, "", "0", "false"):
        return False
    if raw in ("1", "true"):
        return True
    raise InvalidInput(f"{name} must be 0 or 1", parameter=name)


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


def parse_trip_request(args) -> TripRequest:
    """The stops, start and kind of a trip, as every trip view and download reads them."""
    place = (args.get("start_place") or "").strip() or None
    if place is not None and len(place) > 200:
        raise InvalidInput("start_place is too long (at most 200 characters)", "start_place")
    start = args.get("start")
    return TripRequest(
        site_ids=_trip_stops(args.get("sites")),
        start_point=parse_lat_lon(start, "start") if start else None,
        start_place=place,
        round_trip=parse_zero_one(args.get("round_trip"), "round_trip"),
    )


def _trip_stops(raw: str | None) -> list[int]:
    parts = [p for p in (raw or "").split(",") if p.strip()]
    if len(parts) > MAX_STOPS:
        raise InvalidInput(
            f"a trip has at most {MAX_STOPS} stops ({len(parts)} given)", parameter="sites"
        )
    return parse_id_list(raw, "sites", MAX_STOPS, noun="site")


MAX_ZOOM = 24


def parse_zoom(raw: str | None) -> int | None:
    """A map zoom level 0..24, or None when absent."""
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 2 or int(raw) > MAX_ZOOM:
        raise InvalidInput(f"zoom must be a whole number from 0 to {MAX_ZOOM}", parameter="zoom")
    return int(raw)
