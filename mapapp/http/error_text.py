"""The text of a domain error in the reader's language, made when the answer is made.

The core raises errors with an English message id (marked ``N_``) and named values; here
the id is looked up in the request's catalogue and the values filled in.
"""

from __future__ import annotations

from contextlib import nullcontext

from flask import current_app, request
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from mapapp.errors import MapappError
from mapapp.i18n import api_language

# What is said of an error that came without a message of its own (Werkzeug's
# descriptions are English only): in the reader's language.
GENERIC_MESSAGES = {
    400: _l("The request could not be understood: one of its parameters is wrong."),
    404: _l("There is no such page. Check the address, or go back to the map."),
    405: _l("This address cannot be used this way."),
    500: _l("Something went wrong on the server. Please try again later."),
}
OTHER_ERROR = _l("The request could not be completed.")


def localized(exc: MapappError) -> str:
    """The message in the language of the page being answered."""
    try:
        return gettext(exc.msgid, **exc.values)
    except (KeyError, ValueError, TypeError):
        # A translation whose placeholders do not fit (check_translations refuses these):
        # the English text rather than a 500.
        current_app.logger.warning("translation of %r does not fit its values", exc.msgid)
        return exc.message


def wants_json(path: str) -> bool:
    """Whether errors on this path are JSON: the API and OGC API Features."""
    return path.startswith(("/api/", "/ogc/")) or path in ("/api", "/ogc")


def answer_language():
    """The language an error answer is written in: the JSON client's for the APIs (English
    when it asked none), the page's elsewhere."""
    if wants_json(request.path):
        return force_locale(api_language())
    return nullcontext()


def localized_for_api(exc: MapappError) -> str:
    """The message in the language a JSON client asked for, English when it asked none."""
    with force_locale(api_language()):
        return localized(exc)


def generic(status: int) -> str:
    """The page's message for an error with no message of its own."""
    return str(GENERIC_MESSAGES.get(status, OTHER_ERROR))


def http_error_for_api(exc: HTTPException) -> str:
    """A Werkzeug error's text for a JSON client: Werkzeug's own English when the client
    asks for English or for no language (as it always was), else the generic message in
    its language; a view's own description is kept."""
    own = exc.description and exc.description != type(exc).description
    language = api_language()
    if own or language == "en":
        return exc.description or exc.name
    with force_locale(language):
        return generic(exc.code or 500)


def internal_error_for_api() -> str:
    language = api_language()
    if language == "en":
        return "internal error"
    with force_locale(language):
        return generic(500)
