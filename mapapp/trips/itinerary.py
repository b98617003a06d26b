"""A trip over several memorials: resolve the start, order the stops, describe the legs.

Shared by the JSON API, the plan page and the GPX/KML/CSV downloads, so that every one
of them shows the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from mapapp.errors import N_, InvalidInput
from mapapp.queries.trip import settlement_point, stops_by_id
from mapapp.text.normalize import search_key
from mapapp.trips.tour import driving_hours, plan_tour


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
    # The same reason as a message id and values, for the page to translate.
    distance_problem: object | None = None
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


@dataclass(frozen=True)
class TripRequest:
    """What a visitor asks for: stops in any order, a start (a point or a settlement's
    name) and whether to come back."""

    site_ids: list[int]
    start_point: tuple[float, float] | None = None
    start_place: str | None = None
    round_trip: bool = False


def resolve_start(session: Session, trip: TripRequest) -> dict | None:
    """The start as a point with its name; None when the trip has none."""
    if trip.start_point:
        lat, lon = trip.start_point
        return {"lat": lat, "lon": lon, "name": None}
    if trip.start_place:
        key = search_key(trip.start_place)
        found = settlement_point(session, key) if key else []
        if len(found) != 1:
            place = repr(trip.start_place[:60])
            if not found:
                raise InvalidInput(
                    N_("no settlement named %(place)s with a known position"),
                    parameter="start_place",
                    place=place,
                )
            raise InvalidInput(
                N_("%(count)s settlements named %(place)s with a known position"),
                parameter="start_place",
                count=len(found),
                place=place,
            )
        return {"lat": found[0]["lat"], "lon": found[0]["lon"], "name": found[0]["name"]}
    return None


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
        return None, None, exc
    return km, hours, None


def build_itinerary(session: Session, trip: TripRequest, settings=None) -> Itinerary:
    ids, round_trip = trip.site_ids, trip.round_trip
    start = resolve_start(session, trip)
    found = stops_by_id(session, ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise InvalidInput(
            N_("unknown site ids: %(ids)s"), parameter="sites", ids=", ".join(map(str, missing))
        )
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
        distance_note=note.message if note else None,
        distance_problem=note,
        hours=hours,
    )
