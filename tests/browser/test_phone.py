"""On a phone (360 to 414 px): nothing scrolls sideways, the header folds into a menu that
the map never covers, tables are cards, and every control is big enough for a finger."""

import pytest
from sqlalchemy import text

from tests.browser.conftest import SCREENS
from tests.browser.markers import click_marker
from tests.browser.pages import main_pages, open_page
from tests.browser.screens import open_layers, open_menu

PHONE_WIDTHS = (360, 390, 414)
MIN_TARGET = 44

# Every control a finger must hit: buttons, fields, the header's links, pagers, directions
# and the map's zoom buttons; labels that hold a checkbox are its target.
TARGETS = """
() => [...document.querySelectorAll(`button, select, input:not([type=hidden]):not([type=checkbox]),
    .mainnav a, .languages a, .pager a, .directions a, .leaflet-control-zoom a,
    label:has(input[type=checkbox])`)]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .map(el => {
    const box = el.getBoundingClientRect();
    return {what: el.outerHTML.slice(0, 90), width: box.width, height: box.height};
  })
"""


@pytest.fixture()
def phone(browser, live_server):
    contexts = []

    def open_phone(width=390, locale="en-GB", height=844):
        screen = dict(SCREENS["phone"], viewport={"width": width, "height": height})
        context = browser.new_context(locale=locale, **screen)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.base = live_server
        page.screen = "phone"
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.errors = errors
        return page

    yield open_phone
    for context in contexts:
        context.close()


def test_no_page_is_wider_than_the_phone(phone, engine, shukhovtsy_id):
    wide = []
    for width in PHONE_WIDTHS:
        page = phone(width)
        for path in main_pages(engine, shukhovtsy_id):
            open_page(page, path)
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            if scroll > width:
                wide.append(f"{path} at {width} px is {scroll} px wide")
        assert page.errors == []
    assert wide == []


def test_the_header_folds_into_a_menu_and_the_map_stays_under_it(phone):
    page = phone()
    open_page(page, "/")
    toggle = page.get_by_role("button", name="Menu")
    nav = page.locator("#mainnav")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()
    header = page.locator(".topbar").bounding_box()
    view = page.locator(".folium-map").bounding_box()
    # The map starts under the header and fills the rest of the screen.
    assert view["y"] >= header["y"] + header["height"] - 0.5
    assert abs(view["y"] + view["height"] - 844) <= 1
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    for name in ("Map", "List", "Find a person", "By home region", "Near here", "English"):
        link = nav.get_by_role("link", name=name, exact=True)
        if name == "English":  # the current language is shown, not linked
            link = page.locator(".languages strong", has_text="English")
        box = link.bounding_box()
        # Nothing of the map lies over an open menu's link.
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('.topbar') !== null",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert hit, f"{name} is covered"
    page.keyboard.press("Escape")
    assert not nav.is_visible()
    open_menu(page)
    nav.get_by_role("link", name="Find a person").click()
    page.wait_for_url("**/search")


def test_every_control_is_big_enough_for_a_finger(phone, engine, shukhovtsy_id):
    page = phone()
    small = []
    for path in main_pages(engine, shukhovtsy_id):
        open_page(page, path)
        open_menu(page)
        for target in page.evaluate(TARGETS):
            if target["width"] < MIN_TARGET or target["height"] < MIN_TARGET:
                small.append(f"{path}: {target}")
    assert small == []


def test_tables_are_cards_with_each_cell_named(phone):
    page = phone()
    open_page(page, "/sites")
    table = page.get_by_test_id("sites-list").first
    # The column headings are out of sight but still there for screen readers.
    assert table.locator("thead").bounding_box()["height"] <= 1
    assert table.locator("th").first.text_content() == "Burial site"
    row = table.locator("tbody tr").first
    cells = row.locator("td")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    # One cell under the other, each as wide as the card.
    assert all(b["y"] >= a["y"] + a["height"] - 0.5 for a, b in zip(boxes, boxes[1:], strict=False))
    assert len({round(b["width"]) for b in boxes}) == 1
    district = cells.nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    assert district == '"District: "'


def test_a_phone_hides_battles_taps_to_a_grave_and_plans_the_trip(phone, shukhovtsy_id):
    page = phone()
    open_page(page, "/")
    # On a small screen a person opens the folded layer switch and turns the battle
    # locations off to reach the graves.
    open_layers(page)
    page.locator(".leaflet-control-layers-overlays label", has_text="Battle locations").click()
    popup = click_marker(page, "site", shukhovtsy_id)
    assert "Military burial near the village of Shukhovtsy" in popup.inner_text()
    popup.locator(f"[data-trip-add='{shukhovtsy_id}']").click()
    open_menu(page)
    assert page.locator("[data-trip-count]").inner_text() == "1"
    page.get_by_test_id("trip-link").click()
    page.wait_for_url(f"**/plan?sites={shukhovtsy_id}")
    assert page.get_by_test_id("plan-stop").count() == 1
    assert page.errors == []


# Whether the element is what a finger at its own centre reaches (nothing lies over it).
REACHED_AT_CENTRE = """
el => {
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return el === hit || el.contains(hit);
}
"""

# Each line of a popup's text that something else covers, at its centre or a corner.
COVERED_LINES = """
popup => {
  const covered = [];
  const walker = document.createTreeWalker(popup, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const line of range.getClientRects()) {
      const points = [[line.left + line.width / 2, line.top + line.height / 2],
                      [line.left + 1, line.top + 1], [line.right - 1, line.top + 1],
                      [line.left + 1, line.bottom - 1], [line.right - 1, line.bottom - 1]];
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x, y);
        if (!hit || !node.parentElement.contains(hit)) {
          covered.push(`"${node.textContent.slice(0, 40)}" at ${Math.round(x)},${Math.round(y)}`
            + ` under ${hit ? hit.outerHTML.slice(0, 60) : "nothing"}`);
        }
      }
    }
  }
  return covered;
}
"""


def test_the_layer_switch_folds_away_from_the_zoom_buttons_and_the_popups(phone, shukhovtsy_id):
    # A small phone held upright: the open layer list would cover the top 208 px.
    page = phone(375, height=667)
    open_page(page, "/")
    layers = page.locator(".leaflet-control-layers")
    zoom_in = page.locator(".leaflet-control-zoom-in")
    assert zoom_in.evaluate(REACHED_AT_CENTRE)
    assert page.locator(".leaflet-control-zoom-out").evaluate(REACHED_AT_CENTRE)
    assert not page.locator(".leaflet-control-layers-list").is_visible()
    # A tap opens the switch; a tap on the map folds it again.
    open_layers(page)
    assert layers.get_by_text("Battle locations").is_visible()
    page.mouse.click(187, 600)
    page.locator(".leaflet-control-layers-list").wait_for(state="hidden")
    assert zoom_in.evaluate(REACHED_AT_CENTRE)
    # An opened popup shows every line of its text, the note on demonstration data too.
    popup = click_marker(page, "site", shukhovtsy_id)
    assert "demonstration data" in popup.get_by_text("demonstration data").inner_text()
    assert popup.evaluate(COVERED_LINES) == []
    assert page.errors == []


def _more_pages(engine) -> list[str]:
    """Pages beyond the main ones that a visitor reaches too, an error page among them."""
    with engine.connect() as conn:
        unit = conn.execute(text("SELECT min(id) FROM partisan_units")).scalar_one()
    return [
        "/heroes",
        "/partisans",
        f"/partisans/{unit}",
        "/offline",
        "/login",
        "/sites?kind=bogus",
        "/sites/2000000000",
        "/ogc/collections/burial_sites/items?f=html&limit=5",
    ]


@pytest.mark.parametrize("locale", ["kk-KZ", "be-BY", "ru-RU", "en-GB"])
def test_every_page_fits_the_narrowest_phone_in_every_language(
    phone, engine, shukhovtsy_id, locale
):
    # Kazakh and Belarusian words run longer than English ones: no page may grow wider
    # than 360 px or shrink a control below a finger's size because of them.
    page = phone(360, locale)
    lang = locale[:2]
    paths = [*main_pages(engine, shukhovtsy_id), *_more_pages(engine)]
    if lang == "en":
        paths = _more_pages(engine)  # the main pages are measured above in English
    wide, small = [], []
    for path in paths:
        open_page(page, path)
        assert page.locator("html").get_attribute("lang") == lang, path
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll > 360:
            wide.append(f"{path} is {scroll} px wide")
        open_menu(page)
        for target in page.evaluate(TARGETS):
            if target["width"] < MIN_TARGET or target["height"] < MIN_TARGET:
                small.append(f"{path}: {target}")
    assert page.errors == []
    assert wide == []
    assert small == []
