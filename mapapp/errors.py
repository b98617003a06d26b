"""Domain errors: plain exceptions the core raises and the HTTP layers translate.

The core (queries, importers, trips, text) never knows about HTTP; ``api/`` turns these
into JSON answers and ``web/`` into pages, each with the status the class names.

A message is an English message id marked with ``N_()`` (so that ``pybabel extract -k N_``
finds it) plus named values for its ``%(name)s`` placeholders, e.g.
``InvalidInput(N_("%(name)s must be 0 or 1"), parameter=name, name=name)``. The core keeps
the English text in ``message``; the HTTP layer translates ``msgid`` into the reader's
language when it answers, filling in the same values.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated later, where the language is known."""
    return message


class MarkedMessage(Exception):
    """An exception whose text is a marked message id and its values; ``message`` is the
    English text, the HTTP layer translates ``msgid`` when it answers."""

    def __init__(self, msgid: str, **values: object):
        self.msgid = msgid
        self.values = values
        self.message = msgid % values if values else msgid
        super().__init__(self.message)


class MapappError(MarkedMessage):
    """A request the application understood but cannot answer as asked."""

    status = 400
    code = "bad_request"  # stable and untranslated, for API clients

    def __init__(self, msgid: str, parameter: str | None = None, **values: object):
        super().__init__(msgid, **values)
        self.parameter = parameter


class InvalidInput(MapappError):
    """A parameter or value is malformed or out of range; ``parameter`` names it."""

    status = 400
    code = "invalid_input"


def not_between(name: str, low, high) -> InvalidInput:
    """The error for a value of ``name`` outside ``low``..``high``."""
    return InvalidInput(
        N_("%(name)s must be between %(low)s and %(high)s"),
        parameter=name,
        name=name,
        low=low,
        high=high,
    )


def not_one_of(name: str, choices) -> InvalidInput:
    """The error for a value of ``name`` that is none of ``choices``."""
    return InvalidInput(
        N_("%(name)s must be one of %(choices)s"),
        parameter=name,
        name=name,
        choices=", ".join(choices),
    )


class NotFound(MapappError):
    """The record asked for does not exist."""

    status = 404
    code = "not_found"


class Unauthorized(MapappError):
    """The request needs a signed-in moderator or administrator."""

    status = 401
    code = "unauthorized"


class Forbidden(MapappError):
    """The signed-in user's role does not allow this."""

    status = 403
    code = "forbidden"


class Conflict(MapappError):
    """The record is no longer in a state where this can be done (e.g. decided already)."""

    status = 409
    code = "conflict"


class TooLarge(MapappError):
    """A body or an uploaded file is over its limit."""

    status = 413
    code = "too_large"
