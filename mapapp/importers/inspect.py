"""``mapapp import ... --inspect``: the proposed mapping and a few sample rows, nothing
written, nothing stored."""

from __future__ import annotations

import json
from itertools import islice

from mapapp.importers.columns import (
    FIELDS,
    REQUIRED,
    also_named_lines,
    likeliest_columns,
    no_grave_column_note,
    other_kind_note,
    row_number_columns,
)
from mapapp.importers.errors import ImportFileError
from mapapp.importers.readers import read_as
from mapapp.importers.runner import ImportOptions, checked_given, open_mapped

SAMPLE_ROWS = 5
SHOWN_CHARS = 60


def inspect_file(options: ImportOptions) -> list[str]:
    table, columns = open_mapped(options)
    given = checked_given(options)
    lines = [f"{options.kind} from {options.path}"]
    if details := read_as(table):
        lines.append("  read as " + details)
    lines.append("  proposed mapping (file column → field):")
    for column in table.columns:
        field = columns.field_of.get(column)
        lines.append(f"    {column} → {field or '(not mapped; kept in provenance)'}")
    for name, value in given.items():
        lines.append(f"    (--set) → {name} = {value}")
    lines += ["  " + line for line in also_named_lines(columns.field_of, columns.also_named)]
    lines += _unfilled_fields(options.kind, table.columns, columns.field_of, given)
    lines += ["  note: " + note for note in columns.notes]
    if note := other_kind_note(options.kind, columns.unmapped):
        lines.append("  note: " + note)
    if options.kind == "persons" and (
        note := no_grave_column_note(table.columns, columns.field_of, given)
    ):
        lines.append("  note: " + note)
    lines.append(f"  first {SAMPLE_ROWS} rows:")
    try:
        for row, raw in islice(table.rows, SAMPLE_ROWS):
            cells = ", ".join(f"{c}={_shown(raw.get(c, ''))}" for c in table.columns)
            lines.append(f"    row {row}: {cells}")
    except ImportFileError as exc:
        lines.append(f"    cannot read further: {exc}")
    lines.append("  nothing was written")
    return lines


def _unfilled_fields(kind, file_columns, field_of, given) -> list[str]:
    """Fields that usually matter and have no column: with the likeliest candidates."""
    present = set(field_of.values()) | set(given)
    lines = []
    wanted = [
        f
        for alternatives in REQUIRED[kind]
        if not any(f in present for f in alternatives)
        for f in alternatives
    ]
    if kind == "sites":
        wanted.append("kind")
    if kind == "persons":
        wanted.append("record_id")
    for field in dict.fromkeys(wanted):
        if field in present or field not in FIELDS[kind]:
            continue
        candidates = likeliest_columns(kind, field, file_columns)
        hint = ", ".join(repr(c) for c in candidates) if candidates else "none"
        lines.append(f"  no column for {field!r} (likeliest: {hint})")
        if field == "record_id":
            free = [c for c in file_columns if c not in field_of]
            lines += [f"    {line}" for line in _row_numbers_as_ids(free)]
    return lines


def _row_numbers_as_ids(columns: list[str]) -> list[str]:
    """A list's running number (№ п/п) is a record id only where a person says so: it
    tells apart rows alike in every other cell, but a re-sorted copy numbers them anew."""
    lines = []
    for column in row_number_columns(columns):
        mapping = json.dumps({column: "record_id"}, ensure_ascii=False)
        lines.append(
            f"{column!r} numbers the rows: without a record id, rows alike in every mapped "
            "cell (unknown soldiers, namesakes) are refused as one record; to import them "
            f"as different persons, map it as the record id ({mapping}): its numbers then "
            "name the records, and a later copy of the list must keep them"
        )
    return lines


def _shown(value: str) -> str:
    text = value.replace("\n", " ").replace("\r", " ")
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    return repr(text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…")
