"""Parameters of the "near here" search."""

from __future__ import annotations

import math

from mapapp.api.errors import ApiError

MAX_KM = 300.0


def parse_near(args) -> tuple[float, float, float]:
    values = {}
    for name, low, high in (("lat", -90, 90), ("lon", -180, 180), ("km", 0.1, MAX_KM)):
        raw = args.get(name)
        if raw is None or raw == "":
            if name == "km":
                values[name] = 25.0
                continue
            raise ApiError(f"{name} is required", parameter=name)
        try:
            value = float(raw)
        except ValueError:
            raise ApiError(f"{name} must be a number", parameter=name) from None
        if not math.isfinite(value) or not low <= value <= high:
            raise ApiError(f"{name} must be between {low} and {high}", parameter=name)
        values[name] = value
    return values["lat"], values["lon"], values["km"]


def near_results(session, args) -> list[dict]:
    """Sites near the point the request names (lat, lon, km), or in a district
    (district=), filtered by home country/region."""
    from mapapp.api.search_params import area_filter
    from mapapp.queries.trip import sites_in_district, sites_near

    country, region = area_filter(args, "country"), area_filter(args, "region")
    district = area_filter(args, "district")
    if district and not (args.get("lat") or args.get("lon")):
        return sites_in_district(session, district, country, region)
    lat, lon, km = parse_near(args)
    return sites_near(session, lat, lon, km, country, region)
