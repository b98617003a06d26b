"""Two lists in one workbook, each numbering its records from 1: the second sheet's
records are its own, not the first sheet's under another surname. Each sheet of a
workbook is a source of its own (the file's name and the sheet's), whichever tab is first
or open."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import text

from mapapp.importers.errors import ImportFileError

HEADER = ["№ записи", "Фамилия", "Имя", "Место захоронения", "Район захоронения"]


def two_district_lists(tmp_path):
    book = Workbook()
    first = book.active
    first.title = "Дубровенский"
    first.append(HEADER)
    first.append([1, "Листов", "Иван", "Шуховцы", "Дубровенский"])
    first.append([2, "Листова", "Анна", "Шуховцы", "Дубровенский"])
    second = book.create_sheet("Оршанский")
    second.append(HEADER)
    second.append([1, "Второв", "Пётр", "Шуховцы", "Дубровенский"])
    second.append([2, "Вторая", "Мария", "Шуховцы", "Дубровенский"])
    path = tmp_path / "lists.xlsx"
    book.save(path)
    return path


def test_each_sheet_of_a_workbook_is_its_own_list(run, tmp_path, engine):
    path = two_district_lists(tmp_path)
    first = run("persons", path)
    assert (first.added, first.present) == (2, 0)
    second = run("persons", path, sheet="Оршанский")
    assert (second.added, second.present) == (2, 0), second.problems
    assert second.present_other_surname == 0
    with engine.connect() as conn:
        stored = conn.execute(
            text(
                "SELECT surname, record_source, record_id FROM persons "
                "WHERE surname IN ('Листов', 'Листова', 'Второв', 'Вторая') ORDER BY surname"
            )
        ).all()
    assert [tuple(r) for r in stored] == [
        ("Вторая", "lists.xlsx (sheet Оршанский)", "2"),
        ("Второв", "lists.xlsx (sheet Оршанский)", "1"),
        ("Листов", "lists.xlsx (sheet Дубровенский)", "1"),
        ("Листова", "lists.xlsx (sheet Дубровенский)", "2"),
    ]
    # Each again, the first also named as it opens: nothing is added.
    for sheet in (None, "Дубровенский", "Оршанский"):
        again = run("persons", path, sheet=sheet)
        assert (again.added, again.present) == (0, 2)


def test_an_empty_sheet_the_workbook_opens_on_names_the_others(run, tmp_path):
    book = Workbook()
    book.active.title = "Титул"
    book.create_sheet("Список").append(HEADER)
    path = tmp_path / "titled.xlsx"
    book.save(path)
    with pytest.raises(
        ImportFileError,
        match=r"'Титул' is empty; the workbook's other sheets: "
        r"'Список' \(read one with --sheet NAME\)",
    ):
        run("persons", path)


def test_metres_read_as_degrees_are_told_to_need_crs(run, tmp_path):
    path = tmp_path / "utm.csv"
    path.write_text("name,kind,lat,lon\nМогила,mass grave,6057978,372150\n", encoding="utf-8")
    report = run("sites", path)
    assert "these look like metres of a projected CRS: name it with --crs" in str(
        report.problems[0]
    )


def test_a_sheet_s_source_does_not_change_with_the_tab_the_workbook_was_saved_on(
    run, tmp_path, counts
):
    path = two_district_lists(tmp_path)
    run("persons", path)
    run("persons", path, sheet="Оршанский")
    book = load_workbook(path)
    book.active = 1  # saved with the second sheet open
    book.save(path)
    before = counts()
    for sheet in ("Дубровенский", "Оршанский", None):
        again = run("persons", path, sheet=sheet)
        assert (again.added, again.present, again.present_other_surname) == (0, 2, 0), sheet
    assert counts() == before


def test_a_rejects_file_of_the_second_sheet_keeps_that_sheet_s_source(run, tmp_path, engine):
    path = two_district_lists(tmp_path)
    run("persons", path)
    book = load_workbook(path)
    book["Оршанский"].append([3, "Исправов", "Иван", "Шуховцы", "Нетакойрайон"])
    book.save(path)
    second = run("persons", path, sheet="Оршанский", skip_invalid=True)
    assert (second.added, second.rejected) == (2, 1)
    rejects = second.rejects_file.read_text(encoding="utf-8-sig")
    assert "lists.xlsx (sheet Оршанский)" in rejects
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(rejects.replace("Нетакойрайон", "Дубровенский"), encoding="utf-8")
    report = run("persons", fixed)
    assert (report.added, report.present_other_surname) == (1, 0), report.problems
    with engine.connect() as conn:
        source = conn.execute(
            text("SELECT record_source FROM persons WHERE surname = 'Исправов'")
        ).scalar_one()
    assert source == "lists.xlsx (sheet Оршанский)"


def _surnames_by_source(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT surname, record_source FROM persons WHERE surname IN "
                    "('Листов', 'Листова', 'Второв', 'Вторая') ORDER BY surname, record_source"
                )
            )
        ]


def test_moving_a_tab_to_the_front_does_not_make_its_list_another_s(run, tmp_path, engine):
    path = two_district_lists(tmp_path)
    run("persons", path)
    run("persons", path, sheet="Оршанский")
    book = load_workbook(path)
    book.move_sheet("Оршанский", offset=-1)  # now the first tab
    book.save(path)
    assert load_workbook(path).sheetnames == ["Оршанский", "Дубровенский"]
    for sheet in (None, "Оршанский", "Дубровенский"):
        again = run("persons", path, sheet=sheet)
        assert (again.added, again.present, again.present_other_surname) == (0, 2, 0), sheet
    assert len(_surnames_by_source(engine)) == 4


def test_a_first_sheet_stored_under_the_file_s_name_is_recognised_by_surname(
    run, tmp_path, engine, counts
):
    # Stored as a workbook's first sheet was before each sheet was named: under the
    # file's name alone.
    path = two_district_lists(tmp_path)
    run("persons", path, source="lists.xlsx")
    before = counts()
    again = run("persons", path)
    assert (again.added, again.present, again.present_other_surname) == (0, 2, 0)
    assert again.ids_elsewhere.found == 0  # found present, not "stored under another source"
    assert counts() == before
    second = run("persons", path, sheet="Оршанский")
    assert (second.added, second.present, second.present_other_surname) == (2, 0, 0)
    assert _surnames_by_source(engine) == [
        ("Вторая", "lists.xlsx (sheet Оршанский)"),
        ("Второв", "lists.xlsx (sheet Оршанский)"),
        ("Листов", "lists.xlsx"),
        ("Листова", "lists.xlsx"),
    ]


def test_another_sheet_s_records_under_the_file_s_name_are_not_taken_for_this_sheet_s(
    run, tmp_path, engine
):
    # The Оршанский list was the workbook's first sheet when it was imported under the
    # file's name; the tabs were moved since, and Дубровенский, numbered from 1 too, is
    # first now. Its records are new: none may be taken for Оршанский's record 1 or 2.
    path = two_district_lists(tmp_path)
    run("persons", path, sheet="Оршанский", source="lists.xlsx")
    first = run("persons", path)
    assert (first.added, first.present, first.present_other_surname) == (2, 0, 0)
    assert _surnames_by_source(engine) == [
        ("Вторая", "lists.xlsx"),
        ("Второв", "lists.xlsx"),
        ("Листов", "lists.xlsx (sheet Дубровенский)"),
        ("Листова", "lists.xlsx (sheet Дубровенский)"),
    ]
    # And Оршанский, named now, is recognised as the list stored under the file's name.
    again = run("persons", path, sheet="Оршанский")
    assert (again.added, again.present, again.present_other_surname) == (0, 2, 0)


def test_a_workbook_of_one_sheet_keeps_the_file_s_name_as_its_source(run, tmp_path, engine):
    book = Workbook()
    book.active.title = "Лист1"
    book.active.append(HEADER)
    book.active.append([17, "Иваненко", "Иван", "Шуховцы", "Дубровенский"])
    path = tmp_path / "obd.xlsx"
    book.save(path)
    first = run("persons", path)
    assert first.added == 1
    with engine.connect() as conn:
        source = conn.execute(
            text("SELECT record_source FROM persons WHERE import_batch_id = :b"),
            {"b": first.batch_id},
        ).scalar_one()
    assert source == "obd.xlsx"
    # The surname corrected since: the same record, told as stored under another surname.
    book.active["B2"] = "Иваненков"
    book.save(path)
    again = run("persons", path)
    assert (again.added, again.present, again.present_other_surname) == (0, 1, 1)


def test_a_sheet_with_records_of_its_own_takes_none_stored_under_the_file_s_name(
    run, tmp_path, engine
):
    # Дубровенский was the first sheet when it was stored under the file's name; the
    # Оршанский sheet has records of its own since. Its new record 3 bears the name of
    # Дубровенский's record 3: it is another man of another list, and is added.
    path = two_district_lists(tmp_path)
    book = load_workbook(path)
    book["Дубровенский"].append([3, "Иванов", "Иван", "Шуховцы", "Дубровенский"])
    book.save(path)
    run("persons", path, sheet="Дубровенский", source="lists.xlsx")
    run("persons", path, sheet="Оршанский")
    book = load_workbook(path)
    book["Оршанский"].append([3, "Иванов", "Иван", "Шуховцы", "Дубровенский"])
    book.save(path)
    again = run("persons", path, sheet="Оршанский")
    assert (again.added, again.present) == (1, 2)
    with engine.connect() as conn:
        sources = conn.execute(
            text(
                "SELECT record_source FROM persons WHERE surname = 'Иванов' "
                "AND record_id = '3' ORDER BY id"
            )
        ).scalars()
        assert list(sources) == ["lists.xlsx", "lists.xlsx (sheet Оршанский)"]


def test_a_workbook_left_with_one_sheet_keeps_the_records_of_that_sheet(run, tmp_path, engine):
    # Imported while the workbook had two sheets (each named); the other sheet removed
    # since, the file's name is the source again, and the sheet's records are found.
    path = two_district_lists(tmp_path)
    run("persons", path, sheet="Оршанский")
    book = load_workbook(path)
    del book["Дубровенский"]
    book["Оршанский"]["C2"] = "Петр"  # stored as Пётр: ё and е are one letter here
    book.save(path)
    again = run("persons", path)
    assert (again.added, again.present, again.present_other_surname) == (0, 2, 0)
    assert len(_surnames_by_source(engine)) == 2
