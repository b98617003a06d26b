"""Names built to break out of HTML or JS show as text in a real browser, and never run."""

import pytest

from tests.browser.markers import click_marker

PAYLOADS = [
    '<img src=x onerror="window.__xss=1;alert(1)">',
    "${window.__xss=2}${alert(2)}",
    "`;window.__xss=3;alert(3);`",
    "</script><script>window.__xss=4;alert(4)</script>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_popup_site_page_and_person_page(page, scratch, payload):
    site = scratch.site(payload, 31.5, 55.9, name_en=payload)
    person = scratch.person(site, payload, given_name=payload, patronymic=payload)
    page.goto(page.base + "/")
    page.wait_for_selector("body[data-map-ready=true]", timeout=15000)
    click_marker(page, "site", site)
    title = page.locator(".leaflet-popup-content .mapapp-popup__title")
    title.wait_for(timeout=10000)
    assert title.inner_text() == payload

    page.goto(f"{page.base}/sites/{site}")
    assert page.get_by_test_id("site-name").inner_text() == payload
    assert payload in page.get_by_test_id("person-link").inner_text()

    page.goto(f"{page.base}/persons/{person}")
    assert page.get_by_test_id("person-name").inner_text() == f"{payload} {payload} {payload}"

    assert page.evaluate("() => window.__xss") is None
    assert page.watched.dialogs == []
    assert page.watched.errors == []
