"""The text of a domain error in the reader's language, made when the answer is made.

The core raises errors with an English message id (marked ``N_``) and named values; here
the id is looked up in the request's catalogue and the values filled in.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale, gettext

from mapapp.errors import MapappError
from mapapp.i18n import api_language


def localized(exc: MapappError) -> str:
    """The message in the language of the page being answered."""
    try:
        return gettext(exc.msgid, **exc.values)
    except (KeyError, ValueError, TypeError):
        # A translation whose placeholders do not fit (check_translations refuses these):
        # the English text rather than a 500.
        current_app.logger.warning("translation of %r does not fit its values", exc.msgid)
        return exc.message


def localized_for_api(exc: MapappError) -> str:
    """The message in the language a JSON client asked for, English when it asked none."""
    with force_locale(api_language()):
        return localized(exc)
