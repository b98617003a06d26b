"""Parameters of the Heroes list: home country and region, and the burial oblast."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from mapapp.errors import N_, InvalidInput
from mapapp.http.search_params import OBLASTS, _plain, area_filter
from mapapp.queries.honours import HeroFilters


def hero_filters(args: MultiDict) -> HeroFilters:
    oblast = _plain(args, "burial_oblast")
    if oblast is not None and oblast not in OBLASTS:
        raise InvalidInput(
            N_("%(name)s must be one of %(choices)s"),
            parameter="burial_oblast",
            name="burial_oblast",
            choices=", ".join(OBLASTS),
        )
    return HeroFilters(
        country=area_filter(args, "country"),
        region=area_filter(args, "region"),
        burial_oblast=oblast,
    )
