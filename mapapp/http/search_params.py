"""Parameters of the person and place search, validated with messages that name them."""

from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from mapapp.errors import N_, InvalidInput, not_one_of
from mapapp.http.params import parse_positive_int
from mapapp.queries.search import PersonFilters
from mapapp.text.districts import district_key
from mapapp.text.normalize import area_key, query_word_variants

MAX_QUERY_LENGTH = 200
MAX_WORDS = 6
MIN_LETTERS = 3
OBLASTS = ("Brest", "Vitebsk", "Gomel", "Grodno", "Minsk", "Minsk (city)", "Mogilev")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _plain(args: MultiDict, name: str) -> str | None:
    value = args.get(name)
    if value is None or value.strip() == "":
        return None
    if "\x00" in value:
        raise InvalidInput(N_("%(name)s contains a NUL character"), parameter=name, name=name)
    if len(value) > MAX_QUERY_LENGTH:
        raise InvalidInput(
            N_("%(name)s is too long (at most %(max)s characters)"),
            parameter=name,
            name=name,
            max=MAX_QUERY_LENGTH,
        )
    return value.strip()


def query_words(args: MultiDict, name: str = "q", required: bool = False) -> list[list[str]]:
    """The normalised words of the query, each with its readings; [] when absent."""
    raw = _plain(args, name)
    if raw is None:
        if required:
            raise InvalidInput(N_("%(name)s is required"), parameter=name, name=name)
        return []
    # One-letter words (initials) cannot be matched by trigrams; they are left out.
    words = [w for w in query_word_variants(raw) if len(w[0]) >= 2][:MAX_WORDS]
    if sum(len(w[0]) for w in words) < MIN_LETTERS:
        raise InvalidInput(
            N_("%(name)s must contain at least %(min)s letters of a name"),
            parameter=name,
            name=name,
            min=MIN_LETTERS,
        )
    return words


def typed_words(args: MultiDict, name: str = "q") -> list[str]:
    """The words of the query as typed, in lower case (to prefer exact spellings)."""
    raw = _plain(args, name)
    return re.findall(r"[^\W\d_]+", raw.lower())[:MAX_WORDS] if raw else []


def area_filter(args: MultiDict, name: str, key_of=area_key) -> str | None:
    """A country, region, district or call-up filter as an area key (prefix-matched);
    a district of Belarus (where persons lie) by ``district_key``."""
    raw = _plain(args, name)
    if raw is None:
        return None
    key = key_of(raw)
    if not key:
        raise InvalidInput(N_("%(name)s must contain letters"), parameter=name, name=name)
    return key


def _year(args: MultiDict, name: str) -> int | None:
    raw = _plain(args, name)
    if raw is None:
        return None
    year = raw[-4:]
    if not (year.isascii() and year.isdigit()) or not 1850 <= int(year) <= 2000:
        raise InvalidInput(N_("%(name)s must be a year such as 1944"), parameter=name, name=name)
    return int(year)


def _flag(args: MultiDict, name: str) -> bool | None:
    raw = _plain(args, name)
    if raw is None:
        return None
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise InvalidInput(N_("%(name)s must be 1 or 0"), parameter=name, name=name)


def burial_oblast(args: MultiDict) -> str | None:
    """``burial_oblast``: one of OBLASTS (the six oblasts and the city of Minsk), or None."""
    oblast = _plain(args, "burial_oblast")
    if oblast is not None and oblast not in OBLASTS:
        raise not_one_of("burial_oblast", OBLASTS)
    return oblast


def person_filters(args: MultiDict) -> PersonFilters:
    oblast = burial_oblast(args)
    filters = PersonFilters(
        country=area_filter(args, "country"),
        region=area_filter(args, "region"),
        district=area_filter(args, "district"),
        callup=area_filter(args, "callup"),
        rank=_plain(args, "rank"),
        unit=_plain(args, "unit"),
        death_from=_year(args, "death_from"),
        death_to=_year(args, "death_to"),
        burial_oblast=oblast,
        burial_district=area_filter(args, "burial_district", district_key),
        hero=_flag(args, "hero"),
        partisan=_flag(args, "partisan"),
        detachment=_plain(args, "detachment"),
        nationality=_plain(args, "nationality"),
    )
    if (
        filters.death_from is not None
        and filters.death_to is not None
        and filters.death_from > filters.death_to
    ):
        raise InvalidInput(
            N_("%(name)s must not be after %(other)s"),
            parameter="death_from",
            name="death_from",
            other="death_to",
        )
    return filters


def result_page(args: MultiDict) -> int:
    """The page asked for, a whole number of at least 1; whether the search has that page
    is known when it runs (person_results)."""
    return parse_positive_int(args.get("page"), "page", 1)
