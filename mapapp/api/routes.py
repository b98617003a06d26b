"""API routes. Each one parses its input, calls a query and returns JSON."""

from __future__ import annotations

import json

from flask import Response, jsonify, request

from mapapp.api import blueprint
from mapapp.errors import N_, InvalidInput, NotFound
from mapapp.http.caching import cacheable
from mapapp.http.context import (
    current_settings,
    get_engine,
    get_session,
    reads_without_transaction,
)
from mapapp.http.page_cursor import parse_cursor
from mapapp.http.params import (
    parse_bbox,
    parse_choice,
    parse_kind,
    parse_positive_int,
    parse_zero_one,
    parse_zoom,
)
from mapapp.queries import battles, persons, site_map, sites

GEOJSON = "application/geo+json"


def _geojson(text: str) -> Response:
    return Response(text, mimetype=GEOJSON)


@blueprint.get("/sites")
@cacheable(keep=True)
@reads_without_transaction
def list_sites():
    """Sites in a bbox; with ``zoom``, grid clusters when the view holds too many."""
    view = site_map.MapView(
        bbox=parse_bbox(request.args.get("bbox")),
        kind=parse_kind(request.args.get("kind")),
        zoom=parse_zoom(request.args.get("zoom")),
    )
    settings = current_settings()
    limits = site_map.MapLimits(
        settings.max_features, settings.map_cluster_threshold, settings.map_cluster_below_zoom
    )
    return _geojson(site_map.sites_for_view(get_session(), view, limits))


@blueprint.get("/sites/<id:site_id>")
@cacheable(keep=True)
@reads_without_transaction
def get_site(site_id: int):
    feature = sites.site_feature(get_session(), site_id)
    if feature is None:
        raise NotFound(N_("no burial site with id %(id)s"), id=site_id)
    return _geojson(feature)


def _persons_page() -> tuple[int, int]:
    """The page asked for of a list of persons, and how many a page holds."""
    settings = current_settings()
    page = parse_positive_int(request.args.get("page"), "page", 1, 1_000_000)
    per_page = parse_positive_int(
        request.args.get("per_page"), "per_page", settings.persons_per_page, settings.max_per_page
    )
    return page, per_page


@blueprint.get("/sites/<id:site_id>/persons")
@cacheable()
def get_site_persons(site_id: int):
    session = get_session()
    page, per_page = _persons_page()
    sort = parse_choice(request.args.get("sort"), "sort", sites.PERSON_SORTS, "name")
    if not sites.site_exists(session, site_id):
        raise NotFound(N_("no burial site with id %(id)s"), id=site_id)
    cursor = parse_cursor(session, request.args, site_id, sort)
    return jsonify(sites.site_persons(session, site_id, page, per_page, sort, cursor).as_dict())


@blueprint.get("/battles")
@cacheable(keep=True)
@reads_without_transaction
def list_battles():
    bbox = parse_bbox(request.args.get("bbox"))
    return _geojson(
        battles.battles_geojson(get_session(), bbox, limit=current_settings().max_features)
    )


@blueprint.get("/battles/<id:battle_id>")
@cacheable()
def get_battle(battle_id: int):
    battle = battles.battle_detail(get_session(), battle_id)
    if battle is None:
        raise NotFound(N_("no battle location with id %(id)s"), id=battle_id)
    return jsonify(battle)


@blueprint.get("/persons/<id:person_id>")
@cacheable()
def get_person(person_id: int):
    person = persons.person_detail(get_session(), person_id)
    if person is None:
        raise NotFound(N_("no person with id %(id)s"), id=person_id)
    return jsonify(person)


@blueprint.get("/persons/<id:person_id>/possibly-the-same")
@cacheable()
def person_possibly_the_same(person_id: int):
    """Every record that may be the same man as this person, a page at a time (the
    person's own JSON carries the first few): a mass grave's list may repeat one name
    hundreds of times."""
    from mapapp.queries.common import page_count
    from mapapp.queries.person_duplicates import person_named, possibly_the_same_as

    session = get_session()
    page, per_page = _persons_page()
    person = person_named(session, person_id)
    if person is None:
        raise NotFound(N_("no person with id %(id)s"), id=person_id)
    total, items = possibly_the_same_as(session, person_id, per_page, (page - 1) * per_page)
    return jsonify(
        {"person": person, "total": total, "page": page, "per_page": per_page,
         "pages": page_count(total, per_page), "items": items}
    )  # fmt: skip


@blueprint.get("/")
def index():
    """A short list of the endpoints, for people exploring the API."""
    endpoints = {
        "sites": "/api/sites?bbox=minlon,minlat,maxlon,maxlat&kind=&zoom=",
        "site": "/api/sites/<id>",
        "site_persons": "/api/sites/<id>/persons?page=&per_page=&sort=",
        "battles": "/api/battles?bbox=",
        "battle": "/api/battles/<id>",
        "person": "/api/persons/<id>",
        "person_possibly_the_same": "/api/persons/<id>/possibly-the-same?page=&per_page=",
        "heroes": "/api/heroes?country=&region=&burial_oblast=",
        "hero_graves": "/api/heroes/graves",
        "partisan_units": "/api/partisan-units",
        "partisan_unit": "/api/partisan-units/<id>",
        "partisan_unit_areas": "/api/partisan-units/areas",
    }
    return Response(json.dumps(endpoints, indent=1), mimetype="application/json")


@blueprint.get("/persons")
def search_persons():
    from mapapp.http.person_results import person_results
    from mapapp.http.search_params import person_filters, query_words, result_page, typed_words

    words = query_words(request.args)
    filters = person_filters(request.args)
    if not words and filters.is_empty():
        raise InvalidInput(
            N_("give %(name)s (a name) or at least one filter"), parameter="q", name="q"
        )
    per_page = parse_positive_int(request.args.get("per_page"), "per_page", 20, 100)
    page = result_page(request.args)
    typed = typed_words(request.args)
    return jsonify(person_results(get_session(), words, filters, page, per_page, typed))


@blueprint.get("/places")
def search_places():
    from mapapp.http.search_params import query_words
    from mapapp.queries.search import search_places as run_search

    words = query_words(request.args, required=True)
    limit = parse_positive_int(request.args.get("limit"), "limit", 20, 100)
    return jsonify({"items": run_search(get_session(), words, limit)})


@blueprint.get("/home-regions")
@cacheable(keep=True)
@reads_without_transaction
def home_regions():
    from mapapp.queries.home_regions import home_groups

    return jsonify({"items": home_groups(get_session())})


@blueprint.get("/home-regions/sites")
@cacheable(keep=True)
@reads_without_transaction
def home_region_sites():
    from mapapp.http.search_params import area_filter
    from mapapp.queries.home_regions import sites_for_home

    country = area_filter(request.args, "country")
    if country is None:
        raise InvalidInput(N_("%(name)s is required"), parameter="country", name="country")
    region = area_filter(request.args, "region")
    exact = parse_zero_one(request.args.get("exact"), "exact")
    return _geojson(sites_for_home(get_session(), country, region, exact))


@blueprint.get("/sites/<id:site_id>/persons.csv")
@cacheable()
def site_persons_csv(site_id: int):
    """The persons buried at a site as CSV (spreadsheet-safe; imports back the same),
    streamed while it is read, so that a site of 150,000 names starts at once."""
    from mapapp.exports import (
        PERSON_COLUMNS,
        PERSON_CSV_SORTS,
        csv_chunks,
        prepare_long_read,
        rows,
    )

    # A sort it cannot give is refused, as the site page refuses one, not silently ignored.
    parse_choice(request.args.get("sort"), "sort", PERSON_CSV_SORTS, "name")
    session = get_session()
    if not sites.site_exists(session, site_id):
        raise NotFound(N_("no burial site with id %(id)s"), id=site_id)
    engine = get_engine()

    def body():
        with engine.connect() as connection:  # its own: the request's closes on return
            prepare_long_read(connection)
            yield "\ufeff"
            yield from csv_chunks(rows(connection, "persons", site_id), PERSON_COLUMNS)

    return Response(
        body(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="site-{site_id}-persons.csv"'},
    )


@blueprint.get("/itinerary")
def itinerary():
    """The visiting order of a trip: ?sites=ID,ID,...&start=LAT,LON&round_trip=0|1."""
    from mapapp.http.params import parse_trip_request
    from mapapp.trips.itinerary import build_itinerary

    return jsonify(
        build_itinerary(
            get_session(), parse_trip_request(request.args), current_settings()
        ).as_api()
    )


@blueprint.get("/sites/near")
def sites_near():
    """Sites within km of a point: ?lat=&lon=&km=&country=&region=."""
    from mapapp.http.near_params import parse_near_search
    from mapapp.queries.trip import find_near

    items = find_near(get_session(), parse_near_search(request.args))
    return jsonify({"total": len(items), "items": items})


@blueprint.get("/heroes")
def list_heroes():
    """Heroes of the Soviet Union: ?country=&region=&burial_oblast=."""
    from mapapp.http.honour_params import hero_filters
    from mapapp.queries.honours import heroes

    return jsonify(heroes(get_session(), hero_filters(request.args)))


@blueprint.get("/heroes/graves")
def hero_graves():
    """The sites where Heroes lie, as GeoJSON (the map's layer of Heroes' graves)."""
    from mapapp.queries.honours import hero_graves_geojson

    return _geojson(hero_graves_geojson(get_session()))


@blueprint.get("/partisan-units")
def list_partisan_units():
    from mapapp.queries.honours import partisan_units

    return jsonify(partisan_units(get_session()))


@blueprint.get("/partisan-units/areas")
def partisan_unit_areas():
    """The district points of formations' areas, as GeoJSON (where a point is known)."""
    from mapapp.queries.honours import formation_areas_geojson

    return _geojson(formation_areas_geojson(get_session()))


@blueprint.get("/partisan-units/<id:unit_id>")
def get_partisan_unit(unit_id: int):
    """A formation with one page of its members (a brigade may count tens of thousands:
    its whole list was 6.5 MB), as the persons of a site are paged."""
    from mapapp.queries.common import page_count
    from mapapp.queries.honours import (
        count_unit_members,
        formation_ids,
        partisan_unit,
        unit_members,
    )

    session = get_session()
    page, per_page = _persons_page()
    unit = partisan_unit(session, unit_id)
    if unit is None:
        raise NotFound(N_("no partisan formation with id %(id)s"), id=unit_id)
    formations = formation_ids(unit)
    total = count_unit_members(session, formations)
    unit["member_list"] = unit_members(session, formations, per_page, (page - 1) * per_page)
    unit.update(member_total=total, page=page, per_page=per_page, pages=page_count(total, per_page))
    return jsonify(unit)
