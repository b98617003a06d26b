"""A district book's plain register number names a site within its district only, and a
district's name does not always tell the district: Gomel oblast has an Октябрьский район,
and so has the city of Minsk. Two sites of one number, one in each, stay two sites, and
persons are linked to the one their row names; a row that names the district without its
region, where the name needs it, is not taken for either. A name that tells its district
(Оршанский район) is read as before, with or without its region."""

from __future__ import annotations

import csv
import io

from sqlalchemy import text

from tests.helpers import linked_site
from tests.integration.test_import_real_files import write

HEADER = "Название,Тип,Область,Район,Населённый пункт,Учётный номер,Широта,Долгота\n"
GOMEL = (
    "Братская могила в г.п. Октябрьский,mass grave,Гомельская,Октябрьский район,"
    "г.п. Октябрьский,R-OKT-17,52.64,28.88\n"
)
MINSK = (
    "Братская могила на ул. Октябрьской,mass grave,г. Минск,Октябрьский район,"
    "Минск,R-OKT-17,53.87,27.53\n"
)
PERSONS = "Фамилия,Имя,Учетный номер захоронения,Район захоронения\n"
BY_NAME = "Фамилия,Имя,Место захоронения,Район захоронения\n"


def sites_of(engine, number: str) -> dict[str, str]:
    """{oblast: name} of the sites carrying ``number``."""
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT oblast, name FROM burial_sites WHERE register_number = :n"),
            {"n": number},
        ).all()
    return {oblast: name for oblast, name in rows}


def present_again(run, tmp_path, counts, name: str, content: str, present: int) -> None:
    """A sites file imported again adds nothing: each of its ``present`` rows finds its
    own site."""
    before = counts()
    again = run("sites", write(tmp_path, name, content))
    assert (again.added, again.present) == (0, present), (name, again.problems)
    assert counts() == before


def linked(run, tmp_path, engine, content: str, name="persons.csv", **options) -> dict:
    """Persons imported from ``content`` (a header, then rows beginning with a surname),
    every row added: {surname: the name of the site the person is linked to}."""
    report = run("persons", write(tmp_path, name, content), **options)
    surnames = [row[0] for row in list(csv.reader(io.StringIO(content)))[1:]]
    assert report.committed and report.added == len(surnames), report.problems
    return {surname: linked_site(engine, surname) for surname in surnames}


def refused(run, tmp_path, content: str, name="persons.csv"):
    """The problem of a persons file whose one row is refused, nothing stored."""
    report = run("persons", write(tmp_path, name, content))
    assert not report.committed and report.rejected == 1
    (problem,) = report.problems
    return problem


def test_one_number_in_gomel_oblast_and_in_minsk_is_two_sites_in_one_file(run, tmp_path, engine):
    report = run("sites", write(tmp_path, "both.csv", HEADER + GOMEL + MINSK))
    assert report.committed and report.added == 2, report.problems
    assert sites_of(engine, "R-OKT-17") == {
        "Гомельская": "Братская могила в г.п. Октябрьский",
        "г. Минск": "Братская могила на ул. Октябрьской",
    }


def test_imported_one_after_the_other_they_stay_two(run, tmp_path, engine, counts):
    assert run("sites", write(tmp_path, "gomel.csv", HEADER + GOMEL)).added == 1
    minsk = run("sites", write(tmp_path, "minsk.csv", HEADER + MINSK))
    assert (minsk.added, minsk.present) == (1, 0), minsk.problems
    assert len(sites_of(engine, "R-OKT-17")) == 2
    # Each file again adds nothing: each row finds its own site.
    for name, row in (("gomel.csv", GOMEL), ("minsk.csv", MINSK)):
        present_again(run, tmp_path, counts, name, HEADER + row, 1)


def test_the_region_is_read_in_its_other_spellings_and_from_the_settlement(
    run, tmp_path, engine, counts
):
    run("sites", write(tmp_path, "both.csv", HEADER + GOMEL + MINSK))
    spelled = (
        GOMEL.replace("Гомельская", "Гомельская вобласць")
        # No oblast: the settlement is the city of Minsk.
        + MINSK.replace("г. Минск", "")
    )
    present_again(run, tmp_path, counts, "spelled.csv", HEADER + spelled, 2)


def test_persons_are_linked_to_the_site_in_the_region_their_row_names(run, tmp_path, engine):
    run("sites", write(tmp_path, "both.csv", HEADER + GOMEL + MINSK))
    persons = PERSONS + (
        'Гомелев,Иван,R-OKT-17,"Октябрьский район, Гомельская обл."\n'
        "Минчук,Пётр,R-OKT-17,Октябрьский район г. Минска\n"
        'Минчукова,Анна,R-OKT-17,"г. Минск, Октябрьский р-н"\n'
    )
    assert linked(run, tmp_path, engine, persons) == {
        "Гомелев": "Братская могила в г.п. Октябрьский",
        "Минчук": "Братская могила на ул. Октябрьской",
        "Минчукова": "Братская могила на ул. Октябрьской",
    }


def test_a_person_in_an_oktyabrsky_district_without_its_region_is_linked_to_neither(
    run, tmp_path, engine
):
    run("sites", write(tmp_path, "both.csv", HEADER + GOMEL + MINSK))
    problem = refused(run, tmp_path, PERSONS + "Безобластной,Иван,R-OKT-17,Октябрьский район\n")
    assert problem.column == "Учетный номер захоронения"
    assert "'Октябрьский район' is a district's name only with its region, and the row " \
        "says no region" in problem.reason  # fmt: skip
    assert "'Октябрьский район, г. Минск'" in problem.reason
    assert linked_site(engine, "Безобластной") is None


def test_one_oktyabrsky_site_is_not_taken_for_a_row_without_its_region(run, tmp_path, engine):
    """With only Minsk's site stored, a row of Октябрьский район that says no region may
    mean Gomel oblast's: it is linked to no site, and a sites row is not merged."""
    run("sites", write(tmp_path, "minsk.csv", HEADER + MINSK))
    refused(run, tmp_path, PERSONS + "Безобластной,Иван,R-OKT-17,Октябрьский район\n")
    assert linked_site(engine, "Безобластной") is None

    regionless = "Название,Тип,Район,Учётный номер,Широта,Долгота\n" + (
        "Братская могила в г.п. Октябрьский,mass grave,Октябрьский район,R-OKT-17,52.64,28.88\n"
    )
    sites = run("sites", write(tmp_path, "regionless.csv", regionless))
    assert not sites.committed and sites.added == 0
    (problem,) = sites.problems
    assert "register number 'R-OKT-17' is carried by 1 stored site (Октябрьский район, " \
        "г. Минск)" in str(problem)  # fmt: skip
    assert "give the row's oblast" in str(problem)
    assert len(sites_of(engine, "R-OKT-17")) == 1

    # The advice, followed: its Область cell, or --set for a list without that column.
    blank = run("sites", write(tmp_path, "blank.csv", HEADER + GOMEL.replace("Гомельская", "")))
    assert not blank.committed and blank.added == 0
    assert "in its Область cell, or --set oblast=NAME for a list without that column" in str(
        blank.problems[0]
    )
    given = run(
        "sites", write(tmp_path, "regionless.csv", regionless), given={"oblast": "Гомельская"}
    )
    assert given.committed and given.added == 1, given.problems
    assert len(sites_of(engine, "R-OKT-17")) == 2


def test_a_list_without_regions_imported_again_is_the_same_sites(run, tmp_path, counts):
    """Neither says the region: one list imported again, as where neither says its
    district."""
    regionless = "Название,Тип,Район,Учётный номер,Широта,Долгота\n" + (
        "Братская могила в г.п. Октябрьский,mass grave,Октябрьский район,R-OKT-18,52.64,28.88\n"
    )
    assert run("sites", write(tmp_path, "list.csv", regionless)).added == 1
    present_again(run, tmp_path, counts, "list.csv", regionless, 1)


def test_a_district_whose_name_tells_it_needs_no_region(run, tmp_path, engine, counts):
    """Оршанский район is one district: its number finds its site whether a row gives
    the oblast or not, and in another district the same number is another site."""
    orsha = (
        "Братская могила у д. Оршаны,mass grave,{oblast},Оршанский район,д. Оршаны,"
        "R-OR-5,54.5,30.4\n"
    )
    first = run("sites", write(tmp_path, "orsha.csv", HEADER + orsha.format(oblast="")))
    assert first.added == 1
    with_oblast = HEADER + orsha.format(oblast="Витебская")
    present_again(run, tmp_path, counts, "orsha-2.csv", with_oblast, 1)

    other = "Обелиск у д. Сенно,mass grave,,Сенненский район,д. Сенно,R-OR-5,54.8,29.7\n"
    assert run("sites", write(tmp_path, "senno.csv", HEADER + other)).added == 1

    persons = PERSONS + (
        "Оршанцев,Иван,R-OR-5,Оршанский район\n"
        'Оршанцева,Анна,R-OR-5,"Оршанский район, Витебская обл."\n'
        "Оршин,Пётр,R-OR-5,Орша\n"
    )
    assert linked(run, tmp_path, engine, persons) == dict.fromkeys(
        ("Оршанцев", "Оршанцева", "Оршин"), "Братская могила у д. Оршаны"
    )


def test_a_person_found_by_the_burial_place_in_the_region_the_row_names(run, tmp_path, engine):
    same_name = HEADER + (
        GOMEL.replace("Братская могила в г.п. Октябрьский", "Братская могила воинов")
        + MINSK.replace("Братская могила на ул. Октябрьской", "Братская могила воинов")
    ).replace("R-OKT-17", "")
    assert run("sites", write(tmp_path, "same-name.csv", same_name)).added == 2
    persons = BY_NAME + "Воинов,Иван,Братская могила воинов,Октябрьский район г. Минска\n"
    report = run("persons", write(tmp_path, "persons.csv", persons))
    assert report.committed and report.added == 1, report.problems
    with engine.connect() as conn:
        oblast = conn.execute(
            text(
                "SELECT s.oblast FROM persons p JOIN burials b ON b.person_id = p.id "
                "JOIN burial_sites s ON s.id = b.site_id WHERE p.surname = 'Воинов'"
            )
        ).scalar_one()
    assert oblast == "г. Минск"


# Cities of oblast subordination: none of the 118 districts, and no district of Minsk.
TOWNS = (
    "Братская могила в Новополоцке,mass grave,Витебская,г. Новополоцк,г. Новополоцк,"
    "T-1,55.53,28.65\n"
    "Братская могила в Жодино,mass grave,Минская,Жодино,Жодино,T-2,54.10,28.33\n"
)


def test_a_town_that_is_no_district_is_read_by_its_name_as_before(run, tmp_path, engine, counts):
    """A name in neither list (a town of the oblast: Новополоцк, Жодино) tells no region:
    its number finds its site whether a row gives the oblast or not, and a person whose
    burial district is the town is linked to it."""
    assert run("sites", write(tmp_path, "towns.csv", HEADER + TOWNS)).added == 2
    without = TOWNS.replace(",Витебская,", ",,").replace(",Минская,", ",,")
    present_again(run, tmp_path, counts, "towns-2.csv", HEADER + without, 2)

    persons = PERSONS + "Новополочанин,Иван,T-1,г. Новополоцк\nЖодинец,Пётр,T-2,Жодино\n"
    assert linked(run, tmp_path, engine, persons) == {
        "Новополочанин": "Братская могила в Новополоцке",
        "Жодинец": "Братская могила в Жодино",
    }


def test_a_district_of_minsk_by_its_own_name_is_the_citys(run, tmp_path, engine, counts):
    """A district of the city of Minsk that no listed district shares its name with
    (Ленинский район; Кастрычніцкі раён, its Октябрьский in Belarusian) is the city's
    where a row says no region; in another region it is another city's district."""
    sites = HEADER + (
        "Братская могила на ул. Ленинской,mass grave,г. Минск,Ленинский район,Минск,"
        "R-LEN-3,53.86,27.56\n"
        "Братская могила в Бресте,mass grave,Брестская,Ленинский район,г. Брест,"
        "R-LEN-3,52.09,23.70\n"
    )
    assert run("sites", write(tmp_path, "lenin.csv", sites + GOMEL + MINSK)).added == 4
    again = HEADER + (
        "Братская могила на ул. Ленинской,mass grave,,Ленінскі раён,,R-LEN-3,53.86,27.56\n"
        # Minsk's Октябрьский in Belarusian, without the city: Gomel oblast's is Акцябрскі.
        "Братская могила на ул. Октябрьской,mass grave,,Кастрычніцкі раён,,R-OKT-17,53.87,27.53\n"
    )
    present_again(run, tmp_path, counts, "again.csv", again, 2)

    persons = PERSONS + (
        "Ленинцев,Иван,R-LEN-3,Ленинский район\n"
        'Брестов,Пётр,R-LEN-3,"Ленинский район, Брестская обл."\n'
        "Кастрычнік,Анна,R-OKT-17,Кастрычніцкі раён\n"
    )
    assert linked(run, tmp_path, engine, persons) == {
        "Ленинцев": "Братская могила на ул. Ленинской",
        "Брестов": "Братская могила в Бресте",
        "Кастрычнік": "Братская могила на ул. Октябрьской",
    }
    by_name = BY_NAME + "Октябрьцев,Иван,Братская могила на ул. Октябрьской,Кастрычніцкі раён\n"
    assert linked(run, tmp_path, engine, by_name, "by-name.csv") == {
        "Октябрьцев": "Братская могила на ул. Октябрьской"
    }


def test_kastrychnitski_stored_as_written_links_its_persons(run, tmp_path, engine):
    """A site stored with Minsk's district in Belarusian links the persons whose row
    writes that district, as before districts were read with their regions; by number
    and by name alike."""
    site = MINSK.replace("Октябрьский район", "Кастрычніцкі раён")
    assert run("sites", write(tmp_path, "minsk.csv", HEADER + site)).added == 1
    persons = PERSONS + "Кастрычнік,Анна,R-OKT-17,Кастрычніцкі раён\n"
    assert linked(run, tmp_path, engine, persons) == {
        "Кастрычнік": "Братская могила на ул. Октябрьской"
    }
    by_name = BY_NAME + "Октябрьцев,Иван,Братская могила на ул. Октябрьской,Кастрычніцкі раён\n"
    assert linked(run, tmp_path, engine, by_name, "by-name.csv") == {
        "Октябрьцев": "Братская могила на ул. Октябрьской"
    }


def test_kastrychnitski_is_not_gomel_oblasts_oktyabrsky(run, tmp_path, engine):
    assert run("sites", write(tmp_path, "gomel.csv", HEADER + GOMEL)).added == 1
    problem = refused(run, tmp_path, PERSONS + "Кастрычнік,Анна,R-OKT-17,Кастрычніцкі раён\n")
    assert problem.reason == (
        "no burial site with register number 'R-OKT-17' in 'Кастрычніцкі раён'"
    )


def test_minsk_written_under_the_minsk_oblast_is_the_city(run, tmp_path, engine, counts):
    """Minsk lies in no oblast, but a row may write it under the Minsk oblast around it:
    the settlement Minsk, or a district of Minsk's name in the Minsk oblast, is the city
    (the Minsk oblast has no Октябрьский район), and is one site with the same site
    written under "г. Минск"."""
    in_oblast = MINSK.replace("г. Минск", "Минская область")
    assert run("sites", write(tmp_path, "oblast.csv", HEADER + GOMEL + in_oblast)).added == 2
    for name, row in (
        ("city.csv", MINSK),
        ("no-settlement.csv", in_oblast.replace(",Минск,", ",,")),
    ):
        present_again(run, tmp_path, counts, name, HEADER + row, 1)
    assert len(sites_of(engine, "R-OKT-17")) == 2

    persons = PERSONS + 'Минчук,Пётр,R-OKT-17,"Октябрьский район, Минская обл."\n'
    assert linked(run, tmp_path, engine, persons) == {
        "Минчук": "Братская могила на ул. Октябрьской"
    }


REGIONLESS = "Название,Тип,Район,Учётный номер,Широта,Долгота\n" + (
    "Братская могила в г.п. Октябрьский,mass grave,Октябрьский район,R-OKT-19,52.64,28.88\n"
)


def test_a_row_with_its_region_and_a_stored_site_without_is_told_so(run, tmp_path, engine):
    """The row writes the region; the stored site does not: the row cannot say more, so
    it is told the stored site says none and which it is is for a person to say, not to
    write what it wrote."""
    assert run("sites", write(tmp_path, "regionless.csv", REGIONLESS)).added == 1
    persons = PERSONS + 'Гомелев,Иван,R-OKT-19,"Октябрьский район, Гомельская обл."\n'
    problem = refused(run, tmp_path, persons)
    assert "the stored site says no region" in problem.reason
    assert "which one it is is for a person to say" in problem.reason
    assert "give the site id" in problem.reason
    assert "write" not in problem.reason
    assert linked_site(engine, "Гомелев") is None

    by_name = BY_NAME + (
        'Гомелева,Анна,Братская могила в г.п. Октябрьский,"Октябрьский район, Гомельская обл."\n'
    )
    problem = refused(run, tmp_path, by_name, "by-name.csv")
    assert "the stored site says no region" in problem.reason
    assert "write" not in problem.reason


def test_a_row_without_its_region_is_told_where_to_write_it(run, tmp_path, engine):
    """A Gomel list giving only Октябрьский район, with only Gomel oblast's site stored:
    Minsk's may be meant (not stored yet), so the row is linked to neither, and told to
    write the region in its burial district cell (--set is for a list without one)."""
    assert run("sites", write(tmp_path, "gomel.csv", HEADER + GOMEL)).added == 1
    problem = refused(run, tmp_path, PERSONS + "Безобластной,Иван,R-OKT-17,Октябрьский район\n")
    assert "the row says no region" in problem.reason
    assert "in its burial district cell" in problem.reason
    assert "--set burial_district=... for a list without that column" in problem.reason
    # Written so, the row is linked.
    fixed = PERSONS + 'Безобластной,Иван,R-OKT-17,"Октябрьский район, Гомельская обл."\n'
    assert linked(run, tmp_path, engine, fixed, "fixed.csv") == {
        "Безобластной": "Братская могила в г.п. Октябрьский"
    }
    # A list without the column is given the district, with its region, by --set.
    no_column = "Фамилия,Имя,Учетный номер захоронения\nГомельчук,Пётр,R-OKT-17\n"
    given = {"burial_district": "Октябрьский район, Гомельская обл."}
    assert linked(run, tmp_path, engine, no_column, "no-column.csv", given=given) == {
        "Гомельчук": "Братская могила в г.п. Октябрьский"
    }
