"""The whole path in a real browser: map, markers, popup, site page, names."""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.markers import click_marker, show_marker, wait_for_popup
from tests.browser.screens import open_layers, open_menu

# On a phone's narrow map the clusters of sites and of battle locations lie over each
# other at the zoom levels where the helper looks for a marker, and a person would pinch to
# zoom in, which the helper cannot do; test_phone.py takes the phone's way to a popup.
WIDE_MAP = pytest.mark.screens("desktop")

TILE_HOST = "tile.openstreetmap.org"


def _is_tile(url):
    parts = urlsplit(url)
    return parts.hostname == TILE_HOST and re.fullmatch(r"/\d+/\d+/\d+\.png", parts.path)


def _open_map(page):
    page.goto(page.base + "/")
    page.wait_for_selector("body[data-map-ready=true]", timeout=15000)
    page.wait_for_selector(".leaflet-marker-icon", timeout=15000)


def test_map_shows_markers_with_every_non_local_request_blocked(page):
    # The map asks for its tiles; the page fixture blocks and records each such request.
    with page.expect_event("requestfailed", lambda r: _is_tile(r.url)):
        _open_map(page)
    counts = page.evaluate(
        "() => [Object.keys(mapapp.markers.site).length, Object.keys(mapapp.markers.battle).length]"
    )
    assert counts[0] >= 30 and counts[1] >= 10
    # Map tiles were asked for, and nothing but map tiles was asked of another host:
    # every script, style and font is local.
    assert [u for u in page.watched.blocked if _is_tile(u)], page.watched.blocked
    assert [u for u in page.watched.blocked if not _is_tile(u)] == []
    assert page.watched.errors == []
    # Clusters and single markers are both on the map; the layer control and legend too.
    assert page.locator(".marker-cluster").count() >= 1
    assert page.locator(".leaflet-control-layers").is_visible()
    assert page.get_by_test_id("legend").is_visible()


def _check_shukhovtsy_popup(popup):
    text = popup.inner_text()
    assert "Military burial near the village of Shukhovtsy" in text
    assert "35 воинов из Казахстана" in text
    assert "Mass grave" in text
    assert "demonstration data" in text


@WIDE_MAP
def test_popup_leads_to_shukhovtsy_and_its_35_names(page, shukhovtsy_id):
    _open_map(page)
    popup = click_marker(page, "site", shukhovtsy_id)
    _check_shukhovtsy_popup(popup)
    popup.get_by_test_id("popup-site-link").click()
    page.wait_for_url(f"**/sites/{shukhovtsy_id}")
    assert page.get_by_test_id("demo-notice").is_visible()
    assert page.get_by_test_id("person-link").count() == 35
    assert "Approximate: district only" in page.get_by_test_id("precision").inner_text()
    page.wait_for_selector("body[data-map-ready=true]")
    assert page.locator(".small-map .leaflet-marker-icon").count() == 1


@WIDE_MAP
def test_a_marker_opens_its_popup_from_the_keyboard(page, shukhovtsy_id):
    _open_map(page)
    icon = show_marker(page, "site", shukhovtsy_id)
    assert page.locator(".leaflet-popup").count() == 0
    # A keyboard user reaches the marker as a button and opens it with Enter.
    assert icon.get_attribute("tabindex") == "0"
    assert icon.get_attribute("role") == "button"
    icon.focus()
    assert icon.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    _check_shukhovtsy_popup(wait_for_popup(page, "site", shukhovtsy_id))


def test_layer_control_hides_battle_locations(page):
    _open_map(page)

    def on_map(kind):
        return page.evaluate(
            f"() => Object.values(mapapp.markers.{kind}).filter(m => "
            "mapapp.layers.sites.hasLayer(m) && mapapp.map.hasLayer(mapapp.layers.sites) || "
            "mapapp.layers.battles.hasLayer(m) && mapapp.map.hasLayer(mapapp.layers.battles)"
            ").length"
        )

    assert on_map("battle") >= 10
    open_layers(page)  # folded into its button on a phone
    page.locator(".leaflet-control-layers-overlays label", has_text="Battle locations").click()
    assert on_map("battle") == 0
    assert on_map("site") >= 30


def test_language_switch_in_the_browser(page, shukhovtsy_id):
    page.goto(f"{page.base}/sites/{shukhovtsy_id}")
    open_menu(page)
    page.get_by_role("link", name="Русский").click()
    page.wait_for_load_state()
    assert "Демонстрационные данные" in page.get_by_test_id("demo-notice").inner_text()
    assert page.url.endswith(f"/sites/{shukhovtsy_id}")
    open_menu(page)
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert "Demonstration data" in page.get_by_test_id("demo-notice").inner_text()
