"""Parameters of the "near here" search: a point and radius, or a district."""

from __future__ import annotations

import math

from mapapp.errors import N_, InvalidInput, not_between
from mapapp.http.search_params import area_filter
from mapapp.queries.trip import NearSearch
from mapapp.text.districts import district_key

MAX_KM = 300.0
DEFAULT_KM = 25.0


def parse_near(args) -> tuple[float, float, float]:
    values = {}
    for name, low, high in (("lat", -90, 90), ("lon", -180, 180), ("km", 0.1, MAX_KM)):
        raw = args.get(name)
        if raw is None or raw == "":
            if name == "km":
                values[name] = DEFAULT_KM
                continue
            raise InvalidInput(N_("%(name)s is required"), parameter=name, name=name)
        try:
            value = float(raw)
        except ValueError:
            raise InvalidInput(N_("%(name)s must be a number"), parameter=name, name=name) from None
        if not math.isfinite(value) or not low <= value <= high:
            raise not_between(name, low, high)
        values[name] = value
    return values["lat"], values["lon"], values["km"]


def parse_near_search(args) -> NearSearch:
    """A district search when ``district`` is given without a point, else a radius search."""
    country, region = area_filter(args, "country"), area_filter(args, "region")
    district = area_filter(args, "district", district_key)
    if district and not (args.get("lat") or args.get("lon")):
        return NearSearch(district_key=district, country_key=country, region_key=region)
    lat, lon, km = parse_near(args)
    return NearSearch(lat=lat, lon=lon, km=km, country_key=country, region_key=region)
