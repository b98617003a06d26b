"""The API documentation and the OGC pages work offline in a real browser."""


def test_api_docs_render_every_operation_from_local_assets_only(page):
    page.goto(page.base + "/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    paths = page.locator(".swagger-ui .opblock-summary-path").all_inner_texts()
    assert any("/ogc/collections/{collection_id}/items" in p for p in paths), paths
    assert any(p.startswith("/api/sites") for p in paths), paths
    assert page.watched.blocked == []
    assert page.watched.errors == []


def test_ogc_html_pages_walk_from_landing_page_to_a_feature(page):
    page.goto(page.base + "/ogc")
    page.get_by_role("link", name="Collections").click()
    page.locator('[data-testid="ogc-collection"] a[rel="items"][type="text/html"]').first.click()
    page.wait_for_selector('[data-testid="ogc-items"]')
    page.locator('[data-testid="ogc-items"] a').first.click()
    page.wait_for_selector('[data-testid="ogc-item"]')
    assert "kind" in page.locator('[data-testid="ogc-item"]').inner_text()
    assert page.watched.blocked == []
    assert page.watched.errors == []
