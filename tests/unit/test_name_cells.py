"""Name cells: what a name may hold, and how a full name splits (importers.name_cells)."""

from __future__ import annotations

import pytest

from mapapp.importers.name_cells import check_name_part, check_surname, split_full_name


@pytest.mark.parametrize(
    "text",
    [
        "Итого: 2 человека", "Всего 35", "Итого", "Список составил военком Петров",
        "Список военнослужащих, захороненных в братской могиле д. Каменка", "Подпись",
        "М.П.", "Военком Калинковичского РВК капитан Петров", "д. Озаричи", "г. Калинковичи",
        "?", "н/д", "Нет данных.", "нет сведений", "б/ф", "не установлено", "Нет",
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
        "Неизвестный", "Списков", "Составкин", "Человеков",
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
