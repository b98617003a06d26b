"""A withdrawn burial site stays on the map: its marker is dimmed and its popup says it was
withdrawn and why, the reason shown as text however it is written."""

from tests.browser.markers import click_marker

REASON = '<img src=x onerror="window.__xss=1">Entered twice'


def test_popup_of_a_withdrawn_site_shows_the_mark_and_reason(page, scratch):
    gone = scratch.site("Отозванное захоронение", 31.52, 55.91)
    kept = scratch.site("Остающееся захоронение", 31.62, 55.95)
    scratch.withdraw("burial_sites", gone, REASON)
    page.goto(page.base + "/")
    page.wait_for_selector("body[data-map-ready=true]", timeout=15000)

    popup = click_marker(page, "site", gone)
    mark = popup.get_by_test_id("popup-withdrawn")
    assert mark.inner_text().splitlines() == ["Withdrawn record", f"Reason: {REASON}"]
    assert page.locator('.mapapp-marker--withdrawn[title="Отозванное захоронение"]').count() == 1

    popup = click_marker(page, "site", kept)
    assert popup.get_by_test_id("popup-withdrawn").count() == 0
    assert page.locator('.mapapp-marker--withdrawn[title="Остающееся захоронение"]').count() == 0

    assert page.evaluate("() => window.__xss") is None
    assert page.watched.errors == []
