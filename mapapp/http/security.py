"""The security of the whole surface, wired in one place: signed session cookies, CSRF
tokens, sign-in, rate limits, a Content-Security-Policy with per-request nonces, and the
trusted hosts and proxies links are built from."""

from __future__ import annotations

import secrets
from functools import partial
from urllib.parse import urlsplit

from flask import Flask, g
from flask_babel import gettext
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from mapapp.http.error_text import answer_language
from mapapp.settings import Settings

# Views limited by rate, wrapped per application (each app has its own Limiter).
LIMITED_VIEWS = {
    "api.submit_contribution": "contribution_rate_limit",
    "web.submit_contribution": "contribution_rate_limit",
}
LOGIN_VIEW = "web.login"
# Anonymous JSON submissions carry no session to protect: any client may send them.
# The JSON moderators' actions check the token themselves, after the session
# (mapapp.http.auth.require_for_change).
CSRF_EXEMPT = ("api.submit_contribution", "api.decide_contribution", "api.restore")


def init_app(app: Flask, settings: Settings) -> None:
    """Call after the blueprints are registered."""
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.https,
        PREFERRED_URL_SCHEME="https" if settings.https else "http",
        MAX_CONTENT_LENGTH=settings.max_photo_bytes + 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,  # valid as long as the session
        WTF_CSRF_SSL_STRICT=settings.https,
    )
    if settings.trusted_hosts:
        app.config["TRUSTED_HOSTS"] = list(settings.trusted_hosts)
    if settings.proxy_count:
        n = settings.proxy_count
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)
    csrf = CSRFProtect(app)  # also app.extensions["csrf"]
    for endpoint in CSRF_EXEMPT:
        csrf.exempt(app.view_functions[endpoint])
    _init_login(app)
    _init_limits(app, settings)
    app.before_request(_new_nonce)
    app.after_request(_content_security_policy(settings))
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.jinja_env.filters["nonced"] = nonced


def _init_login(app: Flask) -> None:
    from mapapp.http import auth

    manager = LoginManager(app)
    manager.user_loader(auth.load_user)
    manager.unauthorized_handler(auth.unauthorized)


def _init_limits(app: Flask, settings: Settings) -> None:
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=settings.limiter_storage_url,
        headers_enabled=True,
        default_limits=[],
    )
    for endpoint, setting in LIMITED_VIEWS.items():
        limit = getattr(settings, setting)
        app.view_functions[endpoint] = limiter.limit(
            limit,
            methods=["POST"],
            error_message=partial(_too_many, limit),
        )(app.view_functions[endpoint])
    # Only failed sign-ins count: a moderator who signs in is never locked out by it.
    app.view_functions[LOGIN_VIEW] = limiter.limit(
        settings.login_rate_limit,
        methods=["POST"],
        deduct_when=lambda response: response.status_code != 302,
    )(app.view_functions[LOGIN_VIEW])


def _too_many(limit: str) -> str:
    """The 429 message, in the language of the page or of the JSON client."""
    with answer_language():
        return gettext(
            "too many submissions from this address (at most %(limit)s); "
            "try again after the seconds in %(header)s",
            limit=limit,
            header="Retry-After",
        )


def _new_nonce() -> None:
    g.csp_nonce = secrets.token_urlsafe(18)


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        _new_nonce()
    return g.csp_nonce


def nonced(markup):
    """Our own map markup (folium's) with this request's nonce on each script tag. Only
    for markup the application built: no text from data is in it (maps.render)."""
    from markupsafe import Markup

    return Markup(str(markup).replace("<script", f'<script nonce="{csp_nonce()}"'))  # noqa: S704


def _tile_origin(tiles_url: str) -> str:
    parts = urlsplit(tiles_url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _content_security_policy(settings: Settings):
    tiles = _tile_origin(settings.tiles_url)

    def add_header(response):
        if response.mimetype != "text/html":
            return response
        policy = (
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{csp_nonce()}'; "
            # Leaflet and the templates set style attributes; styles cannot run code.
            "style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob: {tiles}; "
            # The offline pack fetches the tiles it keeps (mapapp/web/static/js/offline.js).
            f"connect-src 'self' {tiles}; font-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'self'; frame-ancestors 'self'"
        )
        response.headers["Content-Security-Policy"] = policy
        return response

    return add_header
