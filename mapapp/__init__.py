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
    from flask_compress import Compress

    from mapapp import api, db, i18n, ogc, openapi, web
    from mapapp.http import answer_cache, caching, context, database_errors, security
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

    engine = db.make_engine(settings.database_url, settings.statement_timeout_ms)
    context.init_app(app, settings, engine)
    i18n.init_app(app, settings)
    # Around compression: kept answers are stored after it (compressed), and served after
    # the 304 check of caching (hooks run in this order before, in reverse after).
    answer_cache.keep_sent(app, settings.answer_cache_mb * 1024 * 1024)
    _compression(app, Compress)
    caching.init_app(app, caching.build_token(ROOT / "templates", ROOT / "mapapp"))
    answer_cache.serve_kept(app)
    database_errors.init_app(app)
    static_assets.init_app(app)
    app.register_blueprint(api.blueprint, url_prefix="/api")
    app.register_blueprint(web.blueprint)
    app.register_blueprint(ogc.blueprint, url_prefix="/ogc")
    app.register_blueprint(openapi.blueprint)
    security.init_app(app, settings)
    app.before_request(_check_parameter_sizes)
    app.after_request(_security_headers)
    return app


def _compression(app: Flask, compress) -> None:
    """gzip/brotli/zstd for text answers, GeoJSON and CSV included (Flask-Compress)."""
    app.config["COMPRESS_MIMETYPES"] = [
        "text/html",
        "text/css",
        "text/plain",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/geo+json",
        "text/csv",
        "image/svg+xml",
    ]
    # The fastest levels: a 400 KB GeoJSON still shrinks about eightfold, and each answer
    # is compressed per request, so CPU time is what a crowd makes scarce.
    app.config["COMPRESS_LEVEL"] = 1
    app.config["COMPRESS_BR_LEVEL"] = 1
    app.config["COMPRESS_ZSTD_LEVEL"] = 1
    compress().init_app(app)


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
