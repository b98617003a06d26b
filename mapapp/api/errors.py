"""Every API error is JSON with a message; no request with bad input yields a 500 page."""

from __future__ import annotations

from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from mapapp.api import blueprint
from mapapp.errors import MapappError
from mapapp.http.json_errors import error_response

CSRF_HEADER = "X-CSRFToken"


@blueprint.errorhandler(MapappError)
def _domain_error(exc: MapappError):
    return error_response(exc.message, exc.status, exc.parameter)


@blueprint.errorhandler(CSRFError)
def _csrf_error(exc: CSRFError):
    return error_response(exc.description, 400, CSRF_HEADER)


@blueprint.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return error_response(exc.description or exc.name, exc.code or 500)
