"""mapapp: WWII burial sites and battle locations in Belarus, and the people buried there."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mapapp.settings import Settings

if TYPE_CHECKING:  # the core imports this package too, and must not load Flask
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(settings: Settings | None = None) -> Flask:
    """Build the application: the one place that wires settings, extensions and blueprints."""
    from flask import Flask

    from mapapp import api, db, i18n, web
    from mapapp.http import context, security
    from mapapp.web import static_assets
    from mapapp.web.converters import IdConverter

    settings = settings or Settings()
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(Path(__file__).resolve().parent / "web" / "static"),
        static_url_path="/static",
    )
    app.config["SECRET_KEY"] = settings.flask_secret_key()
    app.json.ensure_ascii = False
    app.url_map.converters["id"] = IdConverter

    context.init_app(app, settings, db.make_engine(settings.database_url))
    i18n.init_app(app, settings)
    static_assets.init_app(app)
    app.register_blueprint(api.blueprint, url_prefix="/api")
    app.register_blueprint(web.blueprint)
    security.init_app(app, settings)
    app.before_request(_check_parameter_sizes)
    app.after_request(_security_headers)
    return app


def _security_headers(response):
    """Headers every answer carries: no MIME sniffing, no framing by other sites, and
    only the origin as referrer when following a link out (e.g. to a directions app)."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    return response


def _check_parameter_sizes():
    from flask import request

    from mapapp.http.params import check_parameter_sizes

    check_parameter_sizes(request.args)
