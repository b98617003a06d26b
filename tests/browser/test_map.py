"""The whole path in a real browser: map, markers, popup, site page, names."""

from urllib.parse import urlsplit

# Zooms the cluster layer until the marker shows, then opens its popup (as a click would).
OPEN_POPUP = """
([kind, id]) => new Promise((resolve, reject) => {
  const marker = window.mapapp.markers[kind][id];
  if (!marker) { reject(new Error(`no ${kind} marker ${id}`)); return; }
  const layer = kind === "site" ? window.mapapp.layers.sites : window.mapapp.layers.battles;
  const timer = setTimeout(() => reject(new Error("marker never shown")), 10000);
  layer.zoomToShowLayer(marker, () => { clearTimeout(timer); marker.openPopup(); resolve(true); });
})
"""


def _open_map(page):
    page.goto(page.base + "/")
    page.wait_for_selector("body[data-map-ready=true]", timeout=15000)
    page.wait_for_selector(".leaflet-marker-icon", timeout=15000)


def test_map_shows_markers_with_every_non_local_request_blocked(page):
    _open_map(page)
    counts = page.evaluate(
        "() => [Object.keys(mapapp.markers.site).length, Object.keys(mapapp.markers.battle).length]"
    )
    assert counts[0] >= 30 and counts[1] >= 10
    # Nothing but map tiles was asked of another host: every script and style is local.
    hosts = {urlsplit(u).hostname for u in page.watched.blocked}
    assert hosts <= {"tile.openstreetmap.org"}, page.watched.blocked
    assert not [u for u in page.watched.blocked if u.endswith((".js", ".css"))]
    assert page.watched.errors == []
    # Clusters and single markers are both on the map; the layer control and legend too.
    assert page.locator(".leaflet-control-layers").is_visible()
    assert page.get_by_test_id("legend").is_visible()


def test_popup_leads_to_shukhovtsy_and_its_35_names(page, shukhovtsy_id):
    _open_map(page)
    page.evaluate(OPEN_POPUP, ["site", shukhovtsy_id])
    popup = page.locator(".leaflet-popup-content [data-testid=popup]")
    popup.wait_for(timeout=10000)
    text = popup.inner_text()
    assert "Military burial near the village of Shukhovtsy" in text
    assert "35 воинов из Казахстана" in text
    assert "Mass grave" in text
    assert "demonstration data" in text
    popup.get_by_test_id("popup-site-link").click()
    page.wait_for_url(f"**/sites/{shukhovtsy_id}")
    assert page.get_by_test_id("demo-notice").is_visible()
    assert page.get_by_test_id("person-link").count() == 35
    assert "Approximate: district only" in page.get_by_test_id("precision").inner_text()
    page.wait_for_selector("body[data-map-ready=true]")
    assert page.locator(".small-map .leaflet-marker-icon").count() == 1


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
    page.locator(".leaflet-control-layers-overlays label", has_text="Battle locations").click()
    assert on_map("battle") == 0
    assert on_map("site") >= 30


def test_language_switch_in_the_browser(page, shukhovtsy_id):
    page.goto(f"{page.base}/sites/{shukhovtsy_id}")
    page.get_by_role("link", name="Русский").click()
    page.wait_for_load_state()
    assert "Демонстрационные данные" in page.get_by_test_id("demo-notice").inner_text()
    assert page.url.endswith(f"/sites/{shukhovtsy_id}")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert "Demonstration data" in page.get_by_test_id("demo-notice").inner_text()
