"""HTML pages blueprint: thin handlers over mapapp.queries, rendered with templates/."""

from flask import Blueprint

blueprint = Blueprint("web", __name__)

from mapapp.web import (  # noqa: E402,F401  (registers routes)
    account_pages,
    contribution_pages,
    dossier_pages,
    errors,
    honour_pages,
    offline_pages,
    pages,
    search_pages,
    template_helpers,
    trip_pages,
)
