"""The plan printed from Chromium at A4: the whole route drawn with every stop numbered,
names in columns that never touch, and every stop in the printed file."""

import io
import re

from pypdf import PdfReader
from sqlalchemy import text

A4_WIDTH_PX = 794  # 210 mm at 96 dpi


def _busiest_sites(engine, n):
    with engine.connect() as conn:
        return (
            conn.execute(
                text(
                    "SELECT site_id FROM burials GROUP BY site_id "
                    "ORDER BY count(*) DESC, site_id LIMIT :n"
                ),
                {"n": n},
            )
            .scalars()
            .all()
        )


def test_the_printed_plan_shows_the_whole_route_and_clean_columns(page, engine):
    sites = _busiest_sites(engine, 5)
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    page.goto(page.base + f"/plan?lang=en&start=53.9,27.56&sites={','.join(map(str, sites))}")
    page.wait_for_selector("body[data-map-ready=true]", timeout=15000)
    page.emulate_media(media="print")

    # The interactive map gives way to the drawing of the whole trip.
    assert not page.locator(".route-map").is_visible()
    drawing = page.get_by_test_id("print-map").locator("svg")
    assert drawing.is_visible()
    box = drawing.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= A4_WIDTH_PX
    marks = drawing.locator(".stop-mark")
    assert marks.count() == len(sites)
    assert [marks.nth(i).get_attribute("data-stop") for i in range(len(sites))] == [
        str(n) for n in range(1, len(sites) + 1)
    ]
    for i in range(marks.count()):
        mark = marks.nth(i).bounding_box()
        assert box["x"] <= mark["x"] and mark["x"] + mark["width"] <= box["x"] + box["width"]
        assert box["y"] <= mark["y"] and mark["y"] + mark["height"] <= box["y"] + box["height"]

    # Between the text of the two columns of names there is a clear gap (10 px or more).
    gaps = page.evaluate(
        """() => [...document.querySelectorAll('ol.names')].map(list => {
            const items = [...list.children];
            const middle = list.getBoundingClientRect().left + list.clientWidth / 2;
            // The number of an item belongs to it: an "outside" marker stands left of the
            // item's box, so its width (measured in the item's font) is counted too.
            const canvas = document.createElement('canvas').getContext('2d');
            const extents = items.map((li, i) => {
                const range = document.createRange();
                range.selectNodeContents(li);
                const text = range.getBoundingClientRect();
                const style = getComputedStyle(li);
                canvas.font = style.font;
                const marker = canvas.measureText(`${i + 1}. `).width;
                const box = li.getBoundingClientRect();
                const outside = style.listStylePosition === 'outside';
                const left = outside ? box.left - marker : Math.min(box.left, text.left);
                return {left, right: text.right};
            });
            const first = extents.filter(e => e.left < middle);
            const second = extents.filter(e => e.left >= middle);
            if (!first.length || !second.length) return null;
            return Math.min(...second.map(e => e.left)) - Math.max(...first.map(e => e.right));
        })"""
    )
    measured = [g for g in gaps if g is not None]
    assert measured, "no two-column list of names to measure"
    assert min(measured) >= 10, gaps
    names = page.locator("ol.names li").all_inner_texts()
    assert names and not any(re.search(r"\s,", n) for n in names)

    # Chromium's own A4 file holds every stop.
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    printed = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages))
    for title in page.locator("[data-testid=plan-stop] h2").all_inner_texts():
        assert re.sub(r"\s+", " ", title).strip() in printed
