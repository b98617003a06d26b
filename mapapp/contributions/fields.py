"""Which fields of a person or a site a contribution may correct, and how each is checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mapapp.contributions.text import clean_int, clean_text
from mapapp.errors import not_one_of
from mapapp.models import FATES


@dataclass(frozen=True)
class Field:
    name: str
    parse: Callable[[object, str], object]
    schema: dict  # what parse accepts, as JSON Schema (for the OpenAPI document)


def _text(name: str, max_length: int = 500, required: bool = False) -> Field:
    schema = {"type": "string", "maxLength": max_length}
    if required:
        schema["minLength"] = 1
    return Field(name, lambda value, label: clean_text(value, label, max_length, required), schema)


def _int(name: str, low: int, high: int) -> Field:
    return Field(
        name,
        lambda value, label: clean_int(value, label, low, high),
        {"type": "integer", "minimum": low, "maximum": high},
    )


def _fate(value, name):
    value = clean_text(value, name, 30)
    if value is not None and value not in FATES:
        raise not_one_of(name, FATES)
    return value


PERSON_FIELDS = {
    f.name: f
    for f in (
        _text("surname", 200, required=True),
        _text("given_name", 200),
        _text("patronymic", 200),
        _text("name_variants", 1000),
        _int("birth_year", 1850, 2000),
        _text("birthplace"),
        _text("home_country", 200),
        _text("home_region", 200),
        _text("home_district", 200),
        _text("callup_place"),
        _text("rank", 200),
        _int("death_year", 1850, 2000),
        _int("death_month", 1, 12),
        _int("death_day", 1, 31),
        Field("fate", _fate, {"type": "string", "enum": list(FATES)}),
        _text("nationality", 200),
        _text("biography", 20000),
    )
}

SITE_FIELDS = {
    f.name: f
    for f in (
        _text("name", 1000, required=True),
        _text("name_ru", 1000),
        _text("name_be", 1000),
        _text("name_en", 1000),
        _text("settlement"),
        _int("buried_total", 0, 10_000_000),
        _int("buried_known", 0, 10_000_000),
        _int("buried_unknown", 0, 10_000_000),
        _text("buried_as_written", 200),
        _text("year", 50),
        _text("description", 20000),
        _text("condition", 5000),
        _text("responsible_body", 1000),
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
