"""Values a real file holds that are not what they look like: years out of range, the
point (0, 0), counts that disagree, dates a spreadsheet shows in part, and records
already stored with other values."""

import datetime
import json

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.models import BurialSite
from tests.integration.test_import_real_files import write


def test_the_json_report_gives_each_problem_in_parts(run, tmp_path):
    from mapapp.importers.runner import report_json

    content = "name,lat,lon,year_from\nБой за высоту,54.5,30.5,99999\n"
    report = run("battles", write(tmp_path, "j.csv", content))
    body = json.loads(report_json(report))
    assert body["problem_details"] == [
        {
            "row": 2,
            "column": "year_from",
            "reason": "a year between 1900 and 2000 is expected",
            "value": "99999",
        }
    ]
    assert body["problems"] == [str(report.problems[0])]


def test_a_link_problem_gives_its_value_in_parts_and_says_it_once(run, tmp_path):
    from mapapp.importers.runner import report_json

    content = "Фамилия,Имя,Место захоронения\nНенайденов,Иван,д. Нигдеевка\n"
    report = run("persons", write(tmp_path, "link.csv", content))
    body = json.loads(report_json(report))
    assert body["problem_details"] == [
        {
            "row": 2,
            "column": "Место захоронения",
            "reason": "no burial site named 'д. Нигдеевка'",
            "value": "д. Нигдеевка",
        }
    ]
    assert body["problems"] == [
        "row 2, column 'Место захоронения': no burial site named 'д. Нигдеевка'"
    ]


def test_battle_years_out_of_range_or_reversed_are_refused(run, tmp_path, counts):
    content = (
        "name,lat,lon,year_from,year_to\n"
        "Бой за высоту,54.5,30.5,99999,\n"
        "Бой у переправы,54.5,30.6,1944,1943\n"
        "Бой летом,54.5,30.7,лето 1944,\n"
    )
    before = counts()
    for dry_run in (True, False):
        report = run("battles", write(tmp_path, "b.csv", content), dry_run=dry_run)
        assert not report.committed and counts() == before
        assert [str(p) for p in report.problems] == [
            "row 2, column 'year_from': a year between 1900 and 2000 is expected (value: '99999')",
            "row 3, column 'year_to': the battle ends (1943) before it begins (1944)",
            "row 4, column 'year_from': not a year (value: 'лето 1944')",
        ]


def test_the_point_zero_zero_is_not_a_place(run, tmp_path, counts):
    content = "name,kind,lat,lon\nБратская могила у нуля,mass_grave,0,0\n"
    before = counts()
    report = run("sites", write(tmp_path, "z.csv", content))
    assert not report.committed and counts() == before
    assert "the point (0, 0) is not a place" in str(report.problems[0])


def test_known_and_unknown_above_the_total_are_stored_as_written_and_told(run, tmp_path):
    content = (
        "name,kind,lat,lon,buried_total,buried_known,buried_unknown\n"
        "Братская могила с недостачей,mass_grave,54.52,30.52,35,20,20\n"
        "Братская могила сходится,mass_grave,54.53,30.53,35,20,15\n"
    )
    report = run("sites", write(tmp_path, "ku.csv", content))
    assert report.ok and report.added == 2
    assert [str(w) for w in report.warnings] == [
        "row 2, column 'buried_unknown': known by name (20) and unknown (20) are more than "
        "buried in all (35); stored as written"
    ]


def test_more_known_than_buried_is_stored_as_written_and_told(run, tmp_path, engine):
    content = (
        "name,kind,lat,lon,buried_total,buried_known\n"
        "Братская могила со списком,mass_grave,54.51,30.51,12,20\n"
    )
    report = run("sites", write(tmp_path, "k.csv", content))
    assert report.ok and report.added == 1
    assert [str(w) for w in report.warnings] == [
        "row 2, column 'buried_known': more known by name (20) than buried in all (12); "
        "stored as written"
    ]
    with engine.connect() as conn:
        stored = conn.execute(
            text(
                "SELECT buried_total, buried_known FROM burial_sites "
                "WHERE name = 'Братская могила со списком'"
            )
        ).one()
    assert tuple(stored) == (12, 20)


def test_xlsx_dates_are_read_as_the_sheet_shows_them_from_the_sheet_it_opens_on(
    run, tmp_path, engine
):
    from openpyxl import Workbook

    book = Workbook()
    notes = book.active
    notes.title = "Пояснения"
    notes.append(["Список составлен поисковым отрядом"])
    notes.sheet_state = "hidden"
    sheet = book.create_sheet("Список")
    sheet.append(["Фамилия", "Имя", "Дата рождения", "Дата гибели", "Место захоронения",
                  "Район захоронения"])  # fmt: skip
    sheet.append(["Годов", "Иван", datetime.datetime(1920, 1, 1),
                  datetime.datetime(1944, 6, 1), "Шуховцы", "Дубровенский"])  # fmt: skip
    sheet.append(["Полнов", "Иван", datetime.datetime(1921, 3, 8),
                  datetime.datetime(1944, 6, 22), "Шуховцы", "Дубровенский"])  # fmt: skip
    sheet["C2"].number_format = "yyyy"  # shows 1920: no day or month was written
    sheet["D2"].number_format = "mm.yyyy"  # shows 06.1944
    sheet["C3"].number_format = "dd.mm.yyyy"
    sheet["D3"].number_format = "[$-419]d mmmm yyyy;@"
    book.active = 1
    book.save(tmp_path / "d.xlsx")
    report = run("persons", tmp_path / "d.xlsx")
    assert report.ok and report.added == 2, [str(p) for p in report.problems]
    with engine.connect() as conn:
        dates = dict(
            conn.execute(
                text(
                    "SELECT surname, ARRAY[birth_year, birth_month, birth_day, death_year, "
                    "death_month, death_day] FROM persons WHERE surname IN ('Годов', 'Полнов')"
                )
            ).all()
        )
    assert dates == {
        "Годов": [1920, None, None, 1944, 6, None],
        "Полнов": [1921, 3, 8, 1944, 6, 22],
    }


def test_a_time_alone_is_not_a_date(run, tmp_path, counts):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Фамилия", "Дата рождения", "Место захоронения", "Район захоронения"])
    sheet.append(["Временов", datetime.time(12, 0), "Шуховцы", "Дубровенский"])
    book.save(tmp_path / "t.xlsx")
    before = counts()
    report = run("persons", tmp_path / "t.xlsx")
    assert not report.committed and counts() == before
    assert "column 'Дата рождения'" in str(report.problems[0])
    assert "12:00:00" in str(report.problems[0])


def test_a_record_stored_with_other_values_is_told_and_never_changed(run, tmp_path, engine):
    header = "ID записи;Фамилия;Имя;Дата гибели;Место захоронения;Район захоронения\n"
    first = write(tmp_path, "list.csv", header + "9501;Ошибкин;Иван;1944;Шуховцы;Дубровенский\n")
    assert run("persons", first).added == 1
    again = run("persons", first)
    assert (again.present, again.present_differing) == (1, 0)
    corrected = header + "9501;Ошибков;Иван;22.06.1944;Шуховцы;Дубровенский\n"
    for dry_run in (True, False):
        report = run("persons", write(tmp_path, "list.csv", corrected), dry_run=dry_run)
        assert (report.added, report.present) == (0, 1)
        assert (report.present_differing, report.present_differing_rows) == (1, [2])
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT surname, death_day FROM persons WHERE record_id = '9501'")
        ).one()
    assert tuple(stored) == ("Ошибкин", None)


def test_an_empty_kind_cell_asks_for_the_cell_not_for_set(run, tmp_path):
    content = "name,kind,lat,lon\nОбелиск у дороги,,54.52,30.52\n"
    report = run("sites", write(tmp_path, "kind.csv", content))
    problem = str(report.problems[0])
    assert "the kind is empty" in problem and "fill the cell" in problem
    assert "--set" not in problem  # refused for a field the file has a column for


def test_osm_features_with_only_a_russian_name_or_only_an_address(run, tmp_path, engine):
    features = [
        # Only name:ru, with a point.
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.53, 54.53]},
         "properties": {"name:ru": "Братская могила у опушки", "historic": "memorial",
                        "memorial": "war_memorial"}},
        # No geometry: placed at the settlement its address names.
        {"type": "Feature", "geometry": None,
         "properties": {"name": "Братская могила в Дубровно", "addr:city": "Дубровно"}},
    ]  # fmt: skip
    path = tmp_path / "osm.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    report = run("sites", path)
    assert report.ok and report.added == 2, [str(p) for p in report.problems]
    with engine.connect() as conn:
        stored = dict(
            conn.execute(
                text(
                    "SELECT name, location_precision FROM burial_sites WHERE import_batch_id = :b"
                ),
                {"b": report.batch_id},
            ).all()
        )
    assert stored == {
        "Братская могила у опушки": "site",
        "Братская могила в Дубровно": "settlement_centre",
    }


def test_a_second_column_naming_a_read_field_is_told(run, tmp_path):
    from mapapp.importers.inspect import inspect_file
    from mapapp.importers.runner import ImportOptions

    content = (
        "ID записи;Фамилия;Год рождения;Дата рождения;Место захоронения;Район захоронения\n"
        "9601;Двудатов;;22.06.1920;Шуховцы;Дубровенский\n"
    )
    path = write(tmp_path, "two.csv", content)
    report = run("persons", path)
    assert report.ok and report.also_named == {"Дата рождения": "birth_date"}
    lines = inspect_file(ImportOptions(kind="persons", path=path))
    assert any(
        "'Дата рождения' also names 'birth_date'" in line and "'Год рождения'" in line
        for line in lines
    )


def test_an_earlier_rejects_file_is_never_overwritten(run, tmp_path):
    header = "ID записи;Фамилия;Дата гибели;Место захоронения;Район захоронения\n"
    path = write(tmp_path, "r.csv", header + "9701;Ранов;31.02.1944;Шуховцы;Дубровенский\n")
    first = run("persons", path, skip_invalid=True)
    assert first.rejects_file == tmp_path / "r.rejected.csv"
    first.rejects_file.write_text("corrections in progress", encoding="utf-8")
    second = run("persons", path, skip_invalid=True)
    assert second.rejects_file == tmp_path / "r.rejected-2.csv"
    assert first.rejects_file.read_text(encoding="utf-8") == "corrections in progress"


def test_two_sites_of_one_name_in_the_given_district_ask_for_more_than_the_district(
    run, tmp_path, engine
):
    sites = (
        "name,kind,lat,lon,district\n"
        "Братская могила двойная,mass_grave,54.61,30.11,Дубровенский район\n"
        "Братская могила двойная,mass_grave,54.62,30.12,Дубровенский район\n"
    )
    assert run("sites", write(tmp_path, "s.csv", sites)).added == 2
    persons = (
        "Фамилия;Место захоронения;Район захоронения\n"
        "Двоев;Братская могила двойная;Дубровенский район\n"
    )
    report = run("persons", write(tmp_path, "p.csv", persons))
    problem = str(report.problems[0])
    assert "matches 2 sites" in problem and "give the register number or the site id" in problem
    assert "add the district" not in problem  # it was given
    # Both are named, by ref and where they lie, so that the person choosing can look.
    with Session(engine) as session:  # closed: a session left open holds its locks
        twins = session.query(BurialSite).filter_by(name="Братская могила двойная")
        refs = [site.ref for site in twins.order_by(BurialSite.id)]
    assert f"ref {refs[0]!r} (Братская могила двойная, Дубровенский район), " in problem
    assert f"ref {refs[1]!r} (Братская могила двойная, Дубровенский район);" in problem
    # Without the district: named too, and the district asked for.
    persons = "Фамилия;Место захоронения\nДвоев;Братская могила двойная\n"
    report = run("persons", write(tmp_path, "q.csv", persons))
    assert report.problems[0].reason == (
        "'Братская могила двойная' matches 2 sites: "
        f"ref {refs[0]!r} (Братская могила двойная, Дубровенский район), "
        f"ref {refs[1]!r} (Братская могила двойная, Дубровенский район); "
        "add the district or the register number (or give the site's ref)"
    )


def test_a_title_above_the_header_is_named_as_such(run, tmp_path, counts):
    from openpyxl import Workbook

    from mapapp.importers.errors import ImportFileError

    csv_file = write(
        tmp_path,
        "titled.csv",
        "Список погибших воинов-казахстанцев\n"
        "Фамилия;Имя;Место захоронения;Район захоронения\n"
        "Заголовков;Иван;Шуховцы;Дубровенский\n",
    )
    book = Workbook()
    book.active.append(["Список погибших воинов-казахстанцев"])
    book.active.append(["Фамилия", "Имя", "Место захоронения", "Район захоронения"])
    book.active.append(["Заголовков", "Иван", "Шуховцы", "Дубровенский"])
    book.save(tmp_path / "titled.xlsx")
    before = counts()
    for path in (csv_file, tmp_path / "titled.xlsx"):
        with pytest.raises(ImportFileError, match="looks like a title, not the header"):
            run("persons", path)
    assert counts() == before
    # A file of one column is not taken for a title.
    one = write(tmp_path, "one.csv", "ФИО\nОдноколонов Иван Петрович\n")
    try:
        run("persons", one)
    except ImportFileError as exc:
        assert "title" not in str(exc)


def test_empty_coordinates_in_geojson_are_read_without_gdal_s_warnings(tmp_path):
    import warnings

    from mapapp.importers.readers import read_table

    feature = {"type": "Feature", "properties": {"name": "Братская могила X"},
               "geometry": {"type": "Point", "coordinates": []}}  # fmt: skip
    path = tmp_path / "empty.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = list(read_table(path).rows)
    assert [w for w in caught if issubclass(w.category, RuntimeWarning)] == []
    assert rows == [(1, {"name": "Братская могила X", "lat": "", "lon": ""})]


def test_geojson_properties_are_read_as_written_not_as_gdal_types_them(run, tmp_path, engine):
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.55, 54.55]},
         "properties": {"name": "Братская могила с отметкой", "kind": "mass_grave",
                        "Всего": True, "Номер": "012"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.56, 54.55]},
         "properties": {"name": "Братская могила с числом", "kind": "mass_grave",
                        "Всего": 12, "Номер": 15}},
    ]  # fmt: skip
    path = tmp_path / "typed.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    report = run("sites", path)
    assert report.ok and report.added == 2, [str(p) for p in report.problems]
    with engine.connect() as conn:
        stored = {
            name: (total, as_written, source["Всего"], source["Номер"])
            for name, total, as_written, source in conn.execute(
                text(
                    "SELECT name, buried_total, buried_as_written, import_source "
                    "FROM burial_sites WHERE import_batch_id = :b"
                ),
                {"b": report.batch_id},
            )
        }
    # GDAL typed the column as numbers: true became 1 and "012" became 12.
    assert stored == {
        "Братская могила с отметкой": (None, "true", "true", "012"),
        "Братская могила с числом": (12, None, "12", "15"),
    }


def test_a_shapefile_s_regnum_is_its_register_number_with_or_without_a_mapping(run):
    from pathlib import Path

    examples = Path(__file__).resolve().parents[2] / "data/examples"
    mapped = run("sites", examples / "sites.shp.zip", mapping=examples / "sites_shp_mapping.json")
    assert mapped.ok
    plain = run("sites", examples / "sites.shp.zip")
    assert plain.mapped["regnum"] == "register_number"
    assert plain.ok and plain.added == 0  # the same sites, known by their register numbers


def test_migration_0015_keys_a_stored_site_by_its_settlement_s_name(engine):
    from mapapp import db as database
    from mapapp.text.normalize import search_key

    with engine.begin() as conn:
        site = conn.execute(
            text(
                "INSERT INTO burial_sites (ref, kind, name, settlement, geom, location_precision)"
                " VALUES ('test:0015', 'mass_grave', 'Братская могила посёлка', 'г.п. Тестовичи',"
                " ST_SetSRID(ST_MakePoint(30.4, 54.4), 4326), 'site') RETURNING id"
            )
        ).scalar_one()
    try:
        database.downgrade(engine, "0014")
        database.upgrade(engine)
        with engine.connect() as conn:
            keys = set(
                conn.execute(
                    text("SELECT key FROM place_names WHERE place_type = 'site' AND place_id = :s"),
                    {"s": site},
                ).scalars()
            )
        assert search_key("Тестовичи") in keys
    finally:
        with engine.begin() as conn:
            conn.execute(
                text("DELETE FROM place_names WHERE place_type = 'site' AND place_id = :s"),
                {"s": site},
            )
            conn.execute(text("DELETE FROM burial_sites WHERE id = :s"), {"s": site})


def test_a_day_someone_wrote_is_kept_where_the_format_hides_it(run, tmp_path, engine):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Фамилия", "Дата гибели", "Место захоронения", "Район захоронения"])
    sheet.append(["Скрытов", datetime.datetime(1944, 6, 22), "Шуховцы", "Дубровенский"])
    sheet["B2"].number_format = "mm.yyyy"  # shows 06.1944, holds the 22nd someone typed
    book.save(tmp_path / "hidden_day.xlsx")
    report = run("persons", tmp_path / "hidden_day.xlsx")
    assert report.ok, [str(p) for p in report.problems]
    with engine.connect() as conn:
        died = conn.execute(
            text("SELECT death_year, death_month, death_day FROM persons WHERE surname = 'Скрытов'")
        ).one()
    assert tuple(died) == (1944, 6, 22)


def test_a_year_typed_into_a_year_formatted_cell_is_refused_not_misread(
    run, tmp_path, counts, engine
):
    """Excel takes 1915 typed into a cell formatted "yyyy" as day 1915 of its calendar
    and shows 1905: neither year can be stored as the one meant."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Фамилия", "Дата рождения", "Место захоронения", "Район захоронения"])
    sheet.append(["Числов", 1915, "Шуховцы", "Дубровенский"])
    sheet.append(["Годов", datetime.datetime(1915, 1, 1), "Шуховцы", "Дубровенский"])
    sheet.append(["Памятников", 1967, "Шуховцы", "Дубровенский"])  # a monument's year, say
    for cell in ("B2", "B3", "B4"):
        sheet[cell].number_format = "yyyy"
    book.save(tmp_path / "years.xlsx")
    before = counts()
    report = run("persons", tmp_path / "years.xlsx")
    assert not report.committed and counts() == before
    assert [str(p) for p in report.problems] == [
        f"row {row}, column 'Дата рождения': the cell shows the year 1905, and holds {held}: "
        f"either that date, or the number {typed} typed as a year, which Excel counts as "
        "days; type the year or the date again with the column formatted as text or numbers "
        f"(value: '{held}')"
        for row, held, typed in ((2, "29.03.1905", 1915), (4, "20.05.1905", 1967))
    ]
    report = run("persons", tmp_path / "years.xlsx", skip_invalid=True)
    assert report.committed and report.added == 1
    with engine.connect() as conn:
        born = conn.execute(
            text("SELECT birth_year, birth_month FROM persons WHERE surname = 'Годов'")
        ).one()
    assert tuple(born) == (1915, None)  # a real date shown as its year stays a year


def test_the_sheet_read_is_named_and_another_can_be_chosen(run, tmp_path):
    from openpyxl import Workbook

    from mapapp.importers.errors import ImportFileError

    book = Workbook()
    data = book.active
    data.title = "Данные"
    data.append(["Фамилия", "Место захоронения", "Район захоронения"])
    data.append(["Листов", "Шуховцы", "Дубровенский"])
    notes = book.create_sheet("Заметки")
    notes.append(["Фамилия"])
    book.active = 1  # saved while looking at the notes
    book.save(tmp_path / "two.xlsx")
    with pytest.raises(ImportFileError, match="no data rows"):
        run("persons", tmp_path / "two.xlsx")
    report = run("persons", tmp_path / "two.xlsx", sheet="Данные", dry_run=True)
    assert (report.sheet, report.other_sheets, report.added) == ("Данные", ["Заметки"], 1)
    with pytest.raises(ImportFileError, match="the workbook's sheets are 'Данные', 'Заметки'"):
        run("persons", tmp_path / "two.xlsx", sheet="Нет такого")


def test_a_title_line_past_a_blank_line_and_a_one_word_header(run, tmp_path):
    from openpyxl import Workbook

    from mapapp.importers.errors import ImportFileError

    titled = write(
        tmp_path,
        "titled.csv",
        "Список погибших воинов-казахстанцев\n\nФамилия;Имя;Место захоронения\nА;Б;В\n",
    )
    with pytest.raises(ImportFileError, match="looks like a title"):
        run("persons", titled)
    book = Workbook()
    book.active.append(["Фамилия"])  # one column named; the others are "column 2", ...
    book.active.append(["Однословов", "Иван", "Шуховцы"])
    book.save(tmp_path / "one_word.xlsx")
    try:
        run("persons", tmp_path / "one_word.xlsx", dry_run=True)
    except ImportFileError as exc:
        assert "title" not in str(exc)


def test_rejects_of_two_files_joined_are_refused_and_rows_keep_their_first_number(run, tmp_path):

    from mapapp.importers.errors import ImportFileError

    header = "ID записи;Фамилия;Дата гибели;Место захоронения;Район захоронения\n"
    bad = "9801;Ильин;31.02.1944;Шуховцы;Дубровенский\n"
    e = run("persons", write(tmp_path, "e.csv", header + bad), skip_invalid=True)
    f = run("persons", write(tmp_path, "f.csv", header + bad), skip_invalid=True)
    e_rows = e.rejects_file.read_text(encoding="utf-8-sig").splitlines()
    f_rows = f.rejects_file.read_text(encoding="utf-8-sig").splitlines()
    joined = write(tmp_path, "joined.csv", "\n".join([*e_rows, f_rows[1]]) + "\n")
    with pytest.raises(ImportFileError, match="row 3 comes from 'f.csv'"):
        run("persons", joined)
    # Rejected again, a row keeps its number in the file it came from (row 2 of e.csv).
    again = run(
        "persons", write(tmp_path, "e_fix.csv", "\n".join(e_rows) + "\n"), skip_invalid=True
    )
    assert again.rejects_file.read_text(encoding="utf-8-sig").splitlines()[1].split(";")[-3] == "2"


def test_a_quote_left_open_is_named_where_it_began_and_a_name_never_spans_lines(run, tmp_path):

    from mapapp.importers.errors import ImportFileError

    header = "Фамилия,Имя,Дата рождения,Место захоронения,Район захоронения\n"
    row = "Годнов,Иван,1902,Шуховцы,Дубровенский\n"
    open_quote = header + row + '"Открытов,Иван,1913,Шуховцы,Дубровенский\n' + row + row
    with pytest.raises(ImportFileError, match="the row beginning on line 3 \\(to line 5\\)"):
        run("persons", write(tmp_path, "open.csv", open_quote))
    # Closed by a stray quote a line later: two lines joined into one surname.
    joined = header + '"Петров,Пётр,1913\nСидоров",Сидор,1912,Шуховцы,Дубровенский\n'
    report = run("persons", write(tmp_path, "joined.csv", joined))
    assert not report.committed
    assert "a line break in a name" in str(report.problems[0])


def test_the_point_zero_zero_of_a_battle_gives_no_settlement_advice(run, tmp_path):
    report = run("battles", write(tmp_path, "zb.csv", "name,lat,lon\nБой у нуля,0,0\n"))
    problem = str(report.problems[0])
    assert "(0, 0) is not a place" in problem and "settlement" not in problem


def test_a_year_marked_as_a_birth_year_is_no_date_of_death(run, tmp_path, counts):
    content = (
        "Фамилия,Имя,Дата рождения,Дата гибели\n"
        "Годов,Иван,1910 г.р.,1944\n"  # the mark where it belongs: the year of birth
        "Меткин,Пётр,,1912 г.р.\n"  # typed into the column of death
    )
    before = counts()
    report = run("persons", write(tmp_path, "marks.csv", content))
    assert not report.committed and report.rejected == 1
    (problem,) = report.problems
    assert (problem.row, problem.column, problem.value) == (3, "Дата гибели", "1912 г.р.")
    assert "marked as a year of birth" in problem.reason
    assert counts() == before


# Text kept as written, whose dates must still be days of the calendar.
DATES_IN_TEXT = [
    (
        "sites",
        "Название,Тип,Широта,Долгота,Год\n"
        "Братская могила у ручья,mass_grave,54.5,30.5,31.02.1944\n"
        'Братская могила у дороги,mass_grave,54.5,30.6,"1944, перенесена 22.06.1957"\n',
        (2, "Год", "31.02.1944"),
    ),
    (
        "persons",
        "Фамилия,Имя,Место захоронения,Район захоронения,Дата перезахоронения\n"
        "Перенесенов,Иван,Шуховцы,Дубровенский,30.02.1943\n"
        "Перенесенова,Анна,Шуховцы,Дубровенский,весна 1957\n",
        (2, "Дата перезахоронения", "30.02.1943"),
    ),
]


@pytest.mark.parametrize(("kind", "content", "refused"), DATES_IN_TEXT)
def test_a_day_the_calendar_lacks_is_refused_in_a_site_s_year_and_a_reburial_date(
    run, tmp_path, counts, kind, content, refused
):
    before = counts()
    report = run(kind, write(tmp_path, "dates.csv", content))
    assert not report.committed
    assert [(p.row, p.column, p.value) for p in report.problems] == [refused]
    assert "no such day in the calendar" in report.problems[0].reason
    assert counts() == before


def test_a_set_value_is_read_once_as_the_field_s_cells_are(run, tmp_path, counts, test_settings):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from mapapp.importers.errors import ImportFileError

    sites = write(tmp_path, "s.csv", "Название,Тип,Широта,Долгота\nСтела,memorial,54.5,30.5\n")
    persons = write(tmp_path, "p.csv", "Фамилия,Имя\nУстановов,Иван\nУстановова,Анна\n")
    before = counts()
    for kind, path, given, told in (
        ("sites", sites, {"location_precision": "exact"}, "--set location_precision=exact: "),
        ("sites", sites, {"year": "31.02.1944"}, "no such day in the calendar: '31.02.1944'"),
        ("persons", persons, {"birth_date": "30.02.1920"}, "--set birth_date=30.02.1920: "),
        ("persons", persons, {"death_date": "1920 г.р."}, "marked as a year of birth"),
        ("persons", persons, {"fate": "непонятно"}, "--set fate=непонятно: "),
    ):
        with pytest.raises(ImportFileError, match=told.replace("(", r"\(")):
            run(kind, path, given=given)
    assert counts() == before
    # Given twice on the command line: refused, not the last one taken.
    mapapp = Path(sys.executable).parent / "mapapp"
    env = {**os.environ, "DATABASE_URL": test_settings.database_url}
    twice = subprocess.run(
        [str(mapapp), "import", "sites", str(sites), "--set", "kind=memorial", "--set",
         "kind=mass_grave", "--dry-run"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert twice.returncode == 2 and "'kind' is given twice" in twice.stderr


def test_zeros_for_an_unknown_day_and_month_are_stored_as_not_known(run, tmp_path, engine):
    content = (
        "Фамилия,Имя,Дата рождения,Дата выбытия,Место захоронения,Район захоронения\n"
        "Нулевой,Иван,00.00.1910,00.07.1944,Шуховцы,Дубровенский\n"
    )
    report = run("persons", write(tmp_path, "zeros.csv", content))
    assert report.committed and report.added == 1, report.problems
    with engine.connect() as conn:
        person = conn.execute(
            text(
                "SELECT birth_year, birth_month, birth_day, death_year, death_month, death_day, "
                "import_source->>'Дата рождения' FROM persons WHERE surname = 'Нулевой'"
            )
        ).one()
    assert tuple(person) == (1910, None, None, 1944, 7, None, "00.00.1910")  # as written too
