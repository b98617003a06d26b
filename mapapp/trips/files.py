"""A trip as files and links: GPX (gpxpy), KML, CSV, and navigation-app links."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from urllib.parse import quote
from xml.etree import ElementTree as ET

import gpxpy.gpx

from mapapp.exports import spreadsheet_cell
from mapapp.trips.itinerary import Itinerary

KML_NS = "http://www.opengis.net/kml/2.2"


def _points(itinerary: Itinerary) -> list[tuple[float, float, str]]:
    points = []
    if itinerary.start:
        points.append(
            (itinerary.start["lat"], itinerary.start["lon"], itinerary.start["name"] or "Start")
        )
    points += [(s["lat"], s["lon"], s["name"]) for s in itinerary.stops]
    if itinerary.round_trip:
        points.append(points[0])
    return points


def to_gpx(
    itinerary: Itinerary, site_url: Callable[[int], str], describe: Callable[[dict], str]
) -> str:
    """``describe`` says what a stop is in the reader's language (the web layer knows it)."""
    gpx = gpxpy.gpx.GPX()
    gpx.name = "mapapp trip"
    gpx.creator = "mapapp"
    for n, stop in enumerate(itinerary.stops, start=1):
        waypoint = gpxpy.gpx.GPXWaypoint(
            latitude=stop["lat"],
            longitude=stop["lon"],
            name=f"{n}. {stop['name']}",
            description=describe(stop),
        )
        waypoint.link = site_url(stop["id"])
        gpx.waypoints.append(waypoint)
    route = gpxpy.gpx.GPXRoute(name="mapapp trip")
    for lat, lon, name in _points(itinerary):
        route.points.append(gpxpy.gpx.GPXRoutePoint(latitude=lat, longitude=lon, name=name))
    gpx.routes.append(route)
    return gpx.to_xml()


def _withdrawn_note(stop: dict) -> str | None:
    """What the CSV says of a stop withdrawn from the register: when and why."""
    mark = stop.get("withdrawn")
    if not mark:
        return None
    return f"WITHDRAWN from the register on {str(mark['at'])[:10]}: {mark['reason']}"


def to_kml(
    itinerary: Itinerary, site_url: Callable[[int], str], describe: Callable[[dict], str]
) -> str:
    """KML built with ElementTree, which escapes every text from data."""
    ET.register_namespace("", KML_NS)
    kml = ET.Element(f"{{{KML_NS}}}kml")
    document = ET.SubElement(kml, f"{{{KML_NS}}}Document")
    ET.SubElement(document, f"{{{KML_NS}}}name").text = "mapapp trip"
    for n, stop in enumerate(itinerary.stops, start=1):
        mark = ET.SubElement(document, f"{{{KML_NS}}}Placemark")
        ET.SubElement(mark, f"{{{KML_NS}}}name").text = f"{n}. {stop['name']}"
        ET.SubElement(
            mark, f"{{{KML_NS}}}description"
        ).text = f"{describe(stop)}\n{site_url(stop['id'])}"
        point = ET.SubElement(mark, f"{{{KML_NS}}}Point")
        ET.SubElement(point, f"{{{KML_NS}}}coordinates").text = f"{stop['lon']},{stop['lat']},0"
    route = ET.SubElement(document, f"{{{KML_NS}}}Placemark")
    ET.SubElement(route, f"{{{KML_NS}}}name").text = "Route"
    line = ET.SubElement(route, f"{{{KML_NS}}}LineString")
    ET.SubElement(line, f"{{{KML_NS}}}coordinates").text = " ".join(
        f"{lon},{lat},0" for lat, lon, _ in _points(itinerary)
    )
    return ET.tostring(kml, encoding="unicode", xml_declaration=True)


def to_csv(itinerary: Itinerary, site_url: Callable[[int], str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "order",
            "site_id",
            "name",
            "kind",
            "lat",
            "lon",
            "location_precision",
            "leg_km",
            "buried_total",
            "responsible_body",
            "url",
            "withdrawn",
        ]
    )
    stop_legs = (
        itinerary.legs[: len(itinerary.stops)]
        if itinerary.start
        else [None, *itinerary.legs[: len(itinerary.stops) - 1]]
    )
    for n, (stop, leg) in enumerate(zip(itinerary.stops, stop_legs, strict=True), start=1):
        writer.writerow([
            n, stop["id"], spreadsheet_cell(stop["name"]), stop["kind"], stop["lat"], stop["lon"],
            stop["location_precision"], "" if leg is None else leg["km"],
            stop["buried_total"] if stop["buried_total"] is not None
            else spreadsheet_cell(stop["buried_as_written"]),
            spreadsheet_cell(stop["responsible_body"]), site_url(stop["id"]),
            spreadsheet_cell(_withdrawn_note(stop) or ""),
        ])  # fmt: skip
    return out.getvalue()


def navigation_links(itinerary: Itinerary) -> dict[str, str]:
    points = [(lat, lon) for lat, lon, _ in _points(itinerary)]
    coords = [f"{lat:.6f},{lon:.6f}" for lat, lon in points]
    google = f"https://www.google.com/maps/dir/?api=1&destination={quote(coords[-1])}"
    if len(coords) > 1:
        google += f"&origin={quote(coords[0])}"
    if len(coords) > 2:
        google += "&waypoints=" + quote("|".join(coords[1:-1]))
    google += "&travelmode=driving"
    yandex = "https://yandex.ru/maps/?rtext=" + quote("~".join(coords)) + "&rtt=auto"
    osm = "https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route=" + quote(
        f"{coords[0]};{coords[1] if len(coords) > 1 else coords[0]}"
    )
    return {"Google Maps": google, "Yandex Maps": yandex, "OpenStreetMap": osm}
