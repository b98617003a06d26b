"""Numbers and dates on pages follow the page's language through Babel: the list of
sites' counts and the moderators' list of contributions among them."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC

import pytest
from babel.dates import format_datetime
from sqlalchemy import text

NBSP = "\u00a0"
# The count of persons as each language groups its thousands.
GROUPED = {"en": "12,345", "ru": f"12{NBSP}345", "kk": f"12{NBSP}345", "be": f"12{NBSP}345"}


@pytest.fixture()
def big_count(engine, shukhovtsy_id):
    """One site's kept count of persons raised by a known amount, put back afterwards."""
    with engine.begin() as conn:
        before = conn.execute(
            text("SELECT persons_in_registry FROM site_counts WHERE site_id = :s"),
            {"s": shukhovtsy_id},
        ).scalar_one()
        conn.execute(
            text("UPDATE site_counts SET persons_in_registry = 12345 WHERE site_id = :s"),
            {"s": shukhovtsy_id},
        )
    yield
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE site_counts SET persons_in_registry = :n WHERE site_id = :s"),
            {"n": before, "s": shukhovtsy_id},
        )


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "be"])
def test_the_list_of_sites_groups_thousands_as_the_language_does(client, big_count, lang):
    html = client.get(f"/sites?lang={lang}").get_data(as_text=True)
    cells = re.findall(r"<td data-label=\"[^\"]*\">([\d,\u00a0 ]+)</td>", html)
    assert GROUPED[lang] in cells, cells


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "be"])
def test_the_moderators_see_when_a_contribution_came_in_their_language(
    app, engine, accounts, shukhovtsy_id, lang
):
    from tests.helpers import sign_in

    client = app.test_client()
    response = client.post(
        "/api/contributions",
        json={
            "kind": "condition",
            "target": {"type": "site", "id": shukhovtsy_id},
            "value": "The plaque has fallen.",
            "comment": "Seen on a visit.",
        },
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    contribution = response.get_json()["id"]
    with engine.connect() as conn:
        sent = conn.execute(
            text("SELECT created_at FROM contributions WHERE id = :i"), {"i": contribution}
        ).scalar_one()
    sign_in(client, *accounts("moderator"))
    page = client.get(f"/moderation?lang={lang}").get_data(as_text=True)
    expected = format_datetime(sent, "medium", tzinfo=UTC, locale=lang)
    assert expected in page
    assert sent.strftime("%Y-%m-%d %H:%M") not in page


@pytest.mark.parametrize(
    ("lang", "formats", "megabytes"),
    [
        ("en", {"group": ",", "decimal": ".", "datetime": "M/d/yy, h:mm\u202fa"}, "%(n)s MB"),
        ("ru", {"group": NBSP, "decimal": ",", "datetime": "dd.MM.y, HH:mm"}, "%(n)s МБ"),
        ("kk", {"group": NBSP, "decimal": ",", "datetime": "dd.MM.yy, HH:mm"}, "%(n)s МБ"),
        ("be", {"group": NBSP, "decimal": ",", "datetime": "d.MM.yy, HH:mm"}, "%(n)s МБ"),
    ],
)
def test_pages_give_their_scripts_the_languages_formats(
    client, shukhovtsy_id, lang, formats, megabytes
):
    # The map's counts and the offline pack's size and date are written by scripts, with
    # these (browsers have no number or date formats for Kazakh or Belarusian).
    html_text = client.get(f"/plan?sites={shukhovtsy_id}&lang={lang}").get_data(as_text=True)
    assert f'<html lang="{lang}">' in html_text
    found = re.search(r"<body [^>]*data-formats='([^']*)'", html_text)
    assert json.loads(html.unescape(found[1])) == formats
    labels = re.search(r"data-offline-pack data-labels='([^']*)'", html_text)
    assert json.loads(html.unescape(labels[1]))["megabytes"] == megabytes
