"""Trip pages: the plan (route, stops, delegation dossier), its downloads, and "near here"."""

from __future__ import annotations

import segno
from flask import Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from mapapp.errors import InvalidInput
from mapapp.http.context import current_settings, get_session
from mapapp.http.error_text import localized
from mapapp.http.near_params import parse_near_search
from mapapp.http.params import parse_trip_request
from mapapp.http.search_params import area_filter
from mapapp.queries.trip import find_near
from mapapp.trips.dossier import names_for_print
from mapapp.trips.files import navigation_links, to_csv, to_gpx, to_kml
from mapapp.trips.itinerary import build_itinerary
from mapapp.trips.route_drawing import route_svg
from mapapp.trips.tour import AVERAGE_SPEED_KMH, ROAD_FACTOR
from mapapp.web import blueprint, maps
from mapapp.web.formatting import long_date, number
from mapapp.web.labels import KIND_LABELS, PRECISION_LABELS, label
from mapapp.web.pages import map_assets, map_options


def _site_url(site_id: int) -> str:
    return url_for("web.site_page", site_id=site_id, _external=True)


def qr_svg(url: str, name: str | None = None) -> Markup:
    """A QR code as inline SVG, an image named for what it opens (its accessible name and
    its title say so, with the address, for those who cannot scan it)."""
    name = f"{name or _('QR code')}: {url}"
    # segno writes the SVG and escapes the title; the only data in it is our own URL.
    svg = segno.make(url, error="m").svg_inline(scale=3, omitsize=False, title=name)
    attrs = Markup(' role="img" aria-label="{}"').format(name)
    return Markup(svg.replace("<svg", "<svg" + str(attrs), 1))  # noqa: S704


def trip_from_request(session):
    """The trip the request asks for, and the home country/region its lists of names keep
    to (area keys, or None)."""
    itinerary = build_itinerary(session, parse_trip_request(request.args), current_settings())
    country = area_filter(request.args, "names_country")
    region = area_filter(request.args, "names_region")
    return itinerary, country, region


@blueprint.get("/plan")
def plan_page():
    if not request.args.get("sites"):
        return render_template("plan.html", itinerary=None, error=None)
    session = get_session()
    try:
        itinerary, names_country, names_region = trip_from_request(session)
    except InvalidInput as exc:
        return render_template("plan.html", itinerary=None, error=localized(exc)), 400
    for stop in itinerary.stops:
        stop["qr"] = qr_svg(_site_url(stop["id"]), _("QR code of the site page"))
        stop["names"] = names_for_print(
            session, stop["id"], names_country, names_region, current_settings().dossier_max_names
        )
    route = [[s["lat"], s["lon"]] for s in itinerary.stops]
    if itinerary.start:
        route.insert(0, [itinerary.start["lat"], itinerary.start["lon"]])
    if itinerary.round_trip:
        route.append(route[0])
    rendered = maps.route_map(
        current_settings(),
        map_assets(),
        {
            **map_options(),
            "route": route,
            "start": itinerary.start and [itinerary.start["lat"], itinerary.start["lon"]],
            "stops": [
                {"id": s["id"], "lat": s["lat"], "lon": s["lon"], "kind": s["kind"],
                 "precision": s["location_precision"], "n": n}
                for n, s in enumerate(itinerary.stops, start=1)
            ],
        },
    )  # fmt: skip
    query = request.query_string.decode()
    return render_template(
        "plan.html",
        itinerary=itinerary,
        error=None,
        map=rendered,
        links=navigation_links(itinerary),
        road_factor=ROAD_FACTOR,
        speed=AVERAGE_SPEED_KMH,
        query=query,
        route_drawing=route_drawing(itinerary),
        has_fictional=any(s["has_fictional_persons"] for s in itinerary.stops),
        offline_tiles=current_settings().tiles_allow_prefetch,
    )


def route_drawing(itinerary) -> Markup:
    start = itinerary.start
    svg = route_svg(
        [(s["lat"], s["lon"]) for s in itinerary.stops],
        (start["lat"], start["lon"]) if start else None,
        itinerary.round_trip,
        title=_("Map of the trip"),
        km_label=_("km"),
    )
    return Markup(svg)  # noqa: S704 - numbers and escaped labels only (route_drawing)


def _download(body: str, mimetype: str, name: str) -> Response:
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _itinerary_or_400():
    try:
        return build_itinerary(get_session(), parse_trip_request(request.args), current_settings())
    except InvalidInput as exc:
        abort(400, description=localized(exc))


def _stop_description(stop: dict) -> str:
    """What a GPX or KML file says of a stop, in the language asked for (the offline pack
    saves them with its lang): the same labels as the pages."""
    parts = [label(KIND_LABELS, stop["kind"])]
    if mark := stop.get("withdrawn"):
        withdrawn = _("This record was withdrawn on %(date)s.", date=long_date(mark["at"]))
        parts.insert(0, f"{withdrawn} {_('Reason')}: {mark['reason']}")
    if stop.get("location_precision") == "district":
        parts.append(label(PRECISION_LABELS, "district"))
    if stop.get("buried_total") is not None:
        parts.append(f"{_('Buried')}: {number(stop['buried_total'])}")
    elif stop.get("buried_as_written"):
        parts.append(f"{_('Buried')}: {stop['buried_as_written']}")
    return "; ".join(parts)


@blueprint.get("/plan.gpx")
def plan_gpx():
    gpx = to_gpx(_itinerary_or_400(), _site_url, _stop_description)
    return _download(gpx, "application/gpx+xml", "trip.gpx")


@blueprint.get("/plan.kml")
def plan_kml():
    kml = to_kml(_itinerary_or_400(), _site_url, _stop_description)
    return _download(kml, "application/vnd.google-earth.kml+xml", "trip.kml")


@blueprint.get("/plan.csv")
def plan_csv():
    return _download("\ufeff" + to_csv(_itinerary_or_400(), _site_url), "text/csv", "trip.csv")


@blueprint.get("/near")
def near_page():
    results, error, status = None, None, 200
    if request.args.get("lat") or request.args.get("lon") or request.args.get("district"):
        try:
            results = find_near(get_session(), parse_near_search(request.args))
        except InvalidInput as exc:
            # The form again with the message, answered as the bad request it is.
            error, status = localized(exc), 400
    return render_template(
        "near.html",
        results=results,
        error=error,
        args=request.args,
        trip_sites=",".join(str(r["id"]) for r in results or []),
        title=_("Near here"),
    ), status
