"""Importing awards, decree dates, feats, formations and nationality: the same checks,
provenance and undo as every import."""

import csv

import pytest
from sqlalchemy import text

from mapapp.importers.awards import unit_key
from mapapp.importers.batches import undo_batch
from mapapp.importers.errors import ImportConflictError

HEADER = (
    "Фамилия;Имя;Национальность;Награды;Дата указа;Подвиг;Бригада;Отряд;Место захоронения".split(
        ";"
    )
)


def write(tmp_path, name, rows):
    """A comma-separated file (awards are ";"-separated inside their cell)."""
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _awards(conn, surname):
    return conn.execute(
        text(
            "SELECT a.position, a.title, a.is_hero_title, a.date_year, a.date_month, a.date_day, "
            "a.feat FROM awards a JOIN persons p ON p.id = a.person_id "
            "WHERE p.surname = :s ORDER BY a.position"
        ),
        {"s": surname},
    ).all()


def _unit_of(conn, surname):
    return conn.execute(
        text(
            "SELECT d.kind, d.name, b.name FROM partisan_memberships m "
            "JOIN persons p ON p.id = m.person_id JOIN partisan_units d ON d.id = m.unit_id "
            "LEFT JOIN partisan_units b ON b.id = d.brigade_id WHERE p.surname = :s"
        ),
        {"s": surname},
    ).all()


@pytest.fixture(params=["held to the end", "sent between chunks"])
def honours_held(request, monkeypatch):
    """Awards and formations staged at the end of the file, or whenever one is held (the
    stage's COPY then ends and opens again for the next chunk)."""
    from mapapp.importers.writers import PersonStage

    if request.param == "sent between chunks":
        monkeypatch.setattr(PersonStage, "HONOURS_HELD", 1)
    return {"chunk_rows": 1} if request.param == "sent between chunks" else {}


def test_awards_formations_and_nationality_are_imported_and_undone(
    run, tmp_path, engine, honours_held
):
    rows = [
        ["Наградов", "Айдар", "казах", "Герой Советского Союза; Орден Ленина", "24.03.1945",
         "Первым переправился через реку", "", "", "Шуховцы"],
        ["Отрядов", "Ерлан", "казах", "Медаль «Партизану Отечественной войны» I степени", "",
         "", "Бригада «Импортная»", "Отряд «Первый»", ""],
        ["Отрядова", "Мария", "белоруска", "", "", "", 'бригада  "импортная"',
         "ОТРЯД «ПЕРВЫЙ»", ""],
        ["Бригадов", "Олег", "русский", "", "", "", "Бригада «Импортная»", "", ""],
    ]  # fmt: skip
    path = write(tmp_path, "heroes.csv", rows)
    before = _table_counts(engine)
    report = run("persons", path, **honours_held)
    assert report.ok and report.committed, [str(p) for p in report.problems]
    assert report.added == 4
    with engine.connect() as conn:
        hero = conn.execute(
            text(
                "SELECT is_hero, is_partisan, nationality, import_source FROM persons "
                "WHERE surname = 'Наградов'"
            )
        ).one()
        assert hero.is_hero and not hero.is_partisan and hero.nationality == "казах"
        # Provenance: the row as read keeps the award cells exactly as written.
        assert hero.import_source["Дата указа"] == "24.03.1945"
        assert _awards(conn, "Наградов") == [
            (1, "Герой Советского Союза", True, 1945, 3, 24, "Первым переправился через реку"),
            (2, "Орден Ленина", False, None, None, None, None),
        ]
        # One brigade and one detachment, whatever the quotes and case of each row.
        assert _unit_of(conn, "Отрядов") == [
            ("detachment", "Отряд «Первый»", "Бригада «Импортная»")
        ]
        assert _unit_of(conn, "Отрядова") == _unit_of(conn, "Отрядов")
        assert _unit_of(conn, "Бригадов") == [("brigade", "Бригада «Импортная»", None)]
        partisan = conn.execute(
            text("SELECT is_partisan, is_hero FROM persons WHERE surname = 'Отрядов'")
        ).one()
        assert partisan.is_partisan and not partisan.is_hero
    assert _table_counts(engine)["partisan_units"] == before["partisan_units"] + 2
    assert _table_counts(engine)["awards"] == before["awards"] + 3

    # The same file again adds nothing: no second award, brigade or membership.
    again = run("persons", path, **honours_held)
    assert again.added == 0
    assert _table_counts(engine)["awards"] == before["awards"] + 3
    assert _table_counts(engine)["partisan_units"] == before["partisan_units"] + 2

    counts = undo_batch(engine, report.batch_id)
    assert counts["awards"] == 3 and counts["partisan_memberships"] == 3
    assert counts["partisan_units"] == 2
    assert _table_counts(engine) == before


def test_a_file_naming_a_stored_brigade_joins_it(run, tmp_path, engine):
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO partisan_units (ref, kind, name, name_key) "
                "VALUES ('test:brigade-stored', 'brigade', 'Бригада «Хранимая»', :key)"
            ),
            {"key": unit_key("Бригада «Хранимая»")},
        )
    try:
        path = write(
            tmp_path,
            "p.csv",
            [["Хранимов", "Иван", "", "", "", "", "бригада «хранимая»", "Отряд № 3", ""]],
        )
        report = run("persons", path)
        assert report.ok, [str(p) for p in report.problems]
        with engine.connect() as conn:
            assert _unit_of(conn, "Хранимов") == [("detachment", "Отряд № 3", "Бригада «Хранимая»")]
        undo_batch(engine, report.batch_id)
        with engine.connect() as conn:
            # The stored brigade stays; only the detachment the import created goes.
            names = (
                conn.execute(
                    text(
                        "SELECT name FROM partisan_units "
                        "WHERE name IN ('Бригада «Хранимая»', 'Отряд № 3')"
                    )
                )
                .scalars()
                .all()
            )
            assert names == ["Бригада «Хранимая»"]
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM partisan_units WHERE ref = 'test:brigade-stored'"))


def test_a_formation_whose_ref_is_taken_stops_the_import_with_nothing_written(
    run, tmp_path, engine
):
    """A formation that cannot be stored (its ref held by a formation of another name)
    would leave its members out without a word: the import stops and says so."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO partisan_units (ref, kind, name, name_key) "
                "VALUES (:ref, 'brigade', 'Бригада переименованная', 'бригада переименованная')"
            ),
            {"ref": "formation:brigade:" + unit_key("бригада Занятая")},
        )
    try:
        before = _table_counts(engine)
        path = write(
            tmp_path, "p.csv", [["Занятов", "Иван", "", "", "", "", "бригада Занятая", "", ""]]
        )
        with pytest.raises(ImportConflictError, match=r"row 2: the formation 'бригада Занятая'"):
            run("persons", path)
        assert _table_counts(engine) == before
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM partisan_units WHERE name = 'Бригада переименованная'"))


def test_bad_award_cells_are_reported_by_row_and_column(run, tmp_path, counts):
    before = counts()
    rows = [
        ["Датов", "Иван", "", "Орден Славы III степени", "1944", "", "", "", ""],
        ["Ранов", "Иван", "", "Герой Советского Союза", "1933", "", "", "", ""],
        ["Подвигов", "Иван", "", "", "", "Закрыл амбразуру", "", "", ""],
    ]
    path = write(tmp_path, "bad.csv", rows)
    report = run("persons", path)
    assert not report.committed
    assert [(p.row, p.column) for p in report.problems] == [
        (2, "Дата указа"),
        (3, "Дата указа"),
        (4, "Подвиг"),
    ]
    assert "«Герой Советского Союза»" in report.problems[0].reason
    assert counts() == before


def _table_counts(engine):
    with engine.connect() as conn:
        return {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in ("persons", "awards", "partisan_units", "partisan_memberships", "sources")
        }


def test_awards_and_formations_export_and_import_back_the_same(run, tmp_path, engine):
    from mapapp.exports import PERSON_COLUMNS, rows, write_csv

    header = ["ref", "Фамилия", "Награды", "Дата указа", "Подвиг", "Бригада", "Отряд"]
    lines = [
        ["test:aw:1", "Дваждов", "Герой Советского Союза; Орден Ленина; Герой Советского Союза",
         "26.10.1944; 19.04.1945", "Штурмовал переправы", "", ""],
        ["test:aw:2", "Отрядчиков", "Орден Славы III степени", "", "", "Бригада «Круговая»",
         "Отряд «Обратный»"],
        ["test:aw:3", "Безуказов", "Герой Советского Союза", "", "", "", ""],
    ]  # fmt: skip
    source = tmp_path / "first.csv"
    with source.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *lines])

    def stored():
        with engine.connect() as conn:
            names = ("Дваждов", "Отрядчиков", "Безуказов")
            awards = [tuple(a) for name in names for a in _awards(conn, name)]
            return awards, _unit_of(conn, "Отрядчиков")

    first = run("persons", source)
    assert first.added == 3, [str(p) for p in first.problems]
    before = stored()
    assert before[0][0][3:6] == (1944, 10, 26) and before[0][2][3:6] == (1945, 4, 19)
    exported = tmp_path / "exported.csv"
    with engine.connect() as conn, exported.open("w", encoding="utf-8", newline="") as out:
        write_csv((r for r in rows(conn, "persons") if r["ref"].startswith("test:aw:")),
                  PERSON_COLUMNS, out)  # fmt: skip
    undo_batch(engine, first.batch_id)
    assert stored() == ([], [])
    second = run("persons", exported)
    assert second.added == 3, [str(p) for p in second.problems]
    assert stored() == before


def test_an_award_that_is_a_date_and_a_hero_column_saying_no_are_refused(run, tmp_path, counts):
    content = (
        "Фамилия,Имя,Награды,Герой Советского Союза,Место захоронения,Район захоронения\n"
        "Датов,Иван,Герой Советского Союза;24.03.1945,да,Шуховцы,Дубровенский\n"
        "Несогласов,Пётр,Герой Советского Союза,нет,Шуховцы,Дубровенский\n"
        "Согласов,Павел,Орден Ленина,нет,Шуховцы,Дубровенский\n"
    )
    path = tmp_path / "contradict.csv"
    path.write_text(content, encoding="utf-8")
    before = counts()
    report = run("persons", path)
    assert not report.committed and counts() == before
    assert [str(p) for p in report.problems] == [
        "row 2, column 'Награды': '24.03.1945' is no award (a date or a number?): a decree's "
        "date goes in the award date column (value: 'Герой Советского Союза;24.03.1945')",
        "row 3, column 'Герой Советского Союза': says no, but the awards name «Герой "
        "Советского Союза»: which is right is for a person to say; correct the file "
        "(value: 'нет')",
    ]


def test_a_nomination_is_no_hero_and_a_cell_saying_none_is_no_award(run, tmp_path, engine):
    content = (
        "Фамилия,Имя,Награды,Место захоронения,Район захоронения\n"
        "Представленов,Иван,Представлен к званию Герой Советского Союза; Орден Ленина,"
        "Шуховцы,Дубровенский\n"
        "Ненагражденов,Пётр,не награждался,Шуховцы,Дубровенский\n"
        "Прочерков,Павел,-,Шуховцы,Дубровенский\n"
    )
    path = tmp_path / "none.csv"
    path.write_text(content, encoding="utf-8")
    report = run("persons", path)
    assert report.committed and report.added == 3, report.problems
    with engine.connect() as conn:
        heroes = conn.execute(
            text(
                "SELECT surname, is_hero FROM persons WHERE surname IN "
                "('Представленов', 'Ненагражденов', 'Прочерков') ORDER BY surname"
            )
        ).all()
        assert [tuple(h) for h in heroes] == [
            ("Ненагражденов", False),
            ("Представленов", False),
            ("Прочерков", False),
        ]
        assert _awards(conn, "Представленов") == [
            (1, "Представлен к званию Герой Советского Союза", False, None, None, None, None),
            (2, "Орден Ленина", False, None, None, None, None),
        ]
        assert _awards(conn, "Ненагражденов") == [] and _awards(conn, "Прочерков") == []


def test_a_date_with_the_year_s_mark_is_no_award(run, tmp_path):
    content = "Фамилия,Имя,Награды\nДатов,Иван,22.06.1944 г.\n"
    path = tmp_path / "dated.csv"
    path.write_text(content, encoding="utf-8")
    report = run("persons", path)
    assert "'22.06.1944 г.' is no award" in str(report.problems[0])


def test_a_twice_hero_is_stored_with_two_titles_each_with_its_decree_date(run, tmp_path, engine):
    rows = [
        ["Дваждыев", "Иван", "", "Дважды Герой Советского Союза; Орден Ленина",
         "24.03.1945; 29.06.1945", "Штурмовал переправы", "", "", ""],
        ["Двойчын", "Янка", "", "Двойчы Герой Савецкага Саюза", "", "", "", "", ""],
        ["Екімәртеов", "Айдар", "", "Екі мәрте Кеңес Одағының Батыры", "1944", "", "", "", ""],
        ["Представленов", "Пётр", "", "Дважды представлен к званию Героя Советского Союза",
         "", "", "", "", ""],
    ]  # fmt: skip
    report = run("persons", write(tmp_path, "twice.csv", rows))
    assert report.committed and report.added == 4, [str(p) for p in report.problems]
    # One date for two titles: the first takes it, the second gets none, and it is told.
    assert [str(w) for w in report.warnings] == [
        "row 4, column 'Дата указа': 1 decree date(s) for 2 titles «Герой Советского Союза»: "
        "stored as the first title's date (in order); if a date is of a later title, give "
        "every title's date, ';'-separated (value: '1944')"
    ]
    with engine.connect() as conn:
        assert _awards(conn, "Дваждыев") == [
            (1, "Герой Советского Союза", True, 1945, 3, 24, "Штурмовал переправы"),
            (2, "Герой Советского Союза", True, 1945, 6, 29, None),
            (3, "Орден Ленина", False, None, None, None, None),
        ]
        assert _awards(conn, "Двойчын") == [
            (1, "Герой Савецкага Саюза", True, None, None, None, None),
            (2, "Герой Савецкага Саюза", True, None, None, None, None),
        ]
        assert _awards(conn, "Екімәртеов") == [
            (1, "Кеңес Одағының Батыры", True, 1944, None, None, None),
            (2, "Кеңес Одағының Батыры", True, None, None, None, None),
        ]
        assert _awards(conn, "Представленов") == [
            (1, "Дважды представлен к званию Героя Советского Союза", False, None, None, None,
             None),
        ]  # fmt: skip
        heroes = conn.execute(
            text(
                "SELECT surname, is_hero, import_source->>'Награды' FROM persons "
                "WHERE import_batch_id = :b ORDER BY import_row"
            ),
            {"b": report.batch_id},
        ).all()
    # The cell as read keeps "Дважды" (provenance).
    assert [tuple(h) for h in heroes] == [
        ("Дваждыев", True, "Дважды Герой Советского Союза; Орден Ленина"),
        ("Двойчын", True, "Двойчы Герой Савецкага Саюза"),
        ("Екімәртеов", True, "Екі мәрте Кеңес Одағының Батыры"),
        ("Представленов", False, "Дважды представлен к званию Героя Советского Союза"),
    ]


def test_the_hero_s_gold_star_without_the_title_makes_a_hero_on_the_heroes_page(
    run, tmp_path, engine, client
):
    gold_star = "Медаль «Золотая Звезда» Героя Советского Союза; Орден Ленина"
    rows = [
        ["Звездов", "Иван", "казах", gold_star, "24.03.1945", "", "", "", "Шуховцы"],
        ["Аббревов", "Пётр", "казах", "ГСС", "", "", "", "", "Шуховцы"],
        ["Зоркин", "Сергей", "казах", "Медаль «Золотая Звезда»", "", "", "", "", "Шуховцы"],
    ]
    report = run("persons", write(tmp_path, "stars.csv", rows))
    assert report.committed and report.added == 3, [str(p) for p in report.problems]
    with engine.connect() as conn:
        heroes = dict(
            conn.execute(
                text("SELECT surname, is_hero FROM persons WHERE import_batch_id = :b"),
                {"b": report.batch_id},
            ).all()
        )
        assert _awards(conn, "Звездов")[0][2:6] == (True, 1945, 3, 24)
    assert heroes == {"Звездов": True, "Аббревов": True, "Зоркин": False}
    page = client.get("/heroes?lang=ru").get_data(as_text=True)
    assert "Звездов" in page and "Аббревов" in page and "Зоркин" not in page
