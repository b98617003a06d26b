"""Serve the vendored JS/CSS (Leaflet, Leaflet.markercluster) from the app itself.

The files come from the XStatic packages on PyPI, so no page ever asks a CDN.
"""

from __future__ import annotations

from pathlib import Path

import xstatic.pkg.leaflet as leaflet
import xstatic.pkg.leaflet_markercluster as markercluster
from flask import Blueprint, Flask, url_for

VENDORED = {
    "leaflet": Path(leaflet.BASE_DIR),
    "markercluster": Path(markercluster.BASE_DIR),
}

blueprint = Blueprint("vendor", __name__)


def _register(name: str, directory: Path) -> None:
    # Blueprint static folders are served with Flask's safe send_from_directory.
    bp = Blueprint(f"vendor_{name}", __name__, static_folder=str(directory))
    blueprint.register_blueprint(bp, url_prefix=f"/{name}")


for _name, _dir in VENDORED.items():
    _register(_name, _dir)


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint, url_prefix="/vendor")


def vendor_url(package: str, filename: str) -> str:
    return url_for(f"vendor.vendor_{package}.static", filename=filename)
