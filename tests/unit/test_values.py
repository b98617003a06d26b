"""Cells cleaned before they are read (control characters are refused, naming why), and
register numbers as compared."""

import pytest

from mapapp.importers.awards import is_hero_title, parse_awards
from mapapp.importers.number_keys import register_key
from mapapp.importers.values import clean


def test_a_c1_control_character_is_refused_as_text_read_in_the_wrong_encoding():
    with pytest.raises(ValueError, match=r"U\+0091, which comes of reading text in the wrong"):
        clean("Ð\x91Ñ\x80Ð°Ñ\x82Ñ\x81ÐºÐ°Ñ")  # "Братская" in UTF-8 read as Latin-1


def test_tabs_and_line_breaks_are_text():
    assert clean("строка\nвторая\tстрока") == "строка\nвторая\tстрока"


def test_register_numbers_are_compared_as_written_another_way_never_as_another_number():
    assert register_key("№ 4") == register_key("004") == register_key("4")
    assert register_key("213-Д-000473") == register_key("213D000473") == "213Д000473"
    assert register_key("12 13") != register_key("1213")  # two numbers, not one
    assert register_key("0012-А") != register_key("12-А")


@pytest.mark.parametrize(
    ("title", "hero"),
    [
        ("Герой Советского Союза", True),
        ("Герой Савецкага Саюза", True),
        ("Кеңес Одағының Батыры", True),
        ("Герой Советского Союза, представлен к ордену Ленина", True),
        ("Представлен к званию Герой Советского Союза", False),
        ("Наградной лист к присвоению звания Герой Советского Союза", False),
        ("Герой Социалистического Труда", False),
        ("Звание Героя Советского Союза присвоено посмертно", True),
        ("Медаль «Золотая Звезда» Героя Советского Союза", False),  # beside the title
        ("Герой Советского Союза (представлен, не присвоено)", False),
        ("Герой Советского Союза - отказано", False),
        ("Представлялся к званию Героя Советского Союза", False),
    ],
)
def test_the_hero_title_in_its_languages_and_never_a_nomination(title, hero):
    assert is_hero_title(title) is hero


@pytest.mark.parametrize("cell", ["нет", "-", "—", "Н/Д", "не награждался", "нет сведений"])
def test_a_cell_saying_there_are_no_awards_is_none(cell):
    assert parse_awards(cell) == []


def test_a_list_is_not_split_inside_brackets():
    cell = "Герой Советского Союза (представлен; не присвоено); Орден Ленина"
    assert [a["title"] for a in parse_awards(cell)] == [
        "Герой Советского Союза (представлен; не присвоено)",
        "Орден Ленина",
    ]
    assert not any(a["is_hero_title"] for a in parse_awards(cell))
