"""A district written in Russian or in Belarusian is one district, for linking persons
to their graves, for the search and for the trip planner; two districts whose names
begin alike are never taken for one."""

from sqlalchemy import text

from mapapp.importers.search_index import refresh_district_keys
from mapapp.text.normalize import area_key
from tests.helpers import linked_site

SITES = (
    "Название,Район,Широта,Долгота\n"
    "Братская могила у д. Ключевая,Віцебскі раён,55.21,30.05\n"
    "Обелиск у д. Разлучная,Берёзовский район,52.45,24.97\n"
)


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_a_russian_list_meets_a_belarusian_register(run, tmp_path, engine):
    sites = run("sites", write(tmp_path, "register.csv", SITES), given={"kind": "memorial"})
    assert sites.added == 2, sites.problems
    persons = (
        "Фамилия,Имя,Место захоронения,Район захоронения\n"
        "Районов,Иван,Братская могила у д. Ключевая,Витебский район\n"
        "Районова,Анна,Братская могила у д. Ключевая,Витебский\n"
    )
    report = run("persons", write(tmp_path, "obd.csv", persons))
    assert report.committed and report.added == 2, report.problems
    assert linked_site(engine, "Районов") == linked_site(engine, "Районова")
    assert linked_site(engine, "Районов") == "Братская могила у д. Ключевая"


def test_a_district_whose_name_begins_another_s_links_nothing_there(run, tmp_path, engine):
    """Березинский (Minsk oblast) is not Берёзовский (Brest oblast), though its key is
    the beginning of the other's: the row is refused, not linked to a grave in Brest."""
    run("sites", write(tmp_path, "register.csv", SITES), given={"kind": "memorial"})
    persons = "Фамилия,Имя,Место захоронения,Район захоронения\n"
    persons += "Березин,Пётр,Обелиск у д. Разлучная,Березинский район\n"
    report = run("persons", write(tmp_path, "obd.csv", persons))
    assert not report.committed and report.rejected == 1
    (problem,) = report.problems
    assert problem.column == "Место захоронения"
    assert "no burial site named 'Обелиск у д. Разлучная' in 'Березинский район'" in problem.reason
    assert linked_site(engine, "Березин") is None
    # Its own district, in Russian, links it.
    fixed = persons.replace("Березинский", "Берёзовский")
    assert run("persons", write(tmp_path, "obd-2.csv", fixed)).added == 1
    assert linked_site(engine, "Березин") == "Обелиск у д. Разлучная"


def _total(client, **params):
    response = client.get("/api/persons", query_string={**params, "per_page": 1})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["total"]


def test_the_search_by_burial_district_reads_both_languages(client):
    # The demo's register names this district in Belarusian.
    belarusian = _total(client, burial_district="Віцебскі раён")
    assert belarusian > 0
    assert _total(client, burial_district="Витебский район") == belarusian
    assert _total(client, burial_district="Витебский") == belarusian


def test_the_trip_planner_finds_a_district_s_sites_by_either_name(client):
    def near(district):
        response = client.get("/api/sites/near", query_string={"district": district})
        assert response.status_code == 200, response.get_json()
        return sorted(item["id"] for item in response.get_json()["items"])

    by_belarusian = near("Бешанковіцкі раён")
    assert by_belarusian
    assert near("Бешенковичский район") == by_belarusian
    # A district whose key begins another's finds none of the other's sites.
    assert near("Столбцовский район") == []
    assert near("Столинский район") == near("Столінскі раён") != []


def test_the_migration_keys_stored_belarusian_districts_again(engine):
    with engine.connect() as conn, conn.begin() as transaction:
        site = conn.execute(
            text("SELECT id FROM burial_sites WHERE district = 'Віцебскі раён' LIMIT 1")
        ).scalar_one()
        # As keyed before: the Belarusian name's own key.
        conn.execute(
            text("UPDATE burial_sites SET district_key = :k WHERE id = :id"),
            {"k": area_key("Віцебскі раён"), "id": site},
        )
        assert refresh_district_keys(conn) == 1
        key = conn.execute(
            text("SELECT district_key FROM burial_sites WHERE id = :id"), {"id": site}
        ).scalar_one()
        assert key == area_key("Витебский район") + "#"
        assert refresh_district_keys(conn) == 0  # nothing left to change
        transaction.rollback()


def test_a_town_whose_name_begins_two_districts_names_neither(run, tmp_path, engine):
    """ "Берёза" begins Березинский and Берёзовский: a person's row naming it as the
    district is refused, saying which it may be; a town so named, stored without a
    district, is no district's centre."""
    run("sites", write(tmp_path, "register.csv", SITES), given={"kind": "memorial"})
    persons = "Фамилия,Имя,Место захоронения,Район захоронения\n"
    persons += "Березов,Пётр,Обелиск у д. Разлучная,Берёза\n"
    report = run("persons", write(tmp_path, "obd.csv", persons))
    assert not report.committed
    assert report.problems[0].reason == (
        "the district 'Берёза' may be Березинский район or Берёзовский район: "
        "write the district's name"
    )
    # A made-up town "Стол" begins Столинский and Столбцовский.
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO settlements (ref, name, kind, geom) VALUES ('test:stol', 'Стол', "
                "'town', ST_SetSRID(ST_MakePoint(27.0, 52.0), 4326))"
            )
        )
    try:
        sites = "Название,Тип,Район\nОбелиск в районе,memorial,Столинский район\n"
        placed = run("sites", write(tmp_path, "district.csv", sites))
        assert [p.reason for p in placed.problems] == [
            "no coordinates, and the gazetteer has no point for district 'Столинский район'"
        ]
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM settlements WHERE ref = 'test:stol'"))
