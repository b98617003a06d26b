"""Lines above a table's header: the list's title ("Книга памяти Оршанского района"), a
line under it ("по состоянию на 01.01.2024"), blank lines between. Read as the header,
the title would name one column and the header would be read as a record, so the file is
refused, naming the title, the line that looks like the header and what to delete. As
Excel saves a sheet with a title row as CSV, the title comes padded with separators
("Книга памяти …;;;"), and a blank line as separators alone.

The file is never read past its title: which line is the header is for a person to say,
by deleting the lines above it.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from mapapp.importers.errors import ImportFileError
from mapapp.importers.header_rows import KNOWN_HEADERS, _folded

# How far down the header is looked for under a title.
MOST_LINES = 30
# A cell that is a number is data, never a header's name.
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


@dataclass
class TitleLines:
    above: list[tuple[int, str]]  # (line number, its text) of each line above the header
    header_line: int
    header: list[str]  # the header line's cells that hold something
    first_line: int = 1  # the first line looked at (after Excel's "sep=" line)


def _filled(cells: Iterable) -> list[str]:
    return [str(c).strip() for c in cells if c is not None and str(c).strip()]


def _is_header(filled: list[str]) -> bool:
    """A line that may be a header: three or more names, or two the importer knows; no
    cell a number (a record's line begins with its number)."""
    if any(_NUMBER.fullmatch(c) for c in filled):
        return False
    return len(filled) >= 3 or (
        len(filled) == 2 and all(_folded(c) in KNOWN_HEADERS for c in filled)
    )


def title_above_header(lines: Iterable[tuple[int, list]]) -> TitleLines | None:
    """The lines above the header, where the first that holds anything is a title: one
    cell of several words, or of any words above a header naming two columns the
    importer knows, and no column's name itself ("Фамилия имя отчество" over a file of
    one named column is its header). ``lines``: (number, cells) of each line."""
    above: list[tuple[int, list[str]]] = []
    first_line = None
    for number, cells in islice(lines, MOST_LINES):
        first_line = number if first_line is None else first_line
        filled = _filled(cells)
        if len(filled) >= 3 and not _is_header(filled):
            return None  # a record's line under no header
        if _is_header(filled):
            if not above:
                return None  # the first line is the header
            first = above[0][1]
            if len(first) != 1 or _folded(first[0]) in KNOWN_HEADERS:
                return None
            known = sum(1 for c in filled if _folded(c) in KNOWN_HEADERS)
            if len(first[0].split()) < 3 and known < 2:
                return None
            return TitleLines(
                above=[(n, " ".join(c)) for n, c in above],
                header_line=number,
                header=filled,
                first_line=first_line,
            )
        if filled:
            above.append((number, filled))
    return None


def csv_title(sample: str, delimiters: str, lines_before: int = 0) -> TitleLines | None:
    """A title above the header of a CSV file's first lines (``sample``), its cells
    separated by the one of ``delimiters`` that gives its lines one width (a title is one
    line of another). ``lines_before``: lines of the file above the sample (Excel's
    "sep=" line)."""
    delimiter = _table_delimiter(sample, delimiters)
    if delimiter is None:
        return None
    return title_above_header(_csv_lines(sample, delimiter, lines_before))


def _table_delimiter(sample: str, delimiters: str) -> str | None:
    """The delimiter that splits the most of the first lines into cells of one number,
    two or more (Excel pads every line of a sheet to its width, a title's too): a header
    whose names hold commas is read by its semicolons, a title with commas in it is no
    header of a file separated by semicolons."""
    best, chosen = (0, 0), None
    for delimiter in delimiters:
        widths = Counter(
            len(cells)
            for _, cells in islice(_csv_lines(sample, delimiter, 0), MOST_LINES)
            if _filled(cells)
        )
        lines, width = max(((n, w) for w, n in widths.items() if w >= 2), default=(0, 0))
        if (lines, width) > best:
            best, chosen = (lines, width), delimiter
    return chosen


def _csv_lines(sample: str, delimiter: str, lines_before: int):
    """(the number of the line it begins on, its cells) of each line of ``sample``."""
    reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
    ended = lines_before
    try:
        for cells in reader:
            yield ended + 1, cells
            ended = reader.line_num + lines_before
    except csv.Error:
        return


def title_error(
    name: str, title: TitleLines, word: str = "line", more: str = ""
) -> ImportFileError:
    """``word``: "line" of a text file, "row" of a sheet. ``more``: what else is to be
    done to the header."""
    (first_number, first_text), *others = title.above
    shown = ", ".join(title.header[:6]) + (", …" if len(title.header) > 6 else "")
    message = (
        f"{name}: {word} {first_number}, {_short(first_text)!r}, looks like a title, not the header"
    )
    if others:
        message += " (nor " + ", ".join(f"{word} {n}, {_short(t)!r}" for n, t in others) + ")"
    first, last = title.first_line, title.header_line - 1
    deleted = f"{word} {last}" if last == first else f"{word}s {first}–{last}"
    return ImportFileError(
        f"{message}; {word} {title.header_line} looks like the header ({shown}). Delete "
        f"the {word}s above it ({deleted}){more}; then import again. Nothing was imported"
    )


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def second_header_line(cells: list[str], word: str = "row") -> str:
    """Said of a header that names a column twice (columns.check_repeated_headers), when
    the line below it names columns too: a header written on two rows, its upper names
    repeated over the lower ones ("Количество захороненных" over "всего", "известных",
    "неизвестных")."""
    filled = _filled(cells)
    if not _is_header(filled) or sum(1 for c in filled if _folded(c) in KNOWN_HEADERS) < 2:
        return ""
    shown = ", ".join(filled[:6]) + (", …" if len(filled) > 6 else "")
    return (
        f"; the {word} below it names columns too ({shown}): the header is written on two "
        f"{word}s, and must be one, with a name over every column: write each column's own "
        f"name in the first (where the {word} below names the column, that name) and delete "
        "the second"
    )
