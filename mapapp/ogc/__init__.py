"""OGC API Features blueprint (/ogc): thin views over mapapp.features, JSON (GeoJSON for
items) or HTML by ``f`` or the Accept header. Each view's docstring carries its OpenAPI
operation (YAML after ``---``), which mapapp.openapi collects into /openapi.json."""

from flask import Blueprint

blueprint = Blueprint("ogc", __name__)

from mapapp.ogc import errors, routes  # noqa: E402,F401  (registers handlers)
