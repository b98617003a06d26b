"""Where the columns asked for are, when the sheet read lacks them: a workbook that opens
on its title page ("Титул") and keeps its list on another sheet, a GeoPackage whose first
layer is not the list. The error names the sheet (layer, Shapefile) read and the others,
and which of them has a header this import reads, to be chosen with --sheet."""

from __future__ import annotations

import shlex

from mapapp.importers.columns import map_columns
from mapapp.importers.errors import ImportFileError
from mapapp.importers.readers import Table, other_headers

_OWNER = {"sheet": "workbook", "layer": "GeoPackage", "Shapefile": "archive"}
# How many readable sheets are named, and how many of their columns.
MOST_SHOWN = 3
COLUMNS_SHOWN = 6


def sheet_read(table: Table, named: str | None) -> str:
    """ ", sheet 'Титул' (the one the workbook opens on)": the part of the file read."""
    if table.sheet is None:
        return ""
    if named is not None:
        how = "named with --sheet"
    elif table.sheet_word == "sheet":
        how = "the one the workbook opens on"
    else:
        how = f"the {_OWNER[table.sheet_word]}'s first"
    return f", {table.sheet_word} {table.sheet!r} ({how})"


def other_sheets_said(options, table: Table, mapping: dict[str, str] | None) -> str:
    """The other sheets (layers, Shapefiles) of the file, and which have a header this
    import reads (with the mapping given, or without it): empty for a file of one."""
    if table.sheet is None or not table.other_sheets:
        return ""
    word, owner = table.sheet_word, _OWNER[table.sheet_word]
    readable = []
    for name, (header, row) in other_headers(options.path, table, options.encoding).items():
        for explicit in [mapping, None] if mapping else [None]:
            try:
                found = map_columns(options.kind, header, explicit, options.given)
            except ImportFileError:
                continue
            readable.append((name, found.field_of, row))
            break
    said = []
    for name, field_of, row in readable[:MOST_SHOWN]:
        mapped = [f"{c} → {f}" for c, f in field_of.items()]
        shown = ", ".join(mapped[:COLUMNS_SHOWN]) + (", …" if len(mapped) > COLUMNS_SHOWN else "")
        under = f", in row {row} under a title" if row > 1 else ""
        said.append(
            f"the {owner}'s {word} {name!r} has a header for {options.kind} ({shown}{under}): "
            f"import it with --sheet {shlex.quote(name)}"
        )
    if not readable:
        others = ", ".join(map(repr, table.other_sheets))
        said.append(f"the {owner}'s other {word}s: {others} (read one with --sheet NAME)")
    return "; ".join(said)
