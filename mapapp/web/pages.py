"""HTML pages: the map, a site, a person, a battle location; and the language switch."""

from __future__ import annotations

from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

from flask import abort, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from mapapp.contributions.fields import NEW_PERSON_FIELDS, PERSON_FIELDS, SITE_FIELDS
from mapapp.contributions.history import record_history
from mapapp.contributions.pending import approved_photos
from mapapp.contributions.seen import values_shown
from mapapp.errors import InvalidInput
from mapapp.http.caching import LANGUAGE_VARY, cacheable
from mapapp.http.context import current_settings, get_session
from mapapp.http.error_text import localized
from mapapp.http.page_cursor import parse_cursor
from mapapp.http.params import parse_choice, parse_positive_int
from mapapp.i18n import LANGUAGE_COOKIE
from mapapp.queries import battles, nearby, persons, sites
from mapapp.queries.common import page_count
from mapapp.queries.home_regions import site_home_breakdown
from mapapp.queries.person_duplicates import person_named, possibly_the_same_as
from mapapp.text.regions import district_oblast
from mapapp.web import blueprint, maps
from mapapp.web.labels import KIND_LABELS, PRECISION_LABELS
from mapapp.web.static_assets import vendor_url

MAX_PAGE = 1_000_000


def map_assets() -> maps.AssetUrls:
    return maps.AssetUrls(
        leaflet_js=vendor_url("leaflet", "leaflet.js"),
        leaflet_css=vendor_url("leaflet", "leaflet.css"),
        markercluster_js=vendor_url("markercluster", "leaflet.markercluster.js"),
        markercluster_css=vendor_url("markercluster", "MarkerCluster.css"),
        markercluster_default_css=vendor_url("markercluster", "MarkerCluster.Default.css"),
        app_js=url_for("static", filename="js/map.js"),
        app_css=url_for("static", filename="css/map.css"),
    )


def _map_labels() -> dict:
    return {
        "layer_sites": _("Burial sites"),
        "layer_battles": _("Battle locations"),
        "kinds": {code: str(label) for code, label in KIND_LABELS.items()},
        "precisions": {code: str(label) for code, label in PRECISION_LABELS.items()},
        "buried_total": _("Buried"),
        "buried_known": _("known by name"),
        "buried_unknown": _("unknown"),
        "persons_in_registry": _("Persons in this registry"),
        "open_site": _("Open the site page"),
        "open_battle": _("Open the battle page"),
        "demo": _("Includes demonstration data (fictional persons)"),
        "withdrawn": _("Withdrawn record"),
        "withdrawn_reason": _("Reason"),
        "loading_failed": _("The map data could not be loaded. Please reload the page."),
        "count_unknown": _("not stated"),
        "cluster_title": _("{count} burial sites here: click to zoom in"),
        "aggregated": _("{total} burial sites in view, grouped: zoom in to see each one."),
        "truncated": _("Showing {shown} of {total} burial sites in view: zoom in to see all."),
    }


def map_options() -> dict:
    return {
        "lang": str(get_locale()),
        "labels": _map_labels(),
        "sitesUrl": url_for("api.list_sites"),
        "battlesUrl": url_for("api.list_battles"),
        "siteUrl": url_for("web.site_page", site_id=2147483647).replace("2147483647", "{id}"),
        "battleUrl": url_for("web.battle_page", battle_id=2147483647).replace("2147483647", "{id}"),
    }


def _point_map(record: dict, kind: str) -> maps.RenderedMap:
    """The small map of a record's page: its point, marked as ``kind`` and drawn as
    precise as its location is."""
    return maps.point_map(
        current_settings(),
        map_assets(),
        record["lat"],
        record["lon"],
        kind,
        {**map_options(), "precision": record["location_precision"]},
    )


@blueprint.get("/")
@cacheable(LANGUAGE_VARY)
def index():
    from mapapp.web.honour_pages import honour_map_options

    options = {**map_options(), "honours": honour_map_options()}
    rendered = maps.registry_map(current_settings(), map_assets(), options)
    return render_template("index.html", map=rendered)


@blueprint.get("/sites/<id:site_id>")
@cacheable(LANGUAGE_VARY)
def site_page(site_id: int):
    session = get_session()
    site = sites.site_detail(session, site_id)
    if site is None:
        abort(404, description=_("There is no burial site with this number."))
    try:
        page = parse_positive_int(request.args.get("page"), "page", 1, MAX_PAGE)
        sort = parse_choice(request.args.get("sort"), "sort", sites.PERSON_SORTS, "name")
        cursor = parse_cursor(session, request.args, site_id, sort)
    except InvalidInput as exc:
        abort(400, description=localized(exc))
    per_page = current_settings().persons_per_page
    listing = sites.site_persons(session, site_id, page, per_page, sort, cursor)
    try:
        # A page past the last (an old link, a typed address) names the last one, as /from does.
        parse_positive_int(request.args.get("page"), "page", 1, listing.pages)
    except InvalidInput as exc:
        abort(400, description=localized(exc))
    home_breakdown = site_home_breakdown(session, site_id)
    near_sites = nearby.nearest_sites(session, site_id=site_id, limit=5)
    near_battles = nearby.nearest_battles(session, site_id=site_id, limit=5)
    small_map = _point_map(site, site["kind"])
    return render_template(
        "site.html",
        site=site,
        history=record_history(session, "site", site_id),
        photos=approved_photos(session, "site", site_id),
        fields=SITE_FIELDS,
        shown=values_shown(session, "site", site_id),
        new_person_fields=NEW_PERSON_FIELDS,
        listing=listing,
        withdrawn_persons=sites.withdrawn_persons(session, site_id),
        sort=sort,
        near_sites=near_sites,
        near_battles=near_battles,
        home_breakdown=home_breakdown,
        # Shown, marked as such, where the record names no oblast; never stored.
        district_oblast=None if site["oblast"] else district_oblast(site["district"]),
        map=small_map,
    )


@blueprint.get("/persons/<id:person_id>")
@cacheable(LANGUAGE_VARY)
def person_page(person_id: int):
    session = get_session()
    person = persons.person_detail(session, person_id)
    if person is None:
        abort(404, description=_("There is no person with this number."))
    return render_template(
        "person.html",
        person=person,
        history=record_history(session, "person", person_id),
        photos=approved_photos(session, "person", person_id),
        fields=PERSON_FIELDS,
        shown=values_shown(session, "person", person_id),
    )


# Records possibly the same man, a page at a time: the person page names the first few
# (a mass grave's register may list one name hundreds of times).
POSSIBLE_DUPLICATES_PER_PAGE = 100


@blueprint.get("/persons/<id:person_id>/possibly-the-same")
@cacheable(LANGUAGE_VARY)
def person_duplicates_page(person_id: int):
    session = get_session()
    person = person_named(session, person_id)
    if person is None:
        abort(404, description=_("There is no person with this number."))
    try:
        page = parse_positive_int(request.args.get("page"), "page", 1, MAX_PAGE)
    except InvalidInput as exc:
        abort(400, description=localized(exc))
    per_page = POSSIBLE_DUPLICATES_PER_PAGE
    total, others = possibly_the_same_as(session, person_id, per_page, (page - 1) * per_page)
    pages = page_count(total, per_page)
    if page > pages:
        abort(
            404, description=_("There is no such page. Check the address, or go back to the map.")
        )
    return render_template(
        "person_duplicates.html",
        person=person,
        others=others,
        total=total,
        page=page,
        pages=pages,
    )


@blueprint.get("/battles/<id:battle_id>")
@cacheable(LANGUAGE_VARY)
def battle_page(battle_id: int):
    session = get_session()
    battle = battles.battle_detail(session, battle_id)
    if battle is None:
        abort(404, description=_("There is no battle location with this number."))
    near_sites = nearby.nearest_sites(session, battle_id=battle_id, limit=10)
    small_map = _point_map(battle, "battle")
    return render_template("battle.html", battle=battle, near_sites=near_sites, map=small_map)


@blueprint.get("/lang/<code>")
def set_language(code: str):
    if code not in current_settings().languages:
        abort(404, description=_("This language is not available."))
    target = request.args.get("next") or url_for("web.index")
    # Only paths on this site: never redirect to another host.
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        target = url_for("web.index")
    elif "lang" in parse_qs(parts.query, keep_blank_values=True):
        # A ?lang= left in the page's address would override the new choice.
        query = urlencode(
            [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
        )
        target = urlunsplit(("", "", parts.path, query, parts.fragment))
    response = make_response(redirect(target))
    response.set_cookie(
        LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
    )
    return response


@blueprint.get("/sites")
@cacheable(LANGUAGE_VARY)
def sites_list():
    """Every burial site as a list grouped by region (the map, readable without a map)."""
    from itertools import groupby

    from mapapp.http.params import parse_kind
    from mapapp.queries.listing import sites_by_oblast

    try:
        kind = parse_kind(request.args.get("kind"))
    except InvalidInput as exc:
        abort(400, description=localized(exc))
    rows = sites_by_oblast(get_session(), kind)
    groups = [(oblast, list(items)) for oblast, items in groupby(rows, key=lambda r: r["oblast"])]
    return render_template("sites.html", groups=groups, total=len(rows), kind=kind)
