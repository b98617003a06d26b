"""Whole names written in the surname column ("Жақсылықов Ерболат Қасым ұлы"): stored
as written they are surnames with no given name, found by no search for the given name.
Such a column may be a list's own way, so the import goes on, and says so once."""

from __future__ import annotations

import json

from mapapp.importers.errors import Problem
from mapapp.importers.name_cells import reads_as_whole_name
from mapapp.importers.records import RowContext

ROWS_SHOWN = 10


class WholeNamesInSurnames:
    """The rows whose surname cell reads as a whole name, counted chunk by chunk."""

    def __init__(self, ctx: RowContext):
        surname = [c for c, f in ctx.field_of.items() if f == "surname"]
        self.column = surname[0] if surname else None
        self.full_name_read = "full_name" in ctx.field_of.values()
        self.count = 0
        self.rows: list[int] = []
        self.first_value: str | None = None

    def add(self, chunk: list[tuple[int, dict]]) -> None:
        if self.column is None:
            return
        cells = [raw.get(self.column) for _, raw in chunk]
        # Each distinct cell judged once; plain text only: a refused cell (a formula ...)
        # is reported as such.
        whole = {v for v in set(cells) if v.__class__ is str and reads_as_whole_name(v.strip())}
        if not whole:
            return
        for (row, _), value in zip(chunk, cells, strict=True):
            if value.__class__ is not str or value not in whole:
                continue
            self.count += 1
            if len(self.rows) < ROWS_SHOWN:
                self.rows.append(row)
                self.first_value = self.first_value or value.strip()

    def warning(self) -> Problem | None:
        if not self.count:
            return None
        rows = ", ".join(map(str, self.rows)) + (" …" if self.count > len(self.rows) else "")
        cells = "surname cell holds" if self.count == 1 else "surname cells hold"
        if self.full_name_read:
            remedy = "write the surname alone in the surname column"
        else:
            mapping = json.dumps({self.column: "full_name"}, ensure_ascii=False)
            remedy = (
                "if the column holds whole names, import it as the full name (--map FILE "
                f"with {mapping}): it is then split into surname, given name and patronymic"
            )
        return Problem(
            self.rows[0],
            self.column,
            f"{self.count:,} {cells} three or more words (rows {rows}): whole names in the "
            f"surname column? Stored as written, each whole as the surname; {remedy}",
            self.first_value,
        )
