"""Heroes and partisan formations: the API, the pages and the search filters, on the demo
data (real cited facts and flagged fiction) and on records written for each test."""

import pytest
from sqlalchemy import text

BEDA = "person:real-beda-leonid-ignatyevich"
ZHANGELDIN = "person:real-zhangeldin-toktagali"


def _id(engine, table, ref):
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT id FROM {table} WHERE ref = :r"), {"r": ref}).scalar()


@pytest.fixture()
def hero_at_a_site(scratch, engine):
    """A (fictional, test-only) Hero buried at a test site in Vitebsk region."""
    site = scratch.site("Тестовая могила героя", 30.1, 55.1)
    person = scratch.person(
        site, "Героев", given_name="Тест", home_country="Казахстан", home_region="Карагандинская"
    )
    scratch.award(person, "Герой Советского Союза", year=1945, month=3, day=24, feat="Подвиг теста")
    scratch.award(person, "Орден Ленина", position=2)
    return {"site": site, "person": person}


def test_api_heroes_lists_the_real_cited_hero_without_a_guessed_grave(client, engine):
    body = client.get("/api/heroes").get_json()
    with engine.connect() as conn:
        heroes = conn.execute(text("SELECT count(*) FROM persons WHERE is_hero")).scalar()
    assert body["total"] == len(body["items"]) == heroes
    beda = next(h for h in body["items"] if h["id"] == _id(engine, "persons", BEDA))
    assert beda["full_name"] == "Беда Леонид Игнатьевич"
    assert beda["award_date"] is None  # no source gives the decree dates
    assert beda["titles"] == 2
    assert beda["feat"].startswith("214 боевых вылетов")
    assert beda["home_region"] == "Костанайская область"
    assert beda["site"] is None and beda["is_fictional"] is False
    assert set(beda) >= {"id", "full_name", "award_date", "feat", "home_region", "site"}


def test_api_heroes_with_grave_date_and_filters(client, hero_at_a_site):
    items = client.get("/api/heroes").get_json()["items"]
    hero = next(h for h in items if h["id"] == hero_at_a_site["person"])
    assert hero["award_date"] == "24.03.1945"
    assert hero["feat"] == "Подвиг теста"
    assert hero["site"] == {"id": hero_at_a_site["site"], "name": "Тестовая могила героя"}

    def ids(query):
        response = client.get("/api/heroes?" + query)
        assert response.status_code == 200
        return {h["id"] for h in response.get_json()["items"]}

    assert hero_at_a_site["person"] in ids("burial_oblast=Vitebsk")
    assert hero_at_a_site["person"] not in ids("burial_oblast=Minsk")
    assert hero_at_a_site["person"] in ids("country=Kazakhstan&region=Караганд")
    assert hero_at_a_site["person"] not in ids("region=Костанай")
    assert ids("region=Костанай") == {h["id"] for h in items if h["full_name"].startswith("Беда")}
    bad = client.get("/api/heroes?burial_oblast=Atlantis")
    assert bad.status_code == 400
    assert bad.get_json()["error"]["parameter"] == "burial_oblast"


def test_hero_graves_layer_and_formation_areas_as_geojson(client, hero_at_a_site, scratch):
    graves = client.get("/api/heroes/graves")
    assert graves.mimetype == "application/geo+json"
    features = {f["id"]: f for f in graves.get_json()["features"]}
    grave = features[hero_at_a_site["site"]]
    assert grave["geometry"]["coordinates"] == [30.1, 55.1]
    assert grave["properties"]["heroes"] == 1
    assert grave["properties"]["names"] == ["Героев Тест"]
    assert grave["properties"]["fictional"] is True
    # Beda lies in Minsk, but no site is known: he is not drawn.
    assert all("Беда" not in " ".join(f["properties"]["names"]) for f in features.values())

    areas = client.get("/api/partisan-units/areas").get_json()["features"]
    demo = [a for a in areas if a["properties"]["name"].startswith("Партизанская бригада № 1")]
    assert [a["geometry"]["coordinates"] for a in demo] == [[30.69, 54.57194]]  # Dubrovno
    assert demo[0]["properties"]["fictional"] is True
    # Areas without a known point (brigade «Беларусь») are not drawn.
    assert not [a for a in areas if "«Беларусь»" in a["properties"]["name"]]


def test_person_api_gains_awards_and_partisan_unit(client, engine, hero_at_a_site):
    hero = client.get(f"/api/persons/{hero_at_a_site['person']}").get_json()
    assert [(a["title"], a["date"]) for a in hero["awards"]] == [
        ("Герой Советского Союза", "24.03.1945"),
        ("Орден Ленина", None),
    ]
    assert hero["partisan_unit"] is None

    partisan = client.get(f"/api/persons/{_id(engine, 'persons', ZHANGELDIN)}").get_json()
    assert partisan["awards"] == []
    unit = partisan["partisan_unit"]
    assert (unit["kind"], unit["name"]) == ("brigade", "Партизанская бригада «Дядя Коля»")
    assert unit["is_fictional"] is False

    demo = client.get(f"/api/persons/{_id(engine, 'persons', 'person:demo-0122')}").get_json()
    assert demo["partisan_unit"]["name"] == "Партизанский отряд № 1 (демонстрационный)"
    assert demo["partisan_unit"]["brigade"]["name"] == "Партизанская бригада № 1 (демонстрационная)"
    assert demo["partisan_unit"]["is_fictional"] is True
    assert [a["title"] for a in demo["awards"]] == [
        "Медаль «Партизану Отечественной войны» II степени"
    ]


def test_api_partisan_units_with_members_and_nationalities(client):
    items = {u["name"]: u for u in client.get("/api/partisan-units").get_json()["items"]}
    detachment = items["Партизанский отряд № 1 (демонстрационный)"]
    assert detachment["brigade"] == "Партизанская бригада № 1 (демонстрационная)"
    assert (detachment["members"], detachment["nationalities"]) == (3, {"казах": 3})
    kolya = items["Партизанская бригада «Дядя Коля»"]
    assert (kolya["members"], kolya["nationalities"]) == (1, {"казах": 1})
    assert kolya["source_url"] == "http://belarus.kz/kultura/zhankeldin_vov_uspaminy"
    belarus = items["Партизанская бригада «Беларусь»"]
    assert belarus["area"] == "Руденский и Пуховичский районы"
    assert [d["district"] for d in belarus["districts"]] == ["Руденский район", "Пуховичский район"]
    assert items["Отряд «Буревестник»"]["brigade"] == "Партизанская бригада «Беларусь»"
    assert client.get("/api/partisan-units/2147483647").status_code == 404


def test_heroes_page_lists_decree_feat_region_and_grave(client, hero_at_a_site):
    page = client.get("/heroes?lang=ru").get_data(as_text=True)
    assert "Беда Леонид Игнатьевич" in page and "Костанайская область" in page
    assert "Героев Тест" in page and "24.03.1945" in page and "Подвиг теста" in page
    assert f'href="/sites/{hero_at_a_site["site"]}"' in page
    assert 'data-testid="demo-notice"' in page  # a fictional Hero is on the list
    only_minsk = client.get("/heroes?burial_oblast=Minsk").get_data(as_text=True)
    assert "Героев Тест" not in only_minsk
    assert client.get("/heroes?burial_oblast=nowhere").status_code == 400


def test_person_page_shows_awards_feat_and_formation(client, engine):
    beda = client.get(f"/persons/{_id(engine, 'persons', BEDA)}").get_data(as_text=True)
    assert beda.count("Герой Советского Союза") >= 2
    assert 'data-testid="feat"' in beda and "Минском котле" in beda
    assert "https://mlyn.by/" in beda  # the award's own source
    assert 'data-testid="demo-notice"' not in beda
    partisan = client.get(f"/persons/{_id(engine, 'persons', 'person:demo-0199')}")
    body = partisan.get_data(as_text=True)
    assert 'data-testid="partisan-unit"' in body and "Партизанский отряд № 1" in body
    assert 'data-testid="demo-notice"' in body


def test_partisans_page_and_detachment_page(client, engine):
    page = client.get("/partisans").get_data(as_text=True)
    assert "Партизанская бригада «Дядя Коля»" in page and "Отряд «Буревестник»" in page
    assert "казах 3" in page  # the breakdown by nationality
    detachment = _id(engine, "partisan_units", "partisan:demo-detachment-1")
    body = client.get(f"/partisans/{detachment}").get_data(as_text=True)
    assert body.count('data-testid="member-row"') == 3
    ushachy = _id(engine, "burial_sites", "site:fraternal-mass-cemetery-in-ushachy-28ff0d")
    assert body.count(f'href="/sites/{ushachy}"') == 3  # where they lie
    assert 'data-testid="demo-notice"' in body
    kolya = _id(engine, "partisan_units", "partisan:brigade-dyadya-kolya")
    real = client.get(f"/partisans/{kolya}").get_data(as_text=True)
    assert "Жангельдин Токтагали" in real and 'data-testid="demo-notice"' not in real
    assert client.get("/partisans/2147483647").status_code == 404


def test_formation_names_from_data_are_escaped(client, scratch):
    payload = '<img src=x onerror="alert(1)">'
    brigade = scratch.unit(payload)
    scratch.unit(payload + " отряд", brigade_id=brigade)
    for url in ("/partisans", f"/partisans/{brigade}"):
        body = client.get(url).get_data(as_text=True)
        assert payload not in body
        assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in body


def test_search_by_detachment_and_nationality(client, engine):
    def surnames(query):
        response = client.get("/api/persons?" + query)
        assert response.status_code == 200, response.get_data(as_text=True)
        return sorted(p["surname"] for p in response.get_json()["items"])

    assert surnames("detachment=отряд № 1 (демонстрац") == ["Алимжанов", "Сейтказин", "Токтаров"]
    assert surnames("detachment=дядя коля") == ["Жангельдин"]
    # A brigade's name finds the members of its detachments too.
    assert surnames("detachment=бригада № 1") == ["Алимжанов", "Сейтказин", "Токтаров"]
    with engine.connect() as conn:
        kazakh_partisans = conn.execute(
            text("SELECT count(*) FROM persons WHERE is_partisan AND nationality = 'казах'")
        ).scalar()
    assert len(surnames("partisan=1&nationality=Казах&per_page=100")) == kazakh_partisans == 4
    assert surnames("nationality=украинец&hero=1") == ["Беда"]
    assert surnames("detachment=%25") == []  # a LIKE wildcard is only a character


def test_a_formation_s_members_are_paged_on_its_page_and_in_the_api(scratch, test_settings, client):
    import re

    from mapapp import create_app

    site = scratch.site("Тестовая могила отряда", 30.2, 55.2)
    brigade = scratch.unit("Тестовая бригада пагинации")
    detachment = scratch.unit("Тестовый отряд пагинации", brigade_id=brigade)
    members = {}
    for n in range(25):
        person = scratch.person(site, f"Членов{n:02d}", given_name="Тест")
        scratch.member(person, detachment if n % 2 else brigade)
        members[person] = f"Членов{n:02d}"
    paged = create_app(test_settings.model_copy(update={"persons_per_page": 10})).test_client()
    seen = []
    for page in (1, 2, 3):
        html = paged.get(f"/partisans/{brigade}?page={page}&lang=en").get_data(as_text=True)
        assert 'data-testid="member-total">(25)' in html and f"Page {page} of 3" in html
        rows = re.findall(r'<a href="/persons/(\d+)">Членов\d\d Тест</a>', html)
        assert len(rows) == (10 if page < 3 else 5)
        assert 'class="badge-demo"' in html  # every page that shows fictional persons says so
        seen += [int(r) for r in rows]
    assert seen == sorted(members, key=members.get)  # by name, each once, across the pages
    assert paged.get(f"/partisans/{brigade}?page=4").status_code == 400
    assert paged.get(f"/partisans/{brigade}?page=x").status_code == 400
    api = client.get(f"/api/partisan-units/{brigade}").get_json()
    assert [m["id"] for m in api["member_list"]] == seen  # 25: one page of 50
    assert (api["member_total"], api["page"], api["pages"]) == (25, 1, 1)
    pages = [
        paged.get(f"/api/partisan-units/{brigade}?page={n}&per_page=10").get_json()
        for n in (1, 2, 3)
    ]
    assert [m["id"] for p in pages for m in p["member_list"]] == seen
    assert {(p["member_total"], p["pages"], p["per_page"]) for p in pages} == {(25, 3, 10)}
    assert client.get(f"/api/partisan-units/{brigade}?per_page=0").status_code == 400
