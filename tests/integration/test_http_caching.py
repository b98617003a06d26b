"""ETags tied to the data version, Cache-Control, 304s, compression and Vary."""

from __future__ import annotations

import gzip
import json


def test_api_answers_carry_a_strong_etag_and_cache_control(client):
    first = client.get("/api/sites")
    assert first.status_code == 200
    etag, weak = first.get_etag()
    assert etag and not weak
    assert "max-age=" in first.headers["Cache-Control"]
    again = client.get("/api/sites", headers={"If-None-Match": f'"{etag}"'})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.get_etag() == (etag, False)


def test_the_etag_changes_with_the_data_and_with_the_url(client, scratch):
    before = client.get("/api/sites").get_etag()[0]
    assert client.get("/api/sites?kind=memorial").get_etag()[0] != before
    scratch.site("Test new site", 30.2, 54.2)
    after = client.get("/api/sites", headers={"If-None-Match": f'"{before}"'})
    assert after.status_code == 200
    assert after.get_etag()[0] != before
    assert "Test new site" in after.get_data(as_text=True)


def test_compressed_answers_keep_their_meaning_and_revalidate(client):
    plain = client.get("/api/sites")
    packed = client.get("/api/sites", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert json.loads(gzip.decompress(packed.get_data())) == plain.get_json()
    assert len(packed.get_data()) < len(plain.get_data())
    tag = packed.headers["ETag"]
    assert tag.endswith(':gzip"') and not tag.startswith("W/")
    again = client.get("/api/sites", headers={"Accept-Encoding": "gzip", "If-None-Match": tag})
    assert again.status_code == 304


def test_pages_vary_with_the_language(client, shukhovtsy_id):
    english = client.get(f"/sites/{shukhovtsy_id}?lang=en")
    russian = client.get(f"/sites/{shukhovtsy_id}?lang=ru")
    assert english.status_code == russian.status_code == 200
    for header in ("Accept-Language", "Cookie"):
        assert header in english.headers["Vary"]
    assert english.get_etag()[0] != russian.get_etag()[0]
    by_browser = client.get(f"/sites/{shukhovtsy_id}", headers={"Accept-Language": "en"})
    by_cookie = client.get(f"/sites/{shukhovtsy_id}", headers={"Cookie": "lang=ru"})
    assert by_browser.get_etag()[0] != by_cookie.get_etag()[0] or by_cookie.status_code != 200


def test_errors_and_bad_input_are_not_tagged(client):
    bad = client.get("/api/sites?bbox=1,2,3")
    assert bad.status_code == 400 and "ETag" not in bad.headers
    missing = client.get("/api/sites/999999999")
    assert missing.status_code == 404 and "ETag" not in missing.headers


def test_answers_that_depend_on_more_than_the_data_are_not_tagged(client):
    assert "ETag" not in client.get("/api/itinerary?sites=1").headers
