"""The one JSON shape of an error, for the API and for /api paths the pages handle.

``message`` is for people (in the client's language); ``status``, ``code`` and
``parameter`` are for programs and never translated."""

from __future__ import annotations

import re

from flask import jsonify
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from mapapp.errors import MapappError
from mapapp.http.caching import LANGUAGE_VARY
from mapapp.http.error_text import http_error_for_api, localized_for_api


def error_response(message: str, status: int, parameter: str | None = None, code: str = ""):
    body = {"error": {"status": status, "code": code or _code_of_status(status)}}
    body["error"]["message"] = message
    if parameter:
        body["error"]["parameter"] = parameter
    response = jsonify(body)
    response.vary.update(LANGUAGE_VARY)
    return response, status


def domain_error_response(exc: MapappError):
    """A domain error as JSON, its message in the client's language."""
    return error_response(localized_for_api(exc), exc.status, exc.parameter, exc.code)


def http_error_response(exc: HTTPException):
    return error_response(http_error_for_api(exc), exc.code or 500)


def _code_of_status(status: int) -> str:
    """``not_found`` for 404, ``method_not_allowed`` for 405 ...: the status's own name."""
    return re.sub(r"[^a-z]+", "_", HTTP_STATUS_CODES.get(status, "error").lower()).strip("_")
