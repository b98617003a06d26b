"""Rows of a table that are header lines, not records: the header of a second file pasted
below the first, or the lower line of a header written on two rows (merged cells above
it). Each such row is refused with its number and the reason, never stored as a person or
a place with the column names for its name.

A row is a header line when every cell that holds something names a column: the file's
own column of that cell, or any column the importer knows by name (columns.FIELDS); and
at least two cells do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from mapapp.importers.columns import FIELDS, fold_header
from mapapp.importers.errors import Problem

KNOWN_HEADERS = frozenset(
    fold_header(name) for fields in FIELDS.values() for names in fields.values() for name in names
)
# A cell longer than any header name is data.
LONGEST_HEADER = 80


@lru_cache(maxsize=65_536)  # names repeat down a register: each is folded once
def _folded(value: str) -> str:
    return fold_header(value)


def header_cells(row: dict, own: dict[str, str]) -> list[str] | None:
    """The cells of ``row`` that name columns, when it is a header line; else None.
    ``own``: each column's own name, folded."""
    named = []
    for column, value in row.items():
        if value.__class__ is not str or not value or value.isspace():
            if value not in (None, "") and value.__class__ is not str:
                return None
            continue
        # Most rows begin with a record number or a date: no folding needed for them.
        if value[:1].isdigit() or len(value) > LONGEST_HEADER:
            return None
        folded = _folded(value)
        if not folded or (folded != own.get(column) and folded not in KNOWN_HEADERS):
            return None
        named.append(value.strip())
    return named if len(named) >= 2 else None


def refuse_header_rows(
    rows: Iterable[tuple[int, dict]], columns: list[str], problems: list[Problem]
) -> Iterator[tuple[int, dict]]:
    """``rows`` without the header lines among them, each told in ``problems``."""
    own = {column: fold_header(column) for column in columns}
    first = True
    for number, row in rows:
        named = header_cells(row, own)
        if named is None:
            first = False
            yield number, row
            continue
        shown = ", ".join(named[:5]) + (", …" if len(named) > 5 else "")
        reason = (
            f"is a second header line ({shown}): the header must be one row; merge the "
            "two header rows into one (with a name over every column) and import again"
            if first
            else f"repeats the header ({shown}): two files pasted into one? Delete this "
            "line and import again"
        )
        problems.append(Problem(number, None, reason))
