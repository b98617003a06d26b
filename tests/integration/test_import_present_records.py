"""A record already stored is never changed by an import: not its values, and no burial,
source or award is added to it. The report says which rows say otherwise, and when their
record ids are likely another list's."""

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

HEADER = "№ записи,Фамилия,Имя,site_ref,Номер фонда источника информации\n"
ZARUBY = "site:mass-grave-in-zaruby-0feaaa"


def district_list(tmp_path, folder: str, rows: list[tuple[str, str, str]], fond="33") -> Path:
    """A district's list, named as every district names it."""
    path = tmp_path / folder / "Список.csv"
    path.parent.mkdir()
    lines = "".join(f"{n},{surname},Иван,{site},{fond}\n" for n, surname, site in rows)
    path.write_text(HEADER + lines, encoding="utf-8")
    return path


def burials_of(engine, surnames):
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT p.surname, s.ref FROM persons p JOIN burials b ON b.person_id = p.id "
                "JOIN burial_sites s ON s.id = b.site_id WHERE p.surname = ANY(:n) "
                "ORDER BY p.surname, s.ref"
            ),
            {"n": surnames},
        ).all()
    return [tuple(r) for r in rows]


def test_another_list_of_the_same_name_changes_no_stored_record(run, tmp_path, engine):
    shukhovtsy = "site:shukhovtsy"
    first = district_list(
        tmp_path, "rayon1", [("1", "Первоспискин", shukhovtsy), ("2", "Общеспискин", shukhovtsy)]
    )
    second = district_list(
        tmp_path, "rayon2", [("1", "Второспискин", ZARUBY), ("2", "Общеспискин", ZARUBY)], "58"
    )
    imported = run("persons", first)
    assert imported.added == 2
    # OBD Memorial's own header for the archive's fond.
    assert imported.mapped["Номер фонда источника информации"] == "fond"
    with engine.connect() as conn:
        sources_before = conn.execute(text("SELECT count(*) FROM person_sources")).scalar()

    report = run("persons", second)
    assert report.committed and (report.added, report.present) == (0, 2)
    # Both rows are told, the one under another surname as likely another list's.
    assert (report.present_differing, report.present_differing_rows) == (2, [2, 3])
    assert report.present_other_surname == 1
    # The stored records keep their one burial; no source was linked to them.
    assert burials_of(engine, ["Первоспискин", "Общеспискин", "Второспискин"]) == [
        ("Общеспискин", shukhovtsy),
        ("Первоспискин", shukhovtsy),
    ]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM person_sources")).scalar() == sources_before

    # With its own source, the second list is two new records.
    own = run("persons", second, source="Список Дубровенского района")
    assert own.committed and own.added == 2
    assert burials_of(engine, ["Второспискин"]) == [("Второспискин", ZARUBY)]


def test_a_corrected_burial_site_is_told_not_added(run, tmp_path, engine, test_settings):
    listed = district_list(tmp_path, "before", [("7", "Сайтов", "site:shukhovtsy")])
    assert run("persons", listed).added == 1
    corrected = district_list(tmp_path, "after", [("7", "Сайтов", ZARUBY)])
    report = run("persons", corrected, dry_run=True)
    assert (report.added, report.present, report.present_differing) == (0, 1, 1)
    assert report.present_other_surname == 0
    report = run("persons", corrected)
    assert (report.present_differing, report.present_differing_rows) == (1, [2])
    assert burials_of(engine, ["Сайтов"]) == [("Сайтов", "site:shukhovtsy")]

    binary = str(Path(sys.executable).parent / "mapapp")
    env = {**os.environ, "DATABASE_URL": test_settings.database_url}
    shown = subprocess.run(
        [binary, "import", "persons", str(corrected), "--dry-run"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert "nor adds a burial, source or award to it" in shown.stdout
    assert "1 already present" in shown.stdout and "are already" not in shown.stdout


def test_a_corrected_site_file_is_told_and_changes_nothing(run, tmp_path, engine):
    header = "Название,Учетный номер,Всего,Широта,Долгота\n"
    rows = [
        "Обелиск у моста,,120,52.30000,26.30000\n",
        "Стела у школы,990001,45,52.31000,26.31000\n",
        "Памятник у церкви,990002,12,52.32000,26.32000\n",
    ]
    first = tmp_path / "district.csv"
    first.write_text(header + "".join(rows), encoding="utf-8")
    assert run("sites", first, given={"kind": "memorial"}).added == 3
    # 120 → 130 (found by kind, name and point), 45 → 46 and a moved point (found by
    # their register numbers); the church's row is as stored.
    corrected = tmp_path / "district_corrected.csv"
    corrected.write_text(
        header
        + rows[0].replace(",120,", ",130,")
        + rows[1].replace(",45,", ",46,")
        + rows[2].replace("26.32000", "26.32010"),
        encoding="utf-8",
    )
    dry = run("sites", corrected, given={"kind": "memorial"}, dry_run=True)
    report = run("sites", corrected, given={"kind": "memorial"})
    for told in (dry, report):
        assert (told.added, told.present) == (0, 3)
        assert (told.present_differing, told.present_differing_rows) == (3, [2, 3, 4])
    with engine.connect() as conn:
        stored = conn.execute(
            text(
                "SELECT name, buried_total, round(ST_X(geom)::numeric, 5)::float "
                "FROM burial_sites WHERE name IN ('Обелиск у моста', 'Стела у школы', "
                "'Памятник у церкви') ORDER BY name"
            )
        ).all()
    assert [tuple(r) for r in stored] == [
        ("Обелиск у моста", 120, 26.3),
        ("Памятник у церкви", 12, 26.32),
        ("Стела у школы", 45, 26.31),
    ]
    again = run("sites", first, given={"kind": "memorial"})
    assert (again.present, again.present_differing) == (3, 0)


def test_a_site_list_with_fewer_columns_differs_only_in_what_it_says(run, tmp_path):
    """A heritage list naming a district book's grave by its register number, without
    the book's counts, year or district: those it does not say are no difference."""
    book = tmp_path / "book.csv"
    book.write_text(
        "Название,Учетный номер,Всего,Год,Район,Широта,Долгота\n"
        "Стела у леса,213Д990101,45,1958,Оршанский район,54.40000,30.40000\n",
        encoding="utf-8",
    )
    assert run("sites", book, given={"kind": "memorial"}).added == 1
    heritage = tmp_path / "heritage.csv"
    heritage.write_text(
        "Название,Учетный номер,Широта,Долгота\nСтела у леса,213Д990101,54.40000,30.40000\n",
        encoding="utf-8",
    )
    told = run("sites", heritage, given={"kind": "memorial"}, dry_run=True)
    assert (told.present, told.present_differing, told.present_differing_fields) == (1, 0, {})
    renamed = tmp_path / "heritage_renamed.csv"
    renamed.write_text(
        "Название,Учетный номер,Всего,Широта,Долгота\n"
        "Стела воинам у леса,213Д990101,,54.40000,30.40000\n",
        encoding="utf-8",
    )
    told = run("sites", renamed, given={"kind": "memorial"}, dry_run=True)
    # Its name says otherwise; its empty count cell, in a column it has, does too.
    assert (told.present, told.present_differing) == (1, 1)
    assert set(told.present_differing_fields) == {"name", "buried_total"}


def test_a_surname_corrected_on_its_page_is_not_taken_for_another_list(run, tmp_path, engine):
    listed = district_list(tmp_path, "before", [("8", "Правкин", "site:shukhovtsy")])
    assert run("persons", listed).added == 1
    with engine.begin() as conn:  # a correction, as an approved contribution makes it
        conn.execute(
            text("UPDATE persons SET surname = 'Правкин-Верный' WHERE surname = 'Правкин'")
        )
    # The list imported again: its row says the surname the record had before the
    # correction, so its id is this list's, not another list's of the same file name
    # (whose --source would add the record a second time).
    report = run("persons", listed)
    assert (report.added, report.present, report.present_differing) == (0, 1, 1)
    assert report.present_differing_fields == {"surname": 1}
    assert report.present_other_surname == 0
    assert burials_of(engine, ["Правкин", "Правкин-Верный"]) == [
        ("Правкин-Верный", "site:shukhovtsy")
    ]


def test_a_renamed_export_is_told_before_its_records_are_added_twice(
    run, tmp_path, engine, test_settings
):
    rows = "№ записи,Фамилия,Имя,site_ref\n51234567,Переименов,Иван,site:shukhovtsy\n"
    rows += "51234568,Копиев,Пётр,site:shukhovtsy\n"
    original = tmp_path / "obd.csv"
    original.write_text(rows, encoding="utf-8")
    assert run("persons", original).added == 2
    renamed = tmp_path / "obd (1).csv"
    renamed.write_text(rows, encoding="utf-8")

    dry = run("persons", renamed, dry_run=True)
    assert (dry.added, dry.present) == (2, 0)  # another source, as documented
    assert (dry.ids_elsewhere.sampled, dry.ids_elsewhere.found) == (2, 2)
    assert dry.ids_elsewhere.sources == ["obd.csv"]
    binary = str(Path(sys.executable).parent / "mapapp")
    env = {**os.environ, "DATABASE_URL": test_settings.database_url}
    shown = subprocess.run(
        [binary, "import", "persons", str(renamed), "--dry-run"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert "2 of 2 rows with a record id looked at carry the id and name of a person stored " in (
        shown.stdout
    )
    assert "from another source ('obd.csv')" in shown.stdout
    assert "import it with --source 'obd.csv'" in shown.stdout

    # As told: with the source it came from, nothing is added.
    again = run("persons", renamed, source="obd.csv")
    assert (again.added, again.present, again.ids_elsewhere.found) == (0, 2, 0)
    # Another list's rows that share an id but not the name are not taken for these.
    other = tmp_path / "other.csv"
    other.write_text("№ записи,Фамилия,Имя,site_ref\n51234567,Другов,Иван,site:shukhovtsy\n")
    assert run("persons", other, dry_run=True).ids_elsewhere.found == 0


def test_a_source_the_stored_record_lacks_is_told_and_not_stored(run, tmp_path, engine):
    listed = district_list(tmp_path, "plain", [("31", "Источников", "site:shukhovtsy")], "4401")
    assert run("persons", listed).added == 1
    cited = district_list(tmp_path, "cited", [("31", "Источников", "site:shukhovtsy")], "4402")
    with engine.connect() as conn:
        sources_before = conn.execute(text("SELECT count(*) FROM sources")).scalar()
    report = run("persons", cited)
    assert (report.added, report.present, report.present_differing) == (0, 1, 1)
    with engine.connect() as conn:
        # No source is made for a record that will not cite it.
        assert conn.execute(text("SELECT count(*) FROM sources")).scalar() == sources_before


LISTED = "№ записи,Фамилия,Имя,Год рождения,Воинское звание,site_ref,Номер фонда,Награды\n"


def stored_persons(engine, surnames):
    """What is stored of the persons: their values, burials, sources and awards."""
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT p.surname, p.birth_year, p.rank, "
                    "ARRAY(SELECT s.ref FROM burials b JOIN burial_sites s ON s.id = b.site_id "
                    "      WHERE b.person_id = p.id ORDER BY 1), "
                    "ARRAY(SELECT src.ref FROM person_sources x "
                    "      JOIN sources src ON src.id = x.source_id "
                    "      WHERE x.person_id = p.id ORDER BY 1), "
                    "ARRAY(SELECT w.title FROM awards w WHERE w.person_id = p.id ORDER BY 1) "
                    "FROM persons p WHERE p.surname = ANY(:n) ORDER BY p.surname"
                ),
                {"n": surnames},
            )
        ]


def test_a_corrected_persons_list_names_its_differing_fields(run, tmp_path, engine, test_settings):
    from mapapp.importers.runner import report_json

    rows = [
        "41,Годов,Иван,1915,рядовой,site:shukhovtsy,33,\n",
        "42,Званиев,Пётр,1920,рядовой,site:shukhovtsy,33,\n",
        "43,Местов,Олег,1918,рядовой,site:shukhovtsy,33,\n",
        "44,Верников,Илья,1912,рядовой,site:shukhovtsy,33,\n",
    ]
    first = tmp_path / "before" / "Список.csv"
    first.parent.mkdir()
    first.write_text(LISTED + "".join(rows), encoding="utf-8")
    assert run("persons", first).added == 4
    surnames = ["Годов", "Званиев", "Местов", "Верников"]
    before = stored_persons(engine, surnames)

    # One birth year, one rank and one burial site corrected, another archive fond cited
    # twice and an award added; the last row is as stored.
    corrected = tmp_path / "after" / "Список.csv"
    corrected.parent.mkdir()
    corrected.write_text(
        LISTED
        + rows[0].replace(",1915,", ",1916,").replace(",33,", ",58,")
        + rows[1].replace("рядовой", "сержант").replace(",33,", ",58,")
        + rows[2].replace("site:shukhovtsy", ZARUBY).replace(",\n", ",Орден Красной Звезды\n")
        + rows[3],
        encoding="utf-8",
    )
    expected = {"birth_year": 1, "rank": 1, "burial site": 1, "source": 2, "award": 1}
    dry = run("persons", corrected, dry_run=True)
    report = run("persons", corrected)
    for told in (dry, report):
        assert (told.added, told.present) == (0, 4)
        assert (told.present_differing, told.present_differing_rows) == (3, [2, 3, 4])
        assert told.present_differing_fields == expected
        assert told.present_other_surname == 0
    assert report.committed
    assert json.loads(report_json(report))["present_with_other_values_fields"] == expected
    assert stored_persons(engine, surnames) == before

    # The command of this checkout (the installed script may run another's).
    env = {**os.environ, "DATABASE_URL": test_settings.database_url}
    shown = subprocess.run(
        [sys.executable, "-m", "mapapp.cli", "import", "persons", str(corrected), "--dry-run"],
        capture_output=True, text=True, env=env, timeout=120, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert (
        "3 of the records already present are stored with other values than their rows "
        "(rows 2, 3, 4); differing: birth_year (1), rank (1), burial site (1), source (2), "
        "award (1): an import never changes a stored record"
    ) in shown.stdout
    assert stored_persons(engine, surnames) == before
