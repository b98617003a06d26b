"""Accessibility kept: axe finds no serious or critical violation on the main pages at
desktop and phone size, and grave kinds differ by shape as well as colour."""

from axe_playwright_python.sync_playwright import Axe

from tests.browser.pages import main_pages, open_page
from tests.browser.screens import open_menu

GRAVE = ("serious", "critical")
KINDS = ("mass_grave", "military_cemetery", "individual_grave", "memorial", "battle")
SHAPE = "el => getComputedStyle(el, '::after').clipPath"


def test_axe_finds_nothing_serious_on_the_main_pages(page, engine, shukhovtsy_id):
    axe = Axe()
    found = []
    for path in main_pages(engine, shukhovtsy_id):
        open_page(page, path)
        open_menu(page)  # on a phone, check the open menu too
        results = axe.run(page)
        assert results.response["testEngine"]["name"] == "axe-core"
        for violation in results.response["violations"]:
            if violation["impact"] in GRAVE:
                nodes = [n["target"] for n in violation["nodes"]][:3]
                found.append(f"{path}: {violation['id']} ({violation['impact']}) {nodes}")
    assert found == []
    assert page.watched.errors == []


def test_grave_kinds_differ_by_shape_on_the_map_and_in_the_legend(page):
    open_page(page, "/")
    page.wait_for_selector(".leaflet-marker-icon.mapapp-marker")
    legend = {
        kind: page.locator(f".legend .mapapp-marker--{kind}").first.evaluate(SHAPE)
        for kind in KINDS
    }
    assert len(set(legend.values())) == len(KINDS), legend
    assert "none" not in legend.values()
    # Each marker on the map has its kind's shape from the legend.
    on_map = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-marker-icon.mapapp-marker')].map(el =>
             [[...el.classList].find(c => c.startsWith('mapapp-marker--') &&
                                          c !== 'mapapp-marker--approx').slice(15),
              getComputedStyle(el, '::after').clipPath])"""
    )
    assert {kind for kind, _ in on_map} >= {"mass_grave", "battle"}
    assert [(k, s) for k, s in on_map if legend[k] != s] == []
