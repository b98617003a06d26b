"""A delegation adds three memorials from the map, opens the plan and takes the GPX."""

import gpxpy
import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from tests.browser.markers import click_marker


# Clusters of sites and battle locations overlap on a phone's narrow map (see test_map.py);
# test_phone.py adds sites to a trip from a phone.
@pytest.mark.screens("desktop")
def test_three_sites_from_the_map_to_a_gpx(page, engine, shukhovtsy_id):
    with engine.connect() as conn:
        others = (
            conn.execute(
                text(
                    "SELECT id FROM burial_sites WHERE register_number IN "
                    "('213Д000473', '213Д000153') ORDER BY id"
                )
            )
            .scalars()
            .all()
        )
    chosen = [shukhovtsy_id, *others]
    page.goto(page.base + "/")
    page.wait_for_selector("body[data-map-ready=true]", timeout=15000)
    for site_id in chosen:
        click_marker(page, "site", site_id)
        button = page.locator(f".leaflet-popup-content [data-trip-add='{site_id}']")
        button.click()
        # Waits for the popup's script to answer the click (it is not instant under load).
        expect(button).to_be_disabled()
        expect(button).to_have_text("In the trip")
    expect(page.locator("[data-trip-count]")).to_have_text("3")

    page.get_by_test_id("trip-link").click()
    page.wait_for_url("**/plan?sites=*")
    page.wait_for_selector("body[data-map-ready=true]")
    stops = page.get_by_test_id("plan-stop")
    assert stops.count() == 3
    shown = [int(stops.nth(i).get_attribute("data-site-id")) for i in range(3)]
    assert sorted(shown) == sorted(chosen)
    assert page.locator(".route-map [data-testid=route-stop]").count() == 3
    assert page.locator(".route-map path.leaflet-interactive").count() >= 1  # the route line
    # The order on the page is the API's order.
    api = page.request.get(page.base + "/api/itinerary?sites=" + ",".join(map(str, chosen)))
    assert api.json()["order"] == shown

    with page.expect_download() as download:
        page.get_by_test_id("download-gpx").click()
    with open(download.value.path(), encoding="utf-8") as fh:
        gpx = gpxpy.parse(fh.read())
    assert [w.link.rsplit("/", 1)[1] for w in gpx.waypoints] == [str(i) for i in shown]

    # The print layout turns the plan into a dossier with names and QR codes.
    assert not page.get_by_test_id("dossier").first.is_visible()
    page.emulate_media(media="print")
    assert page.get_by_test_id("dossier").first.is_visible()
    assert page.locator("[data-testid=dossier] svg").count() == 3
    assert page.watched.errors == []


def test_a_shared_plan_link_opens_the_same_trip(page, shukhovtsy_id):
    page.goto(f"{page.base}/plan?sites={shukhovtsy_id}")
    page.wait_for_selector("body[data-map-ready=true]")
    assert page.locator("[data-trip-count]").inner_text() == "1"
    page.goto(page.base + "/plan")  # no sites in the URL: the browser's trip comes back
    page.wait_for_url(f"**/plan?sites={shukhovtsy_id}")
