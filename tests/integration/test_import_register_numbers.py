"""A register number names one site however it is written: the 004 of a list is the 4 of
the same list saved from Excel (a number keeps no leading zeros), a heritage code's letter
may be written in Latin, small or spaced; importing one after the other adds no second
site, a person's row finds the site by either, and the number stays stored as first
written. A person's burial place written with the settlement's type (д. Лядцы) finds its
site too."""

from __future__ import annotations

from openpyxl import Workbook
from sqlalchemy import text

from tests.integration.test_import_real_files import write

HEADER = ["name", "kind", "register_number", "lat", "lon"]
ROW = ["Братская могила у деревни Нулёво", "mass grave", "004", "54.31", "28.11"]


def register_xlsx(tmp_path, name: str, number: int):
    """The register saved from Excel: the number is a number cell."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([ROW[0], ROW[1], number, float(ROW[3]), float(ROW[4])])
    path = tmp_path / name
    book.save(path)
    return path


def stored(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT ref, register_number FROM burial_sites WHERE name = :n ORDER BY id"),
            {"n": ROW[0]},
        ).all()


def test_the_register_saved_from_excel_adds_no_second_site(run, tmp_path, engine, counts):
    first = run("sites", write(tmp_path, "register.csv", ",".join(HEADER) + "\n" + ",".join(ROW)))
    assert first.committed and first.added == 1
    before = counts()

    again = run("sites", register_xlsx(tmp_path, "register.xlsx", 4))
    assert (again.added, again.present) == (0, 1) and counts() == before
    assert [number for _, number in stored(engine)] == ["004"]  # as first written


def test_the_excel_register_first_then_the_list_with_zeros(run, tmp_path, engine, counts):
    first = run("sites", register_xlsx(tmp_path, "register.xlsx", 4))
    assert first.committed and first.added == 1
    before = counts()
    csv = write(tmp_path, "register.csv", ",".join(HEADER) + "\n" + ",".join(ROW))
    dry = run("sites", csv, dry_run=True)
    assert (dry.added, dry.present) == (0, 1)
    again = run("sites", csv)
    assert (again.added, again.present) == (0, 1) and counts() == before
    assert [number for _, number in stored(engine)] == ["4"]


def test_a_site_stored_under_its_number_as_written_is_found(run, tmp_path, engine, counts):
    """Sites imported before numbers were keyed without zeros have the zeros in their ref."""
    run("sites", write(tmp_path, "register.csv", ",".join(HEADER) + "\n" + ",".join(ROW)))
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE burial_sites SET ref = 'register:004' WHERE name = :n"), {"n": ROW[0]}
        )
    before = counts()
    again = run("sites", register_xlsx(tmp_path, "register.xlsx", 4))
    assert (again.added, again.present) == (0, 1) and counts() == before


def test_a_persons_row_finds_the_site_by_its_number_without_zeros(run, tmp_path, engine):
    run("sites", write(tmp_path, "register.csv", ",".join(HEADER) + "\n" + ",".join(ROW)))
    persons = write(
        tmp_path,
        "persons.csv",
        "Фамилия,Имя,Учетный номер захоронения\nНулёв,Иван,4\nНулёва,Анна,0004\n",
    )
    report = run("persons", persons)
    assert report.committed and report.added == 2, report.problems
    with engine.connect() as conn:
        sites = (
            conn.execute(
                text(
                    "SELECT DISTINCT s.register_number FROM burials b "
                    "JOIN persons p ON p.id = b.person_id JOIN burial_sites s ON s.id = b.site_id "
                    "WHERE p.surname LIKE 'Нулёв%'"
                )
            )
            .scalars()
            .all()
        )
    assert sites == ["004"]


def test_one_number_written_two_ways_in_a_file_is_one_site(run, tmp_path, counts):
    other = [ROW[0], ROW[1], "4", "54.32", "28.11"]  # the same number, another point
    content = ",".join(HEADER) + "\n" + ",".join(ROW) + "\n" + ",".join(other) + "\n"
    before = counts()
    report = run("sites", write(tmp_path, "twice.csv", content))
    assert not report.committed and counts() == before
    assert "the same record as row 3 (register number 004), with other values" in str(
        report.problems[0]
    )


def test_a_heritage_code_in_latin_letters_lower_case_or_spaced_is_the_same_site(
    run, tmp_path, engine, counts
):
    header = "name,kind,register_number,lat,lon\n"
    run(
        "sites",
        write(tmp_path, "codes.csv", header + "Брацкая магіла,mass grave,213Д000999,54.4,28.4\n"),
    )
    before = counts()
    for written in ("213D000999", "213д000999", "213Д 000999", " 213d 000 999 ", "213-Д-000999"):
        again = run(
            "sites",
            write(
                tmp_path, "again.csv", header + f'Брацкая магіла,mass grave,"{written}",54.4,28.4\n'
            ),
        )
        assert (again.added, again.present, again.present_differing) == (0, 1, 0), written
    assert counts() == before


def test_what_a_present_site_says_otherwise_is_named_by_field(run, tmp_path, engine):
    header = "name,kind,register_number,Всего,lat,lon\n"
    run(
        "sites", write(tmp_path, "a.csv", header + "Брацкая магіла,mass grave,R6-1,100,54.4,28.4\n")
    )
    moved = write(tmp_path, "b.csv", header + "Брацкая магіла,mass grave,R6-1,101,54.41,28.4\n")
    report = run("sites", moved)
    assert (report.added, report.present, report.present_differing) == (0, 1, 1)
    assert report.present_differing_fields == {"buried_total": 1, "lat/lon": 1}


def test_a_burial_place_written_with_the_settlement_s_type_finds_its_site(run, tmp_path, engine):
    sites = (
        "name,kind,district,settlement,lat,lon\n"
        "Братская могила,mass grave,Дубровенский район,д. Лядцы,54.61,30.95\n"
    )
    run("sites", write(tmp_path, "s.csv", sites))
    persons = "Фамилия,Имя,Место захоронения,Район захоронения\nЛядцев,Иван,д. Лядцы,Дубровенский\n"
    report = run("persons", write(tmp_path, "p.csv", persons))
    assert report.committed and report.added == 1, report.problems


DISTRICT_BOOK = "Учётный номер,Название,Вид,Район,Населённый пункт,Всего,lat,lon\n"


def test_a_district_book_s_number_names_a_site_within_its_district_only(run, tmp_path, engine):
    """Орша's grave 4 and Дубровно's 004 are two graves: each district numbers its own."""
    orsha = (
        DISTRICT_BOOK + "4,Братская могила,mass grave,Оршанский район,д. Бабиничи,35,54.53,30.45\n"
    )
    dubr = (
        DISTRICT_BOOK
        + "004,Братская могила,mass grave,Дубровенский район,д. Ляды,120,54.60,30.95\n"
    )
    assert run("sites", write(tmp_path, "orsha.csv", orsha)).added == 1
    second = run("sites", write(tmp_path, "dubr.csv", dubr))
    assert (second.added, second.present) == (1, 0)
    again = run("sites", write(tmp_path, "dubr.csv", dubr))
    assert (again.added, again.present, again.present_differing) == (0, 1, 0)
    persons = (
        "Фамилия,Имя,Учётный номер захоронения,Район захоронения\n"
        "Жумабаев,Касым,004,Дубровенский район\nОршин,Иван,4,Оршанский район\n"
    )
    report = run("persons", write(tmp_path, "p.csv", persons))
    assert report.committed and report.added == 2, report.problems
    with engine.connect() as conn:
        graves = dict(
            conn.execute(
                text(
                    "SELECT p.surname, s.settlement FROM persons p JOIN burials b "
                    "ON b.person_id = p.id JOIN burial_sites s ON s.id = b.site_id "
                    "WHERE p.surname IN ('Жумабаев', 'Оршин')"
                )
            ).all()
        )
    assert graves == {"Жумабаев": "д. Ляды", "Оршин": "д. Бабиничи"}
    unplaced = run(
        "persons",
        write(tmp_path, "q.csv", "Фамилия,Имя,Учётный номер захоронения\nБезрайонов,Иван,4\n"),
    )
    assert (
        "register number '4' is a district book's number, and the row says no district: "
        "give the burial district" in str(unplaced.problems[0])
    )


def test_one_district_book_site_written_twice_in_a_file_is_one_record(run, tmp_path, counts):
    content = (
        DISTRICT_BOOK
        + "4,Братская могила,mass grave,Оршанский район,д. Бабиничи,35,54.53,30.45\n"
        + "4,Братская могила,mass grave,Орша,д. Бабиничи,35,54.53,30.45\n"
        + "7,Могила,mass grave,,д. Ляды,3,54.6,30.9\n"
        + "7,Могила,mass grave,Дубровенский район,д. Ляды,3,54.6,30.9\n"
    )
    before = counts()
    report = run("sites", write(tmp_path, "twice.csv", content))
    assert not report.committed and counts() == before
    assert [p.row for p in report.problems] == [2, 3, 4, 5]
    assert all("the same record as row" in p.reason for p in report.problems)


def test_a_town_that_begins_two_districts_names_neither(run, tmp_path):
    """Глуск begins Глусский and Глубокский: its number 5 is not Глубокский's 5."""
    first = (
        DISTRICT_BOOK + "5,Братская могила,mass grave,Глубокский район,г. Глубокое,10,55.14,27.68\n"
    )
    second = DISTRICT_BOOK + "5,Братская могила,mass grave,Глуск,г. Глуск,12,52.9,28.68\n"
    run("sites", write(tmp_path, "a.csv", first))
    report = run("sites", write(tmp_path, "b.csv", second))
    assert (report.added, report.present) == (1, 0)


def test_a_plain_number_without_a_district_that_two_districts_carry_is_refused(
    run, tmp_path, counts
):
    run(
        "sites",
        write(
            tmp_path,
            "a.csv",
            DISTRICT_BOOK + "4,Могила А,mass grave,Оршанский район,,1,54.53,30.45\n",
        ),
    )
    run(
        "sites",
        write(
            tmp_path,
            "b.csv",
            DISTRICT_BOOK + "4,Могила Б,mass grave,Дубровенский район,,2,54.60,30.95\n",
        ),
    )
    before = counts()
    report = run(
        "sites", write(tmp_path, "c.csv", DISTRICT_BOOK + "4,Могила В,mass grave,,,3,54.0,29.0\n")
    )
    assert not report.committed and counts() == before
    assert str(report.problems[0]) == (
        "row 2: register number '4' is carried by 2 stored sites (Дубровенский район, "
        "Оршанский район), and a district book's number names a site within its district "
        "only: give the row's district"
    )


def test_a_plain_number_with_a_district_on_one_side_only_is_never_taken_as_one_site(
    run, tmp_path, counts
):
    """Which grave 45 a row without a district means, of Орша's and every other district's
    book, is not known; nor which district a stored 77 without one is of."""
    run(
        "sites",
        write(
            tmp_path,
            "a.csv",
            DISTRICT_BOOK + "45,Могила,mass grave,Оршанский район,д. Заболотье,5,54.40,30.50\n",
        ),
    )
    run(
        "sites",
        write(
            tmp_path, "b.csv", DISTRICT_BOOK + "77,Могила,mass grave,,г. Орша,7,54.5151,30.4051\n"
        ),
    )
    before = counts()
    no_district = run(
        "sites",
        write(
            tmp_path,
            "c.csv",
            DISTRICT_BOOK + "45,Могила,mass grave,,д. Шапечицы,9,53.2001,28.1001\n",
        ),
    )
    stored_without = run(
        "sites",
        write(
            tmp_path,
            "d.csv",
            DISTRICT_BOOK + "77,Могила,mass grave,Дубровенский район,д. Ляды,22,54.62,30.91\n",
        ),
    )
    assert not no_district.committed and not stored_without.committed and counts() == before
    assert "give the row's district" in str(no_district.problems[0])
    assert "the stored site says no district" in str(stored_without.problems[0])
    again = run(
        "sites",
        write(
            tmp_path, "b.csv", DISTRICT_BOOK + "77,Могила,mass grave,,г. Орша,7,54.5151,30.4051\n"
        ),
    )
    assert (again.added, again.present) == (0, 1)  # the same list again, no district either
    persons = (
        "Фамилия,Имя,Учётный номер захоронения,Район захоронения\n"
        "Ляхов,Иван,77,Дубровенский район\n"
    )
    linked = run("persons", write(tmp_path, "p.csv", persons))
    assert (
        "the row says 'Дубровенский район' while the stored site says no district: which one "
        "it is is for a person to say; give the site id"
    ) in str(linked.problems[0])


def test_a_number_two_stored_sites_carry_names_both_in_the_refusal(run, tmp_path, engine):
    """Two stored graves of one district under one number (one renumbered by hand since):
    the row names neither for sure; the refusal names both, by ref, name and place."""
    book = (
        DISTRICT_BOOK
        + "12,Братская могила,mass grave,Дубровенский район,д. Ляды,3,54.60,30.95\n"
        + "13,Могила лётчиков,mass grave,Дубровенский район,д. Осинторф,2,54.62,30.90\n"
    )
    assert run("sites", write(tmp_path, "book.csv", book)).added == 2
    with engine.begin() as conn:
        renumber = text("UPDATE burial_sites SET register_number = '12' WHERE name = :n")
        conn.execute(renumber, {"n": "Могила лётчиков"})
        refs = dict(
            conn.execute(
                text("SELECT settlement, ref FROM burial_sites WHERE register_number = '12'")
            ).all()
        )
    persons = (
        "Фамилия,Имя,Учётный номер захоронения,Район захоронения\n"
        "Двоев,Иван,12,Дубровенский район\n"
    )
    report = run("persons", write(tmp_path, "p.csv", persons))
    assert report.added == 0
    assert report.problems[0].reason == (
        "register number '12' in 'Дубровенский район' matches 2 sites: "
        f"ref {refs['д. Ляды']!r} (Братская могила, д. Ляды), "
        f"ref {refs['д. Осинторф']!r} (Могила лётчиков, д. Осинторф); "
        "give the site id or the site's ref"
    )
