"""A site whose record names no oblast: no empty crumb, no leading comma, no bare "—" where
the district's reference data tells the oblast; what is shown of it is marked as taken
from the district, and nothing is stored."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text


@pytest.fixture()
def site_of(scratch, engine):
    def _site(name: str, district: str | None) -> int:
        site = scratch.site(name, 30.4, 54.5, district=district)
        with engine.begin() as conn:
            conn.execute(text("UPDATE burial_sites SET oblast = NULL WHERE id = :id"), {"id": site})
        return site

    return _site


def _stored(engine, site: int) -> tuple:
    with engine.connect() as conn:
        return tuple(
            conn.execute(
                text("SELECT oblast, district FROM burial_sites WHERE id = :id"), {"id": site}
            ).one()
        )


def _place_facts(html: str) -> dict[str, str]:
    facts = html.split("<h2>Place</h2>", 1)[1].split("</dl>", 1)[0]
    return {
        dt: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", dd)).strip()
        for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", facts, re.S)
    }


def _breadcrumbs(html: str) -> str:
    crumbs = re.search(r'<p class="breadcrumbs">(.*?)</p>', html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", crumbs)).strip()


def test_the_site_page_has_no_empty_crumb_and_names_the_oblast_its_district_tells(
    client, site_of, engine
):
    site = site_of("Братская могила без области", "Дубровенскі раён")
    html = client.get(f"/sites/{site}?lang=en").get_data(as_text=True)
    assert _breadcrumbs(html) == "Map › Дубровенскі раён"
    facts = _place_facts(html)
    assert facts["Region"] == "Vitebsk Region (from its district; the record names no region)"
    assert facts["District"] == "Дубровенскі раён"
    assert _stored(engine, site) == (None, "Дубровенскі раён")  # nothing stored


def test_a_district_that_does_not_tell_its_oblast_leaves_it_unknown(client, site_of):
    site = site_of("Братская могила в Октябрьском", "Октябрьский район")
    html = client.get(f"/sites/{site}?lang=en").get_data(as_text=True)
    assert _breadcrumbs(html) == "Map › Октябрьский район"
    assert _place_facts(html)["Region"] == "—"
    nowhere = site_of("Братская могила без района", None)
    html = client.get(f"/sites/{nowhere}?lang=en").get_data(as_text=True)
    assert _breadcrumbs(html) == "Map"
    assert _place_facts(html)["Region"] == "—"


def test_a_site_with_its_oblast_is_shown_as_recorded(client, scratch):
    site = scratch.site("Братская могила с областью", 30.4, 54.5, district="Оршанский район")
    html = client.get(f"/sites/{site}?lang=en").get_data(as_text=True)
    assert _breadcrumbs(html) == "Map › Vitebsk Region › Оршанский район"
    assert _place_facts(html)["Region"] == "Vitebsk Region"


def test_the_person_page_and_the_lists_write_no_leading_comma(client, site_of, scratch):
    site = site_of("Братская могила у Орши", "Оршанский район")
    person = scratch.person(site, "Безобластнов", home_country="Казахстан")
    html = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
    burial = re.search(r'<ul class="burials".*?</ul>', html, re.S).group(0)
    line = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", burial)).strip()
    assert line == "Братская могила у Орши · Mass grave · Оршанский район"
    page = client.get("/from?country=Казахстан&lang=en").get_data(as_text=True)
    row = re.search(rf'href="/sites/{site}".*?</tr>', page, re.S).group(0)
    assert re.search(r'data-label="Region">Оршанский район</td>', row), row
    plan = client.get(f"/plan?sites={site}&lang=en").get_data(as_text=True)
    stop = re.search(r'data-testid="plan-stop".*?</p>', plan, re.S).group(0)
    assert (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", stop.split("<p", 1)[1]))
        .strip()
        .endswith("Mass grave · Оршанский район")
    )
