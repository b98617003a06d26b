"""A header written over several columns ("Примечание;Примечание") keeps every cell, each
column under a key of its own, where no field is read from it; read as a field, it
refuses the file, naming the columns (a sheet's by their letters). A header line a
rejects file gives back is refused again, never read as a record."""

import csv

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from mapapp.importers.errors import ImportFileError
from tests.integration.test_import_real_files import write


def _workbook(tmp_path, name, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def _import_source(engine, batch_id: int) -> list[dict]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                text("SELECT import_source FROM persons WHERE import_batch_id = :b"),
                {"b": batch_id},
            ).scalars()
        )


def test_a_header_over_two_columns_read_as_no_field_keeps_both(run, tmp_path, engine):
    """ "Примечание;Примечание" refused the whole file, naming no column: both are kept
    with the row as read, the second under a key of its own, and the report says so."""
    content = (
        "Фамилия;Имя;Примечание;Примечание;Место захоронения;Район захоронения\n"
        "Заметкин;Ерлан;первая;вторая;Шуховцы;Дубровенский\n"
        "Заметкина;;;;Атлантида;Дубровенский\n"
        # The header repeated below (two exports pasted together): only its line refused.
        "Фамилия;Имя;Примечание;Примечание;Место захоронения;Район захоронения\n"
    )
    path = write(tmp_path, "dupnote.csv", content)
    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == 1
    assert (
        "columns 3 and 4 have the same header, 'Примечание': no field is read from them, and "
        "each is kept with its rows as read, the first as 'Примечание', the next as "
        "'Примечание (2)'"
    ) in " ".join(report.notes)
    (source,) = _import_source(engine, report.batch_id)
    assert (source["Примечание"], source["Примечание (2)"]) == ("первая", "вторая")
    assert {p.row: p.reason for p in report.problems}[4].startswith("repeats the header")
    # The rejects file keeps both columns apart, and is read again as they were.
    with report.rejects_file.open(encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh, delimiter=";"))
    assert header[:4] == ["Фамилия", "Имя", "Примечание", "Примечание (2)"]
    again = run("persons", report.rejects_file, dry_run=True)
    assert not any("same header" in note for note in again.notes)
    assert "no burial site named 'Атлантида'" in {p.row: p.reason for p in again.problems}[2]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("dup.xlsx", "dup.xlsx: columns A and E have the same header, 'Фамилия', which is read "
                     "as 'surname': which of them holds it cannot be told. Give each column but "
                     "the one to read a header of its own"),
        ("dup.csv", "dup.csv: columns 1 and 5 have the same header, 'Фамилия', which is read as "
                    "'surname'"),
    ],
)  # fmt: skip
def test_a_header_over_two_columns_read_as_a_field_refuses_the_file_naming_them(
    run, tmp_path, counts, name, message
):
    rows = [["Фамилия", "Имя", "Место захоронения", "Район захоронения", "Фамилия"],
            ["Двоев", "Иван", "Шуховцы", "Дубровенский", "Двоев-второй"]]  # fmt: skip
    if name.endswith(".xlsx"):
        path = _workbook(tmp_path, name, rows)
    else:
        path = write(tmp_path, name, "\n".join(";".join(r) for r in rows) + "\n")
    before = counts()
    with pytest.raises(ImportFileError) as refused:
        run("persons", path)
    assert message in str(refused.value) and "Nothing was imported" in str(refused.value)
    assert counts() == before


def test_a_repeated_header_a_mapping_names_is_refused(run, tmp_path, counts):
    path = write(tmp_path, "m.csv", "Фамилия;Заметка;Заметка\nДвоев;a;b\n")
    mapping = write(tmp_path, "m.json", '{"Заметка": "biography"}')
    before = counts()
    with pytest.raises(ImportFileError, match="columns 2 and 3 have the same header, 'Заметка', "
                       "which is read as 'biography'"):  # fmt: skip
        run("persons", path, mapping=mapping)
    assert counts() == before


def test_a_header_line_a_rejects_file_gives_back_is_never_stored_as_a_person(run, tmp_path, counts):
    """The rejects file adds the row's number, problems and source to the header line it
    refused: read again, that line was no longer all header names, and was stored as a
    person named "Фамилия Имя Отчество"."""
    content = "Фамилия;Имя;Отчество\nЗаметкин;Ерлан;\nЗаметкина;Ив\x01ан;\nФамилия;Имя;Отчество\n"
    path = write(tmp_path, "list.csv", content)
    report = run("persons", path, skip_invalid=True, dry_run=True)
    assert {p.row for p in report.problems} == {3, 4}
    before = counts()
    again = run("persons", report.rejects_file, skip_invalid=True)
    assert again.added == 0 and counts() == before
    reasons = {p.row: p.reason for p in again.problems}
    assert reasons[3].startswith("repeats the header (Фамилия, Имя, Отчество)")
    assert "control character U+0001" in reasons[2]
