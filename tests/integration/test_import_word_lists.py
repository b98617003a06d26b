"""Lists typed in a word processor and saved as a table (Book of Memory lists): the marks a
word processor leaves in the text, and the lines of the list that are no person's (a
district's heading, the totals, a footnote), are named as such with their row and column."""

from __future__ import annotations

from sqlalchemy import text

from tests.integration.test_import_real_files import write

HEADER = "№ п/п;Фамилия;Имя;Год рождения;Место захоронения;Район захоронения;Вымышленный\n"
FULL_NAME_HEADER = "№ п/п;Фамилия, имя, отчество;Год рождения;Место захоронения;Вымышленный\n"


def test_invisible_marks_in_a_cell_are_refused_naming_them(run, tmp_path, engine, counts):
    # A soft hyphen (a word processor's place where a word may break) and a zero-width
    # space: invisible, yet stored they split the name's search key in two, and the file
    # corrected without them would be another record.
    content = (
        HEADER
        + "1;Абдрах\u00adманов;Касым;1912;Шуховцы;Дубровенский;да\n"
        + "2;Тулегенов;Ерлан\u200b;1920;Шуховцы;Дубровенский;да\n"
        + "3;Оспанов;Болат;1915;Шуховцы;Дубровенский;да\n"
    )
    before = counts()
    report = run("persons", write(tmp_path, "marks.csv", content))
    assert not report.committed and counts() == before
    problems = {p.row: p for p in report.problems}
    assert sorted(problems) == [2, 3]
    assert problems[2].column == "Фамилия"
    assert "soft hyphen (U+00AD) after 'Абдрах'" in str(problems[2])
    assert problems[3].column == "Имя"
    assert "zero-width space (U+200B) after 'Ерлан'" in str(problems[3])

    report = run("persons", write(tmp_path, "marks.csv", content), skip_invalid=True)
    assert report.committed and (report.added, report.rejected) == (1, 2)
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT surname FROM persons WHERE import_batch_id = :b"),
            {"b": report.batch_id},
        ).scalars()
        assert list(stored) == ["Оспанов"]


def test_a_line_of_one_cell_off_the_name_column_is_named_with_its_text(run, tmp_path):
    # Word's table saved as CSV: the district's heading, the totals and a footnote each
    # stand in the first column, the name cell of their row empty.
    content = (
        FULL_NAME_HEADER
        + "Дубровенский район;;;;\n"
        + "1;АБДРАХМАНОВ К.;1912;Шуховцы;да\n"
        + "Итого: 1;;;;\n"
        + ";;1915;Шуховцы;да\n"
    )
    report = run("persons", write(tmp_path, "book.csv", content))
    problems = {p.row: p for p in report.problems}
    assert sorted(problems) == [2, 4, 5]
    for row, said in ((2, "Дубровенский район"), (4, "Итого: 1")):
        assert problems[row].column == "№ п/п" and problems[row].value == said
        assert "a heading, a total or a note line of the list" in problems[row].reason
    # A row that says more of a person lacks the name, in the column the names are in.
    assert problems[5].column == "Фамилия, имя, отчество"
    assert problems[5].reason == "the surname is empty"


def test_a_line_break_in_a_sheet_s_name_cell_asks_for_one_line(run, tmp_path):
    # A name typed on two lines of its cell (Enter in a Word table, Alt+Enter in Excel):
    # a sheet has no quotes to leave open.
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["№ п/п", "Фамилия, имя, отчество", "Год рождения", "Вымышленный"])
    book.active.append([1, "АБДРАХМАНОВ\nКасым Ахметович", 1912, "да"])
    path = tmp_path / "two_lines.xlsx"
    book.save(path)
    report = run("persons", path)
    (problem,) = report.problems
    assert (problem.row, problem.column) == (2, "Фамилия, имя, отчество")
    assert "a line break in a name: write the name on one line" in problem.reason


def test_a_heading_in_the_name_column_is_no_person(run, tmp_path, counts):
    """A list typed in Word heads each district's persons with its name, in the name
    column: split as a name, "Дубровенский район" was stored as a person Дубровенский
    район, even among rows let through by --skip-invalid."""
    headings = ["Дубровенский район", "Зарубский сельсовет", "Витебская область"]
    content = FULL_NAME_HEADER + "".join(f";{h};;;\n" for h in headings)
    content += "1;АБДРАХМАНОВ Касым Ахметович;1912;Шуховцы;да\n"
    before = counts()
    report = run("persons", write(tmp_path, "headed.csv", content), skip_invalid=True)
    assert report.added == 1 and counts()["persons"] == before["persons"] + 1
    problems = {p.row: p for p in report.problems}
    assert sorted(problems) == [2, 3, 4]
    for row, heading in zip((2, 3, 4), headings, strict=True):
        assert problems[row].value == heading and "a heading of the list" in problems[row].reason
