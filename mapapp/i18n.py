"""Languages: Flask-Babel with Russian, English, Kazakh and Belarusian; the choice is kept
in a cookie."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, request
from flask_babel import Babel

from mapapp.http.context import current_settings
from mapapp.settings import Settings

LANGUAGE_COOKIE = "lang"
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
# Each language named in itself, in the switcher's order.
LANGUAGE_NAMES = {"ru": "Русский", "en": "English", "kk": "Қазақша", "be": "Беларуская"}

babel = Babel()


def chosen_language() -> str | None:
    """The language the request asks for (``?lang=``, the cookie, then Accept-Language),
    or None when it names none that is offered."""
    settings: Settings = current_settings()
    for candidate in (request.args.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in settings.languages:
            return candidate
    return request.accept_languages.best_match(settings.languages)


def address_language() -> str | None:
    """The language the address names (``?lang=``), when it is offered. It sets no cookie
    (the switcher does), so a form or a redirect passes it on to the next address."""
    candidate = request.args.get("lang")
    return candidate if candidate in current_settings().languages else None


def select_locale() -> str:
    return chosen_language() or current_settings().default_language


def api_language() -> str:
    """The language of the API's messages: the one asked for, else English (the source
    language), so that a client that asks for none reads the messages it always did."""
    return chosen_language() or "en"


def init_app(app: Flask, settings: Settings) -> None:
    app.config["BABEL_DEFAULT_LOCALE"] = settings.default_language
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    babel.init_app(app, locale_selector=select_locale)
