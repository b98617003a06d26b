"""Values a real file holds that are not what they look like: years out of range, the
point (0, 0), counts that disagree, dates a spreadsheet shows in part, and records
already stored with other values."""

import datetime
import json

from sqlalchemy import text


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


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
