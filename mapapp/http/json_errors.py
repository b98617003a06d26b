"""The one JSON shape of an error, for the API and for /api paths the pages handle."""

from __future__ import annotations

from flask import jsonify


def error_response(message: str, status: int, parameter: str | None = None):
    body = {"error": {"status": status, "message": message}}
    if parameter:
        body["error"]["parameter"] = parameter
    return jsonify(body), status


def wants_json(path: str) -> bool:
    """Whether errors on this path are JSON: the API and OGC API Features."""
    return path.startswith(("/api/", "/ogc/")) or path in ("/api", "/ogc")
