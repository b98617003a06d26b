"""URL converters."""

from werkzeug.routing import IntegerConverter


class IdConverter(IntegerConverter):
    """A database id: 1 .. 2**31-1, so an oversized number is a 404, not a database error."""

    def __init__(self, map, **kwargs):
        super().__init__(map, min=1, max=2**31 - 1)
