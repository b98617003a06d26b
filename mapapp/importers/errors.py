"""What can go wrong in an import, said so that a person can fix the file."""

from __future__ import annotations

from dataclasses import dataclass


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, size, no rows)."""


class ImportConflictError(ImportFileError):
    """The file's records cannot be stored beside what is stored (nothing is written)."""


@dataclass(frozen=True)
class Problem:
    """One problem with one row (row numbers count the header as row 1)."""

    row: int
    column: str | None
    reason: str
    value: str | None = None
    # The reason names the value already (a link's "no burial site named 'д. Ляды'"):
    # the text does not repeat it; the parts (--json) give it all the same.
    value_in_reason: bool = False

    def parts(self) -> dict:
        """Row, column, reason and value, for a script to read."""
        return {"row": self.row, "column": self.column, "reason": self.reason, "value": self.value}

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column!r}" if self.column else "")
        told = self.value is None or self.value_in_reason
        shown = "" if told else f" (value: {_short(self.value)!r})"
        return f"{where}: {self.reason}{shown}"


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[:limit] + "…"
