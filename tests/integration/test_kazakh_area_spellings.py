"""Home countries and regions written in Kazakh key as in Russian and English: the
filters find a person stored as "Казахстан" by "Қазақстан" and the reverse; stored keys
of the earlier rule are made again (migration 0024). A file that gives a birthplace but
no home country is told what that means and how to give one."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.helpers import searched_surnames

HEADER = (
    "Фамилия;Имя;Место рождения;Страна;Область рождения;ID захоронения;Герой Советского Союза\n"
)


@pytest.fixture()
def site(scratch):
    return scratch.site("Тестовая могила уроженцев", 30.2, 55.2)


@pytest.fixture()
def imported(site, run, tmp_path):
    path = tmp_path / "homes.csv"
    path.write_text(
        HEADER
        + f"Каркаралов;Иван;;Казахстан;Карагандинская область;{site};нет\n"
        + f"Акмолов;Петр;;Қазақстан;Ақмола облысы;{site};да\n"
        + f"Курсков;Олег;;Россия;Курская область;{site};нет\n"
        # The Kazakh SSR as OBD cards write it (migration 0026).
        + f"Эсэсэров;Иван;;Казахская ССР;Карагандинская обл.;{site};нет\n"
        + f"Казсэсэров;Пётр;;КазССР;Акмолинская обл.;{site};нет\n",
        "utf-8",
    )
    report = run("persons", path)
    assert report.ok and report.committed and report.added == 5, report.problems
    assert report.unknown_origins == 0 and report.notes == []
    return report


SURNAMES = {"Каркаралов", "Акмолов", "Курсков", "Эсэсэров", "Казсэсэров"}
KAZAKHSTAN = {"Каркаралов", "Акмолов", "Эсэсэров", "Казсэсэров"}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("country=Kazakhstan", KAZAKHSTAN),
        ("country=Қазақстан", KAZAKHSTAN),
        ("country=Қазақстан Республикасы", KAZAKHSTAN),
        ("country=Казахская ССР", KAZAKHSTAN),
        ("country=КазССР", KAZAKHSTAN),
        ("region=Karagandy", {"Каркаралов", "Эсэсэров"}),
        ("region=Қарағанды облысы", {"Каркаралов", "Эсэсэров"}),
        ("country=Казахстан&region=Акмолинская область", {"Акмолов", "Казсэсэров"}),
    ],
)
def test_the_person_filters_find_them_in_any_spelling(imported, client, query, found):
    # Every page: the demo data has hundreds from Kazakhstan.
    assert searched_surnames(client, query) & SURNAMES == found


def test_heroes_and_the_home_page_find_them_in_kazakh(imported, site, client):
    heroes = client.get("/api/heroes?country=Қазақстан").get_json()["items"]
    assert "Акмолов Петр" in {h["full_name"] for h in heroes}
    assert client.get("/api/heroes?region=Ақмола облысы").get_json()["items"]
    page = client.get("/from?country=Қазақстан&lang=kk").get_data(as_text=True)
    assert f"/sites/{site}" in page


def test_a_birthplace_without_a_home_country_is_told_not_read(site, run, tmp_path, engine):
    path = tmp_path / "obd.csv"
    path.write_text(
        "Фамилия;Имя;Место рождения;ID захоронения\n"
        f"Каркаралов;Иван;Казахская ССР, Карагандинская обл., Каркаралинский р-н;{site}\n"
        f"Безместов;Пётр;;{site}\n",
        "utf-8",
    )
    report = run("persons", path, dry_run=True)
    assert report.unknown_origins == 1
    assert report.notes == [
        "1 row gives a birthplace ('Место рождения') but no home country or region: such "
        "persons are of unknown origin on the site pages, and no country or region filter "
        "finds them (the birthplace is kept as written, and the search reads it); where the "
        "list is of one country's men, give it with --set home_country=NAME (and --set "
        "home_region=NAME for one region's), or add a home country column"
    ]
    given = run("persons", path, given={"home_country": "Казахстан"})
    assert given.committed and given.unknown_origins == 0 and given.notes == []
    with engine.connect() as conn:
        homes = conn.execute(
            text(
                "SELECT home_country, birthplace FROM persons WHERE import_batch_id = :b "
                "ORDER BY surname"
            ),
            {"b": given.batch_id},
        ).all()
    assert [tuple(h) for h in homes] == [
        ("Казахстан", None),
        ("Казахстан", "Казахская ССР, Карагандинская обл., Каркаралинский р-н"),
    ]


def test_stored_kazakh_spellings_are_keyed_again(scratch, engine):
    """Migration 0024: persons keyed the earlier way are keyed again, and the counts by
    home the database keeps follow."""
    from mapapp.importers.search_index import refresh_area_keys
    from tests.integration.test_home_counts import differences

    site = scratch.site("Тестовая могила ключей", 30.3, 55.3)
    person = scratch.person(
        site, "Ключев", home_country="Қазақстан", home_region="Қарағанды облысы"
    )
    with engine.begin() as conn:
        before = conn.execute(
            text("SELECT home_country_key, home_region_key FROM persons WHERE id = :id"),
            {"id": person},
        ).one()
        assert tuple(before) == ("kazahstan", "karagand")
        conn.execute(
            text(
                "UPDATE persons SET home_country_key = 'kazakstan', "
                "home_region_key = 'karagand ablis' WHERE id = :id"
            ),
            {"id": person},
        )
        assert refresh_area_keys(conn) == 2  # the two keys of the earlier rule
        keys = conn.execute(
            text("SELECT home_country_key, home_region_key FROM persons WHERE id = :id"),
            {"id": person},
        ).one()
        assert tuple(keys) == ("kazahstan", "karagand")
        assert refresh_area_keys(conn) == 0  # nothing left to key again
        assert differences(conn) == {"homes": 0, "sites": 0}


def test_stored_kazakh_ssr_homes_are_keyed_again(scratch, engine):
    """Migration 0026: a person keyed the earlier way ("Казахская ССР": kazah) is keyed as
    Kazakhstan; "Казахский район" (Qazax, in Azerbaijan) is not."""
    from mapapp.importers.search_index import refresh_area_keys
    from mapapp.text.normalize import area_key

    assert area_key("Казахский район") == "kazah"
    site = scratch.site("Тестовая могила республики", 30.4, 55.4)
    person = scratch.person(site, "Республиканов", home_country="Казахская ССР")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE persons SET home_country_key = 'kazah' WHERE id = :id"), {"id": person}
        )
        assert refresh_area_keys(conn) == 1
        key = conn.execute(
            text("SELECT home_country_key FROM persons WHERE id = :id"), {"id": person}
        ).scalar_one()
        assert key == "kazahstan"
