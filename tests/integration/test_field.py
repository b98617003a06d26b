"""In the field: the manifest and icons, the service worker, what an offline pack holds,
directions for a phone, and the accessible markup (QR names, table headers, lang)."""

import io
import re
from html import unescape

from PIL import Image

from mapapp import create_app


def test_the_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest?lang=en")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert manifest["name"] == "Memory map · mapapp"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    sizes = {}
    for icon in manifest["icons"]:
        answer = client.get(icon["src"])
        assert answer.status_code == 200 and answer.mimetype == "image/png"
        image = Image.open(io.BytesIO(answer.data))
        assert f"{image.width}x{image.height}" == icon["sizes"]
        sizes.setdefault(icon["sizes"], set()).add(icon.get("purpose", "any"))
    assert sizes == {"192x192": {"any", "maskable"}, "512x512": {"any", "maskable"}}
    assert client.get("/icons/icon-64.png").status_code == 404
    assert client.get("/manifest.webmanifest?lang=ru").get_json()["short_name"] == "Карта памяти"
    page = client.get("/?lang=en").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page


def test_the_service_worker_is_served_from_the_root_and_never_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert 'addEventListener("fetch"' in response.get_data(as_text=True)


def test_an_offline_pack_lists_the_trip_its_files_and_every_page_of_names(
    engine, test_settings, shukhovtsy_id
):
    app = create_app(test_settings.model_copy(update={"persons_per_page": 10}))
    client = app.test_client()
    pack = client.get(f"/plan/pack.json?sites={shukhovtsy_id}&lang=en").get_json()
    plan = f"/plan?sites={shukhovtsy_id}&lang=en"
    assert pack["pages"][:4] == [plan, "/plan", "/offline", "/"]
    site = f"/sites/{shukhovtsy_id}"
    site_pages = [p for p in pack["pages"] if p.startswith(site)]
    # The site, page 1, pages 2-4 as "next" reaches them, pages 2-3 as "previous" does.
    assert site_pages[:2] == [site, f"{site}?sort=name&page=1"]
    assert len(site_pages) == 2 + 3 + 2
    assert pack["files"] == [
        f"/plan.pdf?sites={shukhovtsy_id}&lang=en",
        f"/plan.gpx?sites={shukhovtsy_id}&lang=en",
        f"/plan.kml?sites={shukhovtsy_id}&lang=en",
        f"/plan.csv?sites={shukhovtsy_id}&lang=en",
    ]
    # Every script and stylesheet the saved pages load is in the pack.
    html = client.get(plan).get_data(as_text=True) + client.get(site).get_data(as_text=True)
    loaded = set(re.findall(r'(?:src|href)="(/(?:static|vendor)/[^"]+\.(?:js|css))"', html))
    assert len(loaded) >= 8
    assert loaded <= set(pack["assets"])
    assert "/static/js/sw.js" not in pack["assets"]
    assert pack["tiles"] == []  # the default tile server forbids fetching ahead
    # Every address in the pack answers.
    for url in pack["pages"] + pack["files"] + pack["assets"]:
        assert client.get(url).status_code == 200, url
    # Every pager link on every saved page of names is itself saved, and the pages
    # reached through the pack hold all 35 names exactly once.
    seen = set()
    for page in site_pages[1:]:
        html = client.get(page).get_data(as_text=True)
        linked = re.findall(rf'href="({site}\?[^"#]*)#persons" rel="(?:prev|next)"', html)
        assert linked, page
        for link in linked:
            assert unescape(link) in pack["pages"], (page, link)
        seen.update(re.findall(r'href="/persons/(\d+)"', html))
    assert len(seen) == 35
    assert client.get("/plan/pack.json?sites=abc").status_code == 400


def test_pack_tiles_only_where_the_settings_allow(engine, test_settings, shukhovtsy_id):
    settings = test_settings.model_copy(
        update={
            "tiles_url": "https://tiles.example/{z}/{x}/{y}.png",
            "tiles_allow_prefetch": True,
            "tiles_prefetch_max_zoom": 15,
            "tiles_prefetch_limit": 40,
        }
    )
    client = create_app(settings).test_client()
    tiles = client.get(f"/plan/pack.json?sites={shukhovtsy_id}").get_json()["tiles"]
    assert len(tiles) == 40
    assert all(re.fullmatch(r"https://tiles\.example/\d+/\d+/\d+\.png", t) for t in tiles)
    html = client.get(f"/plan?sites={shukhovtsy_id}").get_data(as_text=True)
    assert "data-offline-tiles" in html


def test_directions_open_the_phones_navigation_app(client, shukhovtsy_id):
    html = client.get(f"/sites/{shukhovtsy_id}?lang=en").get_data(as_text=True)
    link = re.search(r'<a href="(geo:[^"]+)" rel="noopener noreferrer">([^<]+)</a>', html)
    assert link and link[2] == "Navigation app on this phone"
    assert re.fullmatch(r"geo:\d+\.\d{6},\d+\.\d{6}\?q=\d+\.\d{6}%2C\d+\.\d{6}", link[1])


def test_qr_codes_have_an_accessible_name(client, shukhovtsy_id):
    html = client.get(f"/plan?sites={shukhovtsy_id}&lang=en").get_data(as_text=True)
    svgs = re.findall(r"<svg [^>]*>", html[html.index('data-testid="dossier"') :])
    qr = [s for s in svgs if "segno" in s]
    assert len(qr) == 1
    assert 'role="img"' in qr[0]
    assert f'aria-label="QR code of the site page: http://localhost/sites/{shukhovtsy_id}"' in qr[0]


def test_no_table_header_is_empty(client, shukhovtsy_id):
    for path in ("/sites", "/near?lat=54.57&lon=30.69", f"/sites/{shukhovtsy_id}", "/from",
                 "/search?q=Zhaksylykov"):  # fmt: skip
        html = client.get(path + ("&" if "?" in path else "?") + "lang=en").get_data(as_text=True)
        headers = re.findall(r"<th\b[^>]*>(.*?)</th>", html, flags=re.S)
        assert headers, path
        assert [h for h in headers if not re.sub(r"<[^>]+>", "", h).strip()] == [], path


def test_names_in_another_language_carry_their_lang(client, shukhovtsy_id, engine):
    english = client.get(f"/sites/{shukhovtsy_id}?lang=en").get_data(as_text=True)
    links = re.findall(r'<a( lang="\w+")? href="/persons/\d+" data-testid="person-link">', english)
    assert len(links) == 35 and set(links) == {' lang="ru"'}
    russian = client.get(f"/sites/{shukhovtsy_id}?lang=ru").get_data(as_text=True)
    links = re.findall(r'<a( lang="\w+")? href="/persons/\d+" data-testid="person-link">', russian)
    assert len(links) == 35 and set(links) == {""}
    listing = client.get("/sites?lang=ru").get_data(as_text=True)
    assert '<a lang="be" href="/sites/' in listing  # Belarusian names on a Russian page
