"""No body makes a 500: Hypothesis sends JSON of every shape, raw bytes and multipart forms
to every route that takes a body, anonymous and signed in with a valid CSRF token. The
decision and restore routes are aimed at ids that do not exist or at the fuzz's own
contribution, so that no fuzzed approval changes the data other tests read."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapapp import create_app
from mapapp.settings import Settings
from tests.helpers import fuzz, sign_in

NAMES = ["kind", "target", "type", "id", "field", "value", "comment", "evidence", "contact",
         "decision", "reason", "surname", "birth_year", "email", "password", "next",
         "target_type", "target_id", "csrf_token", "value.surname", "photo",
         "evidence_file"]  # fmt: skip
EDGE_TEXT = ["", " ", "\x00", "a\x00b", "\ud800", "\u202e", "x" * 6000, "1e309", "-1",
             "2147483648", "correction", "add_person", "condition", "photo", "withdrawal", "person",
             "site", "approve", "reject", "surname", "birth_year", "death_day", "<script>",
             "' OR 1=1 --", "{{7*7}}", "Жаксылыков"]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(EDGE_TEXT),
    st.text(max_size=40),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(NAMES), inner, max_size=6),
    ),
    max_leaves=20,
)
# Submissions right in shape, wrong in the details: they reach the checks of each field.
PLAUSIBLE = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["correction", "add_person", "condition", "photo", "withdrawal"]),
        "target": st.fixed_dictionaries(
            {"type": st.sampled_from(["person", "site"]), "id": st.sampled_from([1, 2, 3])}
        ),
        "comment": st.one_of(st.just("c"), SCALARS),
    },
    optional={
        "field": st.sampled_from(["surname", "birth_year", "death_day", "fate", "buried_total",
                                  "name", "condition", "x"]),
        "value": JSON,
        "evidence": SCALARS,
        "contact": SCALARS,
        "decision": st.sampled_from(["approve", "reject", ""]),
        "reason": SCALARS,
    },
)  # fmt: skip
# Evidence files: any bytes, and bytes that start as a PDF does.
FILES = st.one_of(st.binary(max_size=200), st.binary(max_size=200).map(lambda b: b"%PDF-1.7\n" + b))
RAW = st.one_of(st.binary(max_size=300), st.sampled_from([b"[" * 5000, b"{", b"null", b"1"]))
CONTENT_TYPES = st.sampled_from(
    ["application/json", "text/plain", "application/x-www-form-urlencoded", "", "image/png"]
)
# A form is URL- or multipart-encoded as UTF-8: lone surrogates cannot be sent in one.
FORM_TEXT = st.one_of(
    st.sampled_from([t for t in EDGE_TEXT if t != "\ud800"]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
)
FORM = st.dictionaries(st.sampled_from(NAMES), FORM_TEXT, max_size=8)
MISSING = "2000000000"


@pytest.fixture(scope="module")
def body_app(engine, test_settings):
    """An app with room for many requests; the contributions the fuzz stored (pending
    ones, and its own decided one) are removed afterwards so no later list holds them."""
    from sqlalchemy import text

    with engine.connect() as conn:
        first = conn.execute(text("SELECT coalesce(max(id), 0) FROM contributions")).scalar()
    yield create_app(
        Settings(
            DATABASE_URL=test_settings.database_url,
            secret_key="fuzz",
            contribution_rate_limit="100000 per minute",
            login_rate_limit="100000 per minute",
        )
    )
    with engine.begin() as conn:
        for table in ("outbox", "photos", "evidence_files"):
            conn.execute(text(f"DELETE FROM {table} WHERE contribution_id > :f"), {"f": first})
        conn.execute(text("DELETE FROM contributions WHERE id > :f"), {"f": first})


@pytest.fixture(scope="module")
def signed_in(body_app, engine):
    from tests.helpers import make_account

    client = body_app.test_client()
    token = sign_in(client, *make_account(engine, "moderator"))
    return client, token


@pytest.fixture(scope="module")
def own_contribution(body_app, engine):
    """A contribution about a scratch site that fuzzed decisions may approve or reject."""
    from sqlalchemy import text

    with engine.begin() as conn:
        site = conn.execute(
            text(
                "INSERT INTO burial_sites (ref, kind, name, location_precision, geom) "
                "VALUES ('fuzz:site', 'memorial', 'Fuzz', 'site', "
                "ST_SetSRID(ST_MakePoint(31.2, 55.2), 4326)) RETURNING id"
            )
        ).scalar_one()
    response = body_app.test_client().post(
        "/api/contributions",
        json={"kind": "condition", "target": {"type": "site", "id": site},
              "value": "fuzz", "comment": "fuzz"},
    )  # fmt: skip
    yield str(response.get_json()["id"])
    from tests.helpers import remove_contributions_to

    with engine.begin() as conn:
        remove_contributions_to(conn, "burial_sites", f"id = {site}")
        conn.execute(text("DELETE FROM burials WHERE site_id = :s"), {"s": site})
        conn.execute(text("DELETE FROM burial_sites WHERE id = :s"), {"s": site})


ROUTES = [
    "/api/contributions",
    "/api/contributions/{id}/decision",
    "/api/history/{missing}/restore",
    "/contribute",
    "/history/{missing}/restore",
    "/login",
    "/logout",
    "/moderation/{id}",
]


FUZZ = fuzz(250)


@FUZZ
@given(body=st.one_of(PLAUSIBLE, PLAUSIBLE, JSON))
def test_no_submission_answers_5xx(body_app, body):
    """The submission route on its own, where most of the checking is."""
    response = _post_json(body_app.test_client(), "/api/contributions", body)
    _assert_clean(response, "/api/contributions")


def _post_json(client, url, body, headers=None):
    """JSON as a client writes it: ASCII with \\u escapes, lone surrogates included."""
    return client.post(
        url, data=json.dumps(body), content_type="application/json", headers=headers or {}
    )


def _assert_clean(response, url):
    assert response.status_code < 500, (url, response.get_data(as_text=True)[:300])
    if url.startswith("/api/"):
        assert response.is_json, (url, response.status_code)


@FUZZ
@given(data=st.data())
def test_no_body_route_answers_5xx(body_app, signed_in, own_contribution, data):
    route = data.draw(st.sampled_from(ROUTES), label="route")
    target = data.draw(st.sampled_from([own_contribution, MISSING]), label="id")
    url = route.format(id=target, missing=MISSING)
    # Signed out by /logout, the shared client would fuzz the rest anonymously.
    as_user = route != "/logout" and data.draw(st.booleans(), label="signed in")
    client, token = signed_in if as_user else (body_app.test_client(), "")
    headers = {"X-CSRFToken": token} if as_user and data.draw(st.booleans()) else {}
    shape = data.draw(st.sampled_from(["json", "raw", "form", "multipart"]), label="shape")
    if shape == "json":
        body = data.draw(st.one_of(PLAUSIBLE, JSON), label="json")
        response = _post_json(client, url, body, headers)
    elif shape == "raw":
        response = client.post(
            url, data=data.draw(RAW), content_type=data.draw(CONTENT_TYPES), headers=headers
        )
    else:
        form = data.draw(FORM, label="form")
        if as_user and data.draw(st.booleans()):
            form["csrf_token"] = token
        if shape == "multipart":
            form["photo"] = (io.BytesIO(data.draw(st.binary(max_size=200))), "p.jpg")
            if data.draw(st.booleans(), label="evidence file"):
                form["evidence_file"] = (io.BytesIO(data.draw(FILES)), "e.pdf")
        response = client.post(url, data=form, headers=headers)
    _assert_clean(response, url)
