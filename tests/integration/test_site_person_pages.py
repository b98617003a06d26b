"""A site's persons page by key: the same pages, in the same order, as by number, and the
per-site CSV streams."""

from __future__ import annotations

import csv
import io
import re

import pytest

from mapapp.exports import PERSON_COLUMNS, csv_chunks, csv_text


@pytest.fixture()
def big_site(scratch):
    site = scratch.site("Test keyset cemetery", 30.0, 54.0)
    givens = ["Иван", None, "Абай", "Иван"]
    patronymics = [None, "Петрович", "Иванович"]
    for n in range(73):
        scratch.person(
            site,
            f"Фамилия{n % 9}",  # many equal surnames: ties are broken by the other keys
            given_name=givens[n % len(givens)],
            patronymic=patronymics[n % len(patronymics)],
        )
    return site


def _ids(answer) -> list[int]:
    return [item["id"] for item in answer["items"]]


def test_following_the_cursors_gives_the_numbered_pages(client, big_site):
    url = f"/api/sites/{big_site}/persons?per_page=10"
    everyone = _ids(client.get(f"/api/sites/{big_site}/persons?per_page=500").get_json())
    assert len(everyone) == 73
    page, answer, seen = 1, client.get(url).get_json(), []
    while True:
        numbered = client.get(f"{url}&page={page}").get_json()
        assert _ids(answer) == _ids(numbered)
        assert answer["total"] == 73 and answer["pages"] == 8 and answer["page"] == page
        seen += _ids(answer)
        if "next_after" not in answer:
            break
        page += 1
        answer = client.get(f"{url}&page={page}&after={answer['next_after']}").get_json()
    assert seen == everyone and page == 8
    back = client.get(f"{url}&page=7&before={answer['prev_before']}").get_json()
    assert _ids(back) == _ids(client.get(f"{url}&page=7").get_json())


def test_the_pages_links_carry_the_cursor_and_show_the_same_names(client, app, big_site):
    settings = app.config["MAPAPP_SETTINGS"]
    original, settings.persons_per_page = settings.persons_per_page, 10
    try:
        first = client.get(f"/sites/{big_site}?lang=en").get_data(as_text=True)
        link = re.search(r'href="([^"]+)"[^>]*rel="next"', first).group(1).replace("&amp;", "&")
        assert "after=" in link and "page=2" in link
        by_link = client.get(link.split("#")[0] + "&lang=en").get_data(as_text=True)
        by_number = client.get(f"/sites/{big_site}?page=2&lang=en").get_data(as_text=True)
    finally:
        settings.persons_per_page = original
    names = re.compile(r'data-testid="person-link">([^<]+)<')
    assert names.findall(by_link) == names.findall(by_number) and len(names.findall(by_link)) == 10
    assert "Page 2 of 8" in by_link


@pytest.mark.parametrize(
    "query, parameter",
    [("after=x", "after"), ("after=1&before=2", "after"), ("before=0", "before")],
)
def test_bad_cursors_are_a_400_naming_them(client, big_site, query, parameter):
    response = client.get(f"/api/sites/{big_site}/persons?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == parameter


def test_a_cursor_from_another_site_is_refused(client, big_site, shukhovtsy_id):
    someone_else = _ids(client.get(f"/api/sites/{shukhovtsy_id}/persons").get_json())[0]
    response = client.get(f"/api/sites/{big_site}/persons?after={someone_else}")
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == "after"
    page = client.get(f"/sites/{big_site}?after={someone_else}")
    assert page.status_code == 400


def test_the_site_csv_streams_the_same_text(client, shukhovtsy_id):
    response = client.get(f"/api/sites/{shukhovtsy_id}/persons.csv")
    assert response.status_code == 200 and response.is_streamed
    body = response.get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == 35


def test_csv_chunks_join_to_the_whole_text():
    records = [{"surname": f"=S{n}", "given_name": "Иван"} for n in range(7)]
    chunks = list(csv_chunks(records, PERSON_COLUMNS, rows_per_chunk=2))
    assert len(chunks) == 4
    assert "".join(chunks) == csv_text(records, PERSON_COLUMNS)


def test_a_page_past_the_last_is_a_400_naming_the_last(client, shukhovtsy_id):
    # 35 names, 50 a page: one page. A page beyond it names the last, as /from does.
    assert client.get(f"/sites/{shukhovtsy_id}?page=1&lang=en").status_code == 200
    for lang, message in (
        ("en", "page must be at most 1"),
        ("ru", "page: должно быть не больше 1"),
    ):
        response = client.get(f"/sites/{shukhovtsy_id}?page=999&lang={lang}")
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert client.get(f"/sites/{shukhovtsy_id}?page=2&sort=-birth").status_code == 400


@pytest.mark.parametrize("sort", ["bogus", "birth"])
def test_the_site_csv_refuses_a_sort_it_cannot_give(client, shukhovtsy_id, sort):
    # The page refuses an unknown sort; the CSV, which comes in name order only, refuses
    # every other one too rather than ignore it.
    response = client.get(f"/api/sites/{shukhovtsy_id}/persons.csv?sort={sort}&lang=en")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["parameter"] == "sort" and error["message"] == "sort must be one of name"
    if sort == "bogus":
        assert client.get(f"/sites/{shukhovtsy_id}?sort={sort}").status_code == 400
    named = client.get(f"/api/sites/{shukhovtsy_id}/persons.csv?sort=name")
    assert named.get_data() == client.get(f"/api/sites/{shukhovtsy_id}/persons.csv").get_data()
