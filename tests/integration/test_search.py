"""Person and place search: filters, odd input, the per-region views."""

import pytest


def _items(client, **params):
    response = client.get("/api/persons", query_string=params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.parametrize(
    "q",
    [
        "",  # no query and no filter
        "a",
        "ж",
        "x" * 10_000,
        "😀😀😀",
        "\x00abc",
        "abc\x00",
        "' OR 1=1 --",
        "%",
        "_",
    ],
)
def test_odd_queries_are_a_400_with_a_message(client, q):
    response = client.get("/api/persons", query_string={"q": q})
    assert response.status_code == 400
    assert response.get_json()["error"]["message"]


def _fingerprint(engine):
    """Every row of the searchable tables, hashed: any change, drop or delete shows."""
    from sqlalchemy import text

    with engine.connect() as conn:
        tables = conn.execute(
            text(
                "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables "
                "WHERE schemaname = 'public'"
            )
        ).scalar()
        rows = {
            t: conn.execute(
                text(
                    "SELECT count(*), "
                    "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                    f"FROM {t} t"
                )
            ).one()
            for t in ("persons", "burials", "burial_sites", "name_vocabulary")
        }
    return tables, rows


# Each query, the status it deserves and, for a 200, the plain text it must be read as.
# Only letters make up search words (punctuation separates words) and one-letter words
# are left out, so "Ж_к" keeps no word of two letters or more: too short, a 400.
SQL_LOOKING = [
    ("Robert'); DROP TABLE persons;--", 200, "Robert DROP TABLE persons"),
    ("abc%def", 200, "abc def"),
    ("Ж_к", 400, None),
    ("name\\", 200, "name"),
    ("<script>", 200, "script"),
    ("ДРОП", 200, "ДРОП"),
    # A real name next to the same characters is still found, exactly as without them.
    ("Жаксылыков%", 200, "Жаксылыков"),
    ("Жаксылыков_", 200, "Жаксылыков"),
    ("Жаксылыков';--", 200, "Жаксылыков"),
    ("<b>Жаксылыков</b>", 200, "b Жаксылыков b"),
]


@pytest.mark.parametrize(("q", "status", "plain"), SQL_LOOKING)
def test_sql_looking_queries_are_just_text(client, engine, q, status, plain):
    before = _fingerprint(engine)
    response = client.get("/api/persons", query_string={"q": q})
    assert response.status_code == status, response.get_json()
    if status == 400:
        error = response.get_json()["error"]
        assert error["parameter"] == "q" and "at least 3 letters" in error["message"]
    else:
        expected = _items(client, q=plain)
        assert response.get_json() == expected
        if "Жаксылыков" in q:
            assert expected["total"] >= 1
    assert _fingerprint(engine) == before


def test_result_shape(client):
    body = _items(client, q="Жаксылыков")
    assert body["total"] >= 1 and body["items"]
    item = body["items"][0]
    for key in (
        "id",
        "surname",
        "given_name",
        "patronymic",
        "full_name",
        "birth_year",
        "birthplace",
        "death_date",
        "site",
        "is_fictional",
    ):
        assert key in item
    assert set(item["site"]) >= {"id", "name"}
    scores = [i["score"] for i in body["items"]]
    assert scores == sorted(scores, reverse=True)


def test_filter_by_home_country_and_region_in_any_script(client):
    by_ru = _items(client, country="Казахстан", region="Карагандинская область", per_page=100)
    by_en = _items(client, country="Kazakhstan", region="Karaganda", per_page=100)
    by_short = _items(client, country="Kazakhstan", region="Караганда", per_page=100)
    assert by_ru["total"] == by_en["total"] == by_short["total"] >= 12
    assert {i["home_region"] for i in by_en["items"]} == {"Карагандинская область"}


def test_filters_combine(client):
    everyone = _items(client, country="Kazakhstan", per_page=100)["total"]
    at_dubrovno = _items(client, country="Kazakhstan", burial_district="Dubrovno", per_page=100)
    assert 35 <= at_dubrovno["total"] < everyone
    in_1944 = _items(client, country="Kazakhstan", death_from=1944, death_to=1944, per_page=100)
    assert all(i["death_date"].endswith("1944") for i in in_1944["items"])
    partisans = _items(client, partisan=1, per_page=100)
    # The fictional partisans (rank "партизан") and the one real, cited partisan.
    assert partisans["total"] >= 1 and all(
        i["rank"] == "партизан" if i["is_fictional"] else i["surname"] == "Жангельдин"
        for i in partisans["items"]
    )
    heroes = _items(client, hero=1)["items"]
    # No invented heroes: the only one is the real, cited L. I. Beda.
    assert [(i["surname"], i["is_fictional"]) for i in heroes] == [("Беда", False)]
    vitebsk = _items(client, burial_oblast="Vitebsk", per_page=5)["total"]
    brest = _items(client, burial_oblast="Brest", per_page=5)["total"]
    assert vitebsk > 35 and brest > 0
    assert _items(client, rank="РЯДОВОЙ", per_page=5)["total"] > 0
    assert _items(client, unit="партизанский", per_page=5)["total"] > 0


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"death_from": "19x4"}, "death_from"),
        ({"death_from": "1945", "death_to": "1941"}, "death_from"),
        ({"hero": "maybe"}, "hero"),
        ({"burial_oblast": "Atlantis"}, "burial_oblast"),
        ({"country": "123"}, "country"),
        ({"q": "Иванов", "per_page": "1000"}, "per_page"),
    ],
)
def test_bad_filters_are_named(client, params, parameter):
    response = client.get("/api/persons", query_string=params)
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == parameter


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Шуховцы", "Shukhovtsy"),
        ("Шухаўцы", "Shukhovtsy"),
        ("Shukhovtsy", "Shukhovtsy"),
        ("Rylenki", "Rylenki"),
        ("Рыленки", "Rylenki"),
        ("Дуброўна", "Dubrovno"),
        ("Khatyn", "Khatyn"),
        ("Хатынь", "Khatyn"),
    ],
)
def test_place_search_in_any_script(client, q, expected):
    response = client.get("/api/places", query_string={"q": q})
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert items and expected in (items[0]["name_en"] or ""), [i["name_en"] for i in items]


def test_place_search_finds_site_battle_and_settlement(client):
    items = client.get("/api/places?q=Shukhovtsy").get_json()["items"]
    assert {i["type"] for i in items} >= {"site", "settlement"}
    site = next(i for i in items if i["type"] == "site")
    assert site["location_precision"] == "district"
    battles = client.get("/api/places?q=Lenino").get_json()["items"]
    assert "battle" in {i["type"] for i in battles}
    assert client.get("/api/places?q=x").status_code == 400
    assert client.get("/api/places").status_code == 400


def test_site_page_counts_who_lies_there_by_home(client, shukhovtsy_id):
    html = client.get(f"/sites/{shukhovtsy_id}?lang=en").get_data(as_text=True)
    assert "35 from Казахстан" in html
    assert "from Карагандинская область" in html


def test_reverse_view_lists_the_sites_of_a_region(client, shukhovtsy_id):
    collection = client.get("/api/home-regions/sites?country=Kazakhstan&region=Karaganda").get_json(
        force=True
    )
    features = collection["features"]
    assert features[0]["id"] == shukhovtsy_id  # the most persons from Karaganda lie there
    counts = [f["properties"]["persons_from_home"] for f in features]
    assert counts == sorted(counts, reverse=True)
    regions = client.get("/api/home-regions").get_json()["items"]
    karaganda = next(r for r in regions if r["region"] == "Карагандинская область")
    assert karaganda["persons"] == sum(counts)
    html = client.get(
        "/from",
        query_string={"country": "Казахстан", "region": "Карагандинская область", "lang": "en"},
    ).get_data(as_text=True)
    assert f"{sum(counts)} persons at {len(features)} sites" in html
    assert client.get("/api/home-regions/sites").status_code == 400


def _home_table(html: str) -> tuple[list[int], str | None, str]:
    """The site ids listed on a /from page, its "next" link, and its summary line."""
    import html as html_lib
    import re

    table = html.split('data-testid="home-sites"', 1)[1].split("</table>", 1)[0]
    ids = [int(i) for i in re.findall(r'href="/sites/(\d+)', table)]
    after = re.search(r'href="([^"]+)" rel="next"', html)
    summary = re.search(r'data-testid="home-summary">([^<]*)<', html).group(1)
    return ids, html_lib.unescape(after.group(1)) if after else None, summary


def test_home_region_sites_are_listed_page_by_page(client, monkeypatch):
    from mapapp.web import search_pages

    ids, after, summary = _home_table(client.get("/from?lang=en").get_data(as_text=True))
    assert len(ids) >= 3 and after is None  # the default country, every site on one page
    monkeypatch.setattr(search_pages, "HOME_SITES_PER_PAGE", 2)
    walked, url = [], "/from?lang=en"
    while url:
        html = client.get(url).get_data(as_text=True)
        page_ids, url, page_summary = _home_table(html)
        assert 1 <= len(page_ids) <= 2 and page_summary == summary  # totals of every site
        assert url is None or ("lang=en" in url and "country=" in url)
        walked += page_ids
    assert walked == ids  # every site once, in the same order (most persons first)
    pages = -(-len(ids) // 2)
    beyond = client.get(f"/from?lang=en&page={pages + 1}")
    assert beyond.status_code == 400 and f"page must be at most {pages}" in beyond.get_data(True)


def test_search_page(client):
    html = client.get("/search?q=Zhaksylykov&lang=en").get_data(as_text=True)
    assert 'data-testid="result-link"' in html and "Жаксылыков" in html
    assert 'data-testid="demo-notice"' in html
    error = client.get("/search?q=a&lang=en").get_data(as_text=True)
    assert 'data-testid="search-error"' in error and "at least 3 letters" in error


def test_pages_are_disjoint_and_ordered_by_score(client, scratch):
    site = scratch.site("Test grave for ranking", 29.5, 54.5)
    exact = scratch.person(site, "Тлеубергенов", given_name="Серик")
    near = scratch.person(site, "Тлеубергемов", given_name="Серик")  # one letter apart
    seen, scores = [], []
    for page in range(1, 4):
        query = {"q": "Тлеубергенов Серик", "per_page": 1, "page": page}
        response = client.get("/api/persons", query_string=query)
        if response.status_code == 404:  # past the last page: every match is seen
            last = len(seen)
            assert response.get_json()["error"]["message"].endswith(f"the last page, {last}")
            break
        body = response.get_json()
        seen += [i["id"] for i in body["items"]]
        scores += [i["score"] for i in body["items"]]
    assert seen[:2] == [exact, near]
    assert len(seen) == len(set(seen))
    assert scores == sorted(scores, reverse=True)
