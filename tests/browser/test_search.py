"""A relative types a Latin spelling and reaches the soldier's grave."""

from tests.browser.markers import click_marker
from tests.browser.screens import open_menu


def test_search_from_the_header_to_the_grave(page):
    page.goto(page.base + "/")
    open_menu(page)
    page.get_by_role("link", name="Find a person").click()
    page.get_by_label("Name").fill("Zhaksylykov")
    page.get_by_label("Name").press("Enter")
    page.wait_for_selector("[data-testid=search-results]")
    first = page.get_by_test_id("result-link").first
    assert "Жаксылыков" in first.inner_text()
    assert page.get_by_test_id("demo-notice").is_visible()
    first.click()
    page.wait_for_url("**/persons/*")
    page.get_by_test_id("burials").get_by_role("link").first.click()
    page.wait_for_url("**/sites/*")
    assert page.get_by_test_id("site-name").is_visible()
    assert page.watched.errors == []


def test_region_view_shows_sites_on_a_map(page, shukhovtsy_id):
    page.goto(page.base + "/from?country=Казахстан&region=Карагандинская+область")
    page.wait_for_selector("body[data-map-ready=true]", timeout=15000)
    assert page.evaluate("() => Object.keys(mapapp.markers.site).length") >= 1
    click_marker(page, "site", shukhovtsy_id)
    count = page.get_by_test_id("popup-home-count")
    count.wait_for()
    assert count.inner_text().startswith("14 ")
    rows = page.get_by_test_id("home-sites").locator("tbody tr")
    assert rows.count() >= 1
