"""Kept answers (http/answer_cache.py): the same bytes and headers as an answer built anew,
served without reading the data again, and never once the data has changed."""

from __future__ import annotations

import gzip
import json

import pytest
from sqlalchemy import event

from mapapp import create_app

VIEW = "/api/sites?bbox=23,51,33,57"
COMPARED_HEADERS = (
    "Content-Type",
    "Content-Encoding",
    "Content-Length",
    "ETag",
    "Vary",
    "Cache-Control",
)


@pytest.fixture(scope="module")
def kept_app(test_settings):
    app = create_app(test_settings.model_copy(update={"answer_cache_mb": 16}))
    app.config["TESTING"] = True
    return app


@pytest.fixture(scope="module")
def plain_app(test_settings):
    app = create_app(test_settings.model_copy(update={"answer_cache_mb": 0}))
    app.config["TESTING"] = True
    return app


def statements_during(app, run) -> list[str]:
    """The SQL statements the app's engine runs during ``run()``."""
    seen: list[str] = []
    engine = app.extensions["mapapp.engine"]

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def shown(response) -> tuple:
    """What a client gets: the status, the decoded body and the headers compared. (Two
    gzip compressions of one body differ in the header's timestamp, byte for byte.)"""
    return (
        response.status_code,
        decoded(response),
        tuple(response.headers.get(h) for h in COMPARED_HEADERS),
    )


def decoded(response) -> bytes:
    import brotli

    body = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        return brotli.decompress(body)
    assert encoding is None, encoding
    return body


@pytest.mark.parametrize("encoding", ["gzip", "br", "identity", ""])
def test_kept_answer_is_byte_identical_to_a_new_one(kept_app, plain_app, encoding):
    headers = {"Accept-Encoding": encoding}
    fresh = plain_app.test_client().get(VIEW, headers=headers)
    first = kept_app.test_client().get(VIEW, headers=headers)
    statements = []

    def again():
        statements.append(kept_app.test_client().get(VIEW, headers=headers))

    sql = statements_during(kept_app, again)
    second = statements[0]
    assert fresh.status_code == 200
    assert shown(first) == shown(fresh)
    assert shown(second) == shown(fresh)
    assert second.get_data() == first.get_data()  # the very bytes sent the first time
    # From memory: only the data version was read, not the sites.
    assert len(sql) == 1 and "data_version" in sql[0], sql
    if encoding in ("gzip", "br"):
        assert second.headers["Content-Encoding"] == encoding
        assert second.headers["ETag"].endswith(f':{encoding}"')


def test_a_write_makes_the_kept_answer_unreachable(kept_app, plain_app, scratch):
    client = kept_app.test_client()
    before = client.get(VIEW, headers={"Accept-Encoding": "gzip"})
    assert client.get(VIEW, headers={"Accept-Encoding": "gzip"}).get_data() == before.get_data()
    site = scratch.site("Test kept answers", 29.5, 54.5)
    after = client.get(VIEW, headers={"Accept-Encoding": "gzip"})
    ids = [f["id"] for f in json.loads(gzip.decompress(after.get_data()))["features"]]
    assert site in ids
    assert after.headers["ETag"] != before.headers["ETag"]
    fresh = plain_app.test_client().get(VIEW, headers={"Accept-Encoding": "gzip"})
    assert shown(after) == shown(fresh)


def test_reordered_parameters_share_an_answer_and_revalidate(kept_app):
    client = kept_app.test_client()
    one = client.get("/api/sites?bbox=23,51,33,57&zoom=7", headers={"Accept-Encoding": "gzip"})
    other_order = "/api/sites?zoom=7&bbox=23,51,33,57"
    sql = statements_during(
        kept_app,
        lambda: client.get(other_order, headers={"Accept-Encoding": "gzip"}),
    )
    assert len(sql) == 1, sql
    other = client.get(other_order, headers={"Accept-Encoding": "gzip"})
    assert other.get_data() == one.get_data()
    # Its tag is its own URL's, so that the client's revalidation is answered 304.
    tag = other.headers["ETag"].strip('"')
    assert client.get(other_order, headers={"If-None-Match": f'"{tag}"'}).status_code == 304


def test_pages_and_errors_are_never_kept(kept_app, scratch):
    cache = kept_app.extensions["mapapp.answer_cache"]
    client = kept_app.test_client()
    before = len(cache)
    assert client.get("/sites?lang=en").status_code == 200  # HTML carries a CSP nonce
    assert client.get("/api/sites?bbox=1,2,3").status_code == 400
    assert client.get("/api/sites/999999999").status_code == 404
    assert len(cache) == before
    first = client.get("/sites?lang=en").headers["Content-Security-Policy"]
    second = client.get("/sites?lang=en").headers["Content-Security-Policy"]
    assert "nonce-" in first and first != second  # a new nonce each time


def test_answers_are_bounded_by_their_bytes(test_settings):
    from mapapp.http.answer_cache import AnswerCache, KeptAnswer

    cache = AnswerCache(8000)
    for n in range(20):
        cache.put(("k", n), KeptAnswer(b"x" * 900, "application/json", None))
    assert len(cache) == 8  # 8 x 900 bytes fit in 8,000
    assert cache.get(("k", 19)) is not None and cache.get(("k", 0)) is None
    cache.put(("big",), KeptAnswer(b"x" * 1001, "application/json", None))
    assert cache.get(("big",)) is None  # more than an eighth of the room: not kept
