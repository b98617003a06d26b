"""HTTP caching of the answers that depend only on the data, the URL and the language.

A view marked ``@cacheable`` gets a strong ETag made of the data version (raised by the
database in the same transaction as every change), the application's build, the URL and
the language; ``Cache-Control``; ``Vary`` when the language (cookie or Accept-Language)
changes the answer. A request whose ``If-None-Match`` names the current tag is answered
304 before the view runs, at the cost of one one-row query.

The version is read before the data: a change committed in between makes the tag older
than the answer, which only costs the client one more full answer later, never a stale
one kept under a new tag.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import Flask, Response, current_app, g, request
from flask_babel import get_locale

from mapapp.http.context import current_settings, get_session
from mapapp.queries.data_version import current_data_version

LANGUAGE_VARY = ("Accept-Language", "Cookie")
_MARK = "mapapp_cache_vary"
_KEEP = "mapapp_cache_keep"


def cacheable(vary: tuple[str, ...] = (), keep: bool = False) -> Callable:
    """Mark a view whose answer is a function of the data, its URL and the language.
    With ``keep``, its finished answers are also kept in memory (http/answer_cache.py):
    only for answers that hold nothing per request (pages carry CSP nonces)."""

    def mark(view: Callable) -> Callable:
        setattr(view, _MARK, vary)
        setattr(view, _KEEP, keep)
        return view

    return mark


def view_answer_is_kept() -> bool:
    """Whether this request's view asked for its answers to be kept (``cacheable(keep=)``)."""
    if _vary_of_view() is None:
        return False
    return getattr(current_app.view_functions[request.endpoint], _KEEP, False)


def init_app(app: Flask, build: str) -> None:
    app.config["MAPAPP_BUILD"] = build
    app.before_request(_not_modified)
    app.after_request(_tag)


def _vary_of_view() -> tuple[str, ...] | None:
    if request.method not in ("GET", "HEAD") or request.endpoint is None:
        return None
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, _MARK, None)


def _etag(version: int) -> str:
    key = "\n".join(
        (
            str(version),
            current_app.config["MAPAPP_BUILD"],
            request.full_path,
            str(get_locale() or ""),
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _matches(tag: str) -> bool:
    # Compression appends ":gzip", ":br"... to the tag it sends; either form matches.
    sent = request.if_none_match
    if not sent:
        return False
    return any(t == tag or t.startswith(tag + ":") for t in sent.as_set(include_weak=True))


def _cache_headers(response: Response, vary: tuple[str, ...]) -> None:
    response.headers["Cache-Control"] = f"public, max-age={current_settings().cache_max_age}"
    for header in vary:
        response.vary.add(header)


def _not_modified() -> Response | None:
    vary = _vary_of_view()
    if vary is None:
        return None
    g.data_version = current_data_version(get_session())
    g.etag = _etag(g.data_version)
    if not _matches(g.etag):
        return None
    response = Response(status=304)
    response.set_etag(g.etag)
    _cache_headers(response, vary)
    return response


def _tag(response: Response) -> Response:
    vary = _vary_of_view()
    if vary is None or "etag" not in g or response.status_code != 200:
        return response
    response.set_etag(g.etag)
    _cache_headers(response, vary)
    return response


def build_token(*folders) -> str:
    """What identifies this build of the application for ETags: the same in every worker
    process of one installation, different when the code, a template or a file changes."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        parts = [version("mapapp")]
    except PackageNotFoundError:  # pragma: no cover - running from an unpacked tree
        parts = ["0"]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
