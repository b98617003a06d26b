"""Every API error is JSON with a message; no request with bad input yields a 500 page."""

from __future__ import annotations

from werkzeug.exceptions import HTTPException

from mapapp.api import blueprint
from mapapp.errors import MapappError
from mapapp.http.json_errors import domain_error_response, http_error_response


@blueprint.errorhandler(MapappError)
def _domain_error(exc: MapappError):
    return domain_error_response(exc)


@blueprint.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return http_error_response(exc)
