"""A name with no place to break (a surname run together, a site's name as one word)
wraps where it is shown: no page grows wider than the window, on a phone or a desktop,
and a map popup keeps it inside."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.browser.markers import click_marker
from tests.browser.pages import open_page

SURNAME = ("Абдрахманов" * 21)[:228]
SITE_NAME = ("Захоронение" * 21)[:229]
LON, LAT = 31.5, 55.9

WIDER_THAN_THE_WINDOW = """
() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]
"""


@pytest.fixture()
def long_names(scratch):
    site = scratch.site(SITE_NAME, LON, LAT, name_en=SITE_NAME)
    person = scratch.person(site, SURNAME, given_name="Иван", home_country="Казахстан")
    return site, person


@pytest.fixture()
def window(browser, live_server):
    contexts = []

    def open_window(width: int, height: int = 800):
        context = browser.new_context(
            locale="en-GB", viewport={"width": width, "height": height}, has_touch=width < 640
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.base = live_server
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.errors = errors
        return page

    yield open_window
    for context in contexts:
        context.close()


def _nearest_battle(engine) -> int:
    """The battle location whose page lists the long-named site among the sites near it."""
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT id FROM battle_locations "
                "ORDER BY geom <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) LIMIT 1"
            ),
            {"lon": LON, "lat": LAT},
        ).scalar_one()


@pytest.mark.parametrize("width", [375, 1280])
def test_long_names_wrap_on_every_page_that_shows_them(window, engine, long_names, width):
    site, person = long_names
    page = window(width)
    paths = [
        f"/sites/{site}",
        f"/persons/{person}",
        f"/search?q={SURNAME}",
        f"/near?lat={LAT}&lon={LON}&km=1",
        f"/plan?sites={site}",
        "/from?country=Казахстан",
        "/sites",
        f"/battles/{_nearest_battle(engine)}",
    ]
    wide = []
    for path in paths:
        open_page(page, path)
        if path == paths[0]:  # the names are there, whole, only wrapped
            assert page.get_by_test_id("site-name").inner_text() == SITE_NAME
            assert SURNAME in page.get_by_test_id("person-link").inner_text()
        scroll, client = page.evaluate(WIDER_THAN_THE_WINDOW)
        if scroll > client:
            wide.append(f"{path}: {scroll} px in a window of {client} px")
    assert wide == []
    assert page.errors == []


@pytest.mark.screens("desktop")  # the marker helper zooms a wide map (see test_map.py)
def test_a_long_site_name_stays_inside_its_popup(page, long_names):
    site, _ = long_names
    open_page(page, "/")
    popup = click_marker(page, "site", site)
    content = popup.locator("xpath=ancestor::div[@class='leaflet-popup-content']")
    scroll, client = content.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert scroll <= client
    assert popup.locator(".mapapp-popup__title").inner_text() == SITE_NAME
