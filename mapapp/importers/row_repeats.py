"""What is said of a list's rows that repeat an earlier row in every mapped cell, where
the file gives no record id. Mass graves list unknown soldiers one to a row
("Неизвестный", rank, grave) and namesakes: such rows may well be different men, and only
a person can say so. Where an unmapped column numbers the rows apart (№ п/п), the message
names it and the map that reads it as the record id; it is never taken so unasked. Where
it numbers them otherwise, the message says what keeps it from setting them apart (a row
without a number, a number twice); only a row given the kept row's number is asked
whether it was written twice."""

from __future__ import annotations

import json

# How a list's number column is named where the file has none.
NUMBER_HEADER = "№ п/п"
UNLIKE = "if they are different persons (unknown soldiers, namesakes), "


def repeat_reasons(
    rows: list[int],
    as_read: dict[int, dict],
    numbering: list[str],
    id_column: str | None,
    skip_invalid: bool,
) -> list[tuple[int, str]]:
    """Why each row of ``rows`` (alike in every mapped cell) but the first, which is kept,
    is refused: (row, reason). ``as_read``: the rows as read, by number; ``numbering``:
    the file's unmapped columns that number its rows; ``id_column``: the record id's
    column, where one is mapped (empty in these rows). The numbering columns are read
    once for the whole group: a mass grave's list may hold thousands of unknown soldiers."""
    first = rows[0]
    said = f"duplicate of row {first} (same record): its mapped cells are row {first}'s"
    if id_column is not None:
        reason = f"{said}, and neither has a record id; {UNLIKE}give each its id in {id_column!r}"
        return [(row, reason) for row in rows[1:]]
    said += ", and the file gives no record id"
    columns = [_Numbers(column, rows, as_read) for column in numbering]
    apart = next((c for c in columns if c.apart), None)
    if apart is not None:
        mapping = json.dumps({apart.column: "record_id"}, ensure_ascii=False)
        return [
            (
                row,
                f"{said}; {UNLIKE}import with --map FILE, FILE holding {mapping}: column "
                f"{apart.column!r} ({apart.of[row]} here, {apart.of[first]} in row {first}) is "
                "then each record's id, so a later copy of the list must keep its numbers"
                + _only_rejects(skip_invalid),
            )
            for row in rows[1:]
        ]
    return [(row, _not_apart(row, first, said, columns, skip_invalid)) for row in rows[1:]]


def _not_apart(row: int, first: int, said: str, columns: list[_Numbers], skip: bool) -> str:
    """Why ``row`` is refused where no numbering column sets its group apart."""
    twice = next((c for c in columns if c.of[row] and c.of[row] == c.of[first]), None)
    if twice is not None:
        return (
            f"{said}; column {twice.column!r} gives it row {first}'s number too: a row "
            "written twice? Delete one"
        )
    if not columns:
        mapping = json.dumps({NUMBER_HEADER: "record_id"}, ensure_ascii=False)
        return (
            f"{said}; {UNLIKE}add a column numbering the rows ({NUMBER_HEADER}) and import "
            f"with --map FILE, FILE holding {mapping}" + _only_rejects(skip)
        )
    # The column that numbers this row, else the first: what keeps it from setting apart.
    column = next((c for c in columns if c.of[row]), columns[0])
    mapping = json.dumps({column.column: "record_id"}, ensure_ascii=False)
    return (
        f"{said}; column {column.column!r} does not number these rows apart "
        f"({column.fault(row)}): {UNLIKE}give each row its own number in {column.column!r} "
        f"and import with --map FILE, FILE holding {mapping}" + _only_rejects(skip)
    )


class _Numbers:
    """One numbering column's cells in a group of rows, read once."""

    def __init__(self, column: str, rows: list[int], as_read: dict[int, dict]):
        self.column = column
        self.of = {row: _cell(as_read, row, column) for row in rows}
        self.holders: dict[str, list[int]] = {}
        for row, number in self.of.items():
            if number:
                self.holders.setdefault(number, []).append(row)
        self.unnumbered = next((row for row in rows if not self.of[row]), None)
        self.shared = next((rs for rs in self.holders.values() if len(rs) > 1), None)
        # Whether every row holds a number of its own.
        self.apart = self.unnumbered is None and self.shared is None

    def fault(self, row: int) -> str:
        """What keeps the column from numbering the rows apart, as ``row`` sees it."""
        number = self.of[row]
        if not number:
            return "this row has no number"
        others = [r for r in self.holders[number][:2] if r != row]
        if others:
            return f"row {others[0]} has its number, {number}, too"
        if self.unnumbered is not None:
            return f"row {self.unnumbered} has no number"
        one, other, *_ = self.shared
        return f"rows {one} and {other} both have number {self.of[one]}"


def _only_rejects(skip_invalid: bool) -> str:
    # The other rows are stored now without ids: the whole file again would add them twice.
    if not skip_invalid:
        return ""
    return "; the other rows are stored now: import the rejects file so, not this file again"


def _cell(as_read: dict[int, dict], row: int, column: str) -> str:
    value = as_read.get(row, {}).get(column)
    return value.strip() if isinstance(value, str) else ""
