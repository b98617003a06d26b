"""The main pages a visitor opens, with real ids from the demo data."""

from __future__ import annotations

from sqlalchemy import text


def main_pages(engine, site_id: int) -> list[str]:
    with engine.connect() as conn:
        person = conn.execute(
            text("SELECT person_id FROM burials WHERE site_id = :s ORDER BY person_id LIMIT 1"),
            {"s": site_id},
        ).scalar_one()
        battle = conn.execute(text("SELECT min(id) FROM battle_locations")).scalar_one()
        other = conn.execute(
            text("SELECT min(id) FROM burial_sites WHERE id <> :s"), {"s": site_id}
        ).scalar_one()
    return [
        "/",
        f"/sites/{site_id}",
        f"/persons/{person}",
        f"/battles/{battle}",
        "/search?q=Zhaksylykov",
        "/sites",
        "/near?lat=54.57&lon=30.69",
        "/from",
        f"/plan?sites={site_id},{other}",
        "/plan",
    ]


def open_page(page, path: str) -> None:
    """Open a page and wait until it is whole (the map filled, where it has one)."""
    page.goto(page.base + path)
    if page.locator(".folium-map").count():
        page.wait_for_selector("body[data-map-ready=true]")
