"""Rows of a table that are header lines, not records: the header of a second file pasted
below the first, or the lower line of a header written on two rows (merged cells above
it). Each such row is refused with its number and the reason, never stored as a person or
a place with the column names for its name.

A row is a header line when every cell that holds something names a column, and either
each names its own column (at least two of them), or at least three name columns the
importer knows (columns.FIELDS): a single word such as "партизан" or "неизвестно" can be
data. The lower line of a two-row header, and a header that names other columns than the
file's own, refuse the whole file: the rows read under the first header would be read
under the wrong columns. A header repeated as it is refuses only its own line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from mapapp.importers.columns import FIELDS, REJECTS_COLUMNS, fold_header
from mapapp.importers.errors import ImportFileError, Problem

# Folded (columns.fold_header): a Kazakh header typed without the Kazakh letters ("Теги",
# "Акесинин аты") is known as the Kazakh one is.
KNOWN_HEADERS = frozenset(
    fold_header(name) for fields in FIELDS.values() for names in fields.values() for name in names
)
# A cell longer than any header name is data.
LONGEST_HEADER = 80


@lru_cache(maxsize=65_536)  # names repeat down a register: each is folded once
def _folded(value: str) -> str:
    return fold_header(value)


def header_cells(row: dict, own: dict[str, frozenset[str]]) -> tuple[list[str], bool] | None:
    """(the cells of ``row`` that name columns, whether each names its own), when it is
    a header line; else None. ``own``: each column's own names, folded."""
    named, distinct, all_own = [], set(), True
    for column, value in row.items():
        if value is None or (value.__class__ is str and (not value or value.isspace())):
            continue
        # A number, a record number or a date begins most rows: no folding needed.
        if value.__class__ is not str or value[:1].isdigit() or len(value) > LONGEST_HEADER:
            return None
        folded = _folded(value)
        mine = folded in own.get(column, ())
        if not folded or (not mine and folded not in KNOWN_HEADERS):
            return None
        all_own = all_own and mine
        named.append(value.strip())
        distinct.add(folded)
    if len(distinct) >= 3 or (all_own and len(distinct) >= 2):
        return named, all_own
    return None


# The key of a column whose header the file repeats (readers.RepeatedHeader): "Примечание
# (2)" beside "Примечание", in a file or in the rejects file written of it.
_NUMBERED = re.compile(r"(.+) \((\d+)\)")


def _own_names(column: str, columns: set[str]) -> frozenset[str]:
    """The names a line may give ``column`` to repeat the header: its own, and for a
    repeated header's numbered key, the header as the file wrote it."""
    numbered = _NUMBERED.fullmatch(column)
    if numbered and numbered.group(1) in columns:
        return frozenset({fold_header(column), fold_header(numbered.group(1))})
    return frozenset({fold_header(column)})


def numbers_the_columns(row: dict) -> bool:
    """A line under a printed form's header numbering its columns: 1, 2, 3 … in order,
    at least three of them."""
    cells = [v.strip() for v in row.values() if v.__class__ is str and v.strip()]
    return len(cells) >= 3 and cells == [str(n) for n in range(1, len(cells) + 1)]


def refuse_header_rows(
    rows: Iterable[tuple[int, dict]], columns: list[str], table, name: str
) -> Iterator[tuple[int, dict]]:
    """``rows`` without a header repeated among them (each told in ``table.problems``, its
    cells kept in ``table.refused``); a header of two rows or of other columns refuses
    the file (ImportFileError)."""
    problems: list[Problem] = table.problems
    own = {column: _own_names(column, set(columns)) for column in columns}
    # A rejects file gives each row its number and problems: a header line refused
    # before is a header line still, whatever those cells say.
    added = set(REJECTS_COLUMNS) & set(columns)
    first = True
    for number, row in rows:
        if first and numbers_the_columns(row):
            problems.append(
                Problem(number, None, "numbers the columns (1, 2, 3 …), not a record: delete it")
            )
            table.refused[number] = row
            continue
        found = header_cells(
            {k: v for k, v in row.items() if k not in added} if added else row, own
        )
        if found is None:
            first = False
            yield number, row
            continue
        named, all_own = found
        shown = ", ".join(named[:5]) + (", …" if len(named) > 5 else "")
        if first and not all_own:
            raise ImportFileError(
                f"{name}: row {number} is a second header line ({shown}): the header must be "
                "one row, with a name over every column: write each column's own name in the "
                "header (where this row names the column, that name), delete this row and "
                "import again. Nothing was imported"
            )
        if not all_own:
            raise ImportFileError(
                f"{name}: row {number} is the header of another table ({shown}): the rows "
                "below it may have other columns than the file's header says; import each "
                "table from a file of its own. Nothing was imported"
            )
        problems.append(
            Problem(
                number,
                None,
                f"repeats the header ({shown}): two files pasted into one? Delete this line",
            )
        )
        table.refused[number] = row
