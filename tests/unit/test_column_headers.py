"""The usual headers of Russian, Belarusian and English registers map to fields without
a --map, and no header could be read as two fields."""

import pytest

from mapapp.importers.columns import FIELDS, fold_header, map_columns, row_number_columns


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_no_header_names_two_fields(kind):
    field_of_header: dict[str, str] = {}
    for field, names in FIELDS[kind].items():
        for header in [field, *names]:
            folded = fold_header(header)
            assert field_of_header.setdefault(folded, field) == field, (kind, header)


BELARUSIAN_REGISTERS = {
    "persons": {
        "№ запісу": "record_id",
        "Прозвішча": "surname",
        "Імя": "given_name",
        "Імя па бацьку": "patronymic",
        "Дата нараджэння": "birth_date",
        "Месца нараджэння": "birthplace",
        "Воінскае званне": "rank",
        "Вайсковая часць": "unit",
        "Дата гібелі": "death_date",
        "Месца пахавання": "burial_place",
        "Раён пахавання": "burial_district",
        "Магіла": "grave",
        "Узнагароды": "awards",
        "Партызанскі атрад": "detachment",
        "Архіў": "archive",
        "Вопіс": "opis",
        "Справа": "delo",
    },
    "sites": {
        "Назва": "name",
        "Тып": "kind",
        "Вобласць": "oblast",
        "Раён": "district",
        "Населены пункт": "settlement",
        "Усяго пахавана": "buried_total",
        "З іх вядомых": "buried_known",
        "Невядомых": "buried_unknown",
        "Стан": "condition",
        "Шырата": "lat",
        "Даўгата": "lon",
        "Заўвагі": "source_note",
    },
}


# Headers of English exports and OpenStreetMap, and more of Belarusian registers.
MORE_HEADERS = {
    "persons": {
        "Surname": "surname",
        "Year of birth": "birth_date",
        "Military rank": "rank",
        "Cause of death": "fate",
        "Place of burial": "burial_place",
        "Register No.": "register_number",
        "Апошняе месца службы": "unit",
    },
    "sites": {
        "name": "name",
        "Від пахавання": "kind",
        "ref:by:heritage": "register_number",
        "Number buried": "buried_total",
        "lat": "lat",
        "lon": "lon",
    },
}


@pytest.mark.parametrize("kind", sorted(MORE_HEADERS))
def test_english_osm_and_more_belarusian_headers_map_without_a_map(kind):
    expected = MORE_HEADERS[kind]
    assert map_columns(kind, list(expected), None).field_of == expected


def test_prychyna_vybyccia_is_the_fate_where_no_other_column_gives_it():
    mapped = map_columns("persons", ["Прозвішча", "Прычына выбыцця"], None)
    assert mapped.field_of == {"Прозвішча": "surname", "Прычына выбыцця": "fate"}


@pytest.mark.parametrize("kind", sorted(BELARUSIAN_REGISTERS))
def test_a_belarusian_register_maps_without_a_map(kind):
    expected = BELARUSIAN_REGISTERS[kind]
    mapped = map_columns(kind, list(expected), None)
    assert mapped.unmapped == []
    assert mapped.field_of == expected


def test_two_letter_headers_are_never_the_likeliest_column_of_another_field():
    from mapapp.importers.columns import likeliest_columns

    columns = ["id", "@id", "name", "тип могилы"]
    assert likeliest_columns("sites", "kind", columns) == ["тип могилы"]
    assert likeliest_columns("persons", "record_id", ["id", "фамилия"]) == ["id"]


def test_a_very_wide_header_is_listed_in_part_and_its_likeliest_column_found():
    from mapapp.importers.errors import ImportFileError

    columns = [f"c{i}" for i in range(5000)] + ["Фамилиа бойца"]
    with pytest.raises(ImportFileError) as refused:
        map_columns("persons", columns, None, {})
    message = str(refused.value)
    assert "the file's columns are: c0, c1, " in message
    assert "c59 and 4941 more; likeliest: 'Фамилиа бойца'" in message
    assert "c60," not in message


def test_a_missing_name_is_never_offered_a_coordinate_column_nor_one_value_for_all():
    import pytest

    from mapapp.importers.columns import map_columns
    from mapapp.importers.errors import ImportFileError

    with pytest.raises(ImportFileError) as persons:
        map_columns("persons", ["Имя", "lat"], None)
    assert "likeliest" not in str(persons.value) and "--set" not in str(persons.value)
    assert '--map FILE: {"COLUMN": "surname"}' in str(persons.value)
    with pytest.raises(ImportFileError) as sites:
        map_columns("sites", ["lat", "lon", "kind"], None)
    assert "likeliest" not in str(sites.value) and "--set" not in str(sites.value)
    with pytest.raises(ImportFileError) as unplaced:
        map_columns("sites", ["name", "kind"], None)
    assert "--set district=NAME places each at its centre" in str(unplaced.value)


@pytest.mark.parametrize(
    ("text", "degrees"),
    [("N53.9036", 53.9036), ("N 53.9", 53.9), ("53.9 N", 53.9), ("S 53.9", -53.9),
     ("E 27.5", 27.5), ("N 53°54.123'", 53.90205)],
)  # fmt: skip
def test_a_hemisphere_letter_before_or_after_decimal_degrees(text, degrees):
    from mapapp.importers.values import parse_degrees

    assert parse_degrees(text)[0] == pytest.approx(degrees)


@pytest.mark.parametrize(
    "text", ["N 53.9 E 27.5", "N53.90000 E27.50000", "53.9 N, 27.5 E", "E 27.5 N 53.9"]
)
def test_a_pair_with_hemisphere_letters(text):
    from mapapp.importers.values import parse_lat_lon_pair

    assert parse_lat_lon_pair(text) == pytest.approx((53.9, 27.5))


def test_a_kazakh_list_is_read_by_its_own_headers():
    from mapapp.importers.columns import map_columns

    headers = ["Тегі", "Аты", "Әкесінің аты", "Туған жылы", "Туған жері", "Әскери атағы",
               "Қаза тапқан күні", "Жерленген жері", "Ұлты"]  # fmt: skip
    mapped = map_columns("persons", headers, None)
    assert mapped.unmapped == []
    assert [mapped.field_of[h] for h in headers] == [
        "surname", "given_name", "patronymic", "birth_date", "birthplace", "rank",
        "death_date", "burial_place", "nationality",
    ]  # fmt: skip


def test_a_header_folding_to_nothing_numbers_no_rows_unless_it_is_no_or_hash():
    """ "№" and "#" fold to nothing, as "*", "—" and a blank header do: only the first
    two say they number a list's rows."""
    headers = ["*", "—", " ", "", "№", " # ", "№ п/п", "No", "Фамилия", "**"]
    assert row_number_columns(headers) == ["№", " # ", "№ п/п", "No"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        # Cause of death and fate, in Kazakh, Belarusian and Russian: a fate column left
        # unmapped stores no fate, silently.
        ("Қаза болу себебі", "fate"),
        ("Қаза себебі", "fate"),
        ("Тағдыры", "fate"),
        ("Лёс", "fate"),
        ("Прычына выбыцця", "fate"),
        ("Прычына гібелі", "fate"),
        ("Причина гибели", "fate"),
        ("Причина смерти", "fate"),
        # The birthplace as Book of Memory lists head it.
        ("Уроженец", "birthplace"),
        ("Уроженка", "birthplace"),
        ("Ураджэнец", "birthplace"),
        ("Туған жері", "birthplace"),
    ],
)
def test_fate_and_birthplace_headers_in_each_language(header, field):
    mapped = map_columns("persons", ["Фамилия", header], None)
    assert mapped.field_of == {"Фамилия": "surname", header: field}


def test_a_kazakh_list_with_its_cause_of_death_maps_every_column():
    headers = ["Р/с", "Тегі, аты, әкесінің аты", "Туған жылы", "Туған жері",
               "Әскерге шақырылған жері", "Әскери атағы", "Қаза тапқан күні",
               "Қаза болу себебі", "Жерленген жері", "Ұлты"]  # fmt: skip
    mapped = map_columns("persons", headers, None)
    assert mapped.unmapped == ["Р/с"]  # the list's running number
    assert mapped.field_of["Қаза болу себебі"] == "fate"


def test_a_header_written_over_several_columns_keeps_each_under_a_key_of_its_own():
    from mapapp.importers.readers import _check_header

    keys, repeated = _check_header(["Фамилия", "Примечание", "Примечание"], "f.csv")
    assert keys == ["Фамилия", "Примечание", "Примечание (2)"]
    assert [(r.header, r.keys, r.where) for r in repeated] == [
        ("Примечание", ["Примечание", "Примечание (2)"], "columns 2 and 3")
    ]
    # A sheet's columns by their letters; a key the file itself has is not taken.
    headers = ["Примечание", "Примечание (2)", "Фамилия", "Примечание", "Примечание"]
    keys, repeated = _check_header(headers, "f.xlsx", letters=True)
    assert keys == ["Примечание", "Примечание (2)", "Фамилия", "Примечание (3)", "Примечание (4)"]
    assert [(r.keys, r.where) for r in repeated] == [
        (["Примечание", "Примечание (3)", "Примечание (4)"], "columns A, D and E")
    ]
    # Two columns without a name are named by their positions, which differ.
    assert _check_header(["Фамилия", "", ""], "f.csv") == (["Фамилия", "column 2", "column 3"], [])
