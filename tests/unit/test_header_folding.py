"""Headers are compared folded (columns.fold_header): case, spaces and punctuation, and each
Kazakh letter as a Russian keyboard types it, so a Kazakh header typed with, without or with
some of its letters is one header, with no list of the ways it may be typed. No Russian,
Belarusian or English header changes its field for it."""

from __future__ import annotations

import re

import pytest

from mapapp.importers.columns import (
    FIELDS,
    _unknown_mapped_column,
    fold_header,
    likeliest_columns,
    likeliest_field,
    map_columns,
)
from mapapp.importers.header_rows import KNOWN_HEADERS, _own_names, header_cells


def _folded_before(header: str) -> str:
    """The fold before the Kazakh letters were folded: case, ё, spaces and punctuation."""
    header = re.sub(r"[^\w]+", " ", header.lower().replace("ё", "е").replace("_", " "))
    return " ".join(header.split())


def test_a_kazakh_header_typed_each_way_folds_alike():
    assert {fold_header(h) for h in ("Тегі", "Теги", "Тегi", "ТЕГІ", "тегI")} == {"теги"}
    typed = {fold_header(h) for h in ("Әкесінің аты", "Акесинин аты", "Әкесiнiң аты")}
    assert typed == {"акесинин аты"}


@pytest.mark.parametrize(
    ("kazakh", "typed"),
    [("ә", "а"), ("ғ", "г"), ("қ", "к"), ("ң", "н"), ("ө", "о"), ("ұ", "у"), ("ү", "у"),
     ("һ", "х"), ("і", "и"), ("Ә", "а"), ("Ұ", "у"), ("І", "и")],
)  # fmt: skip
def test_each_kazakh_letter_folds_as_a_russian_keyboard_types_it(kazakh, typed):
    assert fold_header(f"аб{kazakh}в") == f"аб{typed}в"


def test_a_latin_i_is_folded_only_in_a_word_of_cyrillic_letters():
    assert fold_header("Birth date") == "birth date"
    assert fold_header("is_hero") == "is hero"
    assert fold_header("Тегi id") == "теги id"


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_no_two_fields_headers_fold_alike_unless_they_did_before(kind):
    """Folding the Kazakh letters (і among them, which Belarusian writes too) merges only
    headers of one field ("імя" and "имя", "від" and "вид", "дата гібелі" and "дата
    гибели"): a header of another field never takes a column's place."""
    fields_of: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}
    for field, names in FIELDS[kind].items():
        for header in [field, *names]:
            fields_of.setdefault(fold_header(header), set()).add(field)
            before.setdefault(_folded_before(header), set()).add(field)
    for key, fields in fields_of.items():
        if len(fields) > 1:
            assert any(len(f) > 1 and f <= fields for f in before.values()), (kind, key, fields)


# Every Belarusian header with і or ў, and the field it names.
BELARUSIAN = [
    (kind, header, field)
    for kind, fields in FIELDS.items()
    for field, names in fields.items()
    for header in names
    if re.search("[ўі]", header)
]


@pytest.mark.parametrize(("kind", "header", "field"), BELARUSIAN)
def test_a_belarusian_header_with_i_or_short_u_names_its_field_as_before(kind, header, field):
    assert map_columns(kind, [header.capitalize()], None, require=False).field_of == {
        header.capitalize(): field
    }


@pytest.mark.parametrize(("kind", "header", "field"), BELARUSIAN)
def test_a_belarusian_header_typed_with_a_russian_or_latin_i_names_its_own_field(
    kind, header, field
):
    """ "Прозвишча", "Iмя": і typed as Russian и or Latin i is read as the header it is
    (ў is no Kazakh letter: "архіу" is not "архіў")."""
    for typed in (header.replace("і", "и"), header.replace("і", "i")):
        assert map_columns(kind, [typed], None, require=False).field_of == {typed: field}
    if "ў" in header:
        assert fold_header(header.replace("ў", "у")) != fold_header(header)


def test_the_known_headers_are_the_usual_names_folded_not_every_way_to_type_them():
    names = {fold_header(n) for fields in FIELDS.values() for ns in fields.values() for n in ns}
    assert names == KNOWN_HEADERS
    assert len(KNOWN_HEADERS) < 1_000
    assert {"теги", "акесинин аты", "туган жылы", "каза тапкан куни"} <= KNOWN_HEADERS


def test_a_header_line_typed_otherwise_than_the_file_s_header_repeats_it():
    """A list pasted below another whose header is typed without the Kazakh letters repeats
    the header: each cell names its own column."""
    columns = ["Тегі", "Аты", "Туған жылы"]
    own = {c: _own_names(c, set(columns)) for c in columns}
    row = {"Тегі": "Теги", "Аты": "Аты", "Туған жылы": "Туган жылы"}
    assert header_cells(row, own) == (["Теги", "Аты", "Туган жылы"], True)


def test_the_likeliest_columns_are_found_folded():
    """A header holding a Kazakh one typed without its letters ("Теги бойца") is offered for
    its field, and "Теги аты бойца" is a whole name's."""
    assert likeliest_columns("persons", "surname", ["Теги бойца", "Жылы"]) == ["Теги бойца"]
    assert likeliest_field("persons", "Теги аты бойца") == "full_name"


def test_a_mapping_names_a_kazakh_column_typed_otherwise_the_file_s_is_said():
    said = _unknown_mapped_column("Тегi", ["Тег", "Тегін", "Тегі"])
    assert said.endswith("; did you mean 'Тегі'?"), said


def test_every_spelling_the_kazakh_headers_were_listed_in_still_names_their_field():
    """Each way to type a Kazakh header that text.kazakh_letters lists (a Latin i, ұ and ү
    for one another, some letters typed and some not) is read as before."""
    from mapapp.importers.columns import _KAZAKH_PERSON_HEADERS, _aliases, row_number_columns
    from mapapp.text.kazakh_letters import kazakh_spellings

    aliases = _aliases("persons")

    for field, names in _KAZAKH_PERSON_HEADERS.items():
        for typed in kazakh_spellings(*map(_folded_before, names)):
            assert aliases[fold_header(typed)] == field, typed
            assert fold_header(typed) in KNOWN_HEADERS, typed
    typed = sorted(kazakh_spellings("реттік нөмірі"))
    assert row_number_columns(typed) == typed
