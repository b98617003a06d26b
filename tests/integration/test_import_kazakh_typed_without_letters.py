"""A list from Kazakhstan typed on a Russian keyboard, without the Kazakh letters (қ as к,
ғ as г, і as и ...): its fates, ranks, dates and homes are read and stored as the same list
with the Kazakh letters would be, and the filters find its persons by any spelling of their
home. The Kazakh SSR so typed ("Казак КСР") is Kazakhstan; stored keys of the earlier rule
are made again (migration 0028)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.helpers import searched_surnames

HEADER = "Фамилия;Имя;Воинское звание;Дата гибели;Судьба;Страна;Область рождения;ID захоронения\n"


@pytest.fixture()
def site(scratch):
    return scratch.site("Тестовая могила караганды", 30.25, 55.25)


@pytest.fixture()
def imported(site, run, tmp_path, engine):
    path = tmp_path / "kazakh_typed.csv"
    path.write_text(
        HEADER + f"Жаксыкаракулов;Ерлан;катардагы жауынгер;22 шилде 1944;каза тапты;Казакстан;"
        f"Караганды облысы;{site}\n"
        + f"Жаксыкарасаев;Серик;киши сержант;1944 жылы 5 каңтарда;жаракаттан кайтыс болды;"
        f"Казак КСР;Караганды облысы;{site}\n"
        + f"Белгисиз;катардагы жауынгер;;кыркуйек 1943;хабарсыз кетти;Казакстан;"
        f"Шыгыс Казакстан облысы;{site}\n"
        + f"Жаксыкаратаев;Болат;кызыласкер;25.06.1944;туткында кайтыс болды;Казакстан;"
        f"Кызылорда облысы;{site}\n",
        "utf-8",
    )
    report = run("persons", path)
    assert report.ok and report.committed and report.added == 4, report.problems
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT surname, given_name, rank, death_year, death_month, death_day, fate, "
                "home_country, home_country_key, home_region, home_region_key FROM persons "
                "WHERE import_batch_id = :b ORDER BY surname"
            ),
            {"b": report.batch_id},
        ).all()
    return [tuple(r) for r in rows]


def test_the_list_is_stored_as_written_and_read(imported):
    assert imported == [
        ("Белгисиз", "катардагы жауынгер", None, 1943, 9, None, "missing",
         "Казакстан", "kazahstan", "Шыгыс Казакстан облысы", "vastacn kazahst"),
        ("Жаксыкаракулов", "Ерлан", "катардагы жауынгер", 1944, 7, 22, "killed",
         "Казакстан", "kazahstan", "Караганды облысы", "karagand"),
        ("Жаксыкарасаев", "Серик", "киши сержант", 1944, 1, 5, "died_of_wounds",
         "Казак КСР", "kazahstan", "Караганды облысы", "karagand"),
        ("Жаксыкаратаев", "Болат", "кызыласкер", 1944, 6, 25, "died_in_captivity",
         "Казакстан", "kazahstan", "Кызылорда облысы", "kizilard"),
    ]  # fmt: skip


def _found(client, query: str) -> set[str]:
    # Every page: the demo data has hundreds from Kazakhstan.
    ours = {"Жаксыкаракулов", "Жаксыкарасаев", "Белгисиз", "Жаксыкаратаев"}
    return searched_surnames(client, query) & ours


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("region=Карагандинская область", {"Жаксыкаракулов", "Жаксыкарасаев"}),
        ("region=Караганды облысы", {"Жаксыкаракулов", "Жаксыкарасаев"}),
        ("region=Қарағанды облысы", {"Жаксыкаракулов", "Жаксыкарасаев"}),
        ("country=Казахстан&region=Karaganda", {"Жаксыкаракулов", "Жаксыкарасаев"}),
        ("region=Восточно-Казахстанская область", {"Белгисиз"}),
        ("region=Кзыл-Ординская область", {"Жаксыкаратаев"}),
        (
            "country=Kazakhstan",
            {"Жаксыкаракулов", "Жаксыкарасаев", "Белгисиз", "Жаксыкаратаев"},
        ),
    ],
)
def test_the_filters_find_them_by_any_spelling_of_their_home(imported, client, query, found):
    assert _found(client, query) == found


def test_stored_kazakh_ssr_typed_without_its_letters_is_keyed_again(scratch, engine):
    """Migration 0028: a person keyed the earlier way ("Казак КСР": kazak ksr) is keyed as
    Kazakhstan, and the counts by home the database keeps follow; "Казак" alone (a
    Cossack, or a surname) is no republic."""
    from mapapp.importers.search_index import refresh_area_keys
    from mapapp.text.normalize import area_key
    from tests.integration.test_home_counts import differences

    assert area_key("Казак") == "kazak"
    site = scratch.site("Тестовая могила кср", 30.45, 55.45)
    person = scratch.person(site, "Ксэрэров", home_country="Казак КСР")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE persons SET home_country_key = 'kazak ksr' WHERE id = :id"),
            {"id": person},
        )
        assert refresh_area_keys(conn) == 1
        key = conn.execute(
            text("SELECT home_country_key FROM persons WHERE id = :id"), {"id": person}
        ).scalar_one()
        assert key == "kazahstan"
        assert refresh_area_keys(conn) == 0
        assert differences(conn) == {"homes": 0, "sites": 0}
