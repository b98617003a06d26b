"""Session cookies, the Content-Security-Policy with nonces, trusted hosts, `serve`
without a secret key."""

from __future__ import annotations

import re

from mapapp import create_app
from mapapp.settings import Settings
from tests.helpers import sign_in
from tests.integration.test_cli import _run


def test_every_page_script_carries_the_nonce_of_its_policy(client, shukhovtsy_id):
    for url in ("/", f"/sites/{shukhovtsy_id}", "/plan?sites=1,2", "/from?country=Kazakhstan"):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        html = response.get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or f'nonce="{nonce}"' in tag, (url, tag)
    other = client.get("/").headers["Content-Security-Policy"]
    assert re.search(r"'nonce-([^']+)'", other).group(1) != nonce


def test_the_session_cookie_is_httponly_lax_and_secure_behind_https(engine, test_settings):
    for https in (False, True):
        app = create_app(
            Settings(DATABASE_URL=test_settings.database_url, secret_key="s", https=https)
        )
        # The sign-in form puts its CSRF token in the session: the cookie is set.
        header = app.test_client().get("/login").headers["Set-Cookie"]
        assert header.startswith("session=") and "HttpOnly" in header
        assert "SameSite=Lax" in header
        assert ("Secure" in header) is https


def test_unknown_hosts_are_refused_when_trusted_hosts_are_set(engine, test_settings):
    app = create_app(
        Settings(DATABASE_URL=test_settings.database_url, trusted_hosts=("map.example.org",))
    )
    client = app.test_client()
    assert client.get("/api/", headers={"Host": "map.example.org"}).status_code == 200
    assert client.get("/api/", headers={"Host": "evil.example.com"}).status_code == 400


def test_serve_refuses_to_start_without_a_secret_key(test_settings):
    result = _run(["serve", "--port", "1"], test_settings, MAPAPP_SECRET_KEY="")
    assert result.returncode == 1
    assert "MAPAPP_SECRET_KEY" in result.stderr and "Traceback" not in result.stderr


def test_moderation_needs_a_moderator(app, accounts):
    client = app.test_client()
    response = client.get("/moderation")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    sign_in(client, *accounts("moderator"))
    assert client.get("/moderation").status_code == 200


def test_a_wrong_password_is_a_401_page_and_no_session(app, accounts):
    email, _ = accounts("moderator")
    client = app.test_client()
    from tests.helpers import csrf_token

    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": email, "password": "nope" * 4,
                                           "csrf_token": token})  # fmt: skip
    assert response.status_code == 401
    assert client.get("/moderation").status_code == 302
    no_token = client.post("/login", data={"email": email, "password": "x"})
    assert no_token.status_code == 400
