"""HTML pages rendered from the real database."""

import re

from sqlalchemy import text


def _html(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_map_page_embeds_no_data_and_loads_only_local_assets(client):
    html = _html(client.get("/"))
    assert len(html) < 30_000  # points come from the API, not the page
    assert "Шуховцы" not in html and "Shukhovtsy" not in html
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "cdn" not in html.lower()
    for path in sources:
        assert client.get(path).status_code == 200, path
    assert "L.markerClusterGroup" in html and "L.control.layers" in html
    assert 'data-testid="legend"' in html


def test_tile_provider_is_a_setting(engine, test_settings):
    from mapapp import create_app

    settings = test_settings.model_copy(update={"tiles_url": "/tiles/{z}/{x}/{y}.png"})
    html = create_app(settings).test_client().get("/").get_data(as_text=True)
    assert '"/tiles/{z}/{x}/{y}.png"' in html
    assert "tile.openstreetmap.org" not in html


def test_shukhovtsy_page(client, shukhovtsy_id):
    html = _html(client.get(f"/sites/{shukhovtsy_id}?lang=en"))
    assert "Military burial near the village of Shukhovtsy" in html
    assert 'data-testid="demo-notice"' in html
    assert "54.571940, 30.690000" in html
    assert "54°34′18.98″ N 30°41′24.00″ E" in html
    assert "Approximate: district only" in html
    assert "Dubrovno, the district centre" in html
    assert html.count('data-testid="person-link"') == 35
    for host in ("openstreetmap.org/directions", "google.com/maps/dir", "yandex.ru/maps"):
        assert host in html
    assert f"/api/sites/{shukhovtsy_id}" in html
    assert f"/api/sites/{shukhovtsy_id}/persons" in html
    assert 'data-testid="nearest-sites"' in html and 'data-testid="nearest-battles"' in html


def test_site_persons_sort_and_pages(test_settings, engine, shukhovtsy_id):
    from mapapp import create_app

    # Ten to a page, so that the 35 persons of Shukhovtsy fill four pages.
    settings = test_settings.model_copy(update={"persons_per_page": 10})
    client = create_app(settings).test_client()
    with engine.connect() as conn:
        buried = set(
            conn.execute(
                text("SELECT person_id FROM burials WHERE site_id = :s"), {"s": shukhovtsy_id}
            ).scalars()
        )
    assert len(buried) == 35
    for sort, descending in (("name", False), ("-name", True)):
        ids, names = [], []
        for page in range(1, 5):
            html = _html(client.get(f"/sites/{shukhovtsy_id}?sort={sort}&page={page}&lang=en"))
            assert f"Page {page} of 4" in html
            links = re.findall(
                r'href="/persons/(\d+)[^"]*" data-testid="person-link">([^<]+)<', html
            )
            assert len(links) == (10 if page < 4 else 5), (sort, page, len(links))
            ids += [int(i) for i, _ in links]
            names += [n for _, n in links]
        # Every person exactly once across the pages, in order over the page breaks.
        assert len(ids) == len(set(ids)) and set(ids) == buried, sort
        assert names == sorted(names, reverse=descending), sort
        assert f'aria-sort="{"descending" if descending else "ascending"}"' in html
    bad = client.get(f"/sites/{shukhovtsy_id}?page=0")
    assert bad.status_code == 400 and "page" in bad.get_data(as_text=True)


def test_pagination_on_a_large_site(client, scratch):
    site = scratch.site("Test cemetery", 30.0, 54.0)
    for n in range(120):
        scratch.person(site, f"Фамилия{n:03d}")
    page1 = _html(client.get(f"/sites/{site}?lang=en"))
    page3 = _html(client.get(f"/sites/{site}?page=3&lang=en"))
    assert page1.count('data-testid="person-link"') == 50
    assert page3.count('data-testid="person-link"') == 20
    assert "Page 3 of 3" in page3 and "Фамилия119" in page3
    beyond = client.get(f"/sites/{site}?page=9&lang=en")  # past the last: named, not empty
    assert beyond.status_code == 400 and "page must be at most 3" in beyond.get_data(as_text=True)


def test_person_page_is_flagged_fictional(client, session):
    person_id = session.execute(text("SELECT min(id) FROM persons")).scalar()
    html = _html(client.get(f"/persons/{person_id}?lang=en"))
    assert 'data-testid="demo-notice"' in html
    assert "Fictional person (demonstration data)" in html
    assert "/sites/" in html


def test_battle_page_lists_nearby_burial_sites(client, session):
    battle_id = session.execute(
        text("SELECT id FROM battle_locations WHERE name_en LIKE 'Battle of Lenino%'")
    ).scalar()
    html = _html(client.get(f"/battles/{battle_id}?lang=en"))
    assert "12-13 October 1943" in html
    assert "Lenino memorial" in html  # the memorial about 0.5 km away
    assert html.count("/sites/") >= 10


def test_unknown_pages_are_404_pages(client):
    for url in ("/sites/999999", "/persons/999999", "/battles/999999", "/sites/abc"):
        response = client.get(url)
        assert response.status_code == 404
        assert "<html" in response.get_data(as_text=True)


def test_russian_is_the_default_and_english_is_a_click_away(client, shukhovtsy_id):
    html = _html(client.get(f"/sites/{shukhovtsy_id}", headers={"Accept-Language": ""}))
    assert "Демонстрационные данные" in html and "Координаты" in html
    switch = client.get(f"/lang/en?next=/sites/{shukhovtsy_id}")
    assert switch.status_code == 302 and switch.headers["Location"].endswith(
        f"/sites/{shukhovtsy_id}"
    )
    html = _html(client.get(f"/sites/{shukhovtsy_id}"))
    assert "Demonstration data" in html and "Coordinates" in html


def test_accept_language_picks_english(client):
    html = _html(client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}))
    assert "Memory map" in html and "Burial sites" in html


def test_language_switch_never_redirects_off_site(client):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get("/lang/ru", query_string={"next": target})
        assert response.status_code == 302
        assert response.headers["Location"] == "/"
    assert client.get("/lang/xx").status_code == 404


def test_every_message_is_translated_to_russian():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [
            sys.executable,
            "scripts/check_translations.py",
            "mapapp/translations/ru/LC_MESSAGES/messages.po",
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_translation_catalogue_covers_every_message_in_the_code(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(pot),
            ".",
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as fh:
        in_code = {m.id for m in read_po(fh) if m.id}
    for lang in ("ru", "kk", "be"):
        with open(root / f"mapapp/translations/{lang}/LC_MESSAGES/messages.po", "rb") as fh:
            translated = {m.id for m in read_po(fh) if m.id and m.string}
        assert in_code - translated == set(), lang


def test_list_of_all_sites_by_region(client, shukhovtsy_id):
    html = client.get("/sites?lang=en").get_data(as_text=True)
    assert html.count('data-testid="sites-list"') >= 6  # one table per region
    assert f'href="/sites/{shukhovtsy_id}"' in html and "Vitebsk Region" in html
    only = client.get("/sites?kind=military_cemetery&lang=en").get_data(as_text=True)
    assert "Rylenki" in only and "Shukhovtsy" not in only
    assert client.get("/sites?kind=castle").status_code == 400


def test_security_headers(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
