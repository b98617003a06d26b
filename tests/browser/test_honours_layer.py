"""The map's layers of Heroes' graves (a star on the site) and formations' areas, in a real
browser: reached by clicking, popups built from data as text only."""

import pytest
from sqlalchemy import text

from tests.browser.screens import open_layers

PAYLOAD = '<img src=x onerror="window.__xss=1;alert(1)">'


@pytest.fixture()
def honours(scratch, engine):
    site = scratch.site(PAYLOAD, 27.2, 53.3)
    hero = scratch.person(site, PAYLOAD, given_name="Тест")
    scratch.award(hero, "Герой Советского Союза", year=1944, month=7, day=24)
    brigade = scratch.unit(PAYLOAD, point=(25.6, 52.2), district="Тестовый район")
    with engine.connect() as conn:
        area = conn.execute(
            text("SELECT id FROM partisan_unit_areas WHERE unit_id = :u"), {"u": brigade}
        ).scalar_one()
    return {"site": site, "brigade": brigade, "area": area}


def test_a_star_marks_a_heroes_grave_and_a_circle_a_formations_area(page, honours):
    page.goto(page.base + "/")
    page.wait_for_selector("body[data-map-ready=true]")
    page.wait_for_selector("body[data-honours-ready=true]")
    # Both layers are in the layer switch, so they can be hidden and shown.
    open_layers(page)  # folded into its button on a phone
    assert page.get_by_text("Graves of Heroes of the Soviet Union").is_visible()
    assert page.get_by_text("Areas of partisan formations").is_visible()

    star = page.locator(f'[data-testid="hero-star"][data-id="{honours["site"]}"]')
    assert star.inner_text() == "★"
    star.click()
    popup = page.locator(".leaflet-popup-content [data-testid=hero-popup]")
    popup.wait_for()
    assert popup.locator(".mapapp-popup__title").inner_text() == PAYLOAD
    assert popup.locator(".mapapp-popup__title").get_attribute("href") == (
        f"/sites/{honours['site']}"
    )
    assert popup.locator("li").all_inner_texts() == [f"{PAYLOAD} Тест"]
    assert "Demonstration data" in popup.inner_text()  # the test Hero is fictional

    page.keyboard.press("Escape")
    area = page.locator(f'[data-testid="formation-area"][data-id="{honours["area"]}"]')
    area.click()
    area_popup = page.locator(".leaflet-popup-content [data-testid=area-popup]")
    area_popup.wait_for()
    assert area_popup.locator(".mapapp-popup__title").inner_text() == PAYLOAD
    assert area_popup.locator(".mapapp-popup__title").get_attribute("href") == (
        f"/partisans/{honours['brigade']}"
    )
    assert "Тестовый район" in area_popup.inner_text()

    assert page.evaluate("() => window.__xss") is None
    assert page.watched.dialogs == [] and page.watched.errors == []
    assert page.watched.blocked == [] or all("tile" in u for u in page.watched.blocked)


def test_the_real_hero_with_no_known_grave_has_no_star(page):
    page.goto(page.base + "/")
    page.wait_for_selector("body[data-honours-ready=true]")
    stars = page.evaluate("() => Object.keys(window.mapapp.honours.heroes).length")
    assert stars == 0  # the demo's only Hero (Beda) lies in Minsk, at no known site
    assert page.locator("[data-testid=formation-area]").count() == 1  # the demo brigade
