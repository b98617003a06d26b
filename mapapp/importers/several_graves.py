"""Rows of one record at several graves.

An export writes a person once per burial, each row with the record's ref (and record
id): rows that share a ref the file gives are one record when they agree in every cell
but their grave's. The record is stored once, with each row's grave, and keeps one row as
read: so every cell counts, the columns the import does not read too (a note differing
from row to row would be lost), but for a grave's point and a list's running number.
Rows of one ref that say something else, or give one site twice with other grave
details, are all refused (which is right is for a person to say); a row repeating another
cell for cell is refused as its duplicate.

Rows whose refs the importer made (from a record id, or from the cells) keep the rules
of ``runner._reject_repeats``: one id on two rows of a list is two records' id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from mapapp.importers.columns import GRAVE_FIELDS, point_columns, row_number_columns

# The fields of a person's grave (a burial): rows of one record differ in these only.
BURIAL_FIELDS = (
    *GRAVE_FIELDS,
    "burial_district",
    "plot",
    "row",
    "grave",
    "on_plaque",
    "original_burial_place",
    "reburied_from",
    "reburial_date",
)


@dataclass
class Graves:
    """What became of the rows of refs staged more than once that the file gives."""

    refused: dict[int, str] = field(default_factory=dict)  # row -> why
    kept: list[str] = field(default_factory=list)  # refs whose rows (two or more) are kept
    handled: set[str] = field(default_factory=set)  # every ref judged here


def judge_graves(conn: Connection, columns: dict[str, str], refs: list[str]) -> Graves:
    """Judge the rows of ``refs`` (each staged more than once) whose ref cells all hold
    it; ``columns``: the file's columns read, column -> field."""
    out = Graves()
    ref_column = next((c for c, f in columns.items() if f == "ref"), None)
    if ref_column is None or not refs:
        return out
    grave = {c for c, f in columns.items() if f in BURIAL_FIELDS}
    found = conn.execute(text(_ROWS), {"refs": refs})
    groups: dict[str, list[_Row]] = {}
    kinds: dict[frozenset, tuple[set, set]] = {}  # a file's rows share their columns
    for ref, import_row, site_id, as_read in found:
        header = frozenset(as_read)
        if header not in kinds:
            unread = [c for c in as_read if c not in columns]
            kinds[header] = (grave | set(point_columns(unread)), set(row_number_columns(unread)))
        row = _Row(ref, import_row, site_id, as_read, *kinds[header])
        groups.setdefault(ref, []).append(row)
    for ref, rows in groups.items():
        if not all(_cell(r.as_read, ref_column) for r in rows):
            continue
        out.handled.add(ref)
        if len({r.said for r in rows}) > 1:
            for r in rows:
                out.refused[r.import_row] = _other_values(ref, r, rows)
            continue
        kept = _by_site(rows, out.refused)
        if len(kept) > 1:
            out.kept.append(ref)
    return out


class _Row:
    """A staged row of a ref: what it says of the record, and of its grave."""

    def __init__(self, ref, import_row, site_id, as_read: dict, of_grave: set, numbering: set):
        self.ref, self.import_row, self.site_id, self.as_read = ref, import_row, site_id, as_read
        cells = sorted((c, _cell(as_read, c)) for c in as_read if c not in numbering)
        self.said = tuple((c, v) for c, v in cells if c not in of_grave)
        self.grave = tuple((c, v) for c, v in cells if c in of_grave)


def _cell(as_read: dict, column: str) -> str:
    value = as_read.get(column)
    return "" if value is None else str(value).strip()


_ROWS = """
    SELECT ref, import_row, site_id, import_source
    FROM stage_persons WHERE ref = ANY(:refs) ORDER BY ref, import_row
"""


def _other_values(ref: str, row: _Row, rows: list[_Row]) -> str:
    others = ", ".join(str(r.import_row) for r in rows if r is not row)
    mine = dict(row.said)
    differ = sorted({c for r in rows for c, v in r.said if mine.get(c) != v})
    return (
        f"ref {ref!r} is also in row {others}, which says other things of the person in "
        f"{', '.join(repr(c) for c in differ)} (not only another grave): one record, two "
        "versions; which is right is for a person to say; correct the file"
    )


def _by_site(rows, refused: dict[int, str]) -> list:
    """The rows kept, one per site: rows giving one site again are refused, as
    duplicates of the first where their grave cells are its too."""
    at_site: dict = {}
    for r in rows:
        at_site.setdefault(r.site_id, []).append(r)
    kept = []
    for same in at_site.values():
        first = same[0]
        if len({r.grave for r in same}) == 1:
            kept.append(first)
            for r in same[1:]:
                refused[r.import_row] = (
                    f"duplicate of row {first.import_row} (same record, same grave)"
                )
            continue
        for r in same:
            others = ", ".join(str(o.import_row) for o in same if o is not r)
            refused[r.import_row] = (
                f"ref {r.ref!r} is also in row {others} at the same site, with other grave "
                "details: which is right is for a person to say; correct the file"
            )
    return kept


def extra_rows_of_new(conn: Connection, kept: list[str], written: bool) -> int:
    """How many of the rows kept for records at several graves are a new record's second
    (third ...) row: counted as rows, not as records added."""
    if not kept:
        return 0
    new = (
        "EXISTS (SELECT 1 FROM stage_ids i WHERE i.ref = s.ref AND i.is_new)"
        if written
        else "NOT EXISTS (SELECT 1 FROM persons p WHERE p.ref = s.ref)"
    )
    return conn.execute(
        text(
            f"SELECT count(*) - count(DISTINCT s.ref) FROM stage_persons s "
            f"WHERE s.ref = ANY(:kept) AND {new}"
        ),
        {"kept": kept},
    ).scalar_one()
