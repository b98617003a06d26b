"""The usual headers of Russian, Belarusian and English registers map to fields without
a --map, and no header could be read as two fields."""

import pytest

from mapapp.importers.columns import FIELDS, fold_header, map_columns


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_no_header_names_two_fields(kind):
    field_of_header: dict[str, str] = {}
    for field, names in FIELDS[kind].items():
        for header in [field, *names]:
            folded = fold_header(header)
            assert field_of_header.setdefault(folded, field) == field, (kind, header)


def test_a_belarusian_persons_register_maps_without_a_map():
    headers = [
        "№ запісу",
        "Прозвішча",
        "Імя",
        "Імя па бацьку",
        "Дата нараджэння",
        "Месца нараджэння",
        "Воінскае званне",
        "Вайсковая часць",
        "Дата гібелі",
        "Месца пахавання",
        "Раён пахавання",
        "Магіла",
        "Узнагароды",
        "Партызанскі атрад",
        "Архіў",
        "Вопіс",
        "Справа",
    ]
    mapped = map_columns("persons", headers, None)
    assert mapped.unmapped == []
    assert [mapped.field_of[h] for h in headers] == [
        "record_id",
        "surname",
        "given_name",
        "patronymic",
        "birth_date",
        "birthplace",
        "rank",
        "unit",
        "death_date",
        "burial_place",
        "burial_district",
        "grave",
        "awards",
        "detachment",
        "archive",
        "opis",
        "delo",
    ]


def test_a_belarusian_sites_register_maps_without_a_map():
    headers = [
        "Назва",
        "Тып",
        "Вобласць",
        "Раён",
        "Населены пункт",
        "Усяго пахавана",
        "З іх вядомых",
        "Невядомых",
        "Стан",
        "Шырата",
        "Даўгата",
        "Заўвагі",
    ]
    mapped = map_columns("sites", headers, None)
    assert mapped.unmapped == []
    assert [mapped.field_of[h] for h in headers] == [
        "name",
        "kind",
        "oblast",
        "district",
        "settlement",
        "buried_total",
        "buried_known",
        "buried_unknown",
        "condition",
        "lat",
        "lon",
        "source_note",
    ]
