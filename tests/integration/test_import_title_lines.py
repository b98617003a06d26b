"""Lines above a list's header, as a Book of Memory's sheet has them: a title, a line
under it ("по состоянию на 01.01.2024"), a blank line; and a header written on two rows,
its cells merged over both. Saved by Excel as CSV, a title comes padded with separators
("Книга памяти …;;;"). Each file is refused, saying which line is the title and which the
header, and what to delete; nothing is stored, and no title is ever read as the header."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from mapapp.importers.errors import ImportFileError
from mapapp.importers.inspect import inspect_file
from mapapp.importers.runner import ImportOptions
from tests.integration.test_import_real_files import write

TITLE = "Книга памяти Оршанского района (тестовый список)"
HEADER = "№ п/п;Фамилия;Имя;Год рождения;Место захоронения;Район захоронения"
ROW = "1;Заглавнов;Тест;1913;Шуховцы;Дубровенский"


def cp1251(tmp_path, name: str, lines: list[str]):
    """As Excel's "Save as CSV" writes a sheet on a Russian Windows: cp1251, CRLF."""
    return write(tmp_path, name, ("\r\n".join(lines) + "\r\n").encode("cp1251"))


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        # Excel pads the title row with the sheet's separators.
        ([TITLE + ";;;;;", HEADER, ROW], "line 2 looks like the header"),
        # A second line under the title, and a line of separators only.
        (
            [TITLE + ";;;;;", "по состоянию на 01.01.2024;;;;;", ";;;;;", HEADER, ROW],
            "line 4 looks like the header",
        ),
        ([TITLE + ";;;;;", ";;;;;", HEADER, ROW], "line 3 looks like the header"),
        # A title with commas in it is no header of a file separated by semicolons.
        (
            ["Список воинов, похороненных в д. Ляды;;;;;", HEADER, ROW],
            "line 2 looks like the header",
        ),
    ],
)
def test_a_title_padded_or_of_two_lines_is_named_with_the_header_below_it(
    run, tmp_path, counts, lines, said
):
    path = cp1251(tmp_path, "kniga.csv", lines)
    before = counts()
    for skip_invalid in (False, True):
        with pytest.raises(ImportFileError) as refused:
            run("persons", path, skip_invalid=skip_invalid)
        message = str(refused.value)
        assert (
            f"kniga.csv: line 1, {lines[0].rstrip(';')!r}, looks like a title, not the header"
            in (message)
        )
        assert said + " (№ п/п, Фамилия, Имя, Год рождения, Место захоронения, Район" in message
        assert "Delete the lines above it" in message and "Nothing was imported" in message
    assert counts() == before


def test_the_title_and_the_line_under_it_are_both_named(run, tmp_path):
    path = cp1251(
        tmp_path,
        "kniga.csv",
        [TITLE + ";;;;;", "по состоянию на 01.01.2024;;;;;", ";;;;;", HEADER, ROW],
    )
    with pytest.raises(ImportFileError) as refused:
        run("persons", path)
    assert (
        f"line 1, {TITLE!r}, looks like a title, not the header (nor line 2, 'по состоянию на "
        "01.01.2024'); line 4 looks like the header (№ п/п, Фамилия, Имя, Год рождения, Место "
        "захоронения, Район захоронения). Delete the lines above it (lines 1–3); then import "
        "again. Nothing was imported"
    ) in str(refused.value)


def test_a_mapping_for_the_header_under_a_title_gets_the_title_said(run, tmp_path):
    """The mapping the error used to suggest named a column the file "does not have":
    the header's names were read as a record. The title is said first."""
    path = cp1251(tmp_path, "kniga.csv", [TITLE + ";;;;;", HEADER, ROW])
    mapping = write(tmp_path, "map.json", '{"Фамилия": "surname"}')
    with pytest.raises(ImportFileError, match="looks like a title, not the header"):
        run("persons", path, mapping=mapping)
    with pytest.raises(ImportFileError, match="looks like a title, not the header"):
        inspect_file(ImportOptions(kind="persons", path=path, mapping=mapping))


def test_the_file_corrected_as_said_is_read(run, tmp_path):
    lines = [TITLE + ";;;;;", "по состоянию на 01.01.2024;;;;;", ";;;;;", HEADER, ROW]
    with pytest.raises(ImportFileError, match=r"\(lines 1–3\)"):
        run("persons", cp1251(tmp_path, "kniga.csv", lines))
    report = run("persons", cp1251(tmp_path, "kniga_fixed.csv", lines[3:]), dry_run=True)
    assert report.ok and report.added == 1, [str(p) for p in report.problems]


def test_a_sheet_s_title_and_the_line_under_it(run, tmp_path, counts):
    book = Workbook()
    sheet = book.active
    sheet.append(["Список воинских захоронений Дубровенского района (тестовый)"])
    sheet.append(["по состоянию на 01.01.2024"])
    sheet.append([])
    sheet.append(["№ п/п", "Учётный номер", "Наименование", "Населённый пункт", "Всего"])
    sheet.append([1, "4", "Братская могила", "д. Ляды", 312])
    sheet.merge_cells("A1:E1")
    book.save(tmp_path / "kniga.xlsx")
    before = counts()
    with pytest.raises(ImportFileError) as refused:
        run("sites", tmp_path / "kniga.xlsx", given={"kind": "mass_grave"})
    assert (
        "kniga.xlsx: row 1, 'Список воинских захоронений Дубровенского района (тестовый)', "
        "looks like a title, not the header (nor row 2, 'по состоянию на 01.01.2024'); row 4 "
        "looks like the header (№ п/п, Учётный номер, Наименование, Населённый пункт, Всего). "
        "Delete the rows above it (rows 1–3); then import again"
    ) in str(refused.value)
    assert counts() == before


def test_a_one_column_list_and_a_header_with_commas_are_no_titles(run, tmp_path):
    """A header of one column ("ФИО") over whole names, and a header whose names hold
    commas, quoted, in a file separated by semicolons: read as they are."""
    one = write(tmp_path, "one.csv", "Фамилия имя отчество\nОдноколонов Иван Петрович\n")
    report = run("persons", one, dry_run=True)
    assert report.added == 1, [str(p) for p in report.problems]
    commas = write(
        tmp_path,
        "commas.csv",
        '"Фамилия, имя, отчество";Год рождения;Место захоронения;Район захоронения\n'
        "Запятов Иван Петрович;1913;Шуховцы;Дубровенский\n"
        "Запятов Пётр Петрович;1915;Шуховцы;Дубровенский\n",
    )
    report = run("persons", commas, dry_run=True)
    assert report.added == 2, [str(p) for p in report.problems]


# --- a header on two rows -----------------------------------------------------------


def district_book(tmp_path, *, title: bool, name="twohdr.xlsx"):
    """A district book's register: the counts under one cell merged across them, every
    other header cell merged down over both rows."""
    book = Workbook()
    sheet = book.active
    top = 1
    if title:
        sheet.append(["Список воинских захоронений Дубровенского района (тестовый)"])
        sheet.append([])
        sheet.merge_cells("A1:H1")
        top = 3
    sheet.append(["№ п/п", "Учётный номер", "Наименование", "Населённый пункт",
                  "Количество захороненных", None, None, "Координаты"])  # fmt: skip
    sheet.append([None, None, None, None, "всего", "известных", "неизвестных", None])
    sheet.append([1, "4", "Братская могила", "д. Ляды", 312, 210, 102, "54.57, 30.69"])
    for column in "ABCDH":
        sheet.merge_cells(f"{column}{top}:{column}{top + 1}")
    sheet.merge_cells(f"E{top}:G{top}")
    book.save(tmp_path / name)
    return tmp_path / name


def test_a_header_merged_over_two_rows_is_said_to_be_one_on_two_rows(run, tmp_path, counts):
    """It was refused as "merged cells in the rows", to be unmerged and filled in row by
    row: done so, the lower row was then refused as a second header line."""
    before = counts()
    with pytest.raises(ImportFileError) as refused:
        run("sites", district_book(tmp_path, title=False), given={"kind": "mass_grave"})
    message = str(refused.value)
    assert message.startswith(
        "twohdr.xlsx: in the sheet 'Sheet', the header is written on 2 rows, 1–2 (A1:A2 (№ п/п), "
        "B1:B2 (Учётный номер), C1:C2 (Наименование), D1:D2 (Населённый пункт), H1:H2 "
        "(Координаты) merged over both; 'Количество захороненных' (E1:G1) over 'всего', "
        "'известных', 'неизвестных'), and must be one row, with a name over every column: "
        "unmerge its cells, write each column's own name in its first row"
    )
    assert "merged cells in the rows" not in message and "fill each row" not in message
    assert counts() == before


def test_a_title_over_a_header_on_two_rows_is_said_with_it(run, tmp_path):
    """The merged cells were named by the title's text ("A4:A5 (Список воинских …)")."""
    with pytest.raises(ImportFileError) as refused:
        run("sites", district_book(tmp_path, title=True), given={"kind": "mass_grave"})
    message = str(refused.value)
    assert "row 1, 'Список воинских захоронений Дубровенского района (тестовый)', looks like" in (
        message
    )
    assert "row 3 looks like the header (№ п/п, Учётный номер, Наименование, Населённый" in message
    assert (
        "Delete the rows above it (rows 1–2); the header is written on 2 rows, 3–4 (A3:A4 (№ п/п)"
        in (message)
    )
    assert "(Список воинских" not in message


def test_a_header_on_two_rows_filled_in_by_hand_says_so(run, tmp_path):
    """Unmerged and each cell filled in, the upper row names one column three times."""
    book = Workbook()
    sheet = book.active
    counted = "Количество захороненных"
    sheet.append(["Наименование", "Населённый пункт", counted, counted, counted])
    sheet.append(["Наименование", "Населённый пункт", "всего", "известных", "неизвестных"])
    sheet.append(["Братская могила", "д. Ляды", 312, 210, 102])
    book.save(tmp_path / "filled.xlsx")
    with pytest.raises(ImportFileError) as refused:
        run("sites", tmp_path / "filled.xlsx", given={"kind": "mass_grave"})
    assert (
        "filled.xlsx: columns C, D and E have the same header, 'Количество захороненных', which "
        "is read as 'buried_total'; the row below it names columns too (Наименование, "
        "Населённый пункт, всего, известных, неизвестных): the header is written on two rows, "
        "and must be one"
    ) in str(refused.value)


def test_the_book_made_one_header_row_as_said_is_read(run, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["№ п/п", "Учётный номер", "Наименование", "Населённый пункт", "всего",
                  "известных", "неизвестных", "Координаты"])  # fmt: skip
    sheet.append([1, "4", "Братская могила", "д. Ляды", 312, 210, 102, "54.57, 30.69"])
    book.save(tmp_path / "one_row.xlsx")
    report = run("sites", tmp_path / "one_row.xlsx", given={"kind": "mass_grave"}, dry_run=True)
    assert report.ok and report.added == 1, [str(p) for p in report.problems]
