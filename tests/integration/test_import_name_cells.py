"""A name cell holds a name: a list's last lines ("Итого: 2 человека"), and cells that
say a name is not known, are refused with their row; a full name written given name
first is refused rather than split into a wrong surname."""

from __future__ import annotations

from sqlalchemy import text

from tests.integration.test_import_real_files import write

HEADER = "Фамилия;Имя;Отчество;Место захоронения;Район захоронения\n"
FULL_NAME_HEADER = "ФИО;Место захоронения;Район захоронения\n"


def line(surname: str, given: str = "Бек", patronymic: str = "") -> str:
    return f"{surname};{given};{patronymic};Шуховцы;Дубровенский\n"


def stored_names(engine, batch_id) -> list[tuple]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT surname, given_name, patronymic FROM persons "
                    "WHERE import_batch_id = :b ORDER BY import_row"
                ),
                {"b": batch_id},
            )
        ]


def test_the_lines_below_a_list_are_refused_never_persons(run, tmp_path, engine, counts):
    content = (
        HEADER + line("Абаев") + line("Бабаев")
        + ";Итого: 2 человека;;;\n"
        + "Список составил: военком Петров;;;;\n"
        + line("Всего 35")
    )  # fmt: skip
    before = counts()
    report = run("persons", write(tmp_path, "footer.csv", content))
    assert not report.committed and counts() == before
    problems = {p.row: str(p) for p in report.problems}
    assert sorted(problems) == [4, 5, 6]
    assert "column 'Имя'" in problems[4] and "a total line of the list, not a person" in problems[4]
    assert "column 'Фамилия'" in problems[5] and "Список составил" in problems[5]
    report = run("persons", write(tmp_path, "footer.csv", content), skip_invalid=True)
    assert report.committed and (report.added, report.rejected) == (2, 3)
    assert [n[0] for n in stored_names(engine, report.batch_id)] == ["Абаев", "Бабаев"]


def test_cells_that_say_a_name_is_not_known_are_refused(run, tmp_path):
    content = HEADER + line("?") + line("Ахметов", given="н/д") + line("Ахметов", "Ерлан", "?")
    report = run("persons", write(tmp_path, "unknown.csv", content))
    problems = {p.row: str(p) for p in report.problems}
    assert sorted(problems) == [2, 3, 4]
    assert "no letter in a name" in problems[2]
    assert "column 'Имя'" in problems[3] and "says that the name is not known" in problems[3]
    assert "column 'Отчество'" in problems[4] and "no letter in a name" in problems[4]


def test_a_misread_letter_inside_a_name_is_kept_as_written(run, tmp_path, engine):
    report = run("persons", write(tmp_path, "ocr.csv", HEADER + line("Ахметов", "Ерб0лат")))
    assert report.committed, [str(p) for p in report.problems]
    assert stored_names(engine, report.batch_id) == [("Ахметов", "Ерб0лат", None)]


def test_a_full_name_splits_surname_first_and_given_first_is_refused(run, tmp_path, engine):
    content = FULL_NAME_HEADER + "".join(
        f"{full};Шуховцы;Дубровенский\n"
        for full in ("Иванов Иван Иванович", "фон Берг Карл", "Есимов Бек Касым улы")
    )
    report = run("persons", write(tmp_path, "full.csv", content))
    assert report.committed, [str(p) for p in report.problems]
    assert stored_names(engine, report.batch_id) == [
        ("Иванов", "Иван", "Иванович"),
        ("фон Берг", "Карл", None),
        ("Есимов", "Бек", "Касым улы"),
    ]
    given_first = FULL_NAME_HEADER + "Мария Ивановна Петрова;Шуховцы;Дубровенский\n"
    report = run("persons", write(tmp_path, "given_first.csv", given_first))
    assert not report.committed
    assert str(report.problems[0]).startswith(
        "row 2, column 'ФИО': reads as given name, patronymic, surname (Петрова last)"
    )


def test_namesakes_told_apart_by_an_ordinal_and_capital_surnames_are_kept(run, tmp_path, engine):
    content = HEADER + line("Иванов 2-й") + line("Иванов-3")
    report = run("persons", write(tmp_path, "ordinals.csv", content))
    assert report.committed, [str(p) for p in report.problems]
    assert [n[0] for n in stored_names(engine, report.batch_id)] == ["Иванов 2-й", "Иванов-3"]
    full = FULL_NAME_HEADER + "Де Ен Сик;Шуховцы;Дубровенский\n"
    report = run("persons", write(tmp_path, "korean.csv", full))
    assert stored_names(engine, report.batch_id) == [("Де", "Ен Сик", None)]


def test_a_korean_given_name_in_syllables_gets_no_made_up_patronymic(run, tmp_path, engine):
    """Koreans deported to Kazakhstan in 1937 write the given name in syllables: the words
    after the surname are one given name unless the last reads as a patronymic."""
    names = (
        "Ким Де Сун", "Пак Ен Хо", "Ким Де Сун Николаевич", "Жумабаев Ахмет Касымович",
        "Абдрахманов Габит", "Сейтов Касым-улы", "Петров Иван Ив.",
    )  # fmt: skip
    content = FULL_NAME_HEADER + "".join(f"{n};Шуховцы;Дубровенский\n" for n in names)
    report = run("persons", write(tmp_path, "koryo_saram.csv", content))
    assert report.committed and report.added == len(names), [str(p) for p in report.problems]
    assert stored_names(engine, report.batch_id) == [
        ("Ким", "Де Сун", None),
        ("Пак", "Ен Хо", None),
        ("Ким", "Де Сун", "Николаевич"),
        ("Жумабаев", "Ахмет", "Касымович"),
        ("Абдрахманов", "Габит", None),
        ("Сейтов", None, "Касым-улы"),
        ("Петров", "Иван", "Ив."),
    ]


def test_a_dash_alone_is_kept_as_written_but_is_no_surname(run, tmp_path, engine):
    """A register's "-" for no patronymic stays as it is written (it is part of a row's
    key: read as empty, a row imported before would be taken for a new record)."""
    content = HEADER + line("Дашев", "Иван", "-") + line("Тиреев", "—", "–")
    report = run("persons", write(tmp_path, "dashes.csv", content))
    assert report.committed, [str(p) for p in report.problems]
    assert stored_names(engine, report.batch_id) == [("Дашев", "Иван", "-"), ("Тиреев", "—", "–")]
    report = run("persons", write(tmp_path, "no_surname.csv", HEADER + line("-")))
    assert str(report.problems[0]).startswith("row 2, column 'Фамилия': a dash, not a surname")


def test_an_unknown_soldier_row_is_a_record_not_a_header(run, tmp_path, engine):
    header = "Фамилия;Имя;Отчество;Воинское звание;Место захоронения;Район захоронения\n"
    content = header + "Неизвестно;Неизвестно;Неизвестно;Партизан;Шуховцы;Дубровенский\n"
    content += "Неизвестно;Неизвестно;Неизвестно;;;\n"
    report = run("persons", write(tmp_path, "unknown_soldiers.csv", content))
    assert report.committed and report.added == 2, [str(p) for p in report.problems]


def test_a_row_numbering_the_columns_is_refused_as_such(run, tmp_path, engine):
    content = HEADER + "1;2;3;4;5\n" + line("Нумеров")
    report = run("persons", write(tmp_path, "numbered.csv", content), skip_invalid=True)
    assert [str(p) for p in report.problems] == [
        "row 2: numbers the columns (1, 2, 3 …), not a record: delete it"
    ]
    assert stored_names(engine, report.batch_id) == [("Нумеров", "Бек", None)]


def test_one_id_on_two_rows_names_each_rows_own_id(run, tmp_path):
    header = "ID записи;Фамилия;Место захоронения;Район захоронения\n"
    content = header + "0123;Первый;Шуховцы;Дубровенский\n00123;Второй;Шуховцы;Дубровенский\n"
    report = run("persons", write(tmp_path, "ids.csv", content))
    assert [str(p) for p in report.problems] == [
        "row 2, column 'ID записи': record id '0123' is also in row 3 (as '00123') (one id, "
        "two rows)",
        "row 3, column 'ID записи': record id '00123' is also in row 2 (as '0123') (one id, "
        "two rows)",
    ]


def stored_full_rows(engine, batch_id) -> list[tuple]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT import_row, surname, given_name, patronymic FROM persons "
                    "WHERE import_batch_id = :b ORDER BY import_row"
                ),
                {"b": batch_id},
            )
        ]


def test_a_full_name_cell_with_a_year_a_rank_or_a_second_name_is_refused(
    run, tmp_path, engine, counts
):
    """Never a patronymic "Жумабаевич 1913 г.р. кр-ц", its commas dropped: the row is
    refused, naming what the cell holds beside the name and where it goes; a rank or a
    year is not moved into another field on a guess. Names written as registers write
    them (commas between the parts, Kazakh patronymics, double surnames) are read."""
    cells = [
        "ТЕСТОВ Ерлан Жумабаевич, 1913 г.р., кр-ц",
        "Тестов Ерлан Жумабаевич 1913",
        "Тестов Ерлан Жумабаевич / Тестов Ерлан Жумабекович",
        "Тестов ст. сержант Ерлан",
        "Тестов Ерлан Жумабаевич уроженец д. Ляды",
        "Тестов, Ерлан, Жумабаевич",
        "Тестов Нурлан Жұмабай ұлы",
        "Тестов-Тестович Серик Жумабай улы",
        "Тест Ен Хо",
        "Неизвестный красноармеец",
    ]
    content = FULL_NAME_HEADER + "".join(f'"{c}";Шуховцы;Дубровенский\n' for c in cells)
    path = write(tmp_path, "names.csv", content)
    before = counts()
    report = run("persons", path)
    assert not report.committed and counts() == before
    assert [str(p) for p in report.problems] == [
        "row 2, column 'ФИО': the name cell holds a year of birth (1913 г.р.): put it in the "
        "birth date column; a rank (кр-ц): put it in the rank column (value: 'ТЕСТОВ Ерлан "
        "Жумабаевич, 1913 г.р., кр-ц')",
        "row 3, column 'ФИО': the name cell holds a year (1913): put it in the birth or death "
        "date column it belongs to (value: 'Тестов Ерлан Жумабаевич 1913')",
        "row 4, column 'ФИО': the name cell holds two names or spellings parted by '/': keep "
        "one; another spelling goes in brackets after the word it differs in ('Жумабаевич "
        "(Жумабекович)') or in a column of name variants, another person in a row of their "
        "own (value: 'Тестов Ерлан Жумабаевич / Тестов Ерлан Жумабекович')",
        "row 5, column 'ФИО': the name cell holds a rank (ст. сержант): put it in the rank "
        "column (value: 'Тестов ст. сержант Ерлан')",
        "row 6, column 'ФИО': words after the patronymic ('уроженец д. Ляды'): a full name "
        "cell holds the surname, given name and patronymic only; write other facts in "
        "columns of their own, another spelling in brackets after its word (value: 'Тестов "
        "Ерлан Жумабаевич уроженец д. Ляды')",
    ]
    report = run("persons", path, skip_invalid=True)
    assert report.committed and (report.added, report.rejected) == (5, 5)
    assert stored_full_rows(engine, report.batch_id) == [
        (7, "Тестов", "Ерлан", "Жумабаевич"),
        (8, "Тестов", "Нурлан", "Жұмабай ұлы"),
        (9, "Тестов-Тестович", "Серик", "Жумабай улы"),
        (10, "Тест", "Ен Хо", None),
        (11, "Неизвестный", "красноармеец", None),
    ]
    # The refused rows are kept as read, commas and all, to be mended and imported.
    rejects = report.rejects_file.read_text(encoding="utf-8-sig")
    assert "\nТЕСТОВ Ерлан Жумабаевич, 1913 г.р., кр-ц;Шуховцы;" in rejects


def test_a_year_a_rank_or_a_second_name_in_a_name_column_is_refused(run, tmp_path, engine):
    content = (
        HEADER
        + line("Тестов", "Ерлан", "Жумабаевич 1913")
        + line("Тестов", "Ерлан", "Жумабаевич/Жумабекович")
        + line("Тестов", "сержант")
        + line("Тестов 123", "Ерлан")
        + line("Тестов", "Ерлан", "Жумабаевич 2-й")
    )
    report = run("persons", write(tmp_path, "parts.csv", content), skip_invalid=True)
    problems = {p.row: str(p) for p in report.problems}
    assert sorted(problems) == [2, 3, 4, 5]
    assert problems[2].startswith("row 2, column 'Отчество': the name cell holds a year (1913)")
    assert problems[3].startswith("row 3, column 'Отчество': the name cell holds two names")
    assert problems[4].startswith("row 4, column 'Имя': the name cell holds a rank (сержант)")
    assert problems[5].startswith("row 5, column 'Фамилия': the name cell holds a number (123)")
    assert stored_names(engine, report.batch_id) == [("Тестов", "Ерлан", "Жумабаевич 2-й")]


def test_a_letter_lost_to_the_code_page_refuses_its_row(run, tmp_path, engine):
    """Kazakh letters saved in a Windows Cyrillic file become "?": each such row is
    refused, naming the cell and why (stored, the name would stay damaged: an import adds
    nothing to a stored record); the other rows go in with --skip-invalid, and a letter
    the list itself leaves unread is written "[?]"."""
    content = "ID записи;Фамилия;Имя;Отчество;Место захоронения;Район захоронения\n"
    content += "Q1;Тест?лы;Н?рлан;Ж?мабай?лы;Шуховцы;Дубровенский\n"
    content += "Q2;Тестов;Нурлан;Жумабаевич;Шуховцы;Дубровенский\n"
    content += "Q3;Тестов;Н[?]рлан;;Шуховцы;Дубровенский\n"
    content += "Q4;Тестов?;Нурлан;;Шуховцы;Дубровенский\n"
    path = write(tmp_path, "qmarks.csv", content.encode("cp1251"))
    report = run("persons", path)
    assert not report.committed
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (2, "Фамилия", "Тест?лы"),
        (2, "Имя", "Н?рлан"),
        (2, "Отчество", "Ж?мабай?лы"),
    ]
    assert str(report.problems[1]).startswith(
        "row 2, column 'Имя': the name cell holds a '?' where a letter was ('Н?рлан'): a code "
        "page without the letter (a Kazakh ә, ғ, қ, ң, ө, ұ, ү, һ, і in a Windows Cyrillic "
        "file) saves it as '?'; save the list again from its original as UTF-8 or XLSX"
    )
    report = run("persons", path, skip_invalid=True)
    assert report.committed and (report.added, report.rejected) == (3, 1)
    assert stored_names(engine, report.batch_id) == [
        ("Тестов", "Нурлан", "Жумабаевич"),
        ("Тестов", "Н[?]рлан", None),
        ("Тестов?", "Нурлан", None),
    ]


def test_a_rejected_row_is_not_warned_of_as_stored(run, tmp_path, engine):
    """A signature line refused as no name is named with its own problem only, never as
    a whole name "stored as written"; so is a row refused as a second row of one record;
    a dry run says the others would be stored."""
    content = (
        "ID записи;Фамилия;Место захоронения;Район захоронения\n"
        "1;Тестов Ерлан Жумабаевич;Шуховцы;Дубровенский\n"
        "2;Неизвестный;Шуховцы;Дубровенский\n"
        ";Список составил военком Тестов;;\n"
        "3;Тестов Серик Жумабаевич;Шуховцы;Дубровенский\n"
        "3;Тестов Болат Жумабаевич;Шуховцы;Дубровенский\n"
    )
    path = write(tmp_path, "unknowns.csv", content)
    report = run("persons", path, dry_run=True)
    assert sorted({p.row for p in report.problems}) == [4, 5, 6]
    assert [str(w) for w in report.warnings] == [
        "row 2, column 'Фамилия': 1 surname cell holds three or more words (rows 2): whole "
        "names in the surname column? Would be stored as written, each whole as the surname; "
        "if the column holds whole names, import it as the full name (--map FILE with "
        '{"Фамилия": "full_name"}): it is then split into surname, given name and patronymic '
        "(value: 'Тестов Ерлан Жумабаевич')"
    ]
    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == 2
    assert [str(w) for w in report.warnings][0].startswith(
        "row 2, column 'Фамилия': 1 surname cell holds three or more words (rows 2): whole "
        "names in the surname column? Stored as written"
    )


UNKNOWN_BY_RANK = [
    "Неизвестный лейтенант", "Неизвестный капитан", "Неизвестный рядовой",
    "Неизвестный сержант", "Неизвестный матрос", "Неизвестный старшина",
    "Неизвестный политрук", "Неизвестный ефрейтор", "Неизвестный военфельдшер",
    "Неизвестный ст. лейтенант", "Неизвестный гвардии рядовой", "Невядомы лейтэнант",
    "Неизвестный красноармеец (1)", "Неизвестный 2-й красноармеец", "Неизвестный солдат",
]  # fmt: skip


def test_an_unknown_soldier_named_by_rank_is_stored_as_written(run, tmp_path, engine):
    """Mass-grave lists name unknown soldiers by rank: in a full-name cell, the unknown
    word (with an ordinal after it) is the surname and the rest the given name, as
    written, as "Неизвестный красноармеец" is; a rank beside a real name is refused."""
    cells = [*UNKNOWN_BY_RANK, "Тестов ст. сержант Ерлан", "Неизвестный лейтенант Тестов"]
    content = FULL_NAME_HEADER + "".join(f'"{c}";Шуховцы;Дубровенский\n' for c in cells)
    report = run("persons", write(tmp_path, "unknown.csv", content), skip_invalid=True)
    assert report.committed and report.added == len(UNKNOWN_BY_RANK)
    assert {p.row: p.value for p in report.problems} == {
        17: "Тестов ст. сержант Ерлан",
        18: "Неизвестный лейтенант Тестов",
    }
    stored = stored_full_rows(engine, report.batch_id)
    assert [" ".join(filter(None, r[1:])) for r in stored] == UNKNOWN_BY_RANK
    assert stored[9] == (11, "Неизвестный", "ст. лейтенант", None)
    assert stored[12] == (14, "Неизвестный", "красноармеец (1)", None)
    assert stored[13] == (15, "Неизвестный 2-й", "красноармеец", None)


def test_an_unknown_soldier_s_rank_in_the_given_name_column(run, tmp_path, engine):
    """Surname "Неизвестный", given name "ст. лейтенант": his name, stored as written; the
    whole name in the surname column, too; a rank beside a real surname is refused."""
    content = (
        HEADER
        + line("Неизвестный", "ст. лейтенант")
        + line("Невядомы", "лейтэнант")
        + line("Неизвестный гвардии рядовой", "")
        + line("Тестов", "ст. сержант")
        + line("Неизвестный", "лейтенант", "ст. сержант")
    )
    report = run("persons", write(tmp_path, "parts.csv", content), skip_invalid=True)
    assert [str(p) for p in report.problems] == [
        "row 5, column 'Имя': the name cell holds a rank (ст. сержант): put it in the rank "
        "column (value: 'ст. сержант')",
        "row 6, column 'Отчество': the name cell holds a rank (ст. сержант): put it in the "
        "rank column (value: 'ст. сержант')",
    ]
    assert not report.warnings  # no "whole name in the surname column"
    assert stored_names(engine, report.batch_id) == [
        ("Неизвестный", "ст. лейтенант", None),
        ("Невядомы", "лейтэнант", None),
        ("Неизвестный гвардии рядовой", None, None),
    ]


def test_a_namesake_s_junior_or_senior_stays_in_the_patronymic(run, tmp_path, engine):
    """ "Сидорович мл." / "ст." after the patronymic: a namesake's junior or senior, kept
    in the patronymic as written (as a namesake's "2-й" is); a rank after it is refused."""
    cells = ["Тестов Петр Сидорович мл.", "Тестов Петр Сидорович ст.",
             "Тестов Петр Сидорович ст. сержант"]  # fmt: skip
    content = FULL_NAME_HEADER + "".join(f'"{c}";Шуховцы;Дубровенский\n' for c in cells)
    report = run("persons", write(tmp_path, "juniors.csv", content), skip_invalid=True)
    assert [p.row for p in report.problems] == [4]
    assert "a rank (ст. сержант)" in str(report.problems[0])
    assert stored_full_rows(engine, report.batch_id) == [
        (2, "Тестов", "Петр", "Сидорович мл."),
        (3, "Тестов", "Петр", "Сидорович ст."),
    ]


def test_kazakh_ranks_and_unknown_soldiers_are_read_as_russian_ones_are(run, tmp_path, engine):
    """Kazakh lists write "қатардағы жауынгер" (private), "қызыләскер" (red army man),
    "кіші"/"аға" (junior/senior) before a rank: beside a name, such a rank was stored as
    the patronymic ("Тестов Ерлан қатардағы жауынгер") or named in part ("сержант" of
    "аға сержант"), and "Белгісіз қатардағы жауынгер" split with a patronymic. Now the
    rank is refused whole, and an unknown soldier named in Kazakh is stored as written,
    as "Неизвестный красноармеец" is."""
    unknown = ["Белгісіз жауынгер", "Белгісіз қызыләскер", "Белгісіз қатардағы жауынгер",
               "Белгісіз кіші сержант", "Белгісіз аға лейтенант"]  # fmt: skip
    ranked = {
        "Тестов Ерлан қатардағы жауынгер": "қатардағы жауынгер",
        "Тестов Ерлан Жұмабайұлы қызыләскер": "қызыләскер",
        "Тестов Ерлан қызыл әскер": "қызыл әскер",
        "Тестов Ерлан Жұмабайұлы аға сержант": "аға сержант",
        "Тестов кіші лейтенант Ерлан": "кіші лейтенант",
    }
    cells = [*unknown, *ranked]
    content = FULL_NAME_HEADER + "".join(f'"{c}";Шуховцы;Дубровенский\n' for c in cells)
    report = run("persons", write(tmp_path, "kazakh.csv", content), skip_invalid=True)
    assert report.committed and report.added == len(unknown)
    assert [str(p) for p in report.problems] == [
        f"row {row}, column 'ФИО': the name cell holds a rank ({rank}): put it in the rank "
        f"column (value: '{cell}')"
        for row, (cell, rank) in enumerate(ranked.items(), start=len(unknown) + 2)
    ]
    assert stored_full_rows(engine, report.batch_id) == [
        (2, "Белгісіз", "жауынгер", None),
        (3, "Белгісіз", "қызыләскер", None),
        (4, "Белгісіз", "қатардағы жауынгер", None),
        (5, "Белгісіз", "кіші сержант", None),
        (6, "Белгісіз", "аға лейтенант", None),
    ]

    # In the given name column: beside "Белгісіз" only.
    content = (
        HEADER
        + line("Белгісіз", "қатардағы жауынгер")
        + line("Белгісіз", "аға сержант")
        + line("Тестов", "кіші сержант")
        + line("Тестов", "Ерлан", "қызыләскер")
    )
    report = run("persons", write(tmp_path, "kazakh_parts.csv", content), skip_invalid=True)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (4, "Имя", "кіші сержант"),
        (5, "Отчество", "қызыләскер"),
    ]
    assert "a rank (кіші сержант)" in str(report.problems[0])
    assert stored_names(engine, report.batch_id) == [
        ("Белгісіз", "қатардағы жауынгер", None),
        ("Белгісіз", "аға сержант", None),
    ]


TOTAL_LINE = "a total line of the list, not a person: leave it out"


def test_a_total_line_in_a_name_cell_is_refused_as_such(run, tmp_path, engine):
    """A list's total line written where the name goes ("Итого: 35", Belarusian "Усяго:
    12", Kazakh "Барлығы: 12", "Жиыны 12") was stored as a person "Итого: 35" from a
    full-name cell, as "Жиыны 12" from a surname cell, or refused as "a title, a total or a
    signature line?": it is refused as a total line, with its row, column and value.
    Surnames that begin alike are names."""
    totals = [
        "Всего по району: 4 человека", "Итого: 35",
        "Всего захоронено 120 человек, из них известных 35", "Усяго: 12", "Барлығы: 12",
        "Жиыны 12",
    ]  # fmt: skip
    names = ["Всеволодов Иван Петрович", "Итогов Ерлан", "Жиынбаев Серик"]
    content = FULL_NAME_HEADER + "".join(f'"{c}";;\n' for c in [*totals, *names])
    report = run("persons", write(tmp_path, "totals.csv", content), skip_invalid=True)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (row, "ФИО", total) for row, total in enumerate(totals, start=2)
    ]
    for problem in report.problems:
        assert problem.reason.startswith(TOTAL_LINE), str(problem)
    assert stored_names(engine, report.batch_id) == [
        ("Всеволодов", "Иван", "Петрович"),
        ("Итогов", "Ерлан", None),
        ("Жиынбаев", "Серик", None),
    ]

    # In the surname column, the number alone or in the next cell.
    content = (
        HEADER
        + "Всего по району: 4 человека;;;;\n"
        + "Итого:;35;;;\n"
        + "Усяго 12;;;;\n"
        + "Жиыны;12;;;\n"
        + "Барлығы 12 адам;;;;\n"
        + line("Всеволодов", "Иван", "Петрович")
        + line("Итогов", "Ерлан")
    )
    report = run("persons", write(tmp_path, "total_parts.csv", content), skip_invalid=True)
    refused = [(p.row, p.value) for p in report.problems if p.column == "Фамилия"]
    assert refused == [
        (2, "Всего по району: 4 человека"),
        (3, "Итого:"),
        (4, "Усяго 12"),
        (5, "Жиыны"),
        (6, "Барлығы 12 адам"),
    ]
    for problem in report.problems:
        if problem.column == "Фамилия":
            assert problem.reason.startswith(TOTAL_LINE), str(problem)
    assert stored_names(engine, report.batch_id) == [
        ("Всеволодов", "Иван", "Петрович"),
        ("Итогов", "Ерлан", None),
    ]


SOLDIER_WORDS = [
    "жауынгер", "боец", "солдат", "красноармеец", "рядовой", "сержант", "ефрейтор",
    "мл. сержант", "лейтенант", "партизан", "партизанка", "радавы", "баец", "салдат",
    "чырвонаармеец", "партызан",
]  # fmt: skip


def test_a_rank_or_a_soldier_s_word_in_a_name_column_is_refused(run, tmp_path, engine):
    """A patronymic cell "жауынгер" (Kazakh: soldier), "боец", "партизан" was stored as the
    patronymic: a rank or a soldier's word in the given name or patronymic column, in any
    case, is refused, naming it and the rank column; one in the surname column beside a
    given name is a surname ("Боец", "Рядовой"), as surnames alike are."""
    content = HEADER + "".join(line("Тестов", "Ерлан", word) for word in SOLDIER_WORDS)
    content += line("Тестов", "Боец") + line("Тестов", "Ерлан", "Солдат")
    content += line("Тестов", "Жауынгер", "Жұмабайұлы")
    surnames = [("Боец", "Иван", "Петрович"), ("Рядовой", "Иван", "Петрович"),
                ("Солдатов", "Иван", None), ("Сержантов", "Ерлан", None)]  # fmt: skip
    content += "".join(line(s, g, p or "") for s, g, p in surnames)
    report = run("persons", write(tmp_path, "soldiers.csv", content), skip_invalid=True)
    expected = [(row, "Отчество", word) for row, word in enumerate(SOLDIER_WORDS, start=2)]
    after = len(SOLDIER_WORDS) + 2
    expected += [(after, "Имя", "Боец"), (after + 1, "Отчество", "Солдат"),
                 (after + 2, "Имя", "Жауынгер")]  # fmt: skip
    assert [(p.row, p.column, p.value) for p in report.problems] == expected
    for problem, (_, _, word) in zip(report.problems, expected, strict=True):
        assert problem.reason == (
            f"the name cell holds a rank ({word}): put it in the rank column"
        ), str(problem)
    assert stored_names(engine, report.batch_id) == surnames


def test_a_rank_at_either_end_of_a_full_name_is_refused(run, tmp_path, engine):
    """ "Тестов Ерлан жауынгер" was split with the patronymic "жауынгер", "Рядовой Тестов
    Ерлан" with the surname "Рядовой": a rank or a soldier's word at either end of a full
    name is refused, naming it; a surname "Боец" before a given name and patronymic, and an
    unknown soldier named by one, are names."""
    refused = {
        "Тестов Ерлан жауынгер": "a rank (жауынгер): put it in the rank column",
        "Тестов Ерлан боец": "a rank (боец): put it in the rank column",
        "рядовой Тестов Ерлан": "a rank (рядовой): put it in the rank column",
        "Тестов Ерлан Жумабаевич солдат": "a rank (солдат): put it in the rank column",
        "Тестов Ерлан Боец": "a rank (Боец): put it in the rank column",
        "Тестов Ерлан Партизан": "a rank (Партизан): put it in the rank column",
        "Рядовой Тестов Ерлан": "a rank (Рядовой) before the name: put it in the rank column",
    }
    names = {
        "Боец Иван Петрович": ("Боец", "Иван", "Петрович"),
        "Рядовой Иван Петрович": ("Рядовой", "Иван", "Петрович"),
        "Солдатов Ерлан Жумабаевич": ("Солдатов", "Ерлан", "Жумабаевич"),
        "Неизвестный боец": ("Неизвестный", "боец", None),
        "Белгісіз жауынгер": ("Белгісіз", "жауынгер", None),
    }
    cells = [*refused, *names]
    content = FULL_NAME_HEADER + "".join(f'"{c}";Шуховцы;Дубровенский\n' for c in cells)
    report = run("persons", write(tmp_path, "full_soldiers.csv", content), skip_invalid=True)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (row, "ФИО", cell) for row, cell in enumerate(refused, start=2)
    ]
    for problem, said in zip(report.problems, refused.values(), strict=True):
        assert f"the name cell holds {said}" in problem.reason, str(problem)
    assert stored_names(engine, report.batch_id) == list(names.values())


def test_a_footnote_mark_stays_in_the_name_and_the_search_finds_it(run, tmp_path, engine, client):
    """Lists mark a name for a footnote ("Сноскин*", "Петров И.И.**", "Сидоров¹"): the
    name is stored as the list writes it, mark and all, and found without the mark."""
    content = FULL_NAME_HEADER + "".join(
        f'"{c}";Шуховцы;Дубровенский\n'
        for c in ("Сноскин* Ерлан", "Звездочкин И.И.**", "Пометкин¹ Серик Болатович")
    )
    report = run("persons", write(tmp_path, "footnotes.csv", content))
    assert report.committed, [str(p) for p in report.problems]
    stored = stored_names(engine, report.batch_id)
    assert stored == [
        ("Сноскин*", "Ерлан", None),
        ("Звездочкин", "И.", "И.**"),
        ("Пометкин¹", "Серик", "Болатович"),
    ]
    for query, surname in (
        ("Сноскин", "Сноскин*"),
        ("Сноскин Ерлан", "Сноскин*"),
        ("Звездочкин", "Звездочкин"),
        ("Пометкин", "Пометкин¹"),
        ("Пометкин Серик Болатович", "Пометкин¹"),
    ):
        found = client.get("/api/persons", query_string={"q": query}).get_json()
        assert [p["surname"] for p in found["items"]] == [surname], query


NOT_A_SURNAME = "where the surname goes, not a surname: put it in the rank column"


def test_a_soldier_s_word_in_small_letters_is_no_surname(run, tmp_path, engine):
    """A surname cell "боец", "жауынгер", "красноармеец" or "партизан", alone or beside a
    given name, was stored as a person of that surname ("рядовой" refused as a rank
    beside a name): it is refused, saying where the rank goes and how an unknown soldier
    is written. A capital one may be a surname, and is; an unknown soldier's name is his."""
    refused = [("боец", ""), ("боец", "Ерлан"), ("жауынгер", "Ерлан"),
               ("красноармеец", "Иван"), ("рядовой", "Иван"), ("партизан", "")]  # fmt: skip
    kept = [("Боец", ""), ("Боец", "Ерлан"), ("Неизвестный", "красноармеец"),
            ("Неизвестный красноармеец", "")]  # fmt: skip
    content = HEADER + "".join(line(s, g) for s, g in [*refused, *kept])
    report = run("persons", write(tmp_path, "soldier_surnames.csv", content), skip_invalid=True)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (row, "Фамилия", surname) for row, (surname, _) in enumerate(refused, start=2)
    ]
    for problem in report.problems:
        assert NOT_A_SURNAME in problem.reason, str(problem)
        assert "«Неизвестный»" in problem.reason, str(problem)
    assert str(report.problems[1]) == (
        "row 3, column 'Фамилия': a rank or a soldier's word (боец) where the surname goes, "
        "not a surname: put it in the rank column and write the surname, where the list "
        "gives one; a record of an unknown soldier is written «Неизвестный» (with his rank: "
        "«Неизвестный красноармеец») (value: 'боец')"
    )
    assert stored_names(engine, report.batch_id) == [(s, g or None, None) for s, g in kept]

    # A full name of the word alone, as a surname without a given name.
    cells = ["боец", "жауынгер", "боец Ерлан", "Боец Ерлан", "Неизвестный боец"]
    content = FULL_NAME_HEADER + "".join(f'"{c}";Шуховцы;Дубровенский\n' for c in cells)
    report = run("persons", write(tmp_path, "soldier_full.csv", content), skip_invalid=True)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (2, "ФИО", "боец"),
        (3, "ФИО", "жауынгер"),
        (4, "ФИО", "боец Ерлан"),
    ]
    assert NOT_A_SURNAME in report.problems[0].reason
    assert NOT_A_SURNAME in report.problems[1].reason
    assert report.problems[2].reason == (
        "the name cell holds a rank (боец): put it in the rank column"
    )
    assert stored_names(engine, report.batch_id) == [
        ("Боец", "Ерлан", None),
        ("Неизвестный", "боец", None),
    ]


def test_a_total_line_with_its_total_word_further_on_is_refused_as_such(run, tmp_path, engine):
    """ "Похоронено всего 35 человек", "Из них всего: 12": refused as "a title, a total or a
    signature line?" from a surname cell and in parts from a full name ("всего", "35
    человек"), and the Belarusian "Пахавана ўсяго 12" was stored as a surname. Each is
    refused as a total line, once, with the cell as written; surnames alike are names."""
    totals = ["Похоронено всего 35 человек", "Из них всего: 12", "Пахавана ўсяго 12",
              "Жерленгендер барлығы 12 адам"]  # fmt: skip
    names = [("Всеволодов", "Иван", "Петрович"), ("Итогов", "Ерлан", None),
             ("Усягов", "Іван", None)]  # fmt: skip
    full = [" ".join(filter(None, n)) for n in names]
    content = FULL_NAME_HEADER + "".join(f'"{c}";Шуховцы;Дубровенский\n' for c in totals + full)
    report = run("persons", write(tmp_path, "totals_further.csv", content), skip_invalid=True)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (row, "ФИО", total) for row, total in enumerate(totals, start=2)
    ]
    for problem in report.problems:
        assert problem.reason.startswith(TOTAL_LINE), str(problem)
    assert stored_names(engine, report.batch_id) == names

    content = HEADER + "".join(f"{t};;;;\n" for t in totals)
    content += "".join(line(s, g, p or "") for s, g, p in names)
    report = run("persons", write(tmp_path, "totals_further.csv", content), skip_invalid=True)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (row, "Фамилия", total) for row, total in enumerate(totals, start=2)
    ]
    for problem in report.problems:
        assert problem.reason.startswith(TOTAL_LINE), str(problem)
    assert stored_names(engine, report.batch_id) == names


def test_a_full_name_beginning_with_a_capital_rank_is_named(run, tmp_path, engine):
    """ "Майор Ерлан Касым", "Капитан Иванов Иван": refused, naming the rank and how to
    import the row. "Майор Иван Петрович", "Капитан Иванов": stored with the surname
    "Майор", "Капитан", as such surnames are real, and were stored without a word; the
    import now names them once, as the word may be the rank written before the name."""
    cells = ["Майор Ерлан Касым", "Капитан Иванов Иван", "Майор Иван Петрович",
             "Капитан Иванов", "Тестов Ерлан", "Неизвестный капитан"]  # fmt: skip
    content = FULL_NAME_HEADER + "".join(f'"{c}";Шуховцы;Дубровенский\n' for c in cells)
    path = write(tmp_path, "rank_first.csv", content)
    report = run("persons", path, dry_run=True)
    assert [str(p) for p in report.problems] == [
        f"row {row}, column 'ФИО': the name cell holds a rank ({rank}) before the name: put "
        f"it in the rank column; if {rank} is the surname, give the surname, given name and "
        f"patronymic their own columns (value: '{cell}')"
        for row, rank, cell in [(2, "Майор", cells[0]), (3, "Капитан", cells[1])]
    ]
    said = (
        "row 4, column 'ФИО': 2 full names begin with a word that is also a rank or a "
        "soldier's word (Капитан, Майор; rows 4, 5): {} as written, with it as the surname, "
        "as a surname may be; where it is the rank, write the name without it and the rank "
        "in the rank column (value: 'Майор Иван Петрович')"
    )
    assert [str(w) for w in report.warnings] == [said.format("Would be stored")]
    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == 4
    assert [str(w) for w in report.warnings] == [said.format("Stored")]
    assert stored_names(engine, report.batch_id) == [
        ("Майор", "Иван", "Петрович"),
        ("Капитан", "Иванов", None),
        ("Тестов", "Ерлан", None),
        ("Неизвестный", "капитан", None),
    ]

    # In a surname column of its own, the surname is the list's: no word of it.
    content = HEADER + line("Майор", "Иван", "Петрович") + line("Боец", "Ерлан")
    report = run("persons", write(tmp_path, "rank_surname.csv", content))
    assert report.committed and not report.warnings


def test_the_rank_words_are_named_of_every_row_not_of_the_first_hundred(run, tmp_path):
    """The warning names the words of all the rows it counts: "Капитан" after a hundred
    and more "Майор" rows is named too, and rows refused by the file's own checks (one
    record id twice) are neither counted nor named."""
    cells = [f"Майор Иван{'а' * (n % 7)} Петрович" for n in range(120)] + ["Капитан Иванов"]
    content = FULL_NAME_HEADER.replace("ФИО", "№ записи;ФИО")
    content += "".join(f'{n};"{c}";Шуховцы;Дубровенский\n' for n, c in enumerate(cells, 1))
    report = run("persons", write(tmp_path, "ranks_many.csv", content), dry_run=True)
    assert not report.problems
    (warning,) = report.warnings
    assert "121 full names begin with a word that is also a rank or a soldier's word " in str(
        warning
    )
    assert "(Капитан, Майор; rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 …)" in str(warning)

    # The only "Капитан" row and one "Майор" row share a record id: both refused, the
    # word of neither is counted apart from the other rows.
    twice = content.replace("121;", "1;")
    report = run("persons", write(tmp_path, "ranks_twice.csv", twice), dry_run=True)
    assert [p.row for p in report.problems] == [2, 122]
    (warning,) = report.warnings
    assert "119 full names begin" in str(warning)
    assert "(Майор; rows 3, 4," in str(warning)
