"""At low zoom with many sites the server answers grid clusters: the map shows their
counts, says that it groups, and a click on a cluster zooms in down to single markers."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from werkzeug.serving import make_server

from mapapp import create_app


@pytest.fixture(scope="module")
def clustering_server(test_settings, engine):
    """The app with a cluster threshold low enough for the demo data to be grouped."""
    app = create_app(test_settings.model_copy(update={"map_cluster_threshold": 3}))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture()
def cluster_page(browser, clustering_server):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(clustering_server) else route.abort()
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.base, page.errors = clustering_server, errors
    yield page
    context.close()


def test_clusters_show_counts_and_zoom_in_to_single_markers(cluster_page, engine):
    page = cluster_page
    page.goto(page.base + "/?lang=en")
    page.wait_for_selector("body[data-map-ready=true]")
    page.wait_for_selector("[data-testid=map-cluster]")
    counts = [
        int(c)
        for c in page.eval_on_selector_all(
            "[data-testid=map-cluster]", "nodes => nodes.map(n => n.dataset.count)"
        )
    ]
    with engine.connect() as conn:
        sites = conn.execute(text("SELECT count(*) FROM burial_sites")).scalar()
    assert sum(counts) == sites
    texts = page.eval_on_selector_all(
        "[data-testid=map-cluster]", "nodes => nodes.map(n => n.textContent)"
    )
    assert texts == [str(c) for c in counts]
    assert "grouped" in page.get_by_test_id("map-status").inner_text()
    assert page.evaluate("() => Object.keys(mapapp.markers.site).length") == 0

    for _ in range(8):  # each click zooms in on one cluster, until sites show one by one
        if page.evaluate("() => Object.keys(mapapp.markers.site).length") > 0:
            break
        zoom = page.evaluate("() => mapapp.map.getZoom()")
        page.locator("[data-testid=map-cluster]").first.click()
        page.wait_for_function(f"() => mapapp.map.getZoom() > {zoom}")
        page.wait_for_function("() => mapapp.loadedZoom === mapapp.map.getZoom()")
    assert page.evaluate("() => Object.keys(mapapp.markers.site).length") > 0
    assert page.locator("[data-testid=map-cluster]").count() == 0
    assert page.errors == []


def test_the_layer_control_hides_the_clusters_too(cluster_page):
    page = cluster_page
    page.goto(page.base + "/?lang=en")
    page.wait_for_selector("[data-testid=map-cluster]")
    page.locator(".leaflet-control-layers-overlays label", has_text="Burial sites").click()
    assert page.locator("[data-testid=map-cluster]").count() == 0
    page.locator(".leaflet-control-layers-overlays label", has_text="Burial sites").click()
    assert page.locator("[data-testid=map-cluster]").count() > 0


BIG = {"en": "12,345", "ru": "12\u00a0345", "kk": "12\u00a0345", "be": "12\u00a0345"}


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "be"])
def test_counts_on_the_map_are_written_as_the_language_writes_them(browser, live_server, lang):
    # A country-sized register: the server's answer for the view is replaced by one with
    # a cluster of 12,345 sites, as a full register would give at this zoom.
    answer = {
        "type": "FeatureCollection",
        "aggregated": True,
        "truncated": False,
        "total": 12345,
        "limit": 20000,
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [28.0, 53.7]},
                "properties": {
                    "cluster": True,
                    "count": 12345,
                    "persons_in_registry": 0,
                    "bbox": [23.2, 51.3, 32.8, 56.2],
                },
            }
        ],
    }
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route(
        "**/api/sites?*",
        lambda route: route.fulfill(status=200, json=answer),
    )
    try:
        page.goto(f"{live_server}/?lang={lang}")
        cluster = page.locator("[data-testid=map-cluster]")
        cluster.wait_for()
        assert cluster.inner_text() == BIG[lang]
        assert cluster.get_attribute("data-count") == "12345"
        assert BIG[lang] in cluster.get_attribute("title")
        assert BIG[lang] in page.get_by_test_id("map-status").inner_text()
    finally:
        context.close()
