"""The four interface languages: every main page says which one it is in, speaks it,
and offers the other three."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

LANGUAGES = ("ru", "en", "kk", "be")

# What each main page shows as its heading (or a fixed label under it), per language.
HEADINGS = {
    "/": {
        "ru": "Карта памяти",
        "en": "Memory map",
        "kk": "Жад картасы",
        "be": "Карта памяці",
    },
    "/sites": {
        "ru": "Все захоронения",
        "en": "All burial sites",
        "kk": "Барлық жерлеу орындары",
        "be": "Усе пахаванні",
    },
    "/search": {
        "ru": "Найти человека",
        "en": "Find a person",
        "kk": "Адамды іздеу",
        "be": "Знайсці чалавека",
    },
    "/from": {
        "ru": "Где похоронены уроженцы региона",
        "en": "Where the people of a region lie",
        "kk": "Өңір тумалары қайда жерленген",
        "be": "Дзе пахаваны ўраджэнцы рэгіёна",
    },
    "/near": {
        "ru": "Мемориалы рядом с местом",
        "en": "Memorials near a place",
        "kk": "Белгілі бір орын маңындағы мемориалдар",
        "be": "Мемарыялы побач з месцам",
    },
    "/plan": {
        "ru": "План поездки",
        "en": "Trip plan",
        "kk": "Сапар жоспары",
        "be": "План паездкі",
    },
}
OBLASTS = {
    "ru": ("Брестская область", "Витебская область", "Могилёвская область"),
    "en": ("Brest Region", "Vitebsk Region", "Mogilev Region"),
    "kk": ("Брест облысы", "Витебск облысы", "Могилев облысы"),
    "be": ("Брэсцкая вобласць", "Віцебская вобласць", "Магілёўская вобласць"),
}
SITE_WORDS = {
    "ru": ("Братская могила", "Здесь захоронены", "Координаты (десятичные)"),
    "en": ("Mass grave", "Buried here", "Coordinates (decimal)"),
    "kk": ("Бауырластар зираты", "Мұнда жерленгендер", "Координаттар (ондық)"),
    "be": ("Брацкая магіла", "Тут пахаваны", "Каардынаты (дзесятковыя)"),
}
NAMES = {"ru": "Русский", "en": "English", "kk": "Қазақша", "be": "Беларуская"}


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _heading(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S) or re.search(
        r'class="brand"[^>]*>(.*?)</a>', html, re.S
    )
    assert found, "no heading"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", list(HEADINGS))
def test_main_pages_speak_the_chosen_language(client, path, lang):
    html = _html(client.get(path, query_string={"lang": lang}))
    assert f'<html lang="{lang}">' in html
    assert _heading(html).startswith(HEADINGS[path][lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_switcher_offers_all_four(client, lang):
    html = _html(client.get("/sites", query_string={"lang": lang}))
    switcher = re.search(r'<nav class="languages"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert f'<strong aria-current="true">{NAMES[lang]}</strong>' in switcher
    for code, name in NAMES.items():
        assert name in switcher
        if code != lang:
            assert f'hreflang="{code}" lang="{code}">{name}</a>' in switcher


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_page_and_labels_in_each_language(client, shukhovtsy_id, lang):
    html = _html(client.get(f"/sites/{shukhovtsy_id}", query_string={"lang": lang}))
    assert f'<html lang="{lang}">' in html
    for word in SITE_WORDS[lang]:
        assert word in html, word
    search = _html(client.get("/search", query_string={"lang": lang}))
    for oblast in OBLASTS[lang]:
        assert oblast in search, oblast


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("kk", ("Тағдыры", "Жерленген жері")),
        ("be", ("Лёс", "Месца пахавання")),
    ],
)
def test_person_and_battle_pages_in_kazakh_and_belarusian(client, session, lang, words):
    person_id = session.execute(text("SELECT min(id) FROM persons")).scalar()
    html = _html(client.get(f"/persons/{person_id}", query_string={"lang": lang}))
    assert f'<html lang="{lang}">' in html
    for word in words:
        assert word in html, word
    battle_id = session.execute(text("SELECT min(id) FROM battle_locations")).scalar()
    html = _html(client.get(f"/battles/{battle_id}", query_string={"lang": lang}))
    assert f'<html lang="{lang}">' in html


def test_switching_drops_a_lang_left_in_the_address(client):
    response = client.get("/lang/kk", query_string={"next": "/search?q=Ivanov&lang=en&country="})
    assert response.status_code == 302
    assert response.headers["Location"] == "/search?q=Ivanov&country="
    assert '<html lang="kk">' in _html(client.get(response.headers["Location"]))


def test_the_choice_is_kept_and_accept_language_can_pick_kazakh(client):
    response = client.get("/lang/be?next=/sites")
    assert response.status_code == 302
    assert "Усе пахаванні" in _html(client.get("/sites"))
    fresh = client.application.test_client()
    html = _html(fresh.get("/sites", headers={"Accept-Language": "kk-KZ,kk;q=0.9,ru;q=0.5"}))
    assert '<html lang="kk">' in html and "Барлық жерлеу орындары" in html


def test_numbers_are_written_the_languages_way(client, shukhovtsy_id):
    # Distances to one decimal: a comma in Russian, Kazakh and Belarusian, a point in English.
    for lang, sign in (("en", "."), ("ru", ","), ("kk", ","), ("be", ",")):
        html = _html(
            client.get(
                "/plan",
                query_string={"sites": str(shukhovtsy_id), "start": "53.9,27.56", "lang": lang},
            )
        )
        km = re.search(r'data-testid="leg-km">[^<]*?(\d+)(.)(\d) ', html)
        assert km and km.group(2) == sign, (lang, km and km.group(0))


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("ru", "Такой страницы нет."),
        ("en", "There is no such page."),
        ("kk", "Мұндай бет жоқ."),
        ("be", "Такой старонкі няма."),
    ],
)
def test_an_error_page_speaks_the_language_too(client, lang, message):
    response = client.get("/no-such-page", query_string={"lang": lang})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html and message in html
    assert "requested URL" not in html
