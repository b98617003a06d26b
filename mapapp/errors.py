"""Domain errors: plain exceptions the core raises and the HTTP layers translate.

The core (queries, importers, trips, text) never knows about HTTP; ``api/`` turns these
into JSON answers and ``web/`` into pages, each with the status the class names.
"""

from __future__ import annotations


class MapappError(Exception):
    """A request the application understood but cannot answer as asked."""

    status = 400

    def __init__(self, message: str, parameter: str | None = None):
        super().__init__(message)
        self.message = message
        self.parameter = parameter


class InvalidInput(MapappError):
    """A parameter or value is malformed or out of range; ``parameter`` names it."""

    status = 400


class NotFound(MapappError):
    """The record asked for does not exist."""

    status = 404


class Unauthorized(MapappError):
    """The request needs a signed-in moderator or administrator."""

    status = 401


class Forbidden(MapappError):
    """The signed-in user's role does not allow this."""

    status = 403


class Conflict(MapappError):
    """The record is no longer in a state where this can be done (e.g. decided already)."""

    status = 409


class TooLarge(MapappError):
    """A body or an uploaded file is over its limit."""

    status = 413
