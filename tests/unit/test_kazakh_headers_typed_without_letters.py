"""Kazakh column headers typed on a Russian keyboard (ә ғ қ ң ө ұ ү һ і as а г к н о у у х
и, і also as a Latin i) are read as the Kazakh headers they are; no Russian, Belarusian or
English header changes its field."""

from __future__ import annotations

import pytest

from mapapp.importers.columns import (
    _KAZAKH_PERSON_HEADERS,
    FIELDS,
    _aliases,
    fold_header,
    map_columns,
    row_number_columns,
)
from mapapp.importers.header_rows import KNOWN_HEADERS

# --- column headers -------------------------------------------------------------------


def test_a_kazakh_list_typed_without_the_kazakh_letters_is_read_by_its_headers():
    headers = ["Реттик номири", "Теги", "Аты", "Акесинин аты", "Туган жылы", "Туган жери",
               "Аскерге шакырылган жери", "Аскери атагы", "Каза тапкан куни",
               "Каза болу себеби", "Жерленген жери", "Улты"]  # fmt: skip
    mapped = map_columns("persons", headers, None)
    assert mapped.unmapped == ["Реттик номири"]  # the list's running number
    assert row_number_columns(headers) == ["Реттик номири"]
    assert [mapped.field_of[h] for h in headers[1:]] == [
        "surname", "given_name", "patronymic", "birth_date", "birthplace", "callup_place",
        "rank", "death_date", "fate", "burial_place", "nationality",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("әскери атағы", "rank"),
        ("аскери атагы", "rank"),
        ("АСКЕРИ АТАГЫ", "rank"),
        ("Әскери атагы", "rank"),  # some letters typed, some not
        ("акесинин аты", "patronymic"),
        ("Әкесiнiң аты", "patronymic"),  # a Latin i
        ("туган жылы", "birth_date"),
        ("каза тапкан куни", "death_date"),
        ("жерленген жери", "burial_place"),
        ("Теги, аты, акесинин аты", "full_name"),
        ("Тегi есiмi әкесiнiң есiмi", "full_name"),
        ("тагдыры", "fate"),
        ("Кайтыс болган куни", "death_date"),
    ],
)
def test_each_kazakh_header_typed_without_its_letters_names_its_field(header, field):
    mapped = map_columns("persons", [header], None, require=False)
    assert mapped.field_of == {header: field}


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_no_header_as_written_changes_its_field(kind):
    """Every Russian, Belarusian and English header (and every Kazakh one as written) maps
    to the field it names, whatever Kazakh spelling it looks like."""
    aliases = _aliases(kind)
    for field, names in FIELDS[kind].items():
        for header in [field, *names]:
            assert aliases[fold_header(header)] == field, (kind, header)


def test_no_kazakh_header_typed_without_its_letters_is_another_field_s_header():
    """A spelling of a Kazakh header that some other language's header also is would be read
    as that one: none is."""
    written = {fold_header(h): f for f, names in FIELDS["persons"].items() for h in [f, *names]}
    aliases = _aliases("persons")
    for field, names in _KAZAKH_PERSON_HEADERS.items():
        for name in names:
            typed = name.translate(str.maketrans("әғқңөұүһі", "агкноуухи"))
            assert aliases[fold_header(typed)] == field, typed
            assert written.get(fold_header(typed), field) == field, typed


def test_a_line_of_kazakh_headers_typed_without_the_letters_is_a_header_line():
    assert {"теги", "акесинин аты", "туган жылы", "каза тапкан куни"} <= KNOWN_HEADERS
