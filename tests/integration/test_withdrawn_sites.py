"""A withdrawn burial site stays wherever it appears, clearly marked: the map's GeoJSON,
the sites near a point, the home-region map, the list of all sites, "near here", a trip's
plan and dossier, and OGC API Features (JSON and HTML). Its reason is text from data, so
it is escaped wherever it is shown."""

from __future__ import annotations

import re

import pytest

from tests.integration.test_dossier import _pdf_text

REASON = '<b id="x">Duplicate</b> of the record at Vitebsk & "Polotsk"'
LON, LAT = 23.9071, 52.0123  # a spot of its own: nothing else within a kilometre


@pytest.fixture()
def two_sites(scratch):
    kept = scratch.site("Остающееся захоронение", LON, LAT)
    gone = scratch.site("Отозванное захоронение", LON + 0.001, LAT)
    scratch.person(gone, "Отзывов", home_country="Казахстан")
    scratch.person(kept, "Остаёмов", home_country="Казахстан")
    scratch.withdraw("burial_sites", gone, REASON)
    return kept, gone


def _features(body: dict) -> dict:
    return {f["id"]: f["properties"] for f in body["features"]}


def _row_of(html: str, name: str) -> str:
    (row,) = [r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if name in r]
    return row


def test_the_map_geojson_marks_a_withdrawn_site(client, two_sites):
    kept, gone = two_sites
    bbox = f"{LON - 0.01},{LAT - 0.01},{LON + 0.01},{LAT + 0.01}"
    features = _features(client.get(f"/api/sites?bbox={bbox}").get_json())
    assert set(features) == {kept, gone}
    assert features[kept]["withdrawn"] is None
    mark = features[gone]["withdrawn"]
    assert mark["reason"] == REASON and mark["at"] and mark["contribution"] is None
    one = client.get(f"/api/sites/{gone}").get_json()["properties"]["withdrawn"]
    assert one == mark  # the same shape for one site as for the map


def test_near_and_home_region_answers_mark_a_withdrawn_site(client, two_sites):
    kept, gone = two_sites
    near = client.get(f"/api/sites/near?lat={LAT}&lon={LON}&km=1").get_json()["items"]
    by_id = {i["id"]: i for i in near}
    assert set(by_id) == {kept, gone}
    assert by_id[kept]["withdrawn"] is None and by_id[gone]["withdrawn"]["reason"] == REASON
    home = client.get("/api/home-regions/sites?country=Казахстан").get_json()
    features = _features(home)
    assert features[kept]["withdrawn"] is None
    assert features[gone]["withdrawn"]["reason"] == REASON


@pytest.mark.parametrize("page", ["/sites", f"/near?lat={LAT}&lon={LON}&km=1"])
def test_site_lists_mark_a_withdrawn_site_and_only_it(client, two_sites, page):
    html = client.get(page + ("&" if "?" in page else "?") + "lang=ru").get_data(as_text=True)
    gone_row = _row_of(html, "Отозванное захоронение")
    kept_row = _row_of(html, "Остающееся захоронение")
    assert 'data-testid="withdrawn-tag">Отозванная запись</span>' in gone_row
    assert "withdrawn-tag" not in kept_row


def test_trip_plan_and_dossier_mark_a_withdrawn_stop(client, two_sites):
    kept, gone = two_sites
    html = client.get(f"/plan?sites={kept},{gone}&lang=kk").get_data(as_text=True)
    stops = re.findall(r'<li class="stop".*?</h2>', html, re.S)
    marked = [s for s in stops if "Кері қайтарылған жазба" in s]
    assert len(stops) == 2 and len(marked) == 1 and f'data-site-id="{gone}"' in marked[0]
    pdf = _pdf_text(client.get(f"/plan.pdf?sites={kept},{gone}&lang=ru"))
    assert pdf.count("Отозванная запись") == 1
    assert "Отозванная запись" in _pdf_text(client.get(f"/sites/{gone}.pdf?lang=ru"))
    assert "Отозванная запись" not in _pdf_text(client.get(f"/sites/{kept}.pdf?lang=ru"))


def test_trip_files_mark_a_withdrawn_stop_and_only_it(client, two_sites):
    import csv
    import io
    from xml.etree import ElementTree as ET

    kept, gone = two_sites
    query = f"sites={kept},{gone}&lang=en"
    # GPX and KML say it in the language asked for, as the site page does; the CSV, a
    # table of codes, keeps its own note.
    said = "This record was withdrawn on "
    note = "WITHDRAWN from the register on "
    gpx = ET.fromstring(client.get(f"/plan.gpx?{query}").data)  # noqa: S314 (ours)
    waypoints = {w.findtext("{*}name"): w.findtext("{*}desc") for w in gpx.findall(".//{*}wpt")}
    kml = ET.fromstring(client.get(f"/plan.kml?{query}").data)  # noqa: S314 (ours)
    placemarks = {
        p.findtext("{*}name"): p.findtext("{*}description") for p in kml.findall(".//{*}Placemark")
    }
    rows = {
        int(r["site_id"]): r["withdrawn"]
        for r in csv.DictReader(io.StringIO(client.get(f"/plan.csv?{query}").get_data(True)))
    }
    for descriptions in (waypoints, placemarks):
        (gone_text,) = [d for n, d in descriptions.items() if n.endswith("Отозванное захоронение")]
        (kept_text,) = [d for n, d in descriptions.items() if n.endswith("Остающееся захоронение")]
        assert gone_text.startswith(said) and f"Reason: {REASON}" in gone_text  # unescaped
        assert "withdrawn" not in kept_text.lower()
    assert rows[gone].startswith(note) and rows[gone].endswith(REASON) and rows[kept] == ""


def test_ogc_features_carry_withdrawn_and_its_reason(client, two_sites):
    kept, gone = two_sites
    items = "/ogc/collections/burial_sites/items"
    gone_props = client.get(f"{items}/{gone}").get_json()["properties"]
    kept_props = client.get(f"{items}/{kept}").get_json()["properties"]
    assert (gone_props["withdrawn"], gone_props["withdrawn_reason"]) == (True, REASON)
    assert (kept_props["withdrawn"], kept_props["withdrawn_reason"]) == (False, None)
    bbox = f"{LON - 0.01},{LAT - 0.01},{LON + 0.01},{LAT + 0.01}"
    listed = client.get(f"{items}?bbox={bbox}&f=html&lang=be").get_data(as_text=True)
    assert 'data-testid="withdrawn-tag">Адкліканы запіс</span>' in _row_of(
        listed, "Отозванное захоронение"
    )
    assert "withdrawn-tag" not in _row_of(listed, "Остающееся захоронение")
    page = client.get(f"{items}/{gone}?f=html").get_data(as_text=True)
    assert 'data-testid="withdrawn-tag"' in page
    assert "&lt;b id=&#34;x&#34;&gt;Duplicate&lt;/b&gt;" in page and '<b id="x">' not in page
    queryables = client.get("/ogc/collections/burial_sites/queryables").get_json()
    assert "withdrawn" not in queryables["properties"]
