"""Errors: JSON under /api and /ogc, a page elsewhere; never a stack trace."""

from __future__ import annotations

from flask import render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from mapapp.errors import MapappError
from mapapp.http.json_errors import error_response
from mapapp.web import blueprint


def _wants_json() -> bool:
    return request.path.startswith(("/api/", "/ogc/")) or request.path in ("/api", "/ogc")


@blueprint.app_errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    if _wants_json():
        return error_response(exc.description or exc.name, exc.code or 500)
    return render_template("error.html", code=exc.code, message=exc.description), exc.code


@blueprint.app_errorhandler(MapappError)
def _domain_error(exc: MapappError):
    """Bad input that no view caught itself (e.g. a parameter too long for any view)."""
    if _wants_json():
        return error_response(exc.message, exc.status, exc.parameter)
    return render_template("error.html", code=exc.status, message=exc.message), exc.status


@blueprint.app_errorhandler(Exception)
def _unexpected(exc: Exception):
    # Logged with its traceback by Flask; the visitor sees a plain message.
    from flask import current_app

    current_app.logger.exception("unhandled error", exc_info=exc)
    if _wants_json():
        return error_response("internal error", 500)
    return (
        render_template("error.html", code=500, message=InternalServerError.description),
        500,
    )
