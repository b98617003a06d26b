"""Name cells: what a name may hold, and how a full name splits (importers.name_cells)."""

from __future__ import annotations

import re

import pytest

from mapapp.importers.name_cells import (
    check_given_name,
    check_name_part,
    check_patronymic,
    check_surname,
    split_full_name,
    surname_alike_a_rank,
)


@pytest.mark.parametrize(
    "text",
    [
        "Итого: 2 человека", "Всего 35", "Итого", "Список составил военком Петров",
        "Список военнослужащих, захороненных в братской могиле д. Каменка", "Подпись",
        "М.П.", "Военком Калинковичского РВК капитан Петров", "д. Озаричи", "г. Калинковичи",
        "?", "н/д", "Нет данных.", "нет сведений", "б/ф", "не установлено", "Нет",
        # A list's headings over a district's or a village council's persons.
        "Дубровенский район", "ОРШАНСКИЙ РАЙОН", "Зарубский сельсовет", "Витебская область",
        "Витебская обл.", "Оршанский р-н", "Зарубский с/с", "Дубровенскі раён",
        "Віцебская вобласць", "Қарағанды облысы", "Қаратал ауданы",
    ],
)  # fmt: skip
def test_lines_and_placeholders_are_not_names(text):
    with pytest.raises(ValueError):
        check_name_part(text)


@pytest.mark.parametrize(
    "text",
    [
        "Иванов", "Ерб0лат", "Иванов 2-й", "Иванов 2", "Иванов (1)", "Иванов-3", "О'Коннор",
        "Жан-Поль", "Тер-Петросян", "С.", "С. А.", "Иванов?", "Иванов*", "Құрманғазиев",
        "Неизвестный", "Списков", "Составкин", "Человеков", "Районов", "Областной",
    ],
)  # fmt: skip
def test_names_are_names(text):
    assert check_name_part(text) == text


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Иванов Иван Иванович", ("Иванов", "Иван", "Иванович")),
        ("Иванов, Иван Иванович", ("Иванов", "Иван", "Иванович")),
        ("Иванов 2-й Иван Петрович", ("Иванов 2-й", "Иван", "Петрович")),
        ("Иванов (Иваненко) Иван Петрович", ("Иванов (Иваненко)", "Иван", "Петрович")),
        ("Шуклин Иван (Ян) Петрович", ("Шуклин", "Иван (Ян)", "Петрович")),
        ("фон Берг Карл", ("фон Берг", "Карл", None)),
        ("Фон Берг Карл Фридрихович", ("Фон Берг", "Карл", "Фридрихович")),
        ("фон дер Гольц Карл", ("фон дер Гольц", "Карл", None)),
        ("де Голль Шарль", ("де Голль", "Шарль", None)),
        # A capital Де is a name, not a particle; a Korean given name's syllables stay
        # one given name, and no patronymic is made of the last.
        ("Ким Де Сун", ("Ким", "Де Сун", None)),
        ("Пак Ен Хо", ("Пак", "Ен Хо", None)),
        ("Ли Сун И", ("Ли", "Сун И", None)),
        ("Ким Де Сун Николаевич", ("Ким", "Де Сун", "Николаевич")),
        ("Цой Мария Николаевна", ("Цой", "Мария", "Николаевна")),
        ("Петров И.П.", ("Петров", "И.", "П.")),
        ("Есимов Бек Касым улы", ("Есимов", "Бек", "Касым улы")),
        ("Мамедов Али Гасан оглы", ("Мамедов", "Али", "Гасан оглы")),
        ("Мамедов Гасан оглы", ("Мамедов", None, "Гасан оглы")),
        # -кулы: a given name, not refused as a patronymic; a father's name written bare
        # is the patronymic, as Central Asian records write it.
        ("Курбанов Ташкулы Курбан", ("Курбанов", "Ташкулы", "Курбан")),
        ("Сейтов Ахмет Касым", ("Сейтов", "Ахмет", "Касым")),
        ("Ким Ен Чер", ("Ким", "Ен Чер", None)),
        # A syllable longer than three letters: read as before, the third word the
        # patronymic (nothing is lost; the row as read keeps the cell).
        ("Ким Чхоль Су", ("Ким", "Чхоль", "Су")),
        ("Жумабаев Ахмет Касымович", ("Жумабаев", "Ахмет", "Касымович")),
        ("Абдрахманов Габит", ("Абдрахманов", "Габит", None)),
        ("Сейтов Касым-улы", ("Сейтов", None, "Касым-улы")),
        ("Сейтов Ахмет Касым-улы", ("Сейтов", "Ахмет", "Касым-улы")),
        # What follows the patronymic stays with it; initials and shortenings are read.
        ("Иванов Иван Иванович 2-й", ("Иванов", "Иван", "Иванович 2-й")),
        ("Петров Иван Петрович (Павлович)", ("Петров", "Иван", "Петрович (Павлович)")),
        ("Петров Иван Петрович?", ("Петров", "Иван", "Петрович?")),
        ("Петров Иван Ив.", ("Петров", "Иван", "Ив.")),
        ("Петров И. П.", ("Петров", "И.", "П.")),
        ("Петров И П", ("Петров", "И", "П")),
        # Typed with a Latin "a", an old soft sign, as spoken: still a patronymic.
        ("Петрова Анна Петровнa", ("Петрова", "Анна", "Петровнa")),
        ("Сидоров Иван Кузьмичь", ("Сидоров", "Иван", "Кузьмичь")),
        ("Петрова Анна Ильинишна", ("Петрова", "Анна", "Ильинишна")),
        ("Бабич Иван Петрович", ("Бабич", "Иван", "Петрович")),
        ("Малиневич Иван Петрович", ("Малиневич", "Иван", "Петрович")),
        ("Мицкевич Адам Бернардович", ("Мицкевич", "Адам", "Бернардович")),
        ("Бекмухамедов Есим Касымович", ("Бекмухамедов", "Есим", "Касымович")),
    ],
)
def test_a_full_name_splits_surname_first(full, parts):
    assert split_full_name(full) == parts


@pytest.mark.parametrize(
    "full",
    [
        "Иван Иванович Иванов", "Мария Ивановна Петрова", "Сергей Ильич Орлов",
        "Павел Кузьмич Яковлев", "Іван Пятровіч Сакалоў", "Ганна Пятроўна Мікалаеўская",
        "Иван Петрович Малиневич", "Мария Ивановна Богданович", "Адам Бернардович Мицкевич",
        "Ахмет Касымович Жумабаев",
    ],
)  # fmt: skip
def test_a_full_name_written_given_name_first_is_refused(full):
    with pytest.raises(ValueError, match="reads as given name, patronymic, surname"):
        split_full_name(full)
    with pytest.raises(ValueError, match="reads as given name, patronymic, surname"):
        check_surname(full)  # the whole name typed into the surname column


def test_a_dash_is_a_registers_none_but_no_surname():
    assert check_name_part("-") == "-" and check_name_part("—") == "—"
    with pytest.raises(ValueError, match="a dash, not a surname"):
        check_surname("-")


# What a list writes beside a name is refused, never read into the name nor moved into
# another field: each reason names what the cell holds and where it goes.
@pytest.mark.parametrize(
    ("full", "said"),
    [
        (
            "ТЕСТОВ Ерлан Жумабаевич, 1913 г.р., кр-ц",
            "a year of birth (1913 г.р.): put it in the birth date column; a rank (кр-ц): "
            "put it in the rank column",
        ),
        ("Тестов Ерлан Жумабаевич 1913", "a year (1913): put it in the birth or death date"),
        ("Тестов Ерлан Жумабаевич (1913)", "a year (1913)"),
        ("Тестов Ерлан Жумабаевич 1913г.р.", "a year of birth (1913г.р.)"),
        ("Тестов Ерлан 123", "a number (123), no part of a name"),
        (
            "Тестов Ерлан Жумабаевич / Тестов Ерлан Жумабекович",
            "two names or spellings parted by '/'",
        ),
        ("Тестов/Тестаев Ерлан", "two names or spellings parted by '/'"),
        ("Тестов ст. сержант Ерлан", "a rank (ст. сержант): put it in the rank column"),
        ("Тестов Ерлан Жумабаевич красноармеец", "a rank (красноармеец)"),
        ("Тестов Ерлан Жумабаевич мл.лейтенант", "a rank (мл.лейтенант)"),
        ("Тэстаў Ерлан Жумабаевіч радавы", "a rank (радавы)"),
        ("Тестов Ерлан партизан", "a rank (партизан)"),
        # A comma inside a part, and words after the patronymic, would be lost in it.
        ("Ким Де, Сун", "a comma inside a part of the name ('Де, Сун')"),
        ("Мамедов Али Гасан, оглы", "a comma inside a part of the name ('Гасан, оглы')"),
        ("Тестов Ерлан Жумабаевич, Жумабекович", "words after the patronymic ('Жумабекович')"),
        ("Тестов Ерлан Жумабаевич уроженец д. Ляды", "words after the patronymic ('уроженец"),
    ],
)
def test_a_full_name_cell_holding_more_than_a_name_is_refused(full, said):
    with pytest.raises(ValueError) as refused:
        split_full_name(full)
    assert said in str(refused.value)


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        # Commas part the surname, given name and patronymic; inside brackets they stay.
        ("Тестов, Ерлан, Жумабаевич", ("Тестов", "Ерлан", "Жумабаевич")),
        ("Тестов, Ерлан Жумабаевич", ("Тестов", "Ерлан", "Жумабаевич")),
        ("Ким, Де Сун", ("Ким", "Де Сун", None)),
        ("Петров, И.П.", ("Петров", "И.", "П.")),
        ("Тестов Ерлан,", ("Тестов", "Ерлан", None)),
        ("Тестов (Тестаев, Тестенов) Ерлан", ("Тестов (Тестаев, Тестенов)", "Ерлан", None)),
        # Kazakh patronymics, double surnames, a capital rank word as a surname.
        ("Тестов Ерлан Жұмабайұлы", ("Тестов", "Ерлан", "Жұмабайұлы")),
        ("Тестов Ерлан Жұмабай ұлы", ("Тестов", "Ерлан", "Жұмабай ұлы")),
        ("Тестова Айгүл Жұмабай қызы", ("Тестова", "Айгүл", "Жұмабай қызы")),
        ("Тестов Ерлан Жумабай улы", ("Тестов", "Ерлан", "Жумабай улы")),
        ("Тестов Ерлан Жумабай-улы", ("Тестов", "Ерлан", "Жумабай-улы")),
        ("Тестов-Тестович Иван", ("Тестов-Тестович", "Иван", None)),
        ("Тест Ен Хо", ("Тест", "Ен Хо", None)),
        ("Майор Иван Петрович", ("Майор", "Иван", "Петрович")),
        ("Тестов Ерлан Жумабаевич 2-й", ("Тестов", "Ерлан", "Жумабаевич 2-й")),
        ("Тестов Ерлан Жумабаевич ?", ("Тестов", "Ерлан", "Жумабаевич ?")),
        ("Тестов Ерлан Ж-вич", ("Тестов", "Ерлан", "Ж-вич")),
        # An unknown soldier as registers name him: no rank taken out of it.
        ("Неизвестный красноармеец", ("Неизвестный", "красноармеец", None)),
        # A namesake's junior or senior stays in the patronymic, as "2-й" does.
        ("Тестов Петр Сидорович мл.", ("Тестов", "Петр", "Сидорович мл.")),
        ("Тестов Петр Сидорович ст.", ("Тестов", "Петр", "Сидорович ст.")),
    ],
)
def test_a_full_name_with_commas_or_kazakh_patronymic_still_splits(full, parts):
    assert split_full_name(full) == parts
    for part in parts[1:]:
        if part:
            assert check_name_part(part) == part


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Тестов 1913", "a year (1913)"),
        ("Жумабаевич 1913 г.р.", "a year of birth (1913 г.р.)"),
        ("Жумабаевич/Жумабекович", "parted by '/'"),
        ("сержант", "a rank (сержант)"),
        ("Ерлан ст. сержант", "a rank (ст. сержант)"),
        ("кр-ц", "a rank (кр-ц)"),
        ("Тестов сержант", "a rank (сержант)"),
        ("Неизвестный сержант Тестов", "a rank (сержант)"),
        # A letter a code page could not hold, saved as "?".
        ("Тест?лы", "a '?' where a letter was ('Тест?лы')"),
        ("Н?рлан", "a '?' where a letter was"),
        ("Ж?мабай?лы", "a '?' where a letter was"),
        ("?скак", "a '?' where a letter was"),
        ("Жумабай ?лы", "a '?' where a letter was ('?лы')"),
    ],
)
def test_a_name_part_holding_more_than_a_name_is_refused(text, said):
    with pytest.raises(ValueError) as refused:
        check_name_part(text)
    assert said in str(refused.value)
    with pytest.raises(ValueError):
        check_surname(text)


@pytest.mark.parametrize(
    "text",
    [
        # The list's doubt after a word, and a letter it leaves unread, written so.
        "Иванов?", "Иванов (?)", "Н[?]рлан", "Неизвестный красноармеец",
        "Невядомы чырвонаармеец", "Неизвестный партизан", "Невядомы партызан", "Майор",
        "Капитан", "Иванов 12", "Иванов (1)",
        "Иванов (Иваненко/Иваньков)",
        # "мл." alone may be a namesake's "junior": a rank only before one.
        "Иванов мл.",
    ],
)  # fmt: skip
def test_doubts_unknown_soldiers_and_ordinals_are_names(text):
    assert check_name_part(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Неизвестный лейтенант", "Неизвестный капитан", "Неизвестный рядовой",
        "Неизвестный сержант", "Неизвестный матрос", "Неизвестный старшина",
        "Неизвестный политрук", "Неизвестный ефрейтор", "Неизвестный военфельдшер",
        "Неизвестный ст. лейтенант", "Неизвестный гвардии рядовой", "Невядомы лейтэнант",
        "Неизвестный красноармеец (1)", "Неизвестные солдат", "Белгісіз солдат",
        "Unknown soldier", "Неизвестный ст.лейтенант", "Неизвестный мл. сержант",
    ],
)  # fmt: skip
def test_an_unknown_soldier_named_by_rank_is_a_name(text):
    assert check_name_part(text) == text
    assert check_surname(text) == text
    surname, given, patronymic = split_full_name(text)
    assert f"{surname} {given}" == text and patronymic is None


def test_a_rank_in_the_given_name_column_only_beside_an_unknown_soldier_s_surname():
    # Split as "Неизвестный красноармеец" is: the unknown word (with an ordinal after
    # it) the surname, the rank the given name, as written; alone, the rank is refused.
    for full, parts in [
        ("Неизвестный ст. лейтенант", ("Неизвестный", "ст. лейтенант", None)),
        ("Неизвестный гвардии рядовой", ("Неизвестный", "гвардии рядовой", None)),
        ("Невядомы лейтэнант", ("Невядомы", "лейтэнант", None)),
        ("Неизвестная санинструктор", ("Неизвестная", "санинструктор", None)),
        ("Неизвестный красноармеец (1)", ("Неизвестный", "красноармеец (1)", None)),
        ("Неизвестный 2-й красноармеец", ("Неизвестный 2-й", "красноармеец", None)),
    ]:
        assert split_full_name(full) == parts
        assert check_given_name(parts[1], parts[0]) == parts[1]
    assert check_given_name("ст. лейтенант", "Неизвестный") == "ст. лейтенант"
    assert check_given_name("красноармеец (1)", "Неизвестный 2-й") == "красноармеец (1)"
    assert check_given_name("лейтэнант", "Невядомы") == "лейтэнант"
    for given, surname in [("ст. сержант", "Тестов"), ("лейтенант", None),
                           ("лейтенант Тестов", "Неизвестный"),
                           ("сержант", "Неизвестный лейтенант")]:  # fmt: skip
        with pytest.raises(ValueError, match="a rank"):
            check_given_name(given, surname)


# Kazakh lists write most ranks as Russian ones do ("сержант", "капитан"), "кіші" and "аға"
# for junior and senior, and two ranks of two words: "қатардағы жауынгер" (private) and
# "қызыл әскер" (red army man, also "қызыләскер").
@pytest.mark.parametrize(
    ("full", "rank"),
    [
        ("Тестов Ерлан қатардағы жауынгер", "қатардағы жауынгер"),
        ("Тестов Ерлан Жұмабайұлы қызыләскер", "қызыләскер"),
        ("Тестов Ерлан қызыл әскер", "қызыл әскер"),
        ("Тестов Ерлан Жұмабайұлы кіші сержант", "кіші сержант"),
        ("Тестов Ерлан аға сержант", "аға сержант"),
        ("Тестов кіші лейтенант Ерлан", "кіші лейтенант"),
        ("Тестов Ерлан аға лейтенант", "аға лейтенант"),
        ("Тестов Ерлан Жұмабайұлы ефрейтор", "ефрейтор"),
        ("Тестов Ерлан старшина", "старшина"),
        ("Тестов Ерлан подполковник", "подполковник"),
    ],
)
def test_a_kazakh_rank_beside_a_name_is_refused_whole(full, rank):
    said = f"a rank ({rank}): put it in the rank column"
    for check in (split_full_name, check_name_part, check_surname):
        with pytest.raises(ValueError) as refused:
            check(full)
        assert said in str(refused.value), check
    with pytest.raises(ValueError, match=re.escape(said)):
        check_given_name(rank, "Тестов")


@pytest.mark.parametrize(
    "text",
    # A word of a rank alone is none ("аға", "кіші" may be a namesake's senior or
    # junior, as "мл." is; "қызыл" is "red"), nor is a capital one, which may be a name.
    ["Тестов кіші", "Тестов аға", "Қызыл", "Тестов Қызыл", "Аға Сержант", "Жауынгер"],
)
def test_a_word_of_a_kazakh_rank_alone_or_a_capital_one_is_no_rank(text):
    assert check_name_part(text) == text


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Белгісіз жауынгер", ("Белгісіз", "жауынгер", None)),
        ("Белгісіз сержант", ("Белгісіз", "сержант", None)),
        ("Белгісіз қызыләскер", ("Белгісіз", "қызыләскер", None)),
        ("Белгісіз қызыл әскер", ("Белгісіз", "қызыл әскер", None)),
        ("Белгісіз қатардағы жауынгер", ("Белгісіз", "қатардағы жауынгер", None)),
        ("Белгісіз кіші сержант", ("Белгісіз", "кіші сержант", None)),
        ("Белгісіз аға лейтенант", ("Белгісіз", "аға лейтенант", None)),
        ("Белгісіз партизан", ("Белгісіз", "партизан", None)),
        ("Белгісіз 2-й қатардағы жауынгер", ("Белгісіз 2-й", "қатардағы жауынгер", None)),
    ],
)
def test_an_unknown_soldier_named_in_kazakh_is_a_name(text, parts):
    """ "Белгісіз қатардағы жауынгер" was split with a patronymic "жауынгер", and
    "Белгісіз кіші сержант" refused as a rank beside a name."""
    assert check_name_part(text) == text
    assert check_surname(text) == text
    assert split_full_name(text) == parts
    assert check_given_name(parts[1], parts[0]) == parts[1]


TOTAL_LINE = "a total line of the list, not a person: leave it out"


@pytest.mark.parametrize(
    "text",
    [
        "Всего по району: 4 человека", "Итого: 35", "Итого", "ИТОГО:", "Всего 35",
        "Всего захоронено 120 человек, из них известных 35", "Итого по Дубровенскому району",
        "Усяго: 12", "Усяго 12", "Барлығы: 12", "Барлыгы 12", "Жиыны 12", "Жиыны:",
        "Барлығы 12 адам",
    ],
)  # fmt: skip
def test_a_total_line_is_refused_as_such(text):
    for check in (check_name_part, check_surname, check_patronymic, split_full_name):
        with pytest.raises(ValueError) as refused:
            check(text)
        assert str(refused.value).startswith(TOTAL_LINE), check


@pytest.mark.parametrize(
    "full",
    ["Всеволодов Иван", "Итогов Ерлан", "Итоговский Иван", "Всегодаев Иван", "Усягоў Іван",
     "Барлыбаев Серик", "Жиынбаев Серик"],
)  # fmt: skip
def test_surnames_that_begin_as_a_total_word_are_names(full):
    surname, given, _ = split_full_name(full)
    assert check_surname(surname) == surname and f"{surname} {given}" == full


@pytest.mark.parametrize(
    "word",
    [
        "жауынгер", "боец", "солдат", "красноармеец", "рядовой", "сержант", "ефрейтор",
        "мл. сержант", "лейтенант", "партизан", "партизанка", "радавы", "баец", "салдат",
        "чырвонаармеец", "партызан", "партызанка",
    ],
)  # fmt: skip
def test_a_rank_or_a_soldier_s_word_in_small_letters_is_refused(word):
    said = f"the name cell holds a rank ({word}): put it in the rank column"
    with pytest.raises(ValueError, match=re.escape(said)):
        check_patronymic(word)
    with pytest.raises(ValueError, match=re.escape(said)):
        check_given_name(word, "Тестов")
    for full in (f"Тестов Ерлан {word}", f"{word} Тестов Ерлан", f"Тестов Ерлан Жумабаевич {word}"):
        with pytest.raises(ValueError, match=re.escape(f"a rank ({word})")):
            split_full_name(full)
    # Beside an unknown soldier's surname, his name.
    assert check_given_name(word, "Неизвестный") == word


@pytest.mark.parametrize(
    "word", ["Боец", "Солдат", "Рядовой", "Красноармеец", "Жауынгер", "Партизан", "Майор",
             "Мл. Сержант", "РЯДОВОЙ"],
)  # fmt: skip
def test_a_capital_rank_alone_in_a_given_name_or_patronymic_cell_is_refused(word):
    said = f"the name cell holds a rank ({word}): put it in the rank column"
    with pytest.raises(ValueError, match=re.escape(said)):
        check_patronymic(word)
    with pytest.raises(ValueError, match=re.escape(said)):
        check_given_name(word, "Тестов")
    # A surname alike, beside a given name: a name.
    if " " not in word:
        with pytest.raises(ValueError, match=re.escape(f"a rank ({word})")):
            split_full_name(f"Тестов Ерлан {word}")
        assert check_surname(word) == word
        assert check_given_name("Иван", word) == "Иван"


def test_a_capital_rank_first_is_a_surname_only_before_a_given_name_and_patronymic():
    for full, parts in [
        ("Боец Иван Петрович", ("Боец", "Иван", "Петрович")),
        ("Рядовой Иван Петрович", ("Рядовой", "Иван", "Петрович")),
        ("Солдат Ерлан Жұмабайұлы", ("Солдат", "Ерлан", "Жұмабайұлы")),
        ("Боец Иван", ("Боец", "Иван", None)),
        ("Солдатов Иван Петрович", ("Солдатов", "Иван", "Петрович")),
    ]:
        assert split_full_name(full) == parts
    for full in ("Рядовой Тестов Ерлан", "Боец Тестов Ерлан Жумабаевич", "Сержант Ким Де Сун"):
        word = full.split()[0]
        with pytest.raises(ValueError, match=re.escape(f"a rank ({word}) before the name")):
            split_full_name(full)
    # A given name that is a soldier's word too ("Воин") is a name.
    assert check_given_name("Воин", "Тестов") == "Воин"
    assert split_full_name("Тестов Воин Петрович") == ("Тестов", "Воин", "Петрович")


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Иванов* Иван", ("Иванов*", "Иван", None)),
        ("Петров И.И.**", ("Петров", "И.", "И.**")),
        ("Петров И.И.?", ("Петров", "И.", "И.?")),
        ("Сидоров¹ Иван Петрович", ("Сидоров¹", "Иван", "Петрович")),
        # A mark after the patronymic: still read as one.
        ("Ким Де Сун Николаевич¹", ("Ким", "Де Сун", "Николаевич¹")),
        ("Тестов Ерлан Жумабаевич ¹", ("Тестов", "Ерлан", "Жумабаевич ¹")),
    ],
)
def test_a_footnote_mark_stays_with_its_word(full, parts):
    assert split_full_name(full) == parts
    assert all(check_name_part(part) == part for part in parts if part)


@pytest.mark.parametrize(
    "text",
    [
        "Похоронено всего 35 человек", "Из них всего: 12", "Из них всего 12",
        "Похоронено всего: 35", "Из них итого 12", "Пахавана ўсяго 12", "Пахавана усяго: 12",
        "Жерленгендер барлығы 12 адам", "12 адам барлығы", "Похоронено всего",
    ],
)  # fmt: skip
def test_a_total_line_with_its_total_word_further_on_is_refused_as_such(text):
    """Such a line got "not a name: a title, a total or a signature line?", split from a
    full name into parts each refused apart, or ("Пахавана ўсяго 12") was a surname."""
    for check in (check_name_part, check_surname, check_patronymic, split_full_name):
        with pytest.raises(ValueError) as refused:
            check(text)
        assert str(refused.value).startswith(TOTAL_LINE), check


@pytest.mark.parametrize(
    "word",
    ["боец", "жауынгер", "красноармеец", "рядовой", "партизан", "солдат", "баец",
     "чырвонаармеец", "сержант", "ст. сержант", "рядовой 2-й", "қатардағы жауынгер"],
)  # fmt: skip
def test_a_rank_or_a_soldier_s_word_in_small_letters_is_no_surname(word):
    said = f"a rank or a soldier's word ({word}) where the surname goes, not a surname"
    with pytest.raises(ValueError, match=re.escape(said)) as refused:
        check_surname(word)
    assert "«Неизвестный»" in str(refused.value)
    # A capital one may be a surname; an unknown soldier's name by one is a name.
    capital = word[0].upper() + word[1:]
    if " " not in word:
        assert check_surname(capital) == capital
    assert check_surname(f"Неизвестный {word}") == f"Неизвестный {word}"


@pytest.mark.parametrize(
    ("full", "word"),
    [
        ("Майор Иван Петрович", "Майор"), ("Капитан Иванов", "Капитан"), ("Боец Ерлан", "Боец"),
        ("Рядовой Иван Петрович", "Рядовой"), ("Майоров Иван", None), ("Тестов Ерлан", None),
        ("Неизвестный капитан", None), ("Майор Ерлан Касым", None), ("боец", None),
        ("Итого: 35", None),
    ],
)  # fmt: skip
def test_a_surname_alike_a_rank_is_named_where_a_full_name_is_split_so(full, word):
    """A full name stored with a capital rank as its surname (refused cells aside)."""
    assert surname_alike_a_rank(full) == word


@pytest.mark.parametrize(
    "cell",
    ["боец.", "солдат.", "жауынгер.", "боец;", "(боец)", "«красноармеец»", "боец*", "рядовой*",
     "[партизан]"],
)  # fmt: skip
def test_a_soldier_s_word_as_a_list_writes_it_is_no_surname(cell):
    """With a stop, a footnote's mark, brackets or quotes, as a list may write it, the word
    alone in the surname cell is still no surname; with a capital it may be one."""
    with pytest.raises(ValueError, match="where the surname goes, not a surname"):
        check_surname(cell)
    capital = cell.replace(cell.strip("()[]«»")[0], cell.strip("()[]«»")[0].upper(), 1)
    assert check_surname(capital) == capital


@pytest.mark.parametrize(
    ("cell", "word"),
    [("Иванов И.И. и др., всего 12 чел.", "всего"), ("Петров Петр Петрович, итого 1", "итого"),
     ("Иванов Иван (всего 3 брата)", "всего"), ("Пахавана разам 12", "разам")],
)  # fmt: skip
def test_a_total_after_words_that_may_name_a_person_says_how_to_keep_him(cell, word):
    """Refused as a total line, and told that the words before it, where they name a
    person, are to be written alone: a person named beside a total is not to be lost."""
    for check in (check_surname, split_full_name):
        with pytest.raises(ValueError) as refused:
            check(cell)
        assert str(refused.value).startswith(TOTAL_LINE)
        assert f"where the words before «{word}» name a person, write his name alone" in str(
            refused.value
        )
    # A total word first is a total line alone.
    with pytest.raises(ValueError) as refused:
        check_surname("Итого: 35")
    assert "where the words before" not in str(refused.value)


@pytest.mark.parametrize("cell", ["Разам 12 чалавек", "Пахавана 12 чалавек", "Разам: 4"])
def test_belarusian_total_lines_without_a_russian_word_are_refused(cell):
    """ "Разам" (in all) is a total word; "чалавек" (persons) a word of a list's lines, as
    "человек" is: no part of a name, whichever part a full name splits it into."""
    with pytest.raises(ValueError):
        check_surname(cell)
    try:
        surname, given, _ = split_full_name(cell)
    except ValueError:
        return
    with pytest.raises(ValueError):
        check_given_name(given, surname)
