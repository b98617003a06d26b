"""A database that is down, restarting or too slow is a 503 with Retry-After and a plain
message, as JSON under /api and /ogc and as a page elsewhere; never a 500."""

from __future__ import annotations

import psycopg
from flask import Flask, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError, PendingRollbackError

from mapapp.http.error_text import answer_language, wants_json
from mapapp.http.json_errors import error_response

# SQLSTATE 57014: the statement ran longer than statement_timeout.
QUERY_CANCELED = "57014"


def init_app(app: Flask) -> None:
    # A restart shows up as several errors depending on where it strikes: a refused or
    # dropped connection, a statement cut off by an administrator's shutdown, a session
    # left unusable by a connection lost mid-transaction, or psycopg's own error on a raw
    # connection (the streamed CSV). Each is a 503; any other database error stays a 500.
    app.register_error_handler(DBAPIError, _database_error)
    app.register_error_handler(PendingRollbackError, _unavailable)
    app.register_error_handler(psycopg.OperationalError, _unavailable)


def _database_error(exc: DBAPIError):
    unavailable = exc.connection_invalidated or isinstance(
        exc.orig, psycopg.OperationalError | psycopg.InterfaceError
    )
    if not unavailable:
        raise exc  # a real bug: Flask answers it as an internal error, logged
    return _unavailable(exc)


def _timed_out(exc: Exception) -> bool:
    original = getattr(exc, "orig", exc)
    return getattr(original, "sqlstate", None) == QUERY_CANCELED


def _message(exc: Exception) -> str:
    if _timed_out(exc):
        return _("The database took too long to answer. Please try again in a moment.")
    return _(
        "The database is not available at the moment (it may be restarting). "
        "Please try again in a few seconds."
    )


def _unavailable(exc: Exception):
    from mapapp.http.context import current_settings

    retry_after = str(current_settings().retry_after_seconds)
    with answer_language():  # as the other errors
        message = _message(exc)
    if wants_json(request.path):
        response, status = error_response(message, 503)
    else:
        response, status = render_template("error.html", code=503, message=message), 503
    return response, status, {"Retry-After": retry_after, "Cache-Control": "no-store"}
