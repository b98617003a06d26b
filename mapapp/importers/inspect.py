"""``mapapp import ... --inspect``: the proposed mapping and a few sample rows, nothing
written, nothing stored. A mapping that lacks a required field is shown as far as it goes,
with what is missing, the likeliest columns for it and for each column left unmapped, and
a mapping file that would read them: the inspection is where a mapping is made."""

from __future__ import annotations

import json
from itertools import islice

from mapapp.importers.columns import (
    COLUMNS_LISTED,
    FIELDS,
    REJECTS_COLUMNS,
    also_named_lines,
    likeliest_columns,
    likeliest_field,
    load_mapping_file,
    no_grave_column_note,
    other_kind_note,
    row_number_columns,
)
from mapapp.importers.errors import ImportFileError
from mapapp.importers.other_sheets import other_sheets_said
from mapapp.importers.readers import read_as
from mapapp.importers.runner import ImportOptions, checked_given, open_mapped

SAMPLE_ROWS = 5
SHOWN_CHARS = 60


def inspect_file(options: ImportOptions) -> list[str]:
    table, columns = open_mapped(options, require=False)
    given = checked_given(options)
    lines = [f"{options.kind} from {options.path}"]
    if details := read_as(table):
        lines.append("  read as " + details)
    lines.append("  proposed mapping (file column → field):")
    looks_like = _looks_like(options.kind, table, columns.field_of, given)
    for column in table.columns:
        field = columns.field_of.get(column)
        like = f"; likeliest: {looks_like[column]!r}" if column in looks_like else ""
        lines.append(f"    {column} → {field or f'(not mapped; kept in provenance{like})'}")
    for name, value in given.items():
        lines.append(f"    (--set) → {name} = {value}")
    lines += ["  " + line for line in also_named_lines(columns.field_of, columns.also_named)]
    free = [c for c in table.columns if c not in columns.field_of]
    lines += _missing_fields(options.kind, columns.missing, free)
    lines += _unfilled_fields(options.kind, table.columns, columns.field_of, given)
    lines += ["  note: " + note for note in columns.notes]
    lines += _mapping_to_try(options, columns, looks_like)
    if columns.missing and (others := other_sheets_said(options, table, _mapping(options))):
        lines.append("  note: " + others)
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
    if columns.missing:
        lines.append("  an import of it would stop at the missing columns; nothing was written")
    else:
        lines.append("  nothing was written")
    return lines


def _mapping(options: ImportOptions) -> dict[str, str] | None:
    return load_mapping_file(options.mapping) if options.mapping else None


# A field given with another is not offered for a further column: beside a surname, a
# whole name's column is not the full name; beside a full name, no part of it.
_EXCLUDES = {
    "surname": ("full_name",),
    "given_name": ("full_name",),
    "patronymic": ("full_name",),
    "full_name": ("surname", "given_name", "patronymic"),
}


def _looks_like(kind, table, field_of, given) -> dict[str, str]:
    """For each column left unmapped (the first ones, by name), the field it looks most
    like, of those no column gives: "Имя бойца" beside "Фамилия бойца" mapped."""
    taken = set(field_of.values()) | set(given)
    taken |= {other for field in list(taken) for other in _EXCLUDES.get(field, ())}
    numbering = set(row_number_columns(table.columns))
    # A rejects file's own columns are never a field ("_row" is no grave's row).
    skipped = numbering | table.unnamed | set(REJECTS_COLUMNS)
    unmapped = [c for c in table.columns if c not in field_of and c not in skipped]
    found = {}
    for column in unmapped[:COLUMNS_LISTED]:
        if field := likeliest_field(kind, column, frozenset(taken)):
            found[column] = field
    return found


def _missing_fields(kind, missing, free) -> list[str]:
    """The required fields without a column, each with the likeliest columns for it."""
    lines = []
    for alternatives in missing:
        names = " or ".join(repr(a) for a in alternatives)
        candidates = list(
            dict.fromkeys(c for f in alternatives for c in likeliest_columns(kind, f, free))
        )
        hint = ", ".join(repr(c) for c in candidates) if candidates else "none"
        lines.append(f"  missing: no column for {names}, which an import needs (likeliest: {hint})")
    return lines


def _mapping_to_try(options, columns, looks_like) -> list[str]:
    """A mapping file reading the likeliest columns, where the mapping lacks a required
    field or leaves out a column that looks like one: each field from one column."""
    if not columns.missing and not looks_like:
        return []
    proposed = dict(_mapping(options) or {})
    used = set(columns.field_of.values()) | set(proposed.values())
    for column, field in looks_like.items():
        if field not in used and column not in proposed:
            proposed[column] = field
            used.add(field)
    if proposed == (_mapping(options) or {}):
        return []
    shown = json.dumps(proposed, ensure_ascii=False)
    return [
        f"  to read the likeliest columns so, import with --map FILE, FILE holding {shown} "
        "(check each: a column read as the wrong field stores its values wrongly)"
    ]


def _unfilled_fields(kind, file_columns, field_of, given) -> list[str]:
    """Fields that usually matter and have no column: with the likeliest candidates (the
    required ones are said as missing)."""
    present = set(field_of.values()) | set(given)
    lines = []
    wanted = []
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
