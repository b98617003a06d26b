"""Lists as they come from a spreadsheet and from the field: ids a spreadsheet rounded
into exponent form, unknown soldiers and namesakes one to a row without ids, Kazakh and
Belarusian full-name headers, and whole names written in the surname column."""

import json

import pytest
from sqlalchemy import text

from mapapp.importers.errors import ImportFileError
from mapapp.importers.inspect import inspect_file
from mapapp.importers.runner import ImportOptions

GRAVE = "Шуховцы;Дубровенский"


def write(tmp_path, name: str, lines: list[str]):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored(engine, surnames: list[str]) -> list[tuple]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT surname, given_name, patronymic, record_id, ref FROM persons "
                    "WHERE surname = ANY(:s) ORDER BY record_id, given_name"
                ),
                {"s": surnames},
            )
        ]


def test_ids_a_spreadsheet_rounded_into_exponent_form_are_refused(run, tmp_path, engine):
    """5,12346E+13 is what a spreadsheet shows of 51234567890123: two men's ids read as
    one, and the id as written is no man's. Each row is refused naming its cell, not as
    "one id, two rows", and none is stored under the rounded id."""
    path = write(
        tmp_path,
        "obd.csv",
        [
            "ID записи;Фамилия;Имя;Место захоронения;Район захоронения",
            f"5,12346E+13;Экспонентов;Иван;{GRAVE}",
            f"5,12346E+13;Экспонентов;Пётр;{GRAVE}",
            f"1,23457E+11;Округлов;Павел;{GRAVE}",
            f"7.80001e-05;Дробнов;Семён;{GRAVE}",
            f"51234567890124;Целов;Илья;{GRAVE}",
        ],
    )
    report = run("persons", path, skip_invalid=True)
    assert report.committed and (report.added, report.rejected) == (1, 4)
    problems = [str(p) for p in report.problems]
    assert not any("one id, two rows" in p for p in problems)
    for row, value in ((2, "5,12346E+13"), (3, "5,12346E+13"), (4, "1,23457E+11"),
                       (5, "7.80001e-05")):  # fmt: skip
        assert any(
            p.startswith(f"row {row}, column 'ID записи': a number in exponent form: a "
                         "spreadsheet rounded the id")
            and "export the ids as text" in p
            and p.endswith(f"(value: {value!r})")
            for p in problems
        ), problems  # fmt: skip
    names = ["Экспонентов", "Округлов", "Дробнов", "Целов"]
    assert [r[:4] for r in stored(engine, names)] == [("Целов", "Илья", None, "51234567890124")]
    with engine.connect() as conn:
        assert not conn.execute(
            text("SELECT count(*) FROM persons WHERE ref ILIKE '%E+%' OR record_id ILIKE '%E+%'")
        ).scalar()


UNKNOWN_SOLDIERS = [
    "№ п/п;Фамилия;Имя;Воинское звание;Место захоронения;Район захоронения",
    f"1;Неизвестный;;рядовой;{GRAVE}",
    f"2;Неизвестный;;рядовой;{GRAVE}",
    f"3;Безымянов;Иван;сержант;{GRAVE}",
    f"4;Безымянов;Иван;сержант;{GRAVE}",
    f"5;Неизвестный;;рядовой;{GRAVE}",
]


def test_rows_alike_without_ids_name_the_column_that_numbers_them(run, tmp_path, engine):
    """Unknown soldiers and namesakes one to a row are refused as one record, never
    numbered unasked; the message names the list's № п/п and the exact map that reads it
    as the record id, and that map imports every man."""
    path = write(tmp_path, "grave.csv", UNKNOWN_SOLDIERS)
    report = run("persons", path)
    assert not report.committed and report.unmapped == ["№ п/п"]
    problems = {p.row: str(p) for p in report.problems}
    assert sorted(problems) == [3, 5, 6]
    advice = (
        "if they are different persons (unknown soldiers, namesakes), import with --map "
        'FILE, FILE holding {"№ п/п": "record_id"}: column \'№ п/п\''
    )
    assert problems[3].startswith("row 3: duplicate of row 2 (same record): its mapped cells")
    assert advice + " (2 here, 1 in row 2) is then each record's id" in problems[3]
    assert advice + " (4 here, 3 in row 4)" in problems[5]
    assert advice + " (5 here, 1 in row 2)" in problems[6]
    assert "rejects file" not in problems[3]  # nothing is stored: the file is imported again
    assert stored(engine, ["Неизвестный", "Безымянов"]) == []

    # With --skip-invalid the first rows are stored: the rest go by the rejects file.
    skipped = run("persons", path, skip_invalid=True, dry_run=True)
    assert "import the rejects file so, not this file again" in str(skipped.problems[0])

    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"№ п/п": "record_id"}, ensure_ascii=False), encoding="utf-8")
    numbered = run("persons", path, mapping=mapping)
    assert numbered.committed and (numbered.added, numbered.rejected) == (5, 0)
    assert [r[3] for r in stored(engine, ["Неизвестный", "Безымянов"])] == list("12345")


def test_rows_alike_without_a_numbering_column_are_told_to_add_one(run, tmp_path, engine):
    lines = [line.split(";", 1)[1] for line in UNKNOWN_SOLDIERS[:3]]
    report = run("persons", write(tmp_path, "plain.csv", lines))
    (problem,) = [str(p) for p in report.problems]
    assert problem.startswith("row 3: duplicate of row 2 (same record)")
    assert (
        "if they are different persons (unknown soldiers, namesakes), add a column numbering "
        'the rows (№ п/п) and import with --map FILE, FILE holding {"№ п/п": "record_id"}'
    ) in problem

    # The same number twice: a row written twice, not two men.
    twice = [UNKNOWN_SOLDIERS[0], UNKNOWN_SOLDIERS[1], UNKNOWN_SOLDIERS[1]]
    (problem,) = [str(p) for p in run("persons", write(tmp_path, "twice.csv", twice)).problems]
    assert "column '№ п/п' gives it row 2's number too: a row written twice? Delete one" in problem
    assert "--map" not in problem

    # A record id column left empty in those rows: their ids are what is missing.
    empty_ids = ["ID записи;" + UNKNOWN_SOLDIERS[0], ";" + UNKNOWN_SOLDIERS[1],
                 ";" + UNKNOWN_SOLDIERS[2]]  # fmt: skip
    (problem,) = [str(p) for p in run("persons", write(tmp_path, "ids.csv", empty_ids)).problems]
    assert problem.endswith(
        "if they are different persons (unknown soldiers, namesakes), give each its id in "
        "'ID записи'"
    )
    assert stored(engine, ["Неизвестный"]) == []


def test_rows_numbered_otherwise_are_told_what_keeps_them_apart_not_to_delete_one(
    run, tmp_path, engine
):
    """Rows alike numbered 1, 4 and nothing: row 3 is no copy of row 2, and is not asked
    to delete one; each is told what keeps the column from numbering them apart."""
    unknown = UNKNOWN_SOLDIERS[1].split(";", 1)[1]
    lines = [UNKNOWN_SOLDIERS[0], f"1;{unknown}", f"4;{unknown}", f";{unknown}"]
    report = run("persons", write(tmp_path, "gaps.csv", lines))
    assert not report.committed
    problems = {p.row: str(p) for p in report.problems}
    assert sorted(problems) == [3, 4]
    assert problems[3] == (
        "row 3: duplicate of row 2 (same record): its mapped cells are row 2's, and the file "
        "gives no record id; column '№ п/п' does not number these rows apart (row 4 has no "
        "number): if they are different persons (unknown soldiers, namesakes), give each "
        "row its own number in '№ п/п' and import with --map FILE, FILE holding "
        '{"№ п/п": "record_id"}'
    )
    said = "column '№ п/п' does not number these rows apart (this row has no number)"
    assert said in problems[4]
    assert stored(engine, ["Неизвестный"]) == []


def test_inspect_names_the_numbering_column_as_a_record_id_to_give(tmp_path):
    path = write(tmp_path, "grave.csv", UNKNOWN_SOLDIERS)
    lines = inspect_file(ImportOptions(kind="persons", path=path))
    assert "    № п/п → (not mapped; kept in provenance)" in lines
    (said,) = [line for line in lines if "numbers the rows" in line]
    assert said.startswith("    '№ п/п' numbers the rows: without a record id, rows alike")
    assert 'map it as the record id ({"№ п/п": "record_id"})' in said
    assert "a later copy of the list must keep them" in said


def test_a_header_folding_to_nothing_is_never_offered_as_the_record_id(run, tmp_path):
    """A "*" column numbers no rows, whatever it holds: rows alike in every mapped cell are
    asked for a numbering column, and inspect offers "*" as no record id."""
    lines = [line.replace("№ п/п", "*", 1) for line in UNKNOWN_SOLDIERS[:3]]
    path = write(tmp_path, "star.csv", lines)
    (problem,) = [str(p) for p in run("persons", path).problems]
    assert "add a column numbering the rows (№ п/п) and import with --map" in problem
    assert "'*'" not in problem
    lines = inspect_file(ImportOptions(kind="persons", path=path))
    assert not [line for line in lines if "numbers the rows" in line]


@pytest.mark.parametrize(
    "header",
    ["Тегі, аты, әкесінің аты", "Прозвішча, імя, імя па бацьку", "Фамилия, имя и отчество"],
)
def test_full_name_headers_in_kazakh_and_belarusian_are_read(run, tmp_path, engine, header):
    path = write(
        tmp_path,
        "kz.csv",
        [
            f'"{header}";Әскери атағы;Место захоронения;Район захоронения',
            f"Жақсылықов Ерболат Қасым ұлы;қатардағы жауынгер;{GRAVE}",
            f"Сакалоўскі Іван Пятровіч;радавы;{GRAVE}",
        ],
    )
    report = run("persons", path)
    assert report.committed and report.mapped[header] == "full_name", report.problems
    assert report.warnings == []
    assert {r[:3] for r in stored(engine, ["Жақсылықов", "Сакалоўскі"])} == {
        ("Жақсылықов", "Ерболат", "Қасым ұлы"),
        ("Сакалоўскі", "Іван", "Пятровіч"),
    }


def test_a_header_naming_several_name_parts_is_offered_as_the_full_name(run, tmp_path):
    path = write(tmp_path, "kz.csv", ["Тегі және аты;Әскери атағы", "Жақсылықов Ерболат;жауынгер"])
    with pytest.raises(ImportFileError) as refused:
        run("persons", path)
    message = str(refused.value)
    assert "likeliest: 'Тегі және аты' (it names several parts of a name: as 'full_name'" in (
        message
    )
    assert '--map FILE: {"COLUMN": "full_name"}' in message
    assert '"surname"' not in message


def test_whole_names_in_the_surname_column_are_warned_of_once(run, tmp_path, engine):
    """Stored as written (a list may mean it), with one warning for the file: how many,
    the first rows, and the map that reads the column as full names. Another spelling in
    brackets, particles and double surnames are surnames."""
    path = write(
        tmp_path,
        "surnames.csv",
        [
            "Фамилия;Место захоронения;Район захоронения",
            f"Жақсылықов Ерболат Қасым ұлы;{GRAVE}",
            f"Целиков (Цельков);{GRAVE}",
            f"фон дер Берг;{GRAVE}",
            f"Римский-Корсаков;{GRAVE}",
            f"Петров - Водкин;{GRAVE}",
            f"Ахметов Нурлан Серикович;{GRAVE}",
        ],
    )
    report = run("persons", path)
    assert report.committed and report.added == 6
    (warning,) = [str(w) for w in report.warnings]
    assert warning == (
        "row 2, column 'Фамилия': 2 surname cells hold three or more words (rows 2, 7): "
        "whole names in the surname column? Stored as written, each whole as the surname; "
        "if the column holds whole names, import it as the full name (--map FILE with "
        '{"Фамилия": "full_name"}): it is then split into surname, given name and '
        "patronymic (value: 'Жақсылықов Ерболат Қасым ұлы')"
    )
    assert stored(engine, ["Жақсылықов Ерболат Қасым ұлы"])[0][:3] == (
        "Жақсылықов Ерболат Қасым ұлы",
        None,
        None,
    )
