"""A delegation saves its trip for offline use and opens it with no network at all: the
trip page, its dossier and files, each stop's page with every page of its names, and
the map tiles it looked at. Tiles of the area are fetched ahead only where allowed."""

from __future__ import annotations

import io
import re
import threading
from urllib.parse import urlsplit

import pytest
from PIL import Image
from sqlalchemy import text
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from mapapp import create_app
from tests.browser.conftest import SCREENS

TILE_PATH = re.compile(r"/(\d+)/(\d+)/(\d+)\.png")
READY = (
    "() => ['ready', 'failed'].includes("
    "document.querySelector('[data-offline-pack]').dataset.state)"
)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 200)).save(out, format="PNG")
    return out.getvalue()


class Served:
    """A WSGI app on a free local port, stopped on demand (the network going away)."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.running = True

    def stop(self):
        if self.running:
            self.server.shutdown()
            self.server.server_close()
            self.running = False


class TileServer(Served):
    """A tile server of our own, that records every tile asked of it."""

    def __init__(self):
        self.asked: list[str] = []
        png = _png()

        @Request.application
        def tiles(request):
            if not TILE_PATH.fullmatch(request.path):
                return Response(status=404)
            self.asked.append(request.path)
            return Response(png, mimetype="image/png")

        super().__init__(tiles)


@pytest.fixture()
def field(browser, engine, test_settings):
    """The app with its tiles from a local tile server, a phone that can save trips offline,
    and the sites of a two-stop trip; both servers can be stopped to cut the network."""
    started = []
    contexts = []

    def make(**settings):
        tiles = TileServer()
        app = create_app(
            test_settings.model_copy(
                update={"tiles_url": tiles.url + "/{z}/{x}/{y}.png", "persons_per_page": 10}
                | settings
            )
        )
        app.config["TESTING"] = True
        site = Served(app)
        started.extend([tiles, site])
        context = browser.new_context(locale="en-GB", **SCREENS["phone"])
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.errors = errors
        return page, site, tiles

    yield make
    for context in contexts:
        context.close()
    for served in started:
        served.stop()


def _trip(engine):
    with engine.connect() as conn:
        shukhovtsy = conn.execute(
            text("SELECT id FROM burial_sites WHERE ref = 'site:shukhovtsy'")
        ).scalar_one()
        other = conn.execute(
            text("SELECT min(id) FROM burial_sites WHERE id <> :s AND location_precision = 'site'"),
            {"s": shukhovtsy},
        ).scalar_one()
    return shukhovtsy, other


def _open_plan(page, url):
    page.goto(url)
    page.wait_for_selector("body[data-map-ready=true]")
    page.wait_for_function(
        "() => document.querySelectorAll('.route-map img.leaflet-tile-loaded').length > 0"
    )
    page.wait_for_load_state("networkidle")


def _save(page):
    page.get_by_test_id("save-offline").click()
    page.wait_for_function(READY, timeout=120_000)
    return page.get_by_test_id("offline-status").inner_text()


def _fetch(page, url):
    """Ask for an address the way the page's own links do (through the service worker)."""
    return page.evaluate(
        """async (url) => {
             const r = await fetch(url);
             const body = new Uint8Array(await r.arrayBuffer());
             return {status: r.status, type: r.headers.get("content-type"),
                     head: new TextDecoder().decode(body.slice(0, 60))};
           }""",
        url,
    )


def test_a_saved_trip_opens_with_the_network_gone(field, engine):
    page, site, tiles = field()
    shukhovtsy, other = _trip(engine)
    plan = f"{site.url}/plan?sites={shukhovtsy},{other}"
    _open_plan(page, plan)
    assert not page.get_by_test_id("offline-notice").is_visible()
    assert page.locator("[data-offline-tiles]").count() == 0  # not allowed by default
    viewed = set(tiles.asked)
    assert viewed

    status = _save(page)
    pack = page.request.get(f"{site.url}/plan/pack.json?sites={shukhovtsy},{other}").json()
    assert pack["tiles"] == []
    files = len(pack["pages"]) + len(pack["files"]) + len(pack["assets"])
    match = re.fullmatch(
        r"Ready for offline use: (\d+) files, ([\d.]+) (kB|MB)\. And (\d+) map tiles\. "
        r"Saved on .+\.",
        status,
    )
    assert match, status
    assert int(match[1]) == files
    assert int(match[4]) == len(page.locator(".route-map img.leaflet-tile-loaded").all())
    # Only tiles that were on the screen: saving asked the tile server for nothing else.
    assert set(tiles.asked) <= viewed
    pdf = page.get_by_test_id("download-pdf").get_attribute("href")
    gpx = page.get_by_test_id("download-gpx").get_attribute("href")
    kml = page.get_by_role("link", name="KML", exact=True).get_attribute("href")

    # The network goes: the phone is offline and the servers are gone.
    page.context.set_offline(True)
    site.stop()
    tiles.stop()

    page.reload()
    page.wait_for_selector("body[data-map-ready=true]")
    assert page.get_by_test_id("offline-notice").is_visible()
    assert page.get_by_test_id("plan-stop").count() == 2
    assert page.locator(".route-map img.leaflet-tile-loaded").count() > 0
    assert page.get_by_test_id("offline-status").inner_text() == status
    for url, kind, head in (
        (pdf, "application/pdf", "%PDF-"),
        (gpx, "application/gpx+xml", "<?xml"),
        (kml, "application/vnd.google-earth.kml+xml", "<?xml"),
    ):
        answer = _fetch(page, url)
        assert (answer["status"], answer["type"].split(";")[0]) == (200, kind), url
        assert answer["head"].startswith(head), url

    # Every stop's page, with every page of its names (10 a page here).
    page.goto(f"{site.url}/sites/{shukhovtsy}")
    assert "Shukhovtsy" in page.get_by_test_id("site-name").inner_text()
    names = page.get_by_test_id("person-link").all_inner_texts()
    for _ in range(3):
        page.get_by_test_id("pager").get_by_role("link", name=re.compile("Next")).click()
        page.wait_for_load_state()
        names += page.get_by_test_id("person-link").all_inner_texts()
    assert len(names) == 35 and len(set(names)) == 35
    page.get_by_test_id("pager").get_by_role("link", name=re.compile("Previous")).click()
    page.wait_for_url("**page=3*")
    page.goto(f"{site.url}/sites/{other}")
    assert page.get_by_test_id("site-name").is_visible()

    # A page that was not saved says so, and leads back to the saved trip.
    page.goto(f"{site.url}/search?q=anything")
    assert page.get_by_test_id("offline-message").is_visible()
    saved = page.get_by_test_id("saved-trips").get_by_role("link")
    assert saved.count() == 1
    assert saved.get_attribute("href") == urlsplit(plan).path + "?" + urlsplit(plan).query
    saved.click()
    page.wait_for_selector("body[data-map-ready=true]")
    assert page.get_by_test_id("plan-stop").count() == 2
    assert page.errors == []


def test_the_trip_area_is_fetched_ahead_only_where_the_tile_server_allows_it(field, engine):
    page, site, tiles = field(tiles_allow_prefetch=True, tiles_prefetch_max_zoom=12)
    shukhovtsy, other = _trip(engine)
    _open_plan(page, f"{site.url}/plan?sites={shukhovtsy},{other}")
    pack = page.request.get(f"{site.url}/plan/pack.json?sites={shukhovtsy},{other}").json()
    area = {urlsplit(url).path for url in pack["tiles"]}
    assert {int(TILE_PATH.fullmatch(p)[1]) for p in area} == set(range(8, 13))
    assert page.locator("[data-offline-tiles]").is_checked()
    on_screen = {
        urlsplit(img.get_attribute("src")).path
        for img in page.locator(".route-map img.leaflet-tile-loaded").all()
    }
    status = _save(page)
    assert area <= set(tiles.asked)
    count = int(re.search(r"And (\d+) map tiles", status)[1])
    assert count == len(area | on_screen)
    assert page.errors == []


SAVED_AT = "2026-11-09T05:07:00"  # a local time of the device (no zone: read as local)
SAVED_AS = {"en": "11/9/26, 5:07\u202fAM", "ru": "09.11.2026, 05:07", "kk": "09.11.26, 05:07",
            "be": "9.11.26, 05:07"}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "be"])
def test_the_saved_trips_are_dated_as_the_language_writes_dates(browser, live_server, lang):
    # Chromium has no date formats for Kazakh or Belarusian: the page's own (Babel) are used.
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    try:
        page.goto(f"{live_server}/offline?lang={lang}")
        page.evaluate(
            "(at) => localStorage.setItem('mapapp.packs', JSON.stringify("
            "{'/plan?sites=1,2': {savedAt: new Date(at).getTime(), files: 3, bytes: 1}}))",
            SAVED_AT,
        )
        page.reload()
        assert page.get_by_test_id("saved-trips").locator("a").inner_text() == SAVED_AS[lang]
    finally:
        context.close()
