"""A CSV line that cannot be read, unnamed columns, and the rejects file's round trip."""

import csv

import pytest
from sqlalchemy import text

from mapapp.importers.errors import ImportFileError
from tests.integration.test_import_real_files import write

HEADER = "ID записи;Фамилия;Имя;Дата гибели;Место захоронения;Район захоронения\n"


def row(record_id, surname, died="22.06.1944"):
    return f"{record_id};{surname};Иван;{died};Шуховцы;Дубровенский\n"


def test_a_broken_quote_refuses_the_whole_file_naming_its_line(run, tmp_path, counts):
    broken = '9002;Кавычкин;Иван;1944;"Мститель" отряд;Дубровенский\n'
    path = write(tmp_path, "q.csv", HEADER + row(9001, "Первов") + broken + row(9003, "Третьев"))
    before = counts()
    # Even with --skip-invalid: past a broken quote the rows after it cannot be trusted,
    # and importing the rows before it alone would lose the rest without a word.
    with pytest.raises(ImportFileError) as raised:
        run("persons", path, skip_invalid=True)
    message = str(raised.value)
    assert "line 3" in message and '"Мститель" отряд' in message
    assert "Nothing was imported" in message
    assert counts() == before
    assert not (tmp_path / "q.rejected.csv").exists()


def test_an_unnamed_column_is_kept_by_its_position(run, tmp_path, engine):
    # A trailing separator (Excel's export of an empty column) and a column with no name
    # but a value: neither refuses the file, and the value stays with the row as read.
    content = (
        "ID записи;Фамилия;;Имя;Дата гибели;Место захоронения;Район захоронения;\n"
        "9101;Безымянов;пометка;Иван;1944;Шуховцы;Дубровенский;\n"
    )
    report = run("persons", write(tmp_path, "unnamed.csv", content))
    assert report.ok and report.added == 1, [str(p) for p in report.problems]
    assert report.unmapped == ["column 3", "column 8"]
    with engine.connect() as conn:
        source = conn.execute(
            text("SELECT import_source FROM persons WHERE surname = 'Безымянов'")
        ).scalar_one()
    # The value is kept; the trailing column's empty cell, which says nothing, is not
    # (test_import_sheet_layout: thousands of such columns).
    assert source["column 3"] == "пометка" and "column 8" not in source


def test_the_rejects_file_is_checked_before_anything_is_written(run, tmp_path, counts):
    content = HEADER + row(9201, "Годнов") + row(9202, "Негоднов", died="31.02.1944")
    path = write(tmp_path, "r.csv", content)
    before = counts()
    with pytest.raises(ImportFileError, match="that is the file being imported"):
        run("persons", path, skip_invalid=True, rejects=path)
    assert path.read_text(encoding="utf-8") == content
    with pytest.raises(ImportFileError, match="no folder"):
        run("persons", path, skip_invalid=True, rejects=tmp_path / "missing" / "r.csv")
    precious = write(tmp_path, "precious.csv", "another list\n")
    for dry_run in (True, False):
        with pytest.raises(ImportFileError, match="the file exists, and an import never"):
            run("persons", path, skip_invalid=True, rejects=precious, dry_run=dry_run)
    assert precious.read_text(encoding="utf-8") == "another list\n"
    with pytest.raises(ImportFileError, match="only with --skip-invalid"):
        run("persons", path, rejects=tmp_path / "r.rejected.csv")
    assert counts() == before


def test_a_rejects_name_of_another_format_is_refused(run, tmp_path, counts):
    """The rejects file is CSV text: under an .xlsx or .geojson name a spreadsheet or GIS
    program would take it for a broken file of that kind."""
    content = HEADER + row(9211, "Годнов") + row(9212, "Негоднов", died="31.02.1944")
    path = write(tmp_path, "r.csv", content)
    before = counts()
    for name, suffix in (("x.xlsx", ".xlsx"), ("y.geojson", ".geojson"), ("z.CSV.txt", ".txt")):
        with pytest.raises(ImportFileError) as refused:
            run("persons", path, skip_invalid=True, rejects=tmp_path / name)
        message = str(refused.value)
        assert f"the rejects file is CSV, and its name ends in {suffix!r}" in message
        assert "name it with .csv" in message
        assert not (tmp_path / name).exists()
    assert counts() == before
    for name in ("fixed.CSV", "fixed"):  # a CSV name in capitals, or no suffix at all
        report = run("persons", path, skip_invalid=True, rejects=tmp_path / name)
        assert (report.added, report.rejected) == (1 if name == "fixed.CSV" else 0, 1)
        assert report.rejects_file == tmp_path / name
        assert "Негоднов" in (tmp_path / name).read_text(encoding="utf-8-sig")


def test_sheet_is_refused_for_a_csv_file(run, tmp_path):
    path = write(tmp_path, "one_table.csv", HEADER + row(9203, "Листов"))
    with pytest.raises(ImportFileError, match="--sheet is for XLSX workbooks and GeoPackages"):
        run("persons", path, sheet="Лист2")


def test_corrected_rejects_are_the_same_records_as_their_file(run, tmp_path, engine):
    original = HEADER + row(9301, "Годнов") + row(9302, "Исправлев", died="31.02.1944")
    path = write(tmp_path, "src.csv", original)
    first = run("persons", path, skip_invalid=True)
    assert (first.added, first.rejected) == (1, 1)
    rejects = first.rejects_file.read_bytes()
    assert rejects.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets open it as UTF-8
    lines = rejects.decode("utf-8-sig").splitlines()
    assert lines[0] == HEADER.strip() + ";_row;_problems;_source"  # the file's delimiter
    parts = lines[1].split(";")
    assert parts[:2] == ["9302", "Исправлев"] and parts[-3] == "3"
    assert "31.02.1944" in parts[-2] and parts[-1] == "src.csv"
    # The rejected row, corrected in the rejects file and imported from it.
    fixed = write(
        tmp_path, "fixed.csv", rejects.decode("utf-8-sig").replace("31.02.1944", "28.02.1944")
    )
    second = run("persons", fixed)
    assert second.ok and second.added == 1 and second.possible_duplicates == 0
    with engine.connect() as conn:
        person = conn.execute(
            text(
                "SELECT p.record_source, p.death_day, b.row FROM persons p "
                "JOIN burials b ON b.person_id = p.id WHERE p.surname = 'Исправлев'"
            )
        ).one()
    # "_row" is the row's number in src.csv, not a grave row; the source is src.csv's.
    assert tuple(person) == ("src.csv", 28, None)
    # The whole file corrected and imported again: both records are already there.
    write(tmp_path, "src.csv", original.replace("31.02.1944", "28.02.1944"))
    again = run("persons", path)
    assert (again.added, again.present, again.possible_duplicates) == (0, 2, 0)


def rejects_rows(report) -> list[list[str]]:
    with report.rejects_file.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))[1:]


def test_rows_refused_while_reading_keep_their_cells_in_the_rejects_file(run, tmp_path):
    """A shifted or short line and a header repeated are given back cell by cell, to be
    corrected there, not as empty rows."""
    shifted = "9312;Сдвигов;Иван;22.06.1944;Шуховцы;Дубровенский;лишнее\n"
    short = "9313;Коротков;Иван\n"
    content = HEADER + row(9311, "Целов") + shifted + short + HEADER + row(9314, "Целова")
    report = run("persons", write(tmp_path, "read.csv", content), skip_invalid=True)
    assert (report.added, report.rejected) == (2, 3)
    rejected = rejects_rows(report)
    assert [r[:6] for r in rejected] == [
        ["9312", "Сдвигов", "Иван", "22.06.1944", "Шуховцы", "Дубровенский"],
        ["9313", "Коротков", "Иван", "", "", ""],
        HEADER.strip().split(";"),
    ]
    assert [r[7] for r in rejected] == ["3", "4", "5"]
    assert rejected[0][8].endswith("beyond the header's columns: 'лишнее'")
    # The cell beyond the header is kept too, in a column of its own after the file's.
    with report.rejects_file.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh, delimiter=";"))
    assert header[6] == "column 7" and [r[6] for r in rejected] == ["лишнее", "", ""]


def test_a_feature_that_is_no_point_keeps_its_properties_in_the_rejects_file(run, tmp_path):
    line = '{"type": "LineString", "coordinates": [[27.5, 53.9], [27.6, 53.95]]}'
    content = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        f'"properties": {{"name": "Линия фронта", "kind": "memorial"}}, "geometry": {line}}}]}}'
    )
    report = run("sites", write(tmp_path, "line.geojson", content), skip_invalid=True)
    assert report.rejected == 1
    with report.rejects_file.open(encoding="utf-8-sig", newline="") as fh:
        (header, rejected) = list(csv.reader(fh))
    assert dict(zip(header, rejected, strict=True))["name"] == "Линия фронта"


def test_formula_like_cells_of_the_rejects_file_are_kept_from_running(run, tmp_path, engine):
    header = HEADER.strip() + ";Примечание\n"
    content = header + row(9401, "Формулов", died="31.02.1944").strip() + ";=1+2\n"
    content += row(9402, "Ссылкин", died="31.02.1944").strip() + ";@SUM(A1)\n"
    first = run("persons", write(tmp_path, "formulas.csv", content), skip_invalid=True)
    assert first.rejected == 2
    cells = [r[6] for r in rejects_rows(first)]
    assert cells == ["'=1+2", "'@SUM(A1)"]  # as an export writes them
    fixed = write(
        tmp_path,
        "fixed.csv",
        first.rejects_file.read_text(encoding="utf-8-sig").replace("31.02.1944", "28.02.1944"),
    )
    second = run("persons", fixed)
    assert second.committed and second.added == 2, [str(p) for p in second.problems]
