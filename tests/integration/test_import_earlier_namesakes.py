"""A corrected list without record ids imported again: a corrected row is a new record
(its cells are its identity), and the report names the new records whose names an earlier
import of a file of that name stored, with that import, for a person to decide."""

import os
import subprocess
import sys

from sqlalchemy import text

from mapapp.importers.batches import undo_batch

HEADER = "Фамилия;Имя;Отчество;Дата гибели;Место захоронения;Район захоронения"
ROWS = [
    "Бекмуханов;Ахмет;Касымович;24.06.1944;Шуховцы;Дубровенский",
    "Сапаров;Нурлан;;25.06.1944;Шуховцы;Дубровенский",
    "Кимов;Иван;Петрович;26.06.1944;Шуховцы;Дубровенский",
]


def write(folder, rows: list[str]):
    folder.mkdir(exist_ok=True)
    path = folder / "Список.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def corrected(tmp_path):
    rows = [ROWS[0].replace("24.06.1944", "27.06.1944"), ROWS[1], ROWS[2]]
    rows.append("Новиков;Пётр;Ильич;28.06.1944;Шуховцы;Дубровенский")
    return write(tmp_path / "corrected", rows)


def test_a_corrected_row_of_a_list_without_ids_is_named_with_the_earlier_import(
    run, tmp_path, engine
):
    first = run("persons", write(tmp_path / "first", ROWS))
    assert first.added == 3
    path = corrected(tmp_path)
    dry = run("persons", path, dry_run=True)
    assert (dry.added, dry.present) == (2, 2)
    found = dry.earlier_namesakes
    assert (found.count, found.rows, found.batches) == (1, [2], [first.batch_id])
    again = run("persons", path)
    assert (again.added, again.present) == (2, 2)
    assert again.earlier_namesakes == found
    with engine.connect() as conn:
        deaths = conn.execute(
            text(
                "SELECT death_day FROM persons WHERE surname = 'Бекмуханов' "
                "AND import_batch_id IN (:a, :b) ORDER BY death_day"
            ),
            {"a": first.batch_id, "b": again.batch_id},
        ).scalars()
        assert list(deaths) == [24, 27]  # both records kept, neither changed


def test_the_same_list_again_or_another_list_names_nothing(run, tmp_path):
    run("persons", write(tmp_path / "first", ROWS))
    again = run("persons", write(tmp_path / "again", ROWS), dry_run=True)
    assert (again.present, again.earlier_namesakes.count) == (3, 0)
    other = tmp_path / "other.csv"
    other.write_text(HEADER + "\n" + ROWS[0].replace("24.06", "27.06") + "\n", encoding="utf-8")
    assert run("persons", other, dry_run=True).earlier_namesakes.count == 0


def test_an_undone_earlier_import_names_nothing(run, tmp_path, engine):
    first = run("persons", write(tmp_path / "first", ROWS))
    undo_batch(engine, first.batch_id)
    assert run("persons", corrected(tmp_path), dry_run=True).earlier_namesakes.count == 0


def test_the_report_says_what_to_do(run, tmp_path, test_settings):
    first = run("persons", write(tmp_path / "first", ROWS))
    done = subprocess.run(
        [sys.executable, "-m", "mapapp.cli", "import", "persons", str(corrected(tmp_path))]
        + ["--dry-run"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": test_settings.database_url},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (
        f"1 of the new records (row 2) bears the name of a person stored without record "
        f"ids from a file of this name (batch {first.batch_id})"
    ) in done.stdout
    assert "undo the earlier import (mapapp batches undo ID) before importing this file" in (
        done.stdout
    )


def test_records_the_list_no_longer_holds_are_named_and_kept(run, tmp_path, engine, counts):
    first = run("persons", write(tmp_path / "first", ROWS))
    shorter = run("persons", write(tmp_path / "shorter", ROWS[1:]), dry_run=True)
    assert (shorter.present, shorter.absent.count, shorter.absent.batches) == (
        2,
        1,
        [first.batch_id],
    )
    with engine.connect() as conn:
        deleted = conn.execute(
            text("SELECT id FROM persons WHERE surname = 'Бекмуханов' AND import_batch_id = :b"),
            {"b": first.batch_id},
        ).scalar_one()
    assert shorter.absent.ids == [deleted]
    before = counts()
    assert run("persons", write(tmp_path / "shorter", ROWS[1:])).absent.ids == [deleted]
    assert counts() == before  # nothing removed, nothing added
    # The corrected list: its corrected row is a new record, and the one it corrects is
    # no longer in the list.
    fixed = run("persons", corrected(tmp_path), dry_run=True)
    assert (fixed.earlier_namesakes.count, fixed.absent.ids) == (1, [deleted])


def test_another_sheet_of_a_workbook_is_another_list(run, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Дубровенский"
    second = book.create_sheet("Оршанский")
    for sheet, rows in ((first, ROWS[:2]), (second, ROWS[2:])):
        sheet.append(HEADER.split(";"))
        for row in rows:
            sheet.append(row.split(";"))
    path = tmp_path / "lists.xlsx"
    book.save(path)
    run("persons", path)
    other = run("persons", path, sheet="Оршанский", dry_run=True)
    assert (other.added, other.absent.count, other.earlier_namesakes.count) == (1, 0, 0)


def test_a_record_whose_row_is_refused_now_is_not_said_to_be_deleted(run, tmp_path, engine):
    run("persons", write(tmp_path / "first", ROWS))
    refused = [ROWS[0].replace("24.06.1944", "31.02.1944"), *ROWS[1:]]
    done = subprocess.run(
        [sys.executable, "-m", "mapapp.cli", "import", "persons"]
        + [str(write(tmp_path / "refused", refused)), "--dry-run"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": engine.url.render_as_string(False)},
        timeout=120,
    )
    assert "1 person stored by an earlier import of a file of this name" in done.stdout
    assert "is not among this file's rows accepted (ids " in done.stdout
    assert "or among the 1 row refused now (correct and import them first)" in done.stdout
