"""Cells merged over the rows of a sheet: the value stands in the first cell only, so the
rows under it would be stored without it (a burial place merged over three persons). The
file is refused, naming the merged cells; a header merged across columns is no data."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from mapapp.importers import readers
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
    monkeypatch.setattr(readers, "MERGE_SCAN_BYTES", 7)  # every tag cut somewhere
    with pytest.raises(ImportFileError, match=r"C3:C4 \(Место захоронения\)"):
        run("persons", persons_sheet(tmp_path, "C3:C4"))


def test_a_header_merged_across_columns_is_read(run, tmp_path):
    path = persons_sheet(tmp_path, "C1:D1")  # one title over the place and its district
    report = run("persons", path, dry_run=True)
    assert report.rows_read == 3 and not any("merged" in str(p) for p in report.problems)
