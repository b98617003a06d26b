"""The four languages in a real browser: the switcher leads to each, the page says which
language it is in, and the map's own labels follow."""

import pytest

from tests.browser.screens import open_menu

LANGUAGES = [
    ("Қазақша", "kk", "Барлық жерлеу орындары", "Әскери жерлеу орындары"),
    ("Беларуская", "be", "Усе пахаванні", "Воінскія пахаванні"),
    ("Русский", "ru", "Все захоронения", "Воинские захоронения"),
    ("English", "en", "All burial sites", "Burial sites"),
]


@pytest.mark.parametrize(
    ("name", "code", "heading", "layer"), LANGUAGES, ids=[row[1] for row in LANGUAGES]
)
def test_switcher_leads_to_each_language(page, name, code, heading, layer):
    # Start from an address that names another language: the choice in the switcher wins.
    page.goto(f"{page.base}/sites?lang={'ru' if code == 'en' else 'en'}")
    open_menu(page)  # on a phone the switcher is in the folded header
    page.get_by_role("link", name=name).click()
    page.wait_for_load_state()
    assert page.url == f"{page.base}/sites"
    assert page.locator("html").get_attribute("lang") == code
    assert page.locator("h1").inner_text().startswith(heading)
    assert page.locator(".languages [aria-current]").inner_text() == name
    assert page.locator(".languages a").count() == 3
    # The choice is kept (a cookie): the map, opened next, speaks it too.
    page.goto(f"{page.base}/")
    assert page.locator("html").get_attribute("lang") == code
    page.locator(".leaflet-control-layers").hover()
    assert page.locator(".leaflet-control-layers-overlays", has_text=layer).is_visible()
    assert not page.watched.errors
