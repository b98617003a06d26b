"""Every API error is JSON with a message; no request with bad input yields a 500 page."""

from __future__ import annotations

from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from mapapp.api import blueprint
from mapapp.errors import N_, InvalidInput, MapappError
from mapapp.http.json_errors import domain_error_response, http_error_response

CSRF_HEADER = "X-CSRFToken"


@blueprint.errorhandler(MapappError)
def _domain_error(exc: MapappError):
    return domain_error_response(exc)


@blueprint.errorhandler(CSRFError)
def _csrf_error(exc: CSRFError):
    if "missing" in (exc.description or ""):
        error = InvalidInput(
            N_("the %(header)s header is missing: send your session's CSRF token"),
            CSRF_HEADER,
            header=CSRF_HEADER,
        )
    else:
        error = InvalidInput(
            N_("the %(header)s header does not carry your session's valid CSRF token"),
            CSRF_HEADER,
            header=CSRF_HEADER,
        )
    return domain_error_response(error)


@blueprint.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return http_error_response(exc)
