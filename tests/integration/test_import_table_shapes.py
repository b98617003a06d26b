"""Tables shaped as archives and spreadsheets leave them: a header repeated where two files
were pasted together, a header on two rows, Excel's "sep=" line, GeoJSON collections
inside the collection, and geometries that are not points. No header line is ever stored
as a person or a place, and no feature is lost without a word."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from mapapp.importers.errors import ImportFileError
from tests.integration.test_import_real_files import write

HEADER = "Фамилия;Имя;Отчество;Воинское звание;Место захоронения;Район захоронения\n"


def row(surname: str) -> str:
    return f"{surname};Бек;;рядовой;Шуховцы;Дубровенский\n"


def stored_surnames(engine, batch_id) -> list[str]:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT surname FROM persons WHERE import_batch_id = :b ORDER BY surname"),
            {"b": batch_id},
        ).scalars().all()  # fmt: skip


def test_a_header_repeated_below_is_refused_never_a_person(run, tmp_path, engine, counts):
    path = write(tmp_path, "glued.csv", HEADER + row("Абаев") + HEADER + row("Бабаев"))
    before = counts()
    report = run("persons", path)
    assert not report.committed and counts() == before
    assert [str(p) for p in report.problems] == [
        "row 3: repeats the header (Фамилия, Имя, Отчество, Воинское звание, Место "
        "захоронения, …): two files pasted into one? Delete this line"
    ]
    report = run("persons", path, skip_invalid=True)
    assert report.committed and (report.added, report.rejected) == (2, 1)
    assert stored_surnames(engine, report.batch_id) == ["Абаев", "Бабаев"]


def test_the_header_of_another_table_below_refuses_the_file(run, tmp_path, counts):
    """Its rows may have other columns: read under the first header, a given name would
    be stored as the surname (Имя;Фамилия below Фамилия;Имя)."""
    other = "Имя;ФАМИЛИЯ;;Звание;Место захоронения;\n"  # another list's header, as written
    content = HEADER + row("Абаев") + other + "Пётр;Вторников;;рядовой;Шуховцы;Дубровенский\n"
    before = counts()
    for skip_invalid in (False, True):
        with pytest.raises(ImportFileError) as refused:
            run("persons", write(tmp_path, "two.csv", content), skip_invalid=skip_invalid)
        assert "row 3 is the header of another table (Имя, ФАМИЛИЯ, Звание, Место " in str(
            refused.value
        )
    assert counts() == before


def test_data_words_that_are_also_headers_do_not_make_a_header_line(run, tmp_path, engine):
    # Both are words some header is named by: two such cells are data.
    content = HEADER + "Стан;;;партизан;;\n"
    report = run("persons", write(tmp_path, "words.csv", content))
    assert report.committed and report.added == 1, [str(p) for p in report.problems]


def test_a_header_on_two_rows_refuses_the_file_naming_the_second(run, tmp_path, counts):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["№ записи", "ФИО", None, None, "Даты", None, "Место захоронения"])
    sheet.merge_cells("B1:D1")
    sheet.merge_cells("E1:F1")
    sheet.append([None, "Фамилия", "Имя", "Отчество", "Дата рождения", "Дата выбытия", None])
    sheet.append([1, "Абаев", "Бек", None, 1910, "22.06.1944", "Шуховцы"])
    book.save(tmp_path / "merged.xlsx")
    before = counts()
    for skip_invalid in (False, True):
        with pytest.raises(ImportFileError) as refused:
            run("persons", tmp_path / "merged.xlsx", skip_invalid=skip_invalid)
        assert (
            "merged.xlsx: row 2 is a second header line (Фамилия, Имя, Отчество, Дата "
            "рождения, Дата выбытия): the header must be one row"
        ) in str(refused.value)
    assert counts() == before


def test_excel_sep_line_names_the_delimiter(run, tmp_path, engine):
    content = "sep=;\r\n" + HEADER.replace("\n", "\r\n") + row("Сепов").replace("\n", "\r\n")
    report = run("persons", write(tmp_path, "sep.csv", content))
    assert report.committed and report.added == 1, [str(p) for p in report.problems]
    assert report.delimiter == ";" and report.mapped["Фамилия"] == "surname"
    assert stored_surnames(engine, report.batch_id) == ["Сепов"]


def test_excel_sep_line_keeps_line_numbers_of_an_unreadable_row(run, tmp_path):
    content = "sep=;\n" + HEADER + row("Сепов") + 'Кавычкин;"Иван;x;y;z;w\n'
    with pytest.raises(ImportFileError, match="line 4"):
        run("persons", write(tmp_path, "sep_quote.csv", content))


def _point_feature(name: str, geometry: dict) -> dict:
    return {
        "type": "Feature",
        "properties": {"name": name, "kind": "mass_grave"},
        "geometry": geometry,
    }


POINT = {"type": "Point", "coordinates": [30.1, 54.1]}


def test_a_collection_inside_the_collection_is_refused_not_lost(run, tmp_path, counts):
    inner = {"type": "FeatureCollection", "features": [_point_feature("Внутренняя", POINT)]}
    collection = {
        "type": "FeatureCollection",
        "features": [inner, _point_feature("Внешняя", POINT)],
    }
    path = write(tmp_path, "nested.geojson", json.dumps(collection, ensure_ascii=False))
    before = counts()
    with pytest.raises(ImportFileError, match='item 1 of "features" is a FeatureCollection'):
        run("sites", path)
    assert counts() == before


def test_a_multipoint_of_one_point_is_that_point_other_shapes_are_explained(run, tmp_path, engine):
    features = [
        _point_feature("Одноточечная", {"type": "MultiPoint", "coordinates": [[30.2, 54.2]]}),
        _point_feature(
            "Площадная",
            {"type": "Polygon", "coordinates": [[[30, 54], [30.1, 54], [30.1, 54.1], [30, 54]]]},
        ),
    ]
    path = write(
        tmp_path,
        "shapes.geojson",
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
    )
    report = run("sites", path, skip_invalid=True)
    assert report.committed and (report.added, report.rejected) == (1, 1)
    assert "a Polygon, not a Point: a place is stored as one point" in str(report.problems[0])
    with engine.connect() as conn:
        stored = conn.execute(
            text(
                "SELECT name, ST_X(geom), ST_Y(geom) FROM burial_sites WHERE import_batch_id = :b"
            ),
            {"b": report.batch_id},
        ).one()
    assert tuple(stored) == ("Одноточечная", 30.2, 54.2)


def test_xlsx_ids_keep_their_shown_zeros_and_long_numbers_are_refused(run, tmp_path, engine):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ID записи", "Фамилия", "Место захоронения", "Район захоронения"])
    sheet.append([4, "Нулев", "Шуховцы", "Дубровенский"])
    sheet["A2"].number_format = "000"
    sheet.append([12345678901234567890, "Длинноцифров", "Шуховцы", "Дубровенский"])
    book.save(tmp_path / "ids.xlsx")
    report = run("persons", tmp_path / "ids.xlsx", skip_invalid=True)
    assert report.committed and (report.added, report.rejected) == (1, 1)
    assert str(report.problems[0]).startswith("row 3, column 'ID записи'")
    assert "more digits than a spreadsheet keeps (15)" in str(report.problems[0])
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT record_id, surname FROM persons WHERE import_batch_id = :b"),
            {"b": report.batch_id},
        ).one()
    assert tuple(stored) == ("004", "Нулев")


def test_counts_written_with_a_zero_fraction_are_whole_numbers(run, tmp_path, engine):
    content = (
        "name,kind,lat,lon,Всего,Известных,Неизвестных\n"
        'Дробная,mass grave,54.1,30.1,120.0,"35,0",85.00\n'
    )
    report = run("sites", write(tmp_path, "counts.csv", content))
    assert report.committed, [str(p) for p in report.problems]
    with engine.connect() as conn:
        stored = conn.execute(
            text(
                "SELECT buried_total, buried_known, buried_unknown, buried_as_written "
                "FROM burial_sites WHERE import_batch_id = :b"
            ),
            {"b": report.batch_id},
        ).one()
    assert tuple(stored) == (120, 35, 85, None)


def test_a_count_of_known_or_unknown_that_is_no_number_is_refused_not_dropped(
    run, tmp_path, counts
):
    content = (
        "name,kind,lat,lon,Всего,Известных,Неизвестных\n"
        "Около,mass grave,54.1,30.1,более 120,около 35,85\n"
    )
    before = counts()
    report = run("sites", write(tmp_path, "about.csv", content))
    assert not report.committed and counts() == before
    assert str(report.problems[0]).startswith("row 2, column 'Известных': not a whole number")


def test_a_geojson_in_a_code_page_is_told_to_be_saved_as_utf8(run, tmp_path, counts):
    collection = {"type": "FeatureCollection", "features": [_point_feature("Братская", POINT)]}
    path = tmp_path / "cp1251.geojson"
    path.write_bytes(json.dumps(collection, ensure_ascii=False).encode("cp1251"))
    before = counts()
    with pytest.raises(ImportFileError, match="is not UTF-8 .it looks like cp1251.; a GeoJSON"):
        run("sites", path)
    assert counts() == before


def test_a_spreadsheet_day_number_in_a_date_column_says_which_date_it_would_be(run, tmp_path):
    content = HEADER.replace("\n", ";Дата выбытия\n") + row("Числов").replace("\n", ";16245\n")
    report = run("persons", write(tmp_path, "serial.csv", content))
    assert not report.committed
    assert "a spreadsheet's day number? As a date it would be 22.06.1944" in str(report.problems[0])


@pytest.mark.parametrize(
    ("document", "said"),
    [
        ({"type": "FeatureCollection", "features": []}, "holds no features"),
        (POINT, "a bare Point, not features"),
    ],
)
def test_a_geojson_without_features_is_told_so(run, tmp_path, document, said):
    path = write(tmp_path, "empty.geojson", json.dumps(document))
    with pytest.raises(ImportFileError, match=said):
        run("sites", path)


def test_an_id_with_leading_zeros_is_the_same_record_as_its_number(run, tmp_path, engine):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ID записи", "Фамилия", "Место захоронения", "Район захоронения"])
    sheet.append([4, "Нулев", "Шуховцы", "Дубровенский"])
    sheet["A2"].number_format = "000"
    book.save(tmp_path / "list.xlsx")
    first = run("persons", tmp_path / "list.xlsx", source="список 7")
    assert first.added == 1, [str(p) for p in first.problems]
    csv_header = "ID записи;Фамилия;Место захоронения;Район захоронения\n"
    for written in ("004", "4"):  # the sheet saved as CSV, and as a number elsewhere
        path = write(
            tmp_path, f"list_{written}.csv", f"{csv_header}{written};Нулев;Шуховцы;Дубровенский\n"
        )
        again = run("persons", path, source="список 7")
        assert (again.added, again.present) == (0, 1), written
    # A record stored under the key as written before ids were keyed without zeros.
    with engine.begin() as conn:
        moved = conn.execute(
            text(
                "UPDATE persons SET ref = regexp_replace(ref, '4$', '004') "
                "WHERE import_batch_id = :b RETURNING ref"
            ),
            {"b": first.batch_id},
        ).scalar_one()
    assert moved.endswith(":004")
    path = write(tmp_path, "list_again.csv", f"{csv_header}004;Нулев;Шуховцы;Дубровенский\n")
    again = run("persons", path, source="список 7")
    assert (again.added, again.present) == (0, 1)
