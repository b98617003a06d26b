"""Dossiers a delegation can send ahead or hand out: the trip and a single site as PDF."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from mapapp.errors import InvalidInput
from mapapp.http.context import current_settings, get_session
from mapapp.http.error_text import localized
from mapapp.queries import sites
from mapapp.queries.common import sources_for
from mapapp.queries.listing import last_import_date
from mapapp.trips.dossier import column_blocks, names_for_print
from mapapp.trips.tour import AVERAGE_SPEED_KMH, ROAD_FACTOR
from mapapp.web import blueprint, formatting
from mapapp.web.pdf import html_to_pdf
from mapapp.web.trip_pages import qr_svg, route_drawing, trip_from_request


def _pdf(html: str, name: str) -> Response:
    return Response(
        html_to_pdf(html),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


def _dossier_stop(session, stop: dict, country=None, region=None) -> dict:
    """A stop with what a dossier prints: names (or their count), sources, a QR code
    for directions and the link to the full list."""
    directions = formatting.direction_links(stop["lat"], stop["lon"])[0][1]
    names = names_for_print(
        session, stop["id"], country, region, current_settings().dossier_max_names
    )
    return {
        **stop,
        "names": names,
        "name_blocks": column_blocks(names.names),
        # A site page's detail already holds its sources; a trip's stops do not.
        "sources": stop["sources"]
        if "sources" in stop
        else sources_for(session, "site_sources", "site_id", stop["id"]),
        "qr": qr_svg(directions, _("QR code for directions")),
        "csv_url": url_for("api.site_persons_csv", site_id=stop["id"], _external=True),
    }


def _dates(session) -> dict:
    imported = last_import_date(session)
    return {
        "made_on": format_date(date.today(), "long"),
        "data_date": format_date(imported, "long") if imported else None,
    }


@blueprint.get("/plan.pdf")
def plan_pdf():
    session = get_session()
    try:
        itinerary, country, region = trip_from_request(session)
    except InvalidInput as exc:
        abort(400, description=localized(exc))
    itinerary.stops = [_dossier_stop(session, s, country, region) for s in itinerary.stops]
    place_names = {s["id"]: formatting.display_name(s) for s in itinerary.stops}
    place_names["start"] = (itinerary.start or {}).get("name") or _("Start")
    html = render_template(
        "pdf/trip.html",
        itinerary=itinerary,
        trip_title=" – ".join(place_names[s["id"]] for s in itinerary.stops),
        place_names=place_names,
        route_drawing=route_drawing(itinerary),
        road_factor=ROAD_FACTOR,
        speed=AVERAGE_SPEED_KMH,
        has_fictional=any(s["has_fictional_persons"] for s in itinerary.stops),
        **_dates(session),
    )
    return _pdf(html, "trip.pdf")


@blueprint.get("/sites/<id:site_id>.pdf")
def site_pdf(site_id: int):
    session = get_session()
    site = sites.site_detail(session, site_id)
    if site is None:
        abort(404, description=_("There is no burial site with this number."))
    site = _dossier_stop(session, site)
    html = render_template("pdf/site.html", site=site, **_dates(session))
    return _pdf(html, f"site-{site_id}.pdf")
