"""A trip over several memorials: parse the request, order the stops, describe the legs.

Shared by the JSON API, the plan page and the GPX/KML/CSV downloads, so that every one
of them shows the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from mapapp.errors import InvalidInput
from mapapp.queries.trip import settlement_point, stops_by_id
from mapapp.text.normalize import search_key
from mapapp.trips.tour import MAX_STOPS, driving_hours, plan_tour


@dataclass
class Itinerary:
    stops: list[dict]  # in visiting order
    start: dict | None  # {"lat", "lon", "name"}
    round_trip: bool
    legs: list[dict] = field(default_factory=list)
    total_km: float = 0.0
    exact: bool = True
    distances: str = "great-circle"  # or "road (OSRM)"
    distance_note: str | None = None  # why road distances were not used, when asked for
    hours: float = 0.0

    def as_api(self) -> dict:
        return {
            "order": [s["id"] for s in self.stops],
            "legs": self.legs,
            "total_km": round(self.total_km, 3),
            "round_trip": self.round_trip,
            "start": self.start,
            "exact": self.exact,
            "distances": self.distances,
            "distance_note": self.distance_note,
            "estimated_driving_hours": round(self.hours, 2),
        }


def parse_site_ids(raw: str | None) -> list[int]:
    if raw is None or not raw.strip():
        raise InvalidInput(
            "sites is required: a comma-separated list of site ids", parameter="sites"
        )
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if len(parts) > MAX_STOPS:
        raise InvalidInput(
            f"a trip has at most {MAX_STOPS} stops ({len(parts)} given)", parameter="sites"
        )
    ids = []
    for part in parts:
        if not (part.isascii() and part.isdigit()) or not 0 < int(part) < 2**31:
            raise InvalidInput(f"{part[:20]!r} is not a site id", parameter="sites")
        if int(part) in ids:
            raise InvalidInput(f"site {part} is listed twice", parameter="sites")
        ids.append(int(part))
    return ids


def parse_start(session: Session, raw: str | None, place: str | None) -> dict | None:
    """``start=LAT,LON`` or ``start_place=Minsk``; None when neither is given."""
    if raw:
        parts = raw.split(",")
        try:
            lat, lon = (float(p) for p in parts)
        except ValueError:
            raise InvalidInput(
                "start must be LAT,LON in decimal degrees", parameter="start"
            ) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also false for NaN
            raise InvalidInput("start is outside -90..90, -180..180", parameter="start")
        return {"lat": lat, "lon": lon, "name": None}
    if place:
        key = search_key(place[:200])
        found = settlement_point(session, key) if key else []
        if len(found) != 1:
            reason = "no settlement" if not found else f"{len(found)} settlements"
            raise InvalidInput(
                f"{reason} named {place[:60]!r} with a known position", parameter="start_place"
            )
        return {"lat": found[0]["lat"], "lon": found[0]["lon"], "name": found[0]["name"]}
    return None


def parse_round_trip(raw: str | None) -> bool:
    if raw in (None, "", "0", "false"):
        return False
    if raw in ("1", "true"):
        return True
    raise InvalidInput("round_trip must be 0 or 1", parameter="round_trip")


def _road_matrices(settings, stops, start):
    """Road km and hours from OSRM when configured: (km, hours, note)."""
    from mapapp.trips.road_distances import RoadDistanceError, osrm_table

    if not settings or not settings.osrm_url:
        return None, None, None
    points = [(s["lat"], s["lon"]) for s in stops]
    if start:
        points.append((start["lat"], start["lon"]))
    try:
        km, hours = osrm_table(settings.osrm_url, points, settings.osrm_timeout)
    except RoadDistanceError as exc:
        return None, None, str(exc)
    return km, hours, None


def build_itinerary(session: Session, args, settings=None) -> Itinerary:
    ids = parse_site_ids(args.get("sites"))
    start = parse_start(session, args.get("start"), args.get("start_place"))
    round_trip = parse_round_trip(args.get("round_trip"))
    found = stops_by_id(session, ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise InvalidInput(f"unknown site ids: {', '.join(map(str, missing))}", parameter="sites")
    stops = [found[i] for i in ids]
    road_km, road_hours, note = _road_matrices(settings, stops, start)
    tour = plan_tour(
        [(s["lat"], s["lon"]) for s in stops],
        (start["lat"], start["lon"]) if start else None,
        round_trip,
        matrix=road_km,
    )
    if road_hours is not None:
        hours = sum(road_hours[a][b] for a, b in zip(tour.path, tour.path[1:], strict=False))
    else:
        hours = driving_hours(tour.total_km)
    ordered = [stops[i] for i in tour.order]
    names: list[int | str] = (["start"] if start else []) + [s["id"] for s in ordered]
    if round_trip:
        names.append("start" if start else ordered[0]["id"])
    legs = [
        {"from": a, "to": b, "km": round(km, 3)}
        for a, b, km in zip(names[:-1], names[1:], tour.legs, strict=True)
    ]
    return Itinerary(
        stops=ordered,
        start=start,
        round_trip=round_trip,
        legs=legs,
        total_km=tour.total_km,
        exact=tour.exact,
        distances="road (OSRM)" if road_km is not None else "great-circle",
        distance_note=note,
        hours=hours,
    )
