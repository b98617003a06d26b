"""Errors under /ogc are JSON in the API's one shape, with the parameter named."""

from __future__ import annotations

from werkzeug.exceptions import HTTPException

from mapapp.errors import MapappError
from mapapp.http.json_errors import error_response
from mapapp.ogc import blueprint


@blueprint.errorhandler(MapappError)
def _domain_error(exc: MapappError):
    return error_response(exc.message, exc.status, exc.parameter)


@blueprint.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return error_response(exc.description or exc.name, exc.code or 500)
