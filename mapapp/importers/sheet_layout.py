"""What a sheet's layout hides from a row-by-row reading: cells merged over rows, and rows
hidden (filtered out, or hidden by hand). A read-only openpyxl sheet reads neither, so
they are found in the sheet's XML, read once in chunks (merged cells come after the
rows)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from mapapp.importers.errors import ImportFileError

SCAN_BYTES = 1 << 20
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\s[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\sr="([0-9]+)"')


@dataclass
class SheetLayout:
    merged: list[str] = field(default_factory=list)  # ranges, "C2:C4"
    hidden_rows: list[int] = field(default_factory=list)


def read_sheet_layout(path: Path, sheet_xml: str) -> SheetLayout:
    merged: list[str] = []
    hidden: set[int] = set()
    with zipfile.ZipFile(path) as archive, archive.open(sheet_xml) as xml:
        tail = b""
        while chunk := xml.read(SCAN_BYTES):
            text = tail + chunk
            # The patterns are looked for only where their words are: most chunks are rows.
            if b"mergeCell" in text:
                merged += [m.decode() for m in _MERGE_CELL.findall(text)]
            if b"hidden=" in text:
                for tag in _HIDDEN_ROW.findall(text):
                    if number := _ROW_NUMBER.search(tag):
                        hidden.add(int(number[1]))
            cut = text.rfind(b"<")  # a tag cut at the chunk's end is read with the next
            tail = text[cut:] if cut >= 0 and b">" not in text[cut:] else b""
    return SheetLayout(merged=list(dict.fromkeys(merged)), hidden_rows=sorted(hidden))


@dataclass
class HeaderRows:
    """A header written on several rows: its cells merged down over the rows below it,
    and the names those rows give under a cell merged across them."""

    first: int
    last: int
    merged_down: list[str]  # "A1:A2 (№ п/п)"
    spans: list[str]  # "'Количество захороненных' (E1:G1) over 'всего', 'известных'"
    lower: list[str]  # the names in its lower rows


def _cell(texts: list[list[str]], row: int, column: int) -> str:
    """The text of a cell of the sheet's first rows (numbered from 1), or ""."""
    cells = texts[row - 1] if row <= len(texts) else []
    return cells[column - 1] if column <= len(cells) else ""


def header_on_rows(layout: SheetLayout, row: int, texts: list[list[str]]) -> HeaderRows | None:
    """The header in ``row`` written on more rows than one, as a printed form's is: cells
    of the header merged down over the row below it ("№ п/п" over rows 1–2), where the
    row below names the columns under a cell merged across them ("всего", "известных",
    "неизвестных" under "Количество захороненных"). ``texts``: the first rows' cells."""
    from openpyxl.utils.cell import range_boundaries

    bounds = [(ref, *range_boundaries(ref)) for ref in layout.merged]
    down = [b for b in bounds if b[2] == row and b[4] > row]
    if not down:
        return None
    last = max(b[4] for b in down)
    merged_down = [
        f"{ref} ({name})" if (name := _cell(texts, row, c1)) else ref
        for ref, c1, _r1, _c2, _r2 in sorted(down, key=lambda b: b[1])
    ]
    spans = []
    for ref, c1, r1, c2, r2 in sorted(bounds, key=lambda b: b[1]):
        if r1 == row and r2 == row and c2 > c1:
            under = [
                _cell(texts, r, c) for r in range(row + 1, last + 1) for c in range(c1, c2 + 1)
            ]
            if under := [u for u in under if u]:
                spans.append(
                    f"{_cell(texts, row, c1)!r} ({ref}) over " + ", ".join(map(repr, under))
                )
    covered = {(r, c) for _ref, c1, r1, c2, r2 in down for r in range(r1, r2 + 1)
               for c in range(c1, c2 + 1)}  # fmt: skip
    lower = [
        text
        for r in range(row + 1, last + 1)
        for c, text in enumerate(texts[r - 1] if r <= len(texts) else [], start=1)
        if text and (r, c) not in covered
    ]
    return HeaderRows(row, last, merged_down, spans, lower)


def _listed(items: list[str], most: int = 5) -> str:
    return ", ".join(items[:most]) + (f" and {len(items) - most} more" if len(items) > most else "")


def header_rows_advice(found: HeaderRows) -> str:
    """Which rows the header is written on, and how to make it one row (said so that it
    holds whatever rows are deleted above it)."""
    rows = found.last - found.first + 1
    said = (
        f"the header is written on {rows} rows, {found.first}–{found.last} "
        f"({_listed(found.merged_down)} merged over {'both' if rows == 2 else 'them'}"
    )
    if found.spans:
        said += "; " + "; ".join(found.spans)
    elif found.lower:
        said += "; below: " + _listed([repr(t) for t in found.lower])
    return said + (
        "), and must be one row, with a name over every column: unmerge its cells, write "
        "each column's own name in its first row (where a row below names the column, that "
        "name) and delete the rows below"
    )


def header_rows_error(name: str, sheet: str, found: HeaderRows) -> ImportFileError:
    return ImportFileError(
        f"{name}: in the sheet {sheet!r}, {header_rows_advice(found)}; then import again. "
        "Nothing was imported"
    )


def refuse_merged_rows(layout: SheetLayout, name: str, sheet: str, columns: list[str]) -> None:
    """Cells merged over data rows keep their value in the first cell only: the rows
    under it would be stored without it (a burial place merged over ten persons), and
    filling it down is not always right (a count). The file is refused, naming them."""
    from openpyxl.utils.cell import range_boundaries

    spans = []
    for ref in layout.merged:
        first_column, first_row, last_column, last_row = range_boundaries(ref)
        # A merge within one row (a footer across the columns) loses no row's value.
        if last_row >= 2 and last_row > first_row:
            named = columns[first_column - 1] if first_column <= len(columns) else None
            spans.append(((first_row, first_column), f"{ref} ({named})" if named else ref))
    shown = [text for _, text in sorted(spans)]
    if shown:
        listed = ", ".join(shown[:5]) + (f" and {len(shown) - 5} more" if len(shown) > 5 else "")
        raise ImportFileError(
            f"{name}: merged cells in the rows of the sheet {sheet!r}: {listed}. "
            "A merged cell's value stands in its first row only, and the rows under it would "
            "be stored without it: unmerge the cells and fill each row's own value in, then "
            "import again. Nothing was imported"
        )
