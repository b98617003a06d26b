"""Whole names written in the surname column ("Жақсылықов Ерболат Қасым ұлы"): stored
as written they are surnames with no given name, found by no search for the given name.
Such a column may be a list's own way, so the import goes on, and says so once, of the
rows it stores: a row refused for another reason (a list's signature line, "Список
составил военком Петров") is named with its own problem, not as stored. So are full
names split with a surname that is also a rank ("Майор Иван Петрович", "Капитан
Иванов"): a real surname, or the rank written before the name."""

from __future__ import annotations

import json
from array import array
from collections.abc import Container

from mapapp.importers.errors import Problem
from mapapp.importers.name_cells import reads_as_whole_name, surname_alike_a_rank
from mapapp.importers.records import RowContext

ROWS_SHOWN = 10
# The cells kept to show in the warning: of the first rows, in case some of them are
# refused after the chunk's checks (one record id on two rows).
_VALUES_KEPT = 100


class WholeNamesInSurnames:
    """The rows whose surname cell reads as a whole name, counted chunk by chunk, of the
    rows the chunk's checks pass."""

    def __init__(self, ctx: RowContext):
        surname = [c for c, f in ctx.field_of.items() if f == "surname"]
        self.column = surname[0] if surname else None
        self.full_name_read = "full_name" in ctx.field_of.values()
        self.rows = array("q")  # every such row (8 bytes each: the file is streamed)
        self.values: dict[int, str] = {}

    def add(self, chunk: list[tuple[int, dict]]) -> None:
        """Note the rows of ``chunk`` (the rows a chunk's checks passed)."""
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
            self.rows.append(row)
            if len(self.values) < _VALUES_KEPT:
                self.values[row] = value.strip()

    def warning(self, refused: Container[int], written: bool) -> Problem | None:
        """The warning for the rows not ``refused`` (by the checks of the file as a whole,
        after the chunks'); ``written``: whether the import stores its rows."""
        rows = [row for row in self.rows if row not in refused]
        if not rows:
            return None
        count, shown = len(rows), rows[:ROWS_SHOWN]
        listed = _listed(shown, count)
        cells = "surname cell holds" if count == 1 else "surname cells hold"
        if self.full_name_read:
            remedy = "write the surname alone in the surname column"
        else:
            mapping = json.dumps({self.column: "full_name"}, ensure_ascii=False)
            remedy = (
                "if the column holds whole names, import it as the full name (--map FILE "
                f"with {mapping}): it is then split into surname, given name and patronymic"
            )
        stored = "Stored" if written else "Would be stored"
        return Problem(
            shown[0],
            self.column,
            f"{count:,} {cells} three or more words (rows {listed}): whole names in the "
            f"surname column? {stored} as written, each whole as the surname; {remedy}",
            self.values.get(shown[0]),
        )


class RanksAsSurnames:
    """The rows whose full name is split with a surname that is a rank or a soldier's word
    with a capital ("Майор Иван Петрович", "Капитан Иванов"): such a surname is real, so
    the row is stored as written, and the import says so once, naming the rows and the
    words, as the word may be the rank written before the name."""

    def __init__(self, ctx: RowContext):
        def columns(field: str) -> list[str]:
            return [c for mapping in (ctx.field_of, ctx.fallback_of)
                    for c, f in mapping.items() if f == field]  # fmt: skip

        self.full_names = columns("full_name")
        self.surnames = columns("surname")
        self.column = self.full_names[0] if self.full_names else None
        # The rows of each such word (8 bytes a row, as the file is streamed); the distinct
        # cells are judged chunk by chunk, not kept.
        self.rows_of: dict[str, array] = {}
        self.values: dict[int, str] = {}

    def add(self, chunk: list[tuple[int, dict]]) -> None:
        """Note the rows of ``chunk`` (the rows a chunk's checks passed)."""
        if self.column is None:
            return
        judged: dict[str, str | None] = {}  # each distinct cell of the chunk judged once
        for row, raw in chunk:
            if any(_text(raw.get(c)) for c in self.surnames):
                continue  # the surname is its own column's
            full = next((t for c in self.full_names if (t := _text(raw.get(c)))), None)
            if full is None:
                continue
            if full not in judged:
                judged[full] = surname_alike_a_rank(full)
            if word := judged[full]:
                self.rows_of.setdefault(word, array("q")).append(row)
                if len(self.values) < _VALUES_KEPT:
                    self.values[row] = full

    def warning(self, refused: Container[int], written: bool) -> Problem | None:
        """The warning for the rows not ``refused``; ``written``: whether the import
        stores its rows."""
        kept = {w: [r for r in rows if r not in refused] for w, rows in self.rows_of.items()}
        words = sorted(w for w, rows in kept.items() if rows)
        rows = sorted(r for w in words for r in kept[w])
        if not rows:
            return None
        count, shown = len(rows), rows[:ROWS_SHOWN]
        cells = "full name begins" if count == 1 else "full names begin"
        stored = "Stored" if written else "Would be stored"
        return Problem(
            shown[0],
            self.column,
            f"{count:,} {cells} with a word that is also a rank or a soldier's word "
            f"({', '.join(words)}; rows {_listed(shown, count)}): {stored} as written, with "
            "it as the surname, as a surname may be; where it is the rank, write the name "
            "without it and the rank in the rank column",
            self.values.get(shown[0]),
        )


def _listed(shown: list[int], count: int) -> str:
    """The rows shown, and an ellipsis where there are more."""
    return ", ".join(map(str, shown)) + (" …" if count > len(shown) else "")


def _text(value) -> str | None:
    """A plain text cell, trimmed; None for an empty one and any other (a formula ...)."""
    return (value.strip() or None) if value.__class__ is str else None
