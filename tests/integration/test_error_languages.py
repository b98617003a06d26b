"""Errors about bad input speak the reader's language, on pages and in the JSON API, with
their values filled in; the machine-readable part (status, code, parameter) stays as it is,
and a client that asks for no language reads the English it always did."""

from __future__ import annotations

import html
import re

import pytest

BBOX_3 = {
    "en": "bbox must be 4 comma-separated numbers minlon,minlat,maxlon,maxlat; got 3 value(s)",
    "ru": "bbox: нужны 4 числа через запятую minlon,minlat,maxlon,maxlat; получено значений: 3",
    "kk": "bbox: үтір арқылы жазылған 4 сан қажет minlon,minlat,maxlon,maxlat; "
    "алынған мәндер саны: 3",
    "be": "bbox: патрэбныя 4 лікі праз коску minlon,minlat,maxlon,maxlat; атрымана значэнняў: 3",
}
BAD_KIND = {
    "en": "kind must be one of mass_grave, individual_grave, military_cemetery, memorial",
    "ru": "kind: допустимые значения — mass_grave, individual_grave, military_cemetery, memorial",
    "kk": "kind: рұқсат етілген мәндер — mass_grave, individual_grave, military_cemetery, memorial",
    "be": "kind: дапушчальныя значэнні — mass_grave, individual_grave, military_cemetery, memorial",
}
NO_SITE = {
    "en": "no burial site with id 2000000000",
    "ru": "нет захоронения с номером 2000000000",
    "kk": "2000000000 нөмірлі жерлеу орны жоқ",
    "be": "няма пахавання з нумарам 2000000000",
}


def _error(response) -> dict:
    return response.get_json()["error"]


def _page_message(response) -> str:
    found = re.search(r'data-testid="error-message">(.*?)</p>', response.get_data(as_text=True))
    assert found, response.get_data(as_text=True)[:500]
    return html.unescape(found.group(1))


@pytest.mark.parametrize("lang", ["ru", "kk", "be", "en"])
def test_a_json_error_is_in_the_language_the_client_accepts(client, lang):
    response = client.get("/api/sites?bbox=1,2,3", headers={"Accept-Language": lang})
    assert response.status_code == 400
    assert _error(response) == {
        "status": 400,
        "code": "invalid_input",
        "parameter": "bbox",
        "message": BBOX_3[lang],
    }
    assert {"Accept-Language", "Cookie"} <= set(response.vary)


@pytest.mark.parametrize("lang", ["ru", "kk", "be"])
def test_the_language_switch_and_the_lang_parameter_also_choose_it(app, lang):
    client = app.test_client()
    by_parameter = client.get(f"/api/sites?bbox=1,2,3&lang={lang}")
    assert _error(by_parameter)["message"] == BBOX_3[lang]
    client.set_cookie("lang", lang)
    by_cookie = client.get("/api/sites?bbox=1,2,3", headers={"Accept-Language": "en"})
    assert _error(by_cookie)["message"] == BBOX_3[lang]


def test_a_client_that_asks_for_no_language_reads_english_as_before(client):
    # The site's default language is Russian, but API clients that name none (curl,
    # scripts) keep the English messages and the same shape as ever.
    assert _error(client.get("/api/sites?bbox=1,2,3", headers={"Accept-Language": ""})) == {
        "status": 400,
        "code": "invalid_input",
        "parameter": "bbox",
        "message": BBOX_3["en"],
    }
    assert (
        _error(client.get("/api/sites?bbox=1,2,3", headers={"Accept-Language": "de"}))["message"]
        == (BBOX_3["en"])
    )


@pytest.mark.parametrize("lang", ["ru", "kk", "be", "en"])
def test_not_found_in_the_api_is_translated_with_its_number(client, lang):
    response = client.get("/api/sites/2000000000", headers={"Accept-Language": lang})
    assert response.status_code == 404
    assert _error(response) == {"status": 404, "code": "not_found", "message": NO_SITE[lang]}


@pytest.mark.parametrize("lang", ["ru", "kk", "be", "en"])
def test_an_error_page_for_a_bad_parameter_is_in_the_page_language(client, lang):
    response = client.get(f"/sites?kind=bogus&lang={lang}")
    assert response.status_code == 400
    assert f'<html lang="{lang}">' in response.get_data(as_text=True)
    assert _page_message(response) == BAD_KIND[lang]


def test_an_error_page_follows_accept_language_and_defaults_to_russian(client):
    kazakh = client.get("/sites?kind=bogus", headers={"Accept-Language": "kk-KZ,kk;q=0.9"})
    assert _page_message(kazakh) == BAD_KIND["kk"]
    assert {"Accept-Language", "Cookie"} <= set(kazakh.vary)
    russian = client.get("/sites?kind=bogus", headers={"Accept-Language": ""})
    assert _page_message(russian) == BAD_KIND["ru"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", "page: должно быть не больше 1000000"),
        ("kk", "page: ең көбі 1000000 болуы керек"),
        ("be", "page: павінна быць не больш за 1000000"),
    ],
)
def test_a_parser_error_inside_an_api_view_is_translated(client, shukhovtsy_id, lang, expected):
    response = client.get(f"/api/sites/{shukhovtsy_id}/persons?page=99999999999&lang={lang}")
    assert _error(response) == {
        "status": 400,
        "code": "invalid_input",
        "parameter": "page",
        "message": expected,
    }


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "q is too long (at most 2000 characters)"),
        ("ru", "q: слишком длинно (максимум символов: 2000)"),
        ("kk", "q: тым ұзын (ең көбі 2000 таңба)"),
        ("be", "q: занадта доўга (максімум сімвалаў: 2000)"),
    ],
)
def test_an_error_no_view_catches_is_a_translated_page(client, lang, expected):
    # The size cap is checked before any view runs; the application's handler answers.
    response = client.get("/search", query_string={"q": "x" * 2001, "lang": lang})
    assert response.status_code == 400
    assert _page_message(response) == expected


def test_values_in_a_translated_message_are_escaped_on_the_page(client, shukhovtsy_id):
    place = "<script>alert(1)</script>"
    response = client.get(
        "/plan", query_string={"sites": str(shukhovtsy_id), "start_place": place, "lang": "be"}
    )
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    found = re.search(r'data-testid="plan-error">(.*?)</p>', body)
    assert html.unescape(found.group(1)) == (
        f"няма населенага пункта з назвай {place!r} і вядомым месцазнаходжаннем"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "filter: unknown property 'nosuch'; queryables are "),
        ("ru", "filter: неизвестное свойство 'nosuch'; доступные для запроса: "),
        ("kk", "filter: белгісіз қасиет 'nosuch'; сұрауға болатындары: "),
        ("be", "filter: невядомая ўласцівасць 'nosuch'; даступныя для запыту: "),
    ],
)
def test_ogc_filter_errors_are_translated(client, lang, expected):
    response = client.get(
        "/ogc/collections/burial_sites/items",
        query_string={"filter": "nosuch = 1", "f": "json"},
        headers={"Accept-Language": lang},
    )
    error = _error(response)
    assert (error["status"], error["code"], error["parameter"]) == (400, "invalid_input", "filter")
    assert error["message"].startswith(expected), error["message"]
    assert "geometry, " in error["message"]  # the list of queryables is filled in


NO_PAGE = {
    "ru": "Такой страницы нет. Проверьте адрес или вернитесь к карте.",
    "kk": "Мұндай бет жоқ. Мекенжайды тексеріңіз немесе картаға оралыңыз.",
    "be": "Такой старонкі няма. Праверце адрас або вярніцеся да карты.",
}
NOT_THIS_WAY = {
    "ru": "Этот адрес нельзя использовать таким образом.",
    "kk": "Бұл мекенжайды осылай пайдалануға болмайды.",
    "be": "Гэты адрас нельга выкарыстоўваць такім чынам.",
}


@pytest.mark.parametrize("lang", ["ru", "kk", "be"])
def test_an_unknown_api_address_and_a_wrong_method_are_answered_in_the_language(client, lang):
    missing = client.get("/api/no-such-thing", headers={"Accept-Language": lang})
    assert missing.status_code == 404
    assert _error(missing) == {"status": 404, "code": "not_found", "message": NO_PAGE[lang]}
    wrong = client.delete("/api/sites", headers={"Accept-Language": lang})
    assert wrong.status_code == 405
    assert _error(wrong) == {
        "status": 405,
        "code": "method_not_allowed",
        "message": NOT_THIS_WAY[lang],
    }


def test_without_a_language_the_api_keeps_werkzeugs_english(client):
    from werkzeug.exceptions import MethodNotAllowed, NotFound

    missing = client.get("/api/no-such-thing", headers={"Accept-Language": ""})
    assert _error(missing)["message"] == NotFound.description
    wrong = client.delete("/api/sites", headers={"Accept-Language": "en"})
    assert _error(wrong)["message"] == MethodNotAllowed.description
