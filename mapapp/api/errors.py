"""Every API error is JSON with a message; no request with bad input yields a 500 page."""

from __future__ import annotations

from flask import jsonify
from werkzeug.exceptions import HTTPException

from mapapp.api import blueprint


class ApiError(Exception):
    def __init__(self, message: str, status: int = 400, parameter: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.parameter = parameter


def error_response(message: str, status: int, parameter: str | None = None):
    body = {"error": {"status": status, "message": message}}
    if parameter:
        body["error"]["parameter"] = parameter
    return jsonify(body), status


@blueprint.errorhandler(ApiError)
def _api_error(exc: ApiError):
    return error_response(exc.message, exc.status, exc.parameter)


@blueprint.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return error_response(exc.description or exc.name, exc.code or 500)
