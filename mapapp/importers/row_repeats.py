"""What is said of a list's rows that repeat an earlier row in every mapped cell, where
the file gives no record id. Mass graves list unknown soldiers one to a row
("Неизвестный", rank, grave) and namesakes: such rows may well be different men, and only
a person can say so. Where an unmapped column numbers the rows apart (№ п/п), the message
names it and the map that reads it as the record id; it is never taken so unasked."""

from __future__ import annotations

import json

# How a list's number column is named where the file has none.
NUMBER_HEADER = "№ п/п"
UNLIKE = "if they are different persons (unknown soldiers, namesakes), "


def repeat_reason(
    row: int,
    rows: list[int],
    as_read: dict[int, dict],
    numbering: list[str],
    id_column: str | None,
    skip_invalid: bool,
) -> str:
    """The reason row ``row`` (of ``rows``, alike in every mapped cell; the first is
    kept) is refused. ``as_read``: the rows as read, by number; ``numbering``: the file's
    unmapped columns that number its rows; ``id_column``: the record id's column, where
    one is mapped (empty in these rows)."""
    first = rows[0]
    said = f"duplicate of row {first} (same record): its mapped cells are row {first}'s"
    if id_column is not None:
        return f"{said}, and neither has a record id; {UNLIKE}give each its id in {id_column!r}"
    said += ", and the file gives no record id"
    column = _numbering_apart(rows, as_read, numbering)
    if column is None:
        if numbered_alike := next((c for c in numbering if _cell(as_read, row, c)), None):
            return (
                f"{said}; column {numbered_alike!r} gives it row {first}'s number too: a row "
                "written twice? Delete one"
            )
        mapping = json.dumps({NUMBER_HEADER: "record_id"}, ensure_ascii=False)
        return (
            f"{said}; {UNLIKE}add a column numbering the rows ({NUMBER_HEADER}) and import "
            f"with --map FILE, FILE holding {mapping}" + _only_rejects(skip_invalid)
        )
    mapping = json.dumps({column: "record_id"}, ensure_ascii=False)
    numbers = f"{_cell(as_read, row, column)} here, {_cell(as_read, first, column)} in row {first}"
    return (
        f"{said}; {UNLIKE}import with --map FILE, FILE holding {mapping}: column {column!r} "
        f"({numbers}) is then each record's id, so a later copy of the list must keep its "
        "numbers" + _only_rejects(skip_invalid)
    )


def _only_rejects(skip_invalid: bool) -> str:
    # The other rows are stored now without ids: the whole file again would add them twice.
    if not skip_invalid:
        return ""
    return "; the other rows are stored now: import the rejects file so, not this file again"


def _numbering_apart(rows: list[int], as_read: dict[int, dict], numbering: list[str]):
    """The first numbering column whose cells in ``rows`` all hold distinct numbers."""
    for column in numbering:
        cells = [_cell(as_read, r, column) for r in rows]
        if all(cells) and len(set(cells)) == len(cells):
            return column
    return None


def _cell(as_read: dict[int, dict], row: int, column: str) -> str:
    value = as_read.get(row, {}).get(column)
    return value.strip() if isinstance(value, str) else ""
