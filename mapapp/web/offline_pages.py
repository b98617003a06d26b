"""Installable and usable offline: the web app manifest, its icons, the service worker,
the page shown for what was not saved, and the list of what a trip's offline pack holds."""

from __future__ import annotations

from pathlib import Path

from flask import Response, abort, current_app, jsonify, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from mapapp.errors import InvalidInput
from mapapp.http.context import current_settings, get_session
from mapapp.http.error_text import localized
from mapapp.http.params import parse_trip_request
from mapapp.queries.sites import name_page_edges
from mapapp.trips.itinerary import build_itinerary
from mapapp.trips.tiles import area_tiles
from mapapp.web import blueprint
from mapapp.web.icons import SIZES, icon_png
from mapapp.web.static_assets import VENDORED, vendor_url

# What a page needs from /vendor: Leaflet with the images its stylesheet names, and the
# marker-cluster plugin.
VENDOR_FILES = {
    "leaflet": ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"],
    "markercluster": ["leaflet.markercluster.js", "MarkerCluster.css",
                      "MarkerCluster.Default.css"],
}  # fmt: skip


@blueprint.get("/manifest.webmanifest")
def manifest():
    icons = []
    for size in SIZES:
        src = url_for("web.app_icon", size=size)
        icons.append({"src": src, "sizes": f"{size}x{size}", "type": "image/png"})
        icons.append(
            {"src": src, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "maskable"}
        )
    body = {
        "name": _("Memory map") + " · mapapp",
        "short_name": _("Memory map"),
        "description": _("WWII burial sites and battle locations in Belarus"),
        "lang": str(get_locale()),
        "start_url": url_for("web.index"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#fafaf7",
        "theme_color": "#2b2b2b",
        "icons": icons,
    }
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return response


@blueprint.get("/icons/icon-<int:size>.png")
def app_icon(size: int):
    if size not in SIZES:
        abort(404, description=_("There is no such icon."))
    response = Response(icon_png(size), mimetype="image/png")
    response.cache_control.max_age = 7 * 24 * 3600
    return response


@blueprint.get("/sw.js")
def service_worker():
    """The service worker, served from the root so that its scope is the whole site."""
    response = current_app.send_static_file("js/sw.js")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Content-Type"] = "text/javascript; charset=utf-8"
    return response


@blueprint.get("/offline")
def offline_page():
    return render_template("offline.html")


def _static_urls() -> list[str]:
    root = Path(current_app.static_folder)
    urls = [
        url_for("static", filename=path.relative_to(root).as_posix())
        for kind in ("css", "js")
        for path in sorted((root / kind).glob("*." + kind))
        if path.name != "sw.js"
    ]
    for package, files in VENDOR_FILES.items():
        if package in VENDORED:
            urls.extend(vendor_url(package, name) for name in files)
    return urls


def _site_pages(session, site_id: int, per_page: int) -> list[str]:
    """A site's page and every page of its list of names, at the addresses the pager
    links them: "next" carries the last person of the page before, "previous" the first
    of the page after (page 1 has no key)."""
    urls = [url_for("web.site_page", site_id=site_id)]
    edges = name_page_edges(session, site_id, per_page)
    if len(edges) > 1:
        urls.append(url_for("web.site_page", site_id=site_id, sort="name", page=1))
        for page in range(2, len(edges) + 1):
            after = edges[page - 2][1]
            urls.append(
                url_for("web.site_page", site_id=site_id, sort="name", page=page, after=after)
            )
        for page in range(2, len(edges)):
            before = edges[page][0]
            urls.append(
                url_for("web.site_page", site_id=site_id, sort="name", page=page, before=before)
            )
    urls.append(url_for("api.site_persons_csv", site_id=site_id))
    return urls


@blueprint.get("/plan/pack.json")
def plan_pack():
    """Every address a trip's offline pack saves, built with the same url_for calls as the
    links on the pages, so that the saved copies answer exactly those links."""
    session = get_session()
    settings = current_settings()
    try:
        itinerary = build_itinerary(session, parse_trip_request(request.args), settings)
    except InvalidInput as exc:
        abort(400, description=localized(exc))
    query = request.query_string.decode()
    plan = url_for("web.plan_page")
    pages = [f"{plan}?{query}", plan, url_for("web.offline_page"), url_for("web.index")]
    ids = [s["id"] for s in itinerary.stops]
    pages.append(url_for("web.plan_page", sites=",".join(map(str, ids))))
    lang = "" if "lang=" in query else f"&lang={get_locale()}"
    files = [
        f"{url_for('web.plan_pdf')}?{query}{lang}",
        f"{url_for('web.plan_gpx')}?{query}",
        f"{url_for('web.plan_kml')}?{query}",
        f"{url_for('web.plan_csv')}?{query}",
    ]
    for stop in itinerary.stops:
        pages.extend(_site_pages(session, stop["id"], settings.persons_per_page))
    tiles: list[str] = []
    if settings.tiles_allow_prefetch:
        tiles = area_tiles(
            settings.tiles_url,
            [(s["lat"], s["lon"]) for s in itinerary.stops],
            settings.tiles_prefetch_max_zoom,
            settings.tiles_prefetch_limit,
        )
    return jsonify(
        {
            "pages": list(dict.fromkeys(pages)),
            "files": files,
            "assets": _static_urls(),
            "tiles": tiles,
        }
    )
