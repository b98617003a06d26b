"""Rate limits with the default settings, on applications of their own (memory storage;
Redis when the storage setting names it)."""

from __future__ import annotations

import pytest

from mapapp import create_app
from mapapp.settings import Settings
from tests.helpers import csrf_token


def _client(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@pytest.fixture()
def fresh_app(engine, test_settings):
    settings = Settings(DATABASE_URL=test_settings.database_url, secret_key="limits")
    assert settings.contribution_rate_limit == "5 per minute"
    return create_app(settings)


def test_the_sixth_submission_in_a_minute_is_a_429_with_retry_after(fresh_app, shukhovtsy_id):
    client = fresh_app.test_client()
    body = {
        "kind": "condition",
        "target": {"type": "site", "id": shukhovtsy_id},
        "value": "",
        "comment": "x",
    }  # fmt: skip  (empty value: a 400, still counted)
    statuses = [client.post("/api/contributions", json=body).status_code for _ in range(5)]
    assert statuses == [400] * 5
    response = client.post("/api/contributions", json=body)
    assert response.status_code == 429 and response.is_json
    assert int(response.headers["Retry-After"]) > 0
    other = _client(fresh_app, "10.1.2.3")
    assert other.post("/api/contributions", json=body).status_code == 400


def test_failed_sign_ins_are_throttled_and_good_ones_are_not_counted(fresh_app, accounts):
    email, password = accounts("moderator")
    client = _client(fresh_app, "10.9.9.9")
    token = csrf_token(client.get("/login").get_data(as_text=True))
    for _ in range(3):
        ok = client.post("/login", data={"email": email, "password": password,
                                         "csrf_token": token})  # fmt: skip
        assert ok.status_code == 302
    for _ in range(5):
        bad = client.post("/login", data={"email": email, "password": "wrong",
                                          "csrf_token": token})  # fmt: skip
        assert bad.status_code == 401
    blocked = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}
    )
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers


def test_redis_storage_when_configured(engine, test_settings, shukhovtsy_id):
    import uuid

    settings = Settings(
        DATABASE_URL=test_settings.database_url,
        secret_key="limits",
        limiter_storage_url="redis://127.0.0.1:6379",
        contribution_rate_limit="2 per minute",
    )
    client = _client(create_app(settings), f"test-{uuid.uuid4()}")
    body = {"kind": "nothing"}
    assert [client.post("/api/contributions", json=body).status_code for _ in range(3)] == [
        400,
        400,
        429,
    ]
