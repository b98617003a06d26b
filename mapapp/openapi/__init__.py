"""The API description: /openapi.json (generated, see document.py) and a browsable page
at /api/docs (Swagger UI, served from the swagger-ui-bundle package: no CDN)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, jsonify, render_template, send_from_directory

from mapapp.http.context import current_settings

blueprint = Blueprint("openapi", __name__)
OPENAPI_JSON = "application/vnd.oai.openapi+json;version=3.0"


def _swagger_ui_dir() -> Path:
    import swagger_ui_bundle

    return Path(swagger_ui_bundle.swagger_ui_path)


@blueprint.get("/openapi.json")
def document():
    from mapapp.openapi.document import build

    cache = current_app.extensions.setdefault("mapapp.openapi", {})
    if "document" not in cache:  # the URL map and settings do not change once serving
        cache["document"] = build(current_app, current_settings())
    response = jsonify(cache["document"])
    response.content_type = OPENAPI_JSON
    return response


@blueprint.get("/api/docs")
def docs():
    return render_template("api_docs.html")


@blueprint.get("/api/docs/assets/<path:filename>")
def docs_asset(filename: str):
    return send_from_directory(_swagger_ui_dir(), filename, max_age=86400)
