"""Errors: JSON under /api and /ogc, a page elsewhere; never a stack trace."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from mapapp.errors import MapappError
from mapapp.http.json_errors import error_response, wants_json
from mapapp.web import blueprint

# What a page says for an error that came without a message of its own (Werkzeug's
# descriptions are English only): in the reader's language.
GENERIC_MESSAGES = {
    400: _l("The request could not be understood: one of its parameters is wrong."),
    404: _l("There is no such page. Check the address, or go back to the map."),
    405: _l("This address cannot be used this way."),
    500: _l("Something went wrong on the server. Please try again later."),
}
OTHER_ERROR = _l("The request could not be completed.")


def _page_message(exc: HTTPException) -> str:
    if exc.description and exc.description != type(exc).description:
        return exc.description  # the view's own, already translated
    return str(GENERIC_MESSAGES.get(exc.code or 500, OTHER_ERROR))


def _wants_json() -> bool:
    return wants_json(request.path)


@blueprint.app_errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    if _wants_json():
        return error_response(exc.description or exc.name, exc.code or 500)
    return render_template("error.html", code=exc.code, message=_page_message(exc)), exc.code


@blueprint.app_errorhandler(MapappError)
def _domain_error(exc: MapappError):
    """Bad input that no view caught itself (e.g. a parameter too long for any view)."""
    if _wants_json():
        return error_response(exc.message, exc.status, exc.parameter)
    return render_template("error.html", code=exc.status, message=exc.message), exc.status


@blueprint.app_errorhandler(Exception)
def _unexpected(exc: Exception):
    # Logged with its traceback by Flask; the visitor sees a plain message.
    from flask import current_app

    current_app.logger.exception("unhandled error", exc_info=exc)
    if _wants_json():
        return error_response("internal error", 500)
    return (
        render_template("error.html", code=500, message=str(GENERIC_MESSAGES[500])),
        500,
    )
