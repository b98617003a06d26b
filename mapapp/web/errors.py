"""Errors: JSON under /api and /ogc, a page elsewhere; never a stack trace."""

from __future__ import annotations

from flask import make_response, render_template, request
from werkzeug.exceptions import HTTPException

from mapapp.errors import MapappError
from mapapp.http.caching import LANGUAGE_VARY
from mapapp.http.error_text import generic, internal_error_for_api, localized, wants_json
from mapapp.http.json_errors import domain_error_response, error_response, http_error_response
from mapapp.web import blueprint


def _page_message(exc: HTTPException) -> str:
    if exc.description and exc.description != type(exc).description:
        return exc.description  # the view's own, already translated
    return generic(exc.code or 500)


def _wants_json() -> bool:
    return wants_json(request.path)


@blueprint.app_errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    if _wants_json():
        return http_error_response(exc)
    return _page(exc.code or 500, _page_message(exc))


@blueprint.app_errorhandler(MapappError)
def _domain_error(exc: MapappError):
    """Bad input that no view caught itself (e.g. a parameter too long for any view)."""
    if _wants_json():
        return domain_error_response(exc)
    return _page(exc.status, localized(exc))


@blueprint.app_errorhandler(Exception)
def _unexpected(exc: Exception):
    # Logged with its traceback by Flask; the visitor sees a plain message.
    from flask import current_app

    current_app.logger.exception("unhandled error", exc_info=exc)
    if _wants_json():
        return error_response(internal_error_for_api(), 500)
    return _page(500, generic(500))


def _page(status: int, message: str):
    """The error page, in the reader's language (so it varies with it)."""
    response = make_response(render_template("error.html", code=status, message=message), status)
    response.vary.update(LANGUAGE_VARY)
    return response
