"""JSON API blueprint: thin handlers over mapapp.queries and mapapp.contributions."""

from flask import Blueprint

blueprint = Blueprint("api", __name__)

from mapapp.api import contributions, errors, routes  # noqa: E402,F401  (registers handlers)
