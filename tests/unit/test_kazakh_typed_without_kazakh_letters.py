"""Kazakh words typed on a Russian keyboard (ә ғ қ ң ө ұ ү һ і as а г к н о у у х и, і
also as a Latin i) are read as the Kazakh words they are: fates, ranks and soldier words,
the unknown soldier's "Белгісіз", months. Russian and Belarusian words that
look alike are not read as Kazakh ones."""

from __future__ import annotations

import re

import pytest

from mapapp.importers.name_cells import (
    check_given_name,
    check_name_part,
    check_patronymic,
    is_unknown_soldier,
)
from mapapp.importers.values import parse_fate
from mapapp.text.dates import MONTH_WORDS, parse_death_date, parse_partial_date
from mapapp.text.kazakh_letters import kazakh_pattern, kazakh_spellings

# --- the letters ----------------------------------------------------------------------


def test_a_pattern_takes_the_look_alike_letters_each_on_its_own():
    pattern = re.compile(kazakh_pattern(r"т[ұ]тқында|қаза\s+тап\w*"))
    for text in ("тұтқында", "туткында", "тутқында", "қаза тапты", "каза тапты"):
        assert pattern.fullmatch(text), text
    assert not pattern.fullmatch("казаков")
    assert kazakh_pattern(r"\і") == r"\і"  # an escaped letter is left as written


def test_spellings_of_a_word():
    assert kazakh_spellings("аға") == {"аға", "ага"}
    assert "Белгiсиз" in kazakh_spellings("Белгісіз")  # a Latin i, and a Russian и
    assert kazakh_spellings("сержант") == {"сержант"}


# --- fates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        ("каза тапты", "killed"),
        ("Каза тапты", "killed"),
        ("қаза тапты", "killed"),
        ("майданда каза тапкан", "killed"),
        ("кайтыс болды", "died"),
        ("Кайтыс болды", "died"),
        ("жаракаттан кайтыс болды", "died_of_wounds"),
        ("жаракаттан", "died_of_wounds"),
        ("жаракатынан кайтыс болды", "died_of_wounds"),
        ("хабарсыз кетти", "missing"),
        ("туткында кайтыс болды", "died_in_captivity"),
        ("тутқында қайтыс болды", "died_in_captivity"),
        ("туткында каза тапты", "died_in_captivity"),
        ("ортелди", "killed"),
        ("Өртелдi", "killed"),  # a Latin i
    ],
)
def test_kazakh_fates_typed_without_kazakh_letters(cell, fate):
    assert parse_fate(cell) == fate


@pytest.mark.parametrize("cell", ["Казаков", "казаки", "каза", "Кайтысов", "туткин", "орте"])
def test_russian_words_that_look_alike_are_no_kazakh_fate(cell):
    with pytest.raises(ValueError, match="unknown fate"):
        parse_fate(cell)


# --- ranks, soldier words and the unknown soldier ---------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Белгисиз катардагы жауынгер",
        "Белгiсiз қатардағы жауынгер",  # Latin i
        "Белгисиз кызыласкер",
        "Белгисиз кызыл аскер",
        "Белгисиз киши сержант",
        "Белгисиз ага сержант",
        "Белгисиз жауынгер",
        "Белгісіз катардағы жауынгер",
    ],
)
def test_an_unknown_soldier_named_in_kazakh_without_its_letters(name):
    assert is_unknown_soldier(name)
    assert check_name_part(name) == name


def test_a_rank_beside_an_unknown_soldier_surname_cell():
    assert check_given_name("катардагы жауынгер", "Белгисиз") == "катардагы жауынгер"
    assert check_given_name("киши сержант", "Белгисиз") == "киши сержант"


@pytest.mark.parametrize(
    ("name", "rank"),
    [
        ("Тестов Ерлан катардагы жауынгер", "катардагы жауынгер"),
        ("Тестов Ерлан катардағы жауынгер", "катардағы жауынгер"),
        ("Тестов Ерлан кызыласкер", "кызыласкер"),
        ("Тестов Ерлан киши сержант", "киши сержант"),
        ("Тестов Ерлан ага сержант", "ага сержант"),
    ],
)
def test_a_kazakh_rank_beside_a_name_is_refused_as_a_rank(name, rank):
    with pytest.raises(ValueError, match=re.escape(f"a rank ({rank})")):
        check_name_part(name)


@pytest.mark.parametrize("cell", ["Катардагы жауынгер", "Кызыласкер", "Киши сержант"])
def test_a_patronymic_that_is_a_kazakh_rank_is_refused(cell):
    with pytest.raises(ValueError, match="holds a rank"):
        check_patronymic(cell)


@pytest.mark.parametrize(
    "name", ["Белов Иван", "Белгин Ерлан", "Белгисизов Ерлан", "Казаков Ага", "Кишиев Ерлан"]
)
def test_names_that_look_alike_stay_names(name):
    assert not is_unknown_soldier(name)
    assert check_name_part(name) == name


def test_bel_words_are_no_unknown_soldier():
    assert not is_unknown_soldier("Белгинов красноармеец")
    assert not is_unknown_soldier("Бел красноармеец")


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("22 шилде 1944", (1944, 7, 22)),
        ("22 шiлде 1944", (1944, 7, 22)),  # Latin i
        ("кыркуйек 1943", (1943, 9, None)),
        ("кыркүйекте 1943", (1943, 9, None)),
        ("1944 жылы 5 каңтарда", (1944, 1, 5)),
        ("1944 жылы 5 кантарда", (1944, 1, 5)),
        ("1944 жылгы 24 маусым", (1944, 6, 24)),
        ("1944 ж. маусымнын 24-и", (1944, 6, 24)),
        ("1944 ж. маусымның 24-инши", (1944, 6, 24)),
        ("1944 ж. маусымнын 24-ши", (1944, 6, 24)),
        ("24 маусым 1944 жылгы", (1944, 6, 24)),
        ("акпан 1942", (1942, 2, None)),
        ("сауир 1944", (1944, 4, None)),
        ("сәуирде 1944", (1944, 4, None)),
        ("желтоксанда 1941", (1941, 12, None)),
        ("10 казан 1943", (1943, 10, 10)),
        ("караша 1943", (1943, 11, None)),
        ("1944 жылгы кыркуйектин 3-и", (1944, 9, 3)),
    ],
)
def test_kazakh_months_typed_without_kazakh_letters(text, date):
    assert parse_partial_date(text) == date


@pytest.mark.parametrize("text", ["1910 жылы туган", "1910 ж. туган", "1910 ж туган"])
def test_a_kazakh_year_of_birth_without_its_letters_is_no_date_of_death(text):
    with pytest.raises(ValueError, match="marked as a year of birth"):
        parse_death_date(text)


@pytest.mark.parametrize("text", ["Казань 1943", "г. Казань", "казан", "Казан р-н 1943"])
def test_a_russian_kazan_outside_a_date_is_no_month(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_no_kazakh_spelling_takes_a_russian_or_belarusian_month_word():
    # Each word names one month; Russian and Belarusian month words keep theirs.
    from mapapp.text.dates import _MONTH_NAMES

    months: dict[str, set[int]] = {}
    for number, (russian, belarusian, kazakh, english) in enumerate(_MONTH_NAMES, start=1):
        for word in (*russian.split(), *belarusian.split(), *english.split()):
            months.setdefault(word, set()).add(number)
        for word in kazakh_spellings(*kazakh.split()):
            months.setdefault(word, set()).add(number)
    assert {word: found for word, found in months.items() if len(found) > 1} == {}
    assert MONTH_WORDS["март"] == 3 and MONTH_WORDS["май"] == 5 and MONTH_WORDS["ліпень"] == 7
    assert MONTH_WORDS["шилде"] == 7 and MONTH_WORDS["кыркуйек"] == 9
