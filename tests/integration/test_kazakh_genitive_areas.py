"""A home written as Kazakh writes a district with its region, in the genitive
("Қарағанды облысының", "Осакаров ауданының"), or the Kazakh SSR with a case ending
("Қазақ КСР-і"), is found by the filters for those areas in any spelling, and stored keys
of the earlier rule are made again, the counts by home following (migration 0029)."""

from __future__ import annotations

from sqlalchemy import text

from tests.helpers import searched_surnames

HEADER = "Фамилия;Имя;Страна;Область рождения;Район рождения;ID захоронения\n"


def test_homes_written_in_the_genitive_are_counted_and_found_as_their_areas(
    scratch, run, tmp_path, client, engine
):
    site = scratch.site("Тестовая могила осакаровцев", 30.25, 55.25)
    path = tmp_path / "genitive.csv"
    path.write_text(
        HEADER
        + f"Осакаровов;Ерлан;Қазақ КСР-і;Қарағанды облысының;Осакаров ауданының;{site}\n"
        + f"Осакаровский;Иван;Казахская ССР;Карагандинская обл.;Осакаровский р-н;{site}\n"
        + f"Акмолаев;Серик;Қазақстан;Ақмола облысы;Атбасар ауданы;{site}\n",
        "utf-8",
    )
    report = run("persons", path)
    assert report.committed and report.added == 3, report.problems
    both = {"Осакаровов", "Осакаровский"}
    for query in (
        "country=Kazakhstan&region=Карагандинская область",
        "region=Қарағанды облысы&district=Осакаровский район",
        "district=Осакаров ауданы",
    ):
        assert searched_surnames(client, query) & {*both, "Акмолаев"} == both, query
    # The counts by home, of this site: both of one country and region, as written alike.
    with engine.connect() as conn:
        counted = conn.execute(
            text(
                "SELECT home_country_key, home_region_key, persons FROM site_home_key_counts "
                "WHERE site_id = :site ORDER BY 2"
            ),
            {"site": site},
        ).all()
    assert [tuple(row) for row in counted] == [
        ("kazahstan", "akmal", 1),  # Ақмола, as the search key spells it
        ("kazahstan", "karagand", 2),
    ]


def test_stored_genitive_homes_are_keyed_again(scratch, engine):
    from mapapp.importers.search_index import refresh_area_keys
    from tests.integration.test_home_counts import differences

    site = scratch.site("Тестовая могила родительного", 30.35, 55.35)
    person = scratch.person(
        site,
        "Родительнов",
        home_country="Қазақ КСР-і",
        home_region="Қарағанды облысының",
        home_district="Осакаров ауданының",
    )
    keys = text(
        "SELECT home_country_key, home_region_key, home_district_key FROM persons WHERE id = :id"
    )
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE persons SET home_country_key = 'kazahstan i', "
                "home_region_key = 'karagand ablisinin', "
                "home_district_key = 'asakarav audaninin' WHERE id = :id"
            ),
            {"id": person},
        )
        assert refresh_area_keys(conn) == 3  # the three keys of the earlier rule
        assert tuple(conn.execute(keys, {"id": person}).one()) == (
            "kazahstan",
            "karagand",
            "asakarav",
        )
        assert refresh_area_keys(conn) == 0
        assert differences(conn) == {"homes": 0, "sites": 0}
