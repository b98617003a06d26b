"""Text from data is escaped in every page; the API returns it unchanged."""

import pytest

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "`; alert(1); `",
    "</script><script>alert(1)</script>",
    '" onmouseover="alert(1)',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_names_are_escaped_in_pages_and_intact_in_json(client, scratch, payload):
    site = scratch.site(payload, 30.1, 54.2, name_en=payload)
    person = scratch.person(site, payload, given_name=payload)
    for url in (f"/sites/{site}", f"/persons/{person}", f"/sites/{site}?lang=en"):
        html = client.get(url).get_data(as_text=True)
        assert "<img src=x" not in html
        assert "<script>alert(1)" not in html
        assert 'onmouseover="alert' not in html
    feature = client.get(f"/api/sites/{site}").get_json(force=True)
    assert feature["properties"]["name"] == payload
    listing = client.get(f"/api/sites/{site}/persons").get_json()
    assert listing["items"][0]["surname"] == payload


def test_javascript_urls_from_data_are_not_links(app):
    from mapapp.web.formatting import safe_url

    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("https://example.org/a") == "https://example.org/a"
