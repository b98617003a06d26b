"""Persons whose row gives the birthplace alone, as OBD Memorial cards write it
("Казахская ССР, Карагандинская обл., Каркаралинский р-н"), are stored with the home
country and oblast it names, and found by the country and region filters, in Russian,
English or Kazakh; the report says how many rows were read so, and how many have no home
country at all. Both checks (column by column, row by row) stage the same record."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import text

from mapapp.importers.runner import report_json
from tests.integration.test_import_person_columns import _assert_same, _both

KARKARALY = "Казахская ССР, Карагандинская обл., Каркаралинский р-н"
HEADER = "Фамилия;Имя;Место рождения;ID захоронения;Герой Советского Союза\n"


def _rows(site: int) -> str:
    return (
        f"Каркаралов;Иван;{KARKARALY};{site};нет\n"
        f"Акмолов;Петр;Казахская С.С.Р., Акмолинская область;{site};да\n"
        f"Родительнов;Сергей;КазССР, Карагандинской обл.;{site};нет\n"
        # A line break in the cell: this row goes the row-by-row way.
        f'Переносов;Павел;"Каз. ССР,\nКарагандинская обл.";{site};нет\n'
        f"Курсков;Олег;Курская обл., Обоянский р-н;{site};нет\n"
    )


STORED = {
    "Каркаралов": ("Казахстан", "Карагандинская обл.", KARKARALY),
    "Акмолов": ("Казахстан", "Акмолинская область", "Казахская С.С.Р., Акмолинская область"),
    "Родительнов": ("Казахстан", "Карагандинской обл.", "КазССР, Карагандинской обл."),
    "Переносов": ("Казахстан", "Карагандинская обл.", "Каз. ССР,\nКарагандинская обл."),
    # An oblast without a country is not read: no country, no region.
    "Курсков": (None, None, "Курская обл., Обоянский р-н"),
}
NOTE = (
    "4 rows give no home country or region of their own: those their birthplace "
    "('Место рождения') names {verb} stored (row 2: "
    "'Казахская ССР, Карагандинская обл., Каркаралинский р-н' → 'Казахстан', "
    "'Карагандинская обл.'); the birthplace is kept as written. Where that is wrong, give "
    "the home country and region in columns of their own (Страна, Область рождения)"
)


@pytest.fixture()
def site(scratch):
    return scratch.site("Тестовая могила уроженцев", 30.2, 55.2)


@pytest.fixture()
def imported(site, run, tmp_path):
    """The file imported (the site requested first: the batch is removed before it)."""
    path = tmp_path / "obd.csv"
    path.write_text(HEADER + _rows(site), "utf-8")
    dry = run("persons", path, dry_run=True)
    assert dry.notes == [NOTE.format(verb="would be")]
    report = run("persons", path)
    assert report.ok and report.committed and report.added == 5, report.problems
    return report


def _stored(engine, batch_id: int) -> dict[str, tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT surname, home_country, home_region, birthplace, id FROM persons "
                "WHERE import_batch_id = :b"
            ),
            {"b": batch_id},
        ).all()
    return {surname: tuple(rest) for surname, *rest in rows}


def test_home_country_and_oblast_are_read_from_the_birthplace(imported, engine):
    stored = _stored(engine, imported.batch_id)
    assert {surname: row[:3] for surname, row in stored.items()} == STORED
    assert imported.notes == [NOTE.format(verb="are")]
    assert imported.without_home_country == 1  # Курсков
    body = json.loads(report_json(imported))
    assert body["without_home_country"] == 1 and body["notes"] == imported.notes


def test_the_site_page_counts_them_by_their_country(imported, site, client):
    html = client.get(f"/sites/{site}?lang=en").get_data(as_text=True)
    breakdown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "4 from Казахстан" in breakdown
    assert "2 from Карагандинская обл." in breakdown
    assert "1 of unknown origin" in breakdown


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("country=Kazakhstan", {"Каркаралов", "Акмолов", "Родительнов", "Переносов"}),
        ("country=Казахстан", {"Каркаралов", "Акмолов", "Родительнов", "Переносов"}),
        ("country=Қазақстан", {"Каркаралов", "Акмолов", "Родительнов", "Переносов"}),
        ("country=Қазақстан Республикасы", {"Каркаралов", "Акмолов", "Родительнов", "Переносов"}),
        ("region=Karagandy", {"Каркаралов", "Родительнов", "Переносов"}),
        ("region=Қарағанды облысы", {"Каркаралов", "Родительнов", "Переносов"}),
        ("country=Қазақстан&region=Ақмола облысы", {"Акмолов"}),
    ],
)
def test_the_person_filters_find_them_in_any_spelling(imported, client, query, found):
    surnames, page = set(), 1
    while True:  # every page: the demo data has hundreds from Kazakhstan
        response = client.get(f"/api/persons?{query}&per_page=100&page={page}")
        assert response.status_code == 200, response.get_data(as_text=True)
        items = response.get_json()["items"]
        surnames |= {p["surname"] for p in items}
        if len(items) < 100:
            break
        page += 1
    assert surnames & set(STORED) == found


def test_heroes_and_the_home_page_find_them_in_kazakh(imported, site, client):
    heroes = client.get("/api/heroes?country=Қазақстан").get_json()["items"]
    assert "Акмолов Петр" in {h["full_name"] for h in heroes}
    assert client.get("/api/heroes?region=Ақмола облысы").get_json()["items"]
    page = client.get("/from?country=Қазақстан&lang=kk").get_data(as_text=True)
    assert f"/sites/{site}" in page


def test_a_home_the_row_gives_is_kept(site, run, tmp_path, engine):
    path = tmp_path / "own.csv"
    path.write_text(
        "Фамилия;Место рождения;Страна;Область рождения;ID захоронения\n"
        f"Россиев;{KARKARALY};Россия;;{site}\n"  # another country: no oblast read
        f"Странов;Карагандинская обл., Каркаралинский р-н;Казахстан;;{site}\n"
        f"Областнов;{KARKARALY};;Караганда;{site}\n"
        f"Своев;{KARKARALY};Kazakhstan;Karaganda;{site}\n",
        "utf-8",
    )
    report = run("persons", path)
    assert report.committed and report.added == 4, report.problems
    stored = {k: v[:2] for k, v in _stored(engine, report.batch_id).items()}
    assert stored == {
        "Россиев": ("Россия", None),
        "Странов": ("Казахстан", "Карагандинская обл."),
        "Областнов": ("Казахстан", "Караганда"),
        "Своев": ("Kazakhstan", "Karaganda"),
    }
    (note,) = report.notes
    assert note.startswith("2 rows give no home country or region of their own:")
    assert "(row 3: 'Карагандинская обл., Каркаралинский р-н' → 'Казахстан', " in note
    assert report.without_home_country == 0


def test_both_checks_stage_the_same_home(engine):
    columns = ["Фамилия", "Место рождения", "Страна", "Место захоронения", "Район захоронения"]
    place = ["Шуховцы", "Дубровенский"]
    rows = [
        (2, ["Каркаралов", KARKARALY, "", *place]),
        (3, ["Родительнов", "КазССР, Карагандинской обл.", "", *place]),
        (4, ["Россиев", KARKARALY, "Россия", *place]),
        (5, ["Курсков", "Курская обл., Обоянский р-н", "", *place]),
        (6, ["Каркаралов", KARKARALY, "", *place]),
    ]
    fast, slow = _both(engine, columns, rows)
    assert _assert_same(fast, slow) == set()
    # birthplace, home country, home region; their keys (PERSON_STAGE).
    staged = {row[30]: (row[9], row[10], row[26], row[27]) for row in fast.stage_rows}
    assert staged == {
        2: ("Казахстан", "Карагандинская обл.", "kazahstan", "karagand"),
        3: ("Казахстан", "Карагандинской обл.", "kazahstan", "karagandinska"),
        4: ("Россия", None, "rasi", None),
        5: (None, None, None, None),
        6: ("Казахстан", "Карагандинская обл.", "kazahstan", "karagand"),
    }
    assert (fast.origins.read, fast.origins.unknown, fast.origins.first[0]) == (3, 1, 2)
    # The record's key is its row's cells: the same as before homes were read.
    assert {c.record["ref"] for c in slow if c.row in (2, 6)} == {fast.stage_rows[0][0]}


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
        conn.execute(
            text(
                "UPDATE persons SET home_country_key = 'kazakstan', "
                "home_region_key = 'karagand ablis' WHERE id = :id"
            ),
            {"id": person},
        )
        assert refresh_area_keys(conn) >= 2
        keys = conn.execute(
            text("SELECT home_country_key, home_region_key FROM persons WHERE id = :id"),
            {"id": person},
        ).one()
        assert tuple(keys) == ("kazahstan", "karagand")
        assert refresh_area_keys(conn) == 0  # nothing left to key again
        assert differences(conn) == {"homes": 0, "sites": 0}
