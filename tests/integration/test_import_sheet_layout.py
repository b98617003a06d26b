"""A sheet's layout, as spreadsheets leave it. Cells merged over the rows: the value stands
in the first cell only, so the rows under it would be stored without it (a burial place
merged over three persons); the file is refused, naming them, and a header merged across
columns is no data. Formatting on thousands of empty columns: their empty cells are not
kept with each row, and the report shows them as one run."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Border, Side
from sqlalchemy import text

from mapapp.cli import _columns_shown
from mapapp.importers import sheet_layout
from mapapp.importers.errors import ImportFileError

HEADER = ["Фамилия", "Имя", "Место захоронения", "Район захоронения"]


def persons_sheet(tmp_path, *merges: str, name="merged.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["Слитов", "Иван", "Шуховцы", "Дубровенский"])
    sheet.append(["Слитова", "Анна", None, None])
    sheet.append(["Слитин", "Пётр", None, None])
    for merge in merges:
        sheet.merge_cells(merge)
    path = tmp_path / name
    book.save(path)
    return path


def test_cells_merged_over_rows_refuse_the_file_naming_them(run, tmp_path, counts):
    before = counts()
    path = persons_sheet(tmp_path, "D2:D4", "C2:C4")
    with pytest.raises(ImportFileError) as refused:
        run("persons", path, skip_invalid=True)
    assert (
        "merged cells in the rows of the sheet 'Sheet': C2:C4 (Место захоронения), "
        "D2:D4 (Район захоронения)" in str(refused.value)
    )
    assert "Nothing was imported" in str(refused.value) and counts() == before


def test_merged_cells_are_found_wherever_the_xml_is_cut(run, tmp_path, counts, monkeypatch):
    monkeypatch.setattr(sheet_layout, "SCAN_BYTES", 7)  # every tag cut somewhere
    with pytest.raises(ImportFileError, match=r"C3:C4 \(Место захоронения\)"):
        run("persons", persons_sheet(tmp_path, "C3:C4"))


def test_a_header_merged_across_columns_is_read(run, tmp_path):
    path = persons_sheet(tmp_path, "C1:D1")  # one title over the place and its district
    report = run("persons", path, dry_run=True)
    assert report.rows_read == 3 and not any("merged" in str(p) for p in report.problems)


def test_empty_cells_of_columns_without_a_name_are_not_kept_with_each_row(run, tmp_path, engine):
    """Borders on thousands of empty columns made every person carry thousands of empty
    cells in the row as read; a cell that holds something there is kept."""

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["Широков", "Иван", "Шуховцы", "Дубровенский"])
    sheet.append(["Широкова", "Анна", "Шуховцы", "Дубровенский"])
    sheet.cell(row=3, column=400, value="заметка на полях")
    thin = Side(style="thin")
    for column in range(5, 1500):
        for row in (1, 2, 3):
            sheet.cell(row=row, column=column).border = Border(left=thin)
    path = tmp_path / "wide.xlsx"
    book.save(path)
    report = run("persons", path)
    assert report.committed and report.added == 2, report.problems
    with engine.connect() as conn:
        kept = dict(
            conn.execute(
                text(
                    "SELECT surname, import_source FROM persons "
                    "WHERE surname IN ('Широков', 'Широкова')"
                )
            ).all()
        )
    assert set(kept["Широков"]) == set(HEADER)
    assert kept["Широкова"]["column 400"] == "заметка на полях"
    assert set(kept["Широкова"]) == {*HEADER, "column 400"}


def test_a_run_of_columns_without_a_name_is_shown_as_one():
    columns = ["Фамилия", "column 2", *(f"column {n}" for n in range(7, 3007)), "Примечание"]
    assert _columns_shown(columns) == (
        "Фамилия, column 2, column 7 … column 3006 (3,000 without a name), Примечание"
    )


def test_hidden_rows_are_read_and_said(run, tmp_path):
    path = persons_sheet(tmp_path)
    book = load_workbook(path)
    book.active.row_dimensions[3].hidden = True
    book.save(path)
    report = run("persons", path, dry_run=True)
    assert report.added == 3
    assert "1 hidden row of the sheet (3) is read like the others" in " ".join(report.notes)


def test_a_merge_within_one_row_loses_no_row_s_value(run, tmp_path):
    path = persons_sheet(tmp_path, "C2:D2")  # a place written across two columns
    report = run("persons", path, dry_run=True)
    assert report.rows_read == 3
