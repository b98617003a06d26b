"""Search pages: persons by any spelling, and where the people of a region lie."""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from mapapp.errors import InvalidInput
from mapapp.http.context import current_settings, get_session
from mapapp.http.error_text import localized
from mapapp.http.params import parse_positive_int, parse_zero_one
from mapapp.http.person_results import person_results
from mapapp.http.search_params import (
    OBLASTS,
    area_filter,
    person_filters,
    query_words,
    result_page,
    typed_words,
)
from mapapp.queries.common import page_count
from mapapp.queries.home_regions import home_countries, home_regions_of, sites_for_home
from mapapp.queries.search import COUNT_CAP, PagePastLast, PersonFilters, SearchTimedOut, last_page
from mapapp.text.normalize import area_key
from mapapp.web import blueprint, maps
from mapapp.web.pages import map_assets, map_options

PER_PAGE = 20


@blueprint.get("/search")
def search_page():
    words: list[str] = []
    filters = PersonFilters()
    error = None
    status = 200
    last_page_url = None
    try:
        words = query_words(request.args)
        filters = person_filters(request.args)
    except InvalidInput as exc:
        error = localized(exc)
    try:
        page = result_page(request.args)
    except InvalidInput as exc:
        # page=0, page=abc: no page number, said as such (not as the cap's limit).
        error, status, page = localized(exc), 400, 1
    results = None
    if error is None and (words or not filters.is_empty()):
        typed = typed_words(request.args)
        try:
            results = person_results(get_session(), words, filters, page, PER_PAGE, typed)
        except SearchTimedOut:
            error, status = _("The search took too long. Add a given name or more filters."), 503
        except PagePastLast as exc:
            error, status = localized(exc), 404
            query = {**request.args.to_dict(), "page": exc.last}
            last_page_url = url_for("web.search_page", **query)
        except InvalidInput:
            # Past the pages of the first COUNT_CAP matches, where there are more.
            error = _(
                "Only the first %(n)s matches can be listed. Add a given name or a filter "
                "to narrow the search.",
                n=COUNT_CAP,
            )
    if results is not None:
        results["pages"] = last_page(results["total"], PER_PAGE)
    return render_template(
        "search.html",
        args=request.args,
        results=results,
        error=error,
        last_page_url=last_page_url,
        oblasts=OBLASTS,
        count_cap=COUNT_CAP,
        has_fictional=bool(results and any(i["is_fictional"] for i in results["items"])),
    ), status


# Sites listed per page on /from: a country's sites can number ten thousand, which the map
# shows at once but a table should not (a phone would render seconds of rows).
HOME_SITES_PER_PAGE = 100


@blueprint.get("/from")
def home_region_page():
    session = get_session()
    countries = home_countries(session)
    args = request.args
    if "country" not in args and "region" not in args:
        args = _default_home(countries, current_settings().default_home_country)
    error = None
    sites = None
    regions: list[dict] = []
    rendered = None
    country = region = None
    exact = False
    try:
        country = area_filter(args, "country")
        region = area_filter(args, "region")
        exact = parse_zero_one(args.get("exact"), "exact")
    except InvalidInput as exc:
        error, country, region = localized(exc), None, None
    if country:
        import json

        sites = json.loads(sites_for_home(session, country, region, exact))["features"]
        regions = home_regions_of(session, country, exact)
        data_url = url_for(
            "api.home_region_sites",
            country=args.get("country"),
            region=args.get("region") or None,
            exact=1 if exact else None,
        )
        rendered = maps.home_map(
            current_settings(),
            map_assets(),
            {**map_options(), "dataUrl": data_url, "fromLabel": _("from the chosen region")},
        )
    elif args.get("region"):
        abort(400, description=_("Choose a country as well as a region."))
    pages = page_count(len(sites or []), HOME_SITES_PER_PAGE)
    page = parse_positive_int(request.args.get("page"), "page", 1, pages)
    first = (page - 1) * HOME_SITES_PER_PAGE
    return render_template(
        "from.html",
        countries=countries,
        regions=regions,
        country_key=country,
        region_key=region,
        exact=exact,
        args=args,
        sites=sites,
        shown=(sites or [])[first : first + HOME_SITES_PER_PAGE],
        first=first,
        page=page,
        pages=pages,
        # The pager's links keep the request's parameters (lang too) and the default country.
        query={**request.args.to_dict(), **args.to_dict()},
        map=rendered,
        error=error,
        total=sum(f["properties"]["persons_from_home"] for f in sites or []),
    )


def _default_home(countries: list[dict], default: str | None) -> MultiDict:
    """The page opens on the configured country (most visitors come for Kazakhstan), named
    as the data names it so that the form shows it chosen."""
    key = area_key(default) if default else None
    for option in countries:
        if key and option["country_key"] == key:
            return MultiDict({"country": option["country"]})
    return MultiDict()
