"""Parse and validate request parameters, with messages that name what is wrong."""

from __future__ import annotations

import math

from mapapp.errors import N_, InvalidInput, not_one_of
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
        raise InvalidInput(N_("too many parameters (at most %(max)s)"), max=MAX_PARAMETER_VALUES)
    for name, value in values:
        if len(value) > MAX_PARAMETER_LENGTH:
            raise InvalidInput(
                N_("%(name)s is too long (at most %(max)s characters)"),
                parameter=name[:40],
                name=name[:40],
                max=MAX_PARAMETER_LENGTH,
            )


def parse_id(raw: str, name: str, message: str = N_("%(value)s is not an id")) -> int:
    """A record id: ASCII digits, 1 to 2**31-1. The length is checked before int(), which
    refuses (or is slow on) very long strings. ``message`` (marked with ``N_``) says what
    the id should have been, its ``%(value)s`` the text given."""
    text = raw.strip()
    digits = text.isascii() and text.isdigit()
    if not digits or len(text.lstrip("0")) > len(str(MAX_ID)) or not 0 < int(text) <= MAX_ID:
        raise InvalidInput(message, parameter=name, value=repr(text[:20]))
    return int(text)


def parse_site_ids(raw: str | None, name: str, max_items: int) -> list[int]:
    """Comma-separated distinct site ids, at least one and at most ``max_items``."""
    parts = [p for p in (raw or "").split(",") if p.strip()]
    if not parts:
        raise InvalidInput(
            N_("%(name)s is required: a comma-separated list of site ids"),
            parameter=name,
            name=name,
        )
    if len(parts) > max_items:
        raise InvalidInput(
            N_("%(name)s: at most %(max)s sites (%(given)s given)"),
            parameter=name,
            name=name,
            max=max_items,
            given=len(parts),
        )
    ids: list[int] = []
    for part in parts:
        value = parse_id(part, name, N_("%(value)s is not a site id"))
        if value in ids:
            raise InvalidInput(N_("site %(id)s is listed twice"), parameter=name, id=value)
        ids.append(value)
    return ids


def parse_lat_lon(raw: str, name: str) -> tuple[float, float]:
    """``LAT,LON`` in decimal degrees, finite and in range."""
    parts = raw.split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise InvalidInput(
            N_("%(name)s must be %(form)s in decimal degrees"),
            parameter=name,
            name=name,
            form="LAT,LON",
        ) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also false for NaN
        raise InvalidInput(N_("%(name)s is outside -90..90, -180..180"), parameter=name, name=name)
    return lat, lon


def parse_zero_one(raw: str | None, name: str) -> bool:
    if raw in (None, "", "0", "false"):
        return False
    if raw in ("1", "true"):
        return True
    raise InvalidInput(N_("%(name)s must be 0 or 1"), parameter=name, name=name)


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` in degrees (GeoJSON order), or None when absent."""
    if raw is None or raw == "":
        return None
    parts = raw.split(",")
    if len(parts) != 4:
        raise InvalidInput(
            N_("%(name)s must be 4 comma-separated numbers %(form)s; got %(given)s value(s)"),
            parameter="bbox",
            name="bbox",
            form="minlon,minlat,maxlon,maxlat",
            given=len(parts),
        )
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError:
        raise InvalidInput(
            N_("%(name)s values must be numbers"), parameter="bbox", name="bbox"
        ) from None
    if not all(math.isfinite(v) for v in (minlon, minlat, maxlon, maxlat)):
        raise InvalidInput(
            N_("%(name)s values must be finite numbers"), parameter="bbox", name="bbox"
        )
    for name, value in (("minlat", minlat), ("maxlat", maxlat)):
        if not -90 <= value <= 90:
            raise InvalidInput(
                N_("%(name)s %(bound)s %(value)s is outside -90..90"),
                parameter="bbox",
                name="bbox",
                bound=name,
                value=value,
            )
    for name, value in (("minlon", minlon), ("maxlon", maxlon)):
        if not -180 <= value <= 180:
            raise InvalidInput(
                N_("%(name)s %(bound)s %(value)s is outside -180..180"),
                parameter="bbox",
                name="bbox",
                bound=name,
                value=value,
            )
    if minlon > maxlon or minlat > maxlat:
        raise InvalidInput(
            N_("%(name)s minimum must not exceed maximum"), parameter="bbox", name="bbox"
        )
    return (minlon, minlat, maxlon, maxlat)


def parse_kind(raw: str | None) -> str | None:
    if raw is None or raw == "":
        return None
    if raw not in SITE_KINDS:
        raise not_one_of("kind", SITE_KINDS)
    return raw


def parse_positive_int(raw: str | None, name: str, default: int, maximum: int = 10**9) -> int:
    if raw is None or raw == "":
        return default
    # ASCII digits only: str.isdigit() also accepts "１" and "²".
    if not (raw.isascii() and raw.isdigit()):
        raise InvalidInput(
            N_("%(name)s must be a whole number of at least 1"), parameter=name, name=name
        )
    # Compare lengths first: int() of a very long string is slow or refused.
    if len(raw.lstrip("0")) > len(str(maximum)) or int(raw) > maximum:
        raise InvalidInput(
            N_("%(name)s must be at most %(max)s"), parameter=name, name=name, max=maximum
        )
    value = int(raw)
    if value < 1:
        raise InvalidInput(
            N_("%(name)s must be a whole number of at least 1"), parameter=name, name=name
        )
    return value


def parse_choice(raw: str | None, name: str, choices, default: str) -> str:
    if raw is None or raw == "":
        return default
    if raw not in choices:
        raise not_one_of(name, choices)
    return raw


def parse_trip_request(args) -> TripRequest:
    """The stops, start and kind of a trip, as every trip view and download reads them."""
    place = (args.get("start_place") or "").strip() or None
    if place is not None and len(place) > 200:
        raise InvalidInput(
            N_("%(name)s is too long (at most %(max)s characters)"),
            "start_place",
            name="start_place",
            max=200,
        )
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
            N_("a trip has at most %(max)s stops (%(given)s given)"),
            parameter="sites",
            max=MAX_STOPS,
            given=len(parts),
        )
    return parse_site_ids(raw, "sites", MAX_STOPS)


MAX_ZOOM = 24


def parse_zoom(raw: str | None) -> int | None:
    """A map zoom level 0..24, or None when absent."""
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 2 or int(raw) > MAX_ZOOM:
        raise InvalidInput(
            N_("%(name)s must be a whole number from 0 to %(max)s"),
            parameter="zoom",
            name="zoom",
            max=MAX_ZOOM,
        )
    return int(raw)
