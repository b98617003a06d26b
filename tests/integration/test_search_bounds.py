"""Every search is bounded: counted up to a cap said plainly, paged only that deep,
listed by name without sorting every match, and stopped with a message when it runs
out of time (never a 500)."""

import pytest
from sqlalchemy import text

from mapapp.queries import search
from mapapp.queries.search import COUNT_CAP

NAMESAKES = COUNT_CAP + 100


@pytest.fixture(scope="module")
def namesakes(engine):
    """More persons sharing one (fictional) name than the search counts."""
    from tests.helpers import Scratch

    scratch = Scratch(engine)
    site = scratch.site("Test grave for namesakes", 29.0, 54.0)
    first = scratch.person(site, "Тестобаев", given_name="Бауыржан")
    scratch.person(site, "Тестобаев", given_name="Ерлан")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO persons (ref, surname, given_name, is_fictional, search_key, "
                "name_words, surname_key) "
                "SELECT 'test:namesake:' || g, surname, given_name, true, search_key, "
                "name_words, surname_key FROM persons, generate_series(2, :n) g "
                "WHERE id = :id"
            ),
            {"n": NAMESAKES, "id": first},
        )
    yield NAMESAKES
    scratch.cleanup()


@pytest.fixture()
def locked(engine):
    """Lock a table from another connection, so that a search waiting for it runs out
    of its time limit whatever the speed of the machine."""
    connections = []

    def _lock(table: str):
        conn = engine.connect()
        connections.append(conn)
        conn.execute(text("SET lock_timeout = '10s'"))
        conn.execute(text(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"))

    yield _lock
    for conn in connections:
        conn.rollback()
        conn.close()


def test_a_name_shared_beyond_the_cap_says_more_than(client, namesakes):
    body = client.get("/api/persons", query_string={"q": "Тестобаев"}).get_json()
    assert body["total"] == COUNT_CAP and body["total_is_lower_bound"] is True
    assert body["total_text"] == f"more than {COUNT_CAP}"
    assert body["max_page"] == COUNT_CAP // 20
    page = client.get("/search", query_string={"q": "Тестобаев", "lang": "en"}).get_data(
        as_text=True
    )
    # Numbers on pages are written the language's way (1,000 in English).
    assert f"More than {COUNT_CAP:,} found" in page
    assert 'data-testid="result-cap"' in page


def test_an_exact_total_below_the_cap_is_exact(client, namesakes):
    body = client.get("/api/persons", query_string={"q": "Тестобаев Бауыржан"}).get_json()
    assert body["total_is_lower_bound"] is True
    body = client.get("/api/persons", query_string={"q": "Тестобаев Ерлан"}).get_json()
    assert body["total_is_lower_bound"] is False
    assert body["total"] == 1 and body["total_text"] == "1"
    page = client.get("/search", query_string={"q": "Тестобаев Бауыржан", "lang": "en"}).get_data(
        as_text=True
    )
    assert "More than" in page  # the namesakes all share the given name too


def test_the_last_page_within_the_cap_is_served(client, namesakes):
    last = COUNT_CAP // 20
    body = client.get("/api/persons", query_string={"q": "Тестобаев", "page": last}).get_json()
    assert body["page"] == last and len(body["items"]) == 20


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Тестобаев", "page": COUNT_CAP // 20 + 1},
        {"hero": "0", "page": 500},
        {"hero": "0", "page": 11, "per_page": 100},
        {"hero": "0", "page": "99999999999999999999"},
    ],
)
def test_pages_beyond_the_cap_are_a_400_naming_page(client, namesakes, params):
    response = client.get("/api/persons", query_string=params)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert "page" in error["message"]


def test_the_page_beyond_the_cap_says_why(client, namesakes):
    response = client.get("/search", query_string={"hero": "0", "page": 500, "lang": "en"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"Only the first {COUNT_CAP} matches can be listed" in page
    russian = client.get("/search", query_string={"hero": "0", "page": 500, "lang": "ru"})
    assert f"Показать можно только первые {COUNT_CAP}" in russian.get_data(as_text=True)


def test_filters_alone_list_by_name_up_to_the_cap(client, namesakes):
    first = client.get("/api/persons", query_string={"hero": "0", "per_page": 100}).get_json()
    assert first["total"] == COUNT_CAP and first["total_is_lower_bound"] is True
    names = [(i["surname"], i["given_name"] or "") for i in first["items"]]
    assert len(names) == 100
    deepest = client.get(
        "/api/persons", query_string={"hero": "0", "per_page": 100, "page": 10}
    ).get_json()
    assert len(deepest["items"]) == 100
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in deepest["items"]}


def test_filters_alone_come_in_name_order(client, session):
    body = client.get("/api/persons", query_string={"country": "Kazakhstan", "per_page": 100})
    ids = [item["id"] for item in body.get_json()["items"]]
    assert ids
    ordered = session.execute(
        text(
            "SELECT id FROM persons WHERE id = ANY(:ids) "
            "ORDER BY surname, given_name NULLS LAST, id"
        ),
        {"ids": ids},
    ).scalars()
    assert list(ordered) == ids


@pytest.mark.parametrize(
    ("table", "params"),
    [
        ("name_vocabulary", {"q": "Жаксылыков"}),
        ("persons", {"hero": "0"}),
    ],
)
def test_a_search_out_of_time_is_a_503_with_a_message(client, locked, monkeypatch, table, params):
    monkeypatch.setattr(search, "SEARCH_TIME_LIMIT_MS", 200)
    locked(table)
    response = client.get("/api/persons", query_string=params)
    assert response.status_code == 503
    assert "too long" in response.get_json()["error"]["message"]


def test_the_search_page_out_of_time_says_so(client, locked, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_TIME_LIMIT_MS", 200)
    locked("name_vocabulary")
    response = client.get("/search", query_string={"q": "Жаксылыков", "lang": "en"})
    assert response.status_code == 503
    assert "The search took too long" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("session_timeout", "during_search"),
    [("0", "3s"), ("10s", "3s"), ("2min", "3s"), ("100ms", "100ms"), ("2s", "2s")],
)
def test_a_search_runs_under_its_time_limit_or_a_tighter_one(
    session, session_timeout, during_search
):
    session.execute(text(f"SET statement_timeout = '{session_timeout}'"))
    try:
        with search.time_limit(session, 3_000):
            assert session.execute(text("SHOW statement_timeout")).scalar() == during_search
            threshold = session.execute(text("SHOW pg_trgm.similarity_threshold")).scalar()
            assert float(threshold) == search.WORD_SIMILARITY
    finally:
        session.rollback()
        session.execute(text("RESET statement_timeout"))
