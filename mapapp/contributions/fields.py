"""Which fields of a person or a site a contribution may correct, and how each is checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mapapp.contributions.text import clean_int, clean_text
from mapapp.errors import N_, InvalidInput
from mapapp.models import FATES


@dataclass(frozen=True)
class Field:
    name: str
    parse: Callable[[object, str], object]


def _text(max_length: int = 500, required: bool = False):
    return lambda value, name: clean_text(value, name, max_length, required)


def _int(low: int, high: int):
    return lambda value, name: clean_int(value, name, low, high)


def _fate(value, name):
    value = clean_text(value, name, 30)
    if value is not None and value not in FATES:
        raise InvalidInput(
            N_("%(name)s must be one of %(choices)s"),
            parameter=name,
            name=name,
            choices=", ".join(FATES),
        )
    return value


PERSON_FIELDS = {
    f.name: f
    for f in (
        Field("surname", _text(200, required=True)),
        Field("given_name", _text(200)),
        Field("patronymic", _text(200)),
        Field("name_variants", _text(1000)),
        Field("birth_year", _int(1850, 2000)),
        Field("birthplace", _text()),
        Field("home_country", _text(200)),
        Field("home_region", _text(200)),
        Field("home_district", _text(200)),
        Field("callup_place", _text()),
        Field("rank", _text(200)),
        Field("death_year", _int(1850, 2000)),
        Field("death_month", _int(1, 12)),
        Field("death_day", _int(1, 31)),
        Field("fate", _fate),
        Field("nationality", _text(200)),
        Field("biography", _text(20000)),
    )
}

SITE_FIELDS = {
    f.name: f
    for f in (
        Field("name", _text(1000, required=True)),
        Field("name_ru", _text(1000)),
        Field("name_be", _text(1000)),
        Field("name_en", _text(1000)),
        Field("settlement", _text()),
        Field("buried_total", _int(0, 10_000_000)),
        Field("buried_known", _int(0, 10_000_000)),
        Field("buried_unknown", _int(0, 10_000_000)),
        Field("buried_as_written", _text(200)),
        Field("year", _text(50)),
        Field("description", _text(20000)),
        Field("condition", _text(5000)),
        Field("responsible_body", _text(1000)),
    )
}

FIELDS = {"person": PERSON_FIELDS, "site": SITE_FIELDS}

# A new person for a site: the fields a search team's list usually has.
NEW_PERSON_FIELDS = {
    name: PERSON_FIELDS[name]
    for name in (
        "surname", "given_name", "patronymic", "birth_year", "birthplace", "home_country",
        "home_region", "home_district", "callup_place", "rank", "death_year", "death_month",
        "death_day", "fate", "nationality",
    )
}  # fmt: skip

# Person name fields: changing one recomputes the search keys.
NAME_FIELDS = {"surname", "given_name", "patronymic", "name_variants"}
HOME_FIELDS = {"home_country", "home_region", "home_district", "callup_place"}
