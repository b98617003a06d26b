"""A ?lang= in the address sets no cookie: the forms of a page read in that language send
it on, and the redirects after them keep it, so that the answer is in the same language."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.helpers import csrf_token, sign_in

THANKS = {"kk": "Рақмет", "be": "Дзякуй", "en": "Thank you"}
WAITING = {"be": "Унёскі, якія чакаюць рашэння", "en": "Contributions waiting for a decision"}


def _form_action(page: str, marker: str) -> str:
    """The action of the first form whose opening tag holds ``marker``, as a browser reads it."""
    tag = re.search(rf"<form\b[^>]*{re.escape(marker)}[^>]*>", page)
    assert tag, f"no form with {marker}"
    return html.unescape(re.search(r'action="([^"]*)"', tag.group(0)).group(1))


def _lang_of(url: str) -> list[str] | None:
    return parse_qs(urlsplit(url).query).get("lang")


@pytest.fixture()
def person(scratch):
    site = scratch.site("Тестовое захоронение", 30.1, 54.1)
    return scratch.person(site, "Тестов", given_name="Иван")


def _correct_birth_year(client, person: int, query: str):
    """Open the person's page at ``query`` and send its correction form where it points."""
    page = client.get(f"/persons/{person}{query}").get_data(as_text=True)
    form = {"csrf_token": csrf_token(page), "kind": "correction", "target_type": "person",
            "target_id": str(person), "field": "birth_year", "value": "1921",
            "comment": "c", "evidence": "e"}  # fmt: skip
    return client.post(_form_action(page, 'data-testid="correction-form"'), data=form)


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_the_thanks_for_a_correction_is_in_the_language_of_the_page(app, person, lang):
    response = _correct_birth_year(app.test_client(), person, f"?lang={lang}")
    assert response.status_code == 201
    answer = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in answer
    assert f"<h1>{THANKS[lang]}</h1>" in answer
    back = html.unescape(re.search(r'<p><a href="([^"]*)">', answer).group(1))
    assert urlsplit(back).path == f"/persons/{person}" and _lang_of(back) == [lang]


def test_a_page_without_lang_sends_none(app, person):
    client = app.test_client()
    page = client.get(f"/persons/{person}").get_data(as_text=True)
    assert _form_action(page, 'data-testid="correction-form"') == "/contribute"
    assert 'name="lang"' not in page
    response = _correct_birth_year(client, person, "")
    assert response.status_code == 201
    assert '<html lang="ru">' in response.get_data(as_text=True)  # the default


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("/search", 'role="search"'),
        ("/near", 'action="/near"'),
        ("/from", 'action="/from"'),
        ("/heroes", 'data-testid="heroes-filters"'),
        ("/plan?sites=1", 'data-testid="plan-form"'),
    ],
)
def test_a_search_form_sends_the_language_of_its_page(client, path, marker):
    sep = "&" if "?" in path else "?"
    page = client.get(f"{path}{sep}lang=kk").get_data(as_text=True)
    form = re.search(rf"<form\b[^>]*{re.escape(marker)}[^>]*>(.*?)</form>", page, re.S)
    assert form, f"no form with {marker}"
    assert '<input type="hidden" name="lang" value="kk">' in form.group(1)
    plain = client.get(path).get_data(as_text=True)
    assert 'name="lang"' not in plain


def test_a_decision_returns_to_the_moderation_page_in_its_language(app, person, accounts):
    submitted = app.test_client().post(
        "/api/contributions",
        json={"kind": "correction", "target": {"type": "person", "id": person},
              "field": "rank", "value": "сержант", "comment": "c", "evidence": "e"},
    )  # fmt: skip
    assert submitted.status_code == 201
    contribution = submitted.get_json()["id"]
    moderator = app.test_client()
    sign_in(moderator, *accounts("moderator"))
    page = moderator.get("/moderation?lang=be").get_data(as_text=True)
    action = _form_action(page, f'action="/moderation/{contribution}?')
    response = moderator.post(
        action, data={"csrf_token": csrf_token(page), "decision": "approve", "reason": ""}
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert urlsplit(location).path == "/moderation"
    assert parse_qs(urlsplit(location).query) == {"decided": [str(contribution)], "lang": ["be"]}
    after = moderator.get(location).get_data(as_text=True)
    assert '<html lang="be">' in after and WAITING["be"] in after


def test_signing_in_from_the_moderation_link_keeps_its_language(app, accounts):
    client = app.test_client()
    response = client.get("/moderation?lang=en")
    assert response.status_code == 302
    login = response.headers["Location"]
    assert urlsplit(login).path == "/login" and _lang_of(login) == ["en"]
    page = client.get(login).get_data(as_text=True)
    assert '<html lang="en">' in page
    email, password = accounts("moderator")
    signed_in = client.post(
        _form_action(page, 'data-testid="login-form"'),
        data={
            "csrf_token": csrf_token(page),
            "next": html.unescape(re.search(r'name="next" value="([^"]*)"', page).group(1)),
            "email": email,
            "password": password,
        },
    )
    assert signed_in.status_code == 302
    target = signed_in.headers["Location"]
    assert urlsplit(target).path == "/moderation" and _lang_of(target) == ["en"]
    after = client.get(target).get_data(as_text=True)
    assert '<html lang="en">' in after and WAITING["en"] in after
