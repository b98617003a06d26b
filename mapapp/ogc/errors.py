"""Errors under /ogc are JSON in the API's one shape, with the parameter named."""

from __future__ import annotations

from werkzeug.exceptions import HTTPException

from mapapp.errors import MapappError
from mapapp.http.json_errors import domain_error_response, http_error_response
from mapapp.ogc import blueprint


@blueprint.errorhandler(MapappError)
def _domain_error(exc: MapappError):
    return domain_error_response(exc)


@blueprint.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return http_error_response(exc)
