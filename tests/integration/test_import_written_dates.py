"""Dates as the registers write them (a year first with dots, Roman months, months by
name in Russian, Belarusian, Kazakh and English, slashes and hyphens, X's for what is not
known, the years' Kazakh and Belarusian marks) are stored as the one date each can be,
the row kept as written; what is ambiguous or no day of the calendar is refused with row,
column and value. Fate and birthplace headers of Kazakh and Belarusian lists are read."""

import csv

import pytest
from openpyxl import Workbook
from sqlalchemy import text


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def stored(engine, batch_id: int, *columns: str) -> dict[str, tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                f"SELECT surname, {', '.join(columns)} FROM persons "  # noqa: S608 (columns fixed)
                "WHERE import_batch_id = :b"
            ),
            {"b": batch_id},
        ).all()
    return {r[0]: tuple(r[1:]) for r in rows}


HEADER = ["ID записи", "Фамилия", "Дата рождения", "Дата гибели", "Место захоронения",
          "Район захоронения"]  # fmt: skip
PLACE = ("Шуховцы", "Дубровенский")
# (record id, surname, birth as written, death as written, birth read, death read)
READ = [
    ("9901", "Датов", "1913 г.н.", "24.VI.1944", (1913, None, None), (1944, 6, 24)),
    ("9902", "Датова", "1913 ж.", "24 июня 1944 г.", (1913, None, None), (1944, 6, 24)),
    ("9903", "Датовский", "1920 ж.т.", "июнь 1944", (1920, None, None), (1944, 6, None)),
    ("9904", "Датович", "1915", "1944.06.24", (1915, None, None), (1944, 6, 24)),
    ("9905", "Датенко", "05/05/1915", "24/06/1944", (1915, 5, 5), (1944, 6, 24)),
    ("9906", "Датиков", "ХХ.ХХ.1916", "24-06-1944", (1916, None, None), (1944, 6, 24)),
    ("9907", "Датуров", "xx.03.1917", "24 чэрвеня 1944", (1917, 3, None), (1944, 6, 24)),
    ("9908", "Датбаев", "1918 ж.", "24 маусым 1944", (1918, None, None), (1944, 6, 24)),
    ("9909", "Датқалиев", "1919", "1944 жылғы 24 маусым", (1919, None, None), (1944, 6, 24)),
    ("9910", "Датсон", "1920.", "24.06.1944;", (1920, None, None), (1944, 6, 24)),
    ("9911", "Даткевич", "1921", "25.06.1944 ж.", (1921, None, None), (1944, 6, 25)),
    ("9912", "Датберг", "1922", "June 24, 1944", (1922, None, None), (1944, 6, 24)),
    ("9913", "Датсмит", "12/31/1923", "06/24/1944", (1923, 12, 31), (1944, 6, 24)),
]
# (row's cells, the column named, the reason's words)
REFUSED = [
    (("9921", "Отказов", "1913", "6/5/1944"), "Дата гибели",
     "'6/5/1944' is ambiguous: 6 May if the day comes first, 5 June if the month does"),
    (("9922", "Отказова", "1913", "31/02/1944"), "Дата гибели",
     "no such day in the calendar: '31/02/1944'"),
    (("9923", "Отказовский", "1913", "31.02.1944"), "Дата гибели",
     "no such day in the calendar: '31.02.1944'"),
    (("9924", "Отказенко", "1913", "1920 ж.т."), "Дата гибели",
     "'1920 ж.т.' is marked as a year of birth (ж.т.)"),
    (("9925", "Отказиков", "1913", "X.1944"), "Дата гибели", "is X the month"),
    (("9926", "Отказуров", "1913", "1944/06/24"), "Дата гибели",
     "a year first with slashes is not read"),
    (("9927", "Отказбаев", "31 июня 1913", "1944"), "Дата рождения",
     "no such day in the calendar: '31 июня 1913'"),
    (("9928", "Отказсон", "1913", "после 24.06.1944"), "Дата гибели", "bounds a date"),
    (("9929", "Отказберг", "05-06-1913", "1944"), "Дата рождения",
     "write it with dots, day first: 05.06.1913 for 5 June, 06.05.1913 for 6 May"),
]  # fmt: skip


def test_dates_as_people_write_them_are_stored_and_the_rest_refused(run, tmp_path, engine):
    path = tmp_path / "dates.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")  # quotes "24.06.1944;"
        writer.writerow(HEADER)
        writer.writerows([*cells[:4], *PLACE] for cells in READ)
        writer.writerows([*cells, *PLACE] for cells, _, _ in REFUSED)
    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == len(READ), [str(p) for p in report.problems]
    dates = stored(
        engine, report.batch_id, "birth_year", "birth_month", "birth_day", "death_year",
        "death_month", "death_day", "import_source",
    )  # fmt: skip
    for _, surname, birth, death, birth_read, death_read in READ:
        *read, source = dates[surname]
        assert tuple(read) == (*birth_read, *death_read), surname
        # The row as read keeps the dates as written.
        assert (source["Дата рождения"], source["Дата гибели"]) == (birth, death)
    problems = {(p.row, p.column, p.value): p.reason for p in report.problems}
    for n, (cells, column, reason) in enumerate(REFUSED, start=len(READ) + 2):
        value = cells[2] if column == "Дата рождения" else cells[3]
        assert reason in problems[(n, column, value)], problems
    assert len(problems) == len(REFUSED)
    with report.rejects_file.open(encoding="utf-8-sig") as fh:
        assert [r["Дата гибели"] for r in csv.DictReader(fh, delimiter=";")] == [
            cells[3] for cells, _, _ in REFUSED
        ]


def test_a_us_english_spreadsheet_s_dates_are_never_stored_swapped(run, tmp_path, engine, counts):
    """A list saved from a spreadsheet set to US English writes M/D/YYYY: "6/5/1944" (5 June)
    was stored as 6 May, and "6/24/1944" refused. Now a date that reads one way only is
    stored so, one that reads two ways is refused with row, column, value and what to write,
    in a date field and in text kept as written (a reburial date, a site's year), and
    nothing of the file is stored."""
    persons = write(
        tmp_path,
        "us.csv",
        "Фамилия,Имя,Дата рождения,Дата гибели,Дата перезахоронения,Место захоронения,"
        "Район захоронения\n"
        "Американов,Иван,12/31/1913,6/24/1944,,Шуховцы,Дубровенский\n"
        "Американова,Анна,5/5/1915,6/5/1944,,Шуховцы,Дубровенский\n"
        "Американский,Пётр,6/5/1916,6/24/1944,6/5/1957,Шуховцы,Дубровенский\n",
    )
    before = counts()
    report = run("persons", persons)
    assert not report.committed
    problems = {(p.row, p.column, p.value): p.reason for p in report.problems}
    assert set(problems) == {
        (3, "Дата гибели", "6/5/1944"),
        (4, "Дата рождения", "6/5/1916"),
        (4, "Дата перезахоронения", "6/5/1957"),
    }, problems
    for reason in problems.values():
        assert "is ambiguous" in reason and "write it with dots, day first" in reason
    assert "05.06.1944 for 5 June" in problems[(3, "Дата гибели", "6/5/1944")]
    assert counts() == before

    # The rows that read one way only are stored as that one date, the text as written.
    report = run("persons", persons, skip_invalid=True)
    assert report.committed and report.added == 1, [str(p) for p in report.problems]
    dates = stored(
        engine, report.batch_id, "birth_year", "birth_month", "birth_day", "death_year",
        "death_month", "death_day",
    )  # fmt: skip
    assert dates == {"Американов": (1913, 12, 31, 1944, 6, 24)}

    sites = write(
        tmp_path,
        "us_sites.csv",
        "Название,Тип,Широта,Долгота,Год\n"
        "Братская могила у моста,mass_grave,54.5,30.5,6/24/1944\n"
        'Братская могила у школы,mass_grave,54.5,30.6,"1944, перенесена 6/5/1957"\n',
    )
    report = run("sites", sites)
    assert not report.committed
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (3, "Год", "1944, перенесена 6/5/1957")
    ]
    assert "'6/5/1957' is ambiguous" in report.problems[0].reason


def _workbook(tmp_path, name, rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "Тізім"
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_a_kazakh_list_s_cause_of_death_and_years_marks_are_stored(run, tmp_path, engine):
    """ "Қаза болу себебі" was left unmapped, and each fate silently not stored; "1913 ж."
    and "25.06.1944 ж." were refused as no date."""
    path = _workbook(
        tmp_path,
        "tizim.xlsx",
        [
            ["Р/с", "Тегі, аты, әкесінің аты", "Туған жылы", "Туған жері", "Қаза тапқан күні",
             "Қаза болу себебі", "Жерленген жері"],
            [1, "Тізімов Ерлан Жұмабайұлы", "1913 ж.", "Қарағанды облысы", "25.06.1944 ж.",
             "қаза тапты", "Шуховцы"],
            [2, "Тізімова Айгүл Серікқызы", "1920 ж.т.", "Алматы қ.", "1944ж.",
             "хабарсыз кетті", "Шуховцы"],
        ],
    )  # fmt: skip
    report = run("persons", path)
    assert report.ok and report.added == 2, [str(p) for p in report.problems]
    assert stored(
        engine, report.batch_id, "fate", "birth_year", "death_year", "death_month", "death_day"
    ) == {
        "Тізімов": ("killed", 1913, 1944, 6, 25),
        "Тізімова": ("missing", 1920, 1944, None, None),
    }


@pytest.mark.parametrize(
    ("fate_header", "birthplace_header"),
    [("Лёс", "Ураджэнец"), ("Прычына выбыцця", "Уроженец"), ("Тағдыры", "Туған жері")],
)
def test_fate_and_birthplace_headers_are_read(
    run, tmp_path, engine, fate_header, birthplace_header
):
    content = (
        f"Фамилия;{birthplace_header};{fate_header};Место захоронения;Район захоронения\n"
        "Лёсов;в. Буда;загінуў;Шуховцы;Дубровенский\n"
    )
    report = run("persons", write(tmp_path, "fates.csv", content))
    assert report.ok and report.added == 1, [str(p) for p in report.problems]
    assert stored(engine, report.batch_id, "fate", "birthplace") == {"Лёсов": ("killed", "в. Буда")}


def test_a_kazakh_list_s_dates_with_case_endings_are_stored(run, tmp_path, engine, counts):
    """Kazakh lists write a month with a case ending ("24 маусымда 1944 ж.", in June;
    "1944 ж. маусымның 24-і", June's 24th) and the year with "жылы": such dates were
    refused as no date. Now each is stored as the one date it gives, a partial one as
    partial; one that gives no single date is refused with row, column and value, and
    nothing of the file is stored."""
    header = ["Р/с", "Тегі", "Аты", "Туған жылы", "Қаза тапқан күні", "Жерленген жері",
              "Район захоронения"]  # fmt: skip
    place = ["Шуховцы", "Дубровенский"]
    read = {
        "Күнтаев": ("1920 жылы", "1944 жылы 24 маусымда", (1920, None, None, 1944, 6, 24)),
        "Күнтаева": ("1921 ж.", "24 маусымда 1944 ж.", (1921, None, None, 1944, 6, 24)),
        "Күнбаев": ("1922", "1944 ж. маусымның 24-і", (1922, None, None, 1944, 6, 24)),
        "Күнбаева": ("1923", "1943 жылғы қыркүйектің 3-ші", (1923, None, None, 1943, 9, 3)),
        "Айтаев": ("1924", "1944 жылы маусымда", (1924, None, None, 1944, 6, None)),
        "Айтаева": ("1925", "маусым 1944", (1925, None, None, 1944, 6, None)),
        "Айбаев": ("1926", "Қыркүйекте 1943 ж.", (1926, None, None, 1943, 9, None)),
    }
    refused = {
        "Жоқов": ("1920", "маусымның 24-і", "not a date: 'маусымның 24-і'"),
        "Жоқова": ("1920", "1944 ж. маусымның 31-і", "no such day in the calendar"),
        "Жоқбаев": ("1920", "24 маусымде 1944", "not a date: '24 маусымде 1944'"),
    }
    rows = [header]
    for n, (surname, (born, died, _)) in enumerate(read.items(), start=1):
        rows.append([n, surname, "Ерлан", born, died, *place])
    for n, (surname, (born, died, _)) in enumerate(refused.items(), start=len(read) + 1):
        rows.append([n, surname, "Ерлан", born, died, *place])
    path = _workbook(tmp_path, "kuni.xlsx", rows)

    before = counts()
    report = run("persons", path)
    assert not report.committed and counts() == before
    problems = {(p.row, p.column, p.value): p.reason for p in report.problems}
    assert len(problems) == len(refused), problems
    for row, (_, died, reason) in enumerate(refused.values(), start=len(read) + 2):
        assert reason in problems[(row, "Қаза тапқан күні", died)], problems

    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == len(read), [str(p) for p in report.problems]
    dates = stored(
        engine, report.batch_id, "birth_year", "birth_month", "birth_day", "death_year",
        "death_month", "death_day", "import_source",
    )  # fmt: skip
    for surname, (born, died, expected) in read.items():
        *parts, source = dates[surname]
        assert tuple(parts) == expected, surname
        assert (source["Туған жылы"], source["Қаза тапқан күні"]) == (born, died)
