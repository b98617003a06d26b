"""Parameters of the Heroes list: home country and region, and the burial oblast."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from mapapp.http.search_params import area_filter, burial_oblast
from mapapp.queries.honours import HeroFilters


def hero_filters(args: MultiDict) -> HeroFilters:
    oblast = burial_oblast(args)
    return HeroFilters(
        country=area_filter(args, "country"),
        region=area_filter(args, "region"),
        burial_oblast=oblast,
    )
