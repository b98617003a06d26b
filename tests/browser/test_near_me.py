"""Near me: the device's position finds the nearest graves at once, a refused or missing
position is explained, and each grave has directions for the phone's navigation app."""

import re

from sqlalchemy import text

FAILED = "() => document.getElementById('location-status').dataset.state === 'error'"
SHUKHOVTSY = {"latitude": 54.5705, "longitude": 30.6905}


def _coords(engine, site_id):
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT ST_Y(geom), ST_X(geom) FROM burial_sites WHERE id = :id"), {"id": site_id}
        ).one()


def test_my_position_lists_the_nearest_graves_with_directions(page, engine, shukhovtsy_id):
    page.context.grant_permissions(["geolocation"], origin=page.base)
    page.context.set_geolocation({**SHUKHOVTSY, "accuracy": 20})
    page.goto(page.base + "/near")
    page.get_by_test_id("use-location").click()
    page.wait_for_url(re.compile(r".*/near\?lat=54\.57050&lon=30\.69050.*"))
    rows = page.get_by_test_id("near-results").locator("tbody tr")
    assert rows.count() >= 2
    first = rows.first.get_by_role("link").first
    assert first.get_attribute("href") == f"/sites/{shukhovtsy_id}"
    distances = [float(t) for t in page.get_by_test_id("near-km").all_inner_texts()]
    assert distances == sorted(distances)
    lat, lon = _coords(engine, shukhovtsy_id)
    app_link = rows.first.get_by_role("link", name="Navigation app on this phone")
    assert app_link.get_attribute("href") == f"geo:{lat:.6f},{lon:.6f}?q={lat:.6f}%2C{lon:.6f}"
    assert app_link.get_attribute("target") is None  # handed to the phone, not a new tab
    assert rows.first.get_by_role("link", name="Apple Maps").get_attribute("href") == (
        f"https://maps.apple.com/?daddr={lat:.6f}%2C{lon:.6f}&dirflg=d"
    )
    assert page.watched.errors == []


def test_a_refused_position_is_explained(page):
    page.goto(page.base + "/near")
    page.context.clear_permissions()  # the browser answers "denied" without asking
    page.get_by_test_id("use-location").click()
    status = page.get_by_test_id("location-status")
    page.wait_for_function(FAILED)
    assert status.inner_text().startswith("Your position was refused.")
    assert page.url == page.base + "/near"
    assert page.get_by_test_id("use-location").is_enabled()


def test_an_unavailable_position_is_explained(page, shukhovtsy_id):
    page.context.grant_permissions(["geolocation"], origin=page.base)
    page.goto(f"{page.base}/plan?sites={shukhovtsy_id}")
    # Allowed, but the device has no fix: no position at all.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setGeolocationOverride", {})
    page.get_by_test_id("use-location").click()
    page.wait_for_function(FAILED)
    assert (
        page.get_by_test_id("location-status")
        .inner_text()
        .startswith("The device could not tell its position")
    )
    assert page.locator("#start").input_value() == ""
