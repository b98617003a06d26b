"""A settlement's name without the kind written before it, as the gazetteer knows it."""

import pytest

from mapapp.importers.search_index import settlement_name


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("д. Шуховцы", "Шуховцы"),
        ("д.Шуховцы", "Шуховцы"),
        ("деревня Шуховцы", "Шуховцы"),
        ("г.п. Ушачы", "Ушачы"),  # not "п. Ушачы"
        ("г. п. Ушачы", "Ушачы"),
        ("аг. Шуховцы", "Шуховцы"),
        ("в. Рыленкі", "Рыленкі"),
        ("Вёска Рыленкі", "Рыленкі"),
        ("бывш. д. Лядно", "Лядно"),
        ("Ляды (Витебская обл.)", "Ляды"),
        # Names that begin like a kind are names.
        ("Городок", "Городок"),
        ("Село", "Село"),
        ("Гомель", "Гомель"),
    ],
)
def test_the_kind_before_a_name_is_not_the_name(written, name):
    assert settlement_name(written) == name
