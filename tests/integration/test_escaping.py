"""Text from data is escaped in every page; the API returns it unchanged."""

import re

import pytest

# Each payload and the only form in which it may appear in a page: HTML-escaped. The two
# without a character special to HTML are left as they are by escaping; what would make
# them dangerous is being put into a script, so no script of the page may hold them.
PAYLOADS = [
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("${alert(1)}", "${alert(1)}"),
    ("`; alert(1); `", "`; alert(1); `"),
    (
        "</script><script>alert(1)</script>",
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    ),
    ('" onmouseover="alert(1)', "&#34; onmouseover=&#34;alert(1)"),
]

SCRIPTS = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


@pytest.mark.parametrize(("payload", "escaped"), PAYLOADS, ids=[p for p, _ in PAYLOADS])
def test_payload_names_are_escaped_in_pages_and_intact_in_json(client, scratch, payload, escaped):
    site = scratch.site(payload, 30.1, 54.2, name_en=payload)
    person = scratch.person(site, payload, given_name=payload)
    pages = {
        f"/sites/{site}": [
            f'data-testid="site-name">{escaped}</h1>',
            f'data-testid="person-link">{escaped} {escaped}</a>',
        ],
        f"/sites/{site}?lang=en": [f'data-testid="site-name">{escaped}</h1>'],
        f"/persons/{person}": [
            f'data-testid="person-name">{escaped} {escaped}</h1>',
            f'<a href="/sites/{site}">{escaped}</a>',
        ],
    }
    for url, shown in pages.items():
        html = client.get(url).get_data(as_text=True)
        for fragment in shown:
            assert fragment in html, (url, fragment)
        if escaped != payload:
            assert payload not in html, url
        for script in SCRIPTS.findall(html):
            assert payload not in script and escaped not in script, (url, script[:200])
    feature = client.get(f"/api/sites/{site}").get_json(force=True)
    assert feature["properties"]["name"] == payload
    listing = client.get(f"/api/sites/{site}/persons").get_json()
    assert listing["items"][0]["surname"] == payload


def test_javascript_urls_from_data_are_not_links(app):
    from mapapp.web.formatting import safe_url

    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("https://example.org/a") == "https://example.org/a"
