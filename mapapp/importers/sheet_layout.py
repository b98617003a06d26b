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
