"""A search page past the last one is a 404 that names the page asked for and the last
page, and links to it (in the API, a JSON error saying so); not an empty list. A page
that is no page number is a 400 naming `page`."""

import pytest

SURNAME = "Тестопоследов"
PERSONS = 41  # three pages of 20


@pytest.fixture()
def namesakes(scratch):
    site = scratch.site("Test grave for the last page", 29.1, 54.1)
    for n in range(PERSONS):
        scratch.person(site, SURNAME, given_name=f"Иван{'а' * n}")
    return PERSONS


@pytest.mark.parametrize("page", [4, 999])
def test_a_page_past_the_last_is_a_404_linking_to_the_last(client, namesakes, page):
    response = client.get("/search", query_string={"q": SURNAME, "page": page, "lang": "en"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'data-testid="search-error"' in html
    assert f"page {page} is past the last page, 3" in html
    assert 'data-testid="last-page-link"' in html and "page=3" in html
    assert 'data-testid="search-results"' not in html
    # The last page itself is served, and in another language the page is a 404 too.
    last = client.get("/search", query_string={"q": SURNAME, "page": 3, "lang": "en"})
    assert last.status_code == 200 and last.get_data(as_text=True).count("result-link") == 1
    russian = client.get("/search", query_string={"q": SURNAME, "page": page, "lang": "ru"})
    assert russian.status_code == 404


def test_a_page_past_the_last_of_no_matches_is_a_404(client):
    response = client.get("/search", query_string={"q": "Небывалостов", "page": 2, "lang": "en"})
    assert response.status_code == 404
    assert "page 2 is past the last page, 1" in response.get_data(as_text=True)
    assert client.get("/search", query_string={"q": "Небывалостов"}).status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5"])
def test_a_page_that_is_no_page_number_is_a_400_naming_page(client, page):
    response = client.get("/search", query_string={"q": SURNAME, "page": page, "lang": "en"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "page must be a whole number of at least 1" in html
    assert "Only the first" not in html  # not the cap's message
    api = client.get("/api/persons", query_string={"q": SURNAME, "page": page})
    assert api.status_code == 400
    error = api.get_json()["error"]
    assert (error["code"], error["parameter"]) == ("invalid_input", "page")


@pytest.mark.parametrize(("page", "per_page", "last"), [(4, 20, 3), (999, 20, 3), (42, 1, 41)])
def test_the_api_s_page_past_the_last_is_a_404_naming_both(client, namesakes, page, per_page, last):
    response = client.get(
        "/api/persons", query_string={"q": SURNAME, "page": page, "per_page": per_page}
    )
    assert response.status_code == 404
    assert response.get_json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "parameter": "page",
            "message": f"page {page} is past the last page, {last}",
        }
    }
    served = client.get(
        "/api/persons", query_string={"q": SURNAME, "page": last, "per_page": per_page}
    )
    assert served.status_code == 200 and served.get_json()["items"]


def test_the_api_s_filters_alone_past_the_last_page(client, namesakes):
    # Filters without a name are listed and counted their own way.
    asked = {"partisan": "1", "per_page": 20}
    total = client.get("/api/persons", query_string=asked).get_json()["total"]
    assert total > 0
    last = -(-total // 20)  # whatever other tests left stored
    response = client.get("/api/persons", query_string={**asked, "page": last + 1})
    assert response.status_code == 404
    said = response.get_json()["error"]["message"]
    assert said == f"page {last + 1} is past the last page, {last}"
