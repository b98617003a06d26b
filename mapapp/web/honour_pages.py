"""Pages of the Heroes of the Soviet Union and of the partisan formations."""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from mapapp.errors import InvalidInput
from mapapp.http.context import current_settings, get_session
from mapapp.http.error_text import localized
from mapapp.http.honour_params import hero_filters
from mapapp.http.params import parse_positive_int
from mapapp.http.search_params import OBLASTS
from mapapp.queries import honours
from mapapp.queries.common import page_count
from mapapp.web import blueprint


@blueprint.get("/heroes")
def heroes_page():
    try:
        filters = hero_filters(request.args)
    except InvalidInput as exc:
        abort(400, description=localized(exc))
    listing = honours.heroes(get_session(), filters)
    return render_template("heroes.html", listing=listing, args=request.args, oblasts=OBLASTS)


@blueprint.get("/partisans")
def partisans_page():
    brigades = honours.brigades_with_detachments(get_session())
    return render_template("partisans.html", brigades=brigades)


@blueprint.get("/partisans/<id:unit_id>")
def partisan_unit_page(unit_id: int):
    session = get_session()
    unit = honours.partisan_unit(session, unit_id)
    if unit is None:
        abort(404, description=_("There is no partisan formation with this number."))
    # A brigade may count tens of thousands of members: a page of them at a time.
    per_page = current_settings().persons_per_page
    formations = honours.formation_ids(unit)
    total = honours.count_unit_members(session, formations)
    pages = page_count(total, per_page)
    try:
        page = parse_positive_int(request.args.get("page"), "page", 1, pages)
    except InvalidInput as exc:
        abort(400, description=localized(exc))
    unit["member_list"] = honours.unit_members(session, formations, per_page, (page - 1) * per_page)
    return render_template(
        "partisan_unit.html", unit=unit, member_total=total, page=page, pages=pages
    )


def honour_map_options() -> dict:
    """What heroes_layer.js needs: its files, data, page addresses and labels."""
    return {
        "script": url_for("static", filename="js/heroes_layer.js"),
        "style": url_for("static", filename="css/heroes_layer.css"),
        "lang": str(get_locale()),
        "gravesUrl": url_for("api.hero_graves"),
        "areasUrl": url_for("api.partisan_unit_areas"),
        "siteUrl": url_for("web.site_page", site_id=2147483647).replace("2147483647", "{id}"),
        "unitUrl": url_for("web.partisan_unit_page", unit_id=2147483647).replace(
            "2147483647", "{id}"
        ),
        "labels": {
            "layer_heroes": _("Graves of Heroes of the Soviet Union"),
            "layer_areas": _("Areas of partisan formations"),
            "heroes": _("Heroes of the Soviet Union buried here"),
            "heroes_grave": _("Grave of a Hero of the Soviet Union"),
            "area": _("District"),
            "demo": _("Demonstration data (fictional)"),
        },
    }
