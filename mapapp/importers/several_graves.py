"""Rows of one record at several graves.

An export writes a person once per burial, each row with the record's ref (and record
id): rows that share a ref the file gives are one record when they agree in every cell
but their grave's. The record is stored once, with each row's grave. Rows of one ref that
say something else of the person, or give one site twice with other grave details, are
all refused (which is right is for a person to say); a row repeating another cell for
cell is refused as its duplicate.

Rows whose refs the importer made (from a record id, or from the cells) keep the rules
of ``runner._reject_repeats``: one id on two rows of a list is two records' id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from mapapp.importers.columns import GRAVE_FIELDS

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
    said = [c for c, f in columns.items() if f not in BURIAL_FIELDS]
    grave = [c for c, f in columns.items() if f in BURIAL_FIELDS]
    params = {"refs": refs, "said": said, "grave": grave, "ref": ref_column}
    found = conn.execute(text(_ROWS), params)
    groups: dict[str, list] = {}
    for row in found:
        groups.setdefault(row.ref, []).append(row)
    for ref, rows in groups.items():
        if not all(r.given for r in rows):
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


# Each row of the refs: its record's cells and its grave's, as read (hashed), its site,
# and whether its ref cell holds something.
_ROWS = """
    SELECT ref, import_row, site_id,
           md5(CAST((SELECT jsonb_object_agg(key, value) FROM jsonb_each(import_source)
                     WHERE key = ANY(:said)) AS text)) AS said,
           md5(CAST((SELECT jsonb_object_agg(key, value) FROM jsonb_each(import_source)
                     WHERE key = ANY(:grave)) AS text)) AS grave,
           coalesce(btrim(import_source->>:ref), '') <> '' AS given
    FROM stage_persons WHERE ref = ANY(:refs) ORDER BY ref, import_row
"""


def _other_values(ref: str, row, rows) -> str:
    others = ", ".join(str(r.import_row) for r in rows if r is not row)
    return (
        f"ref {ref!r} is also in row {others}, which says other things of the person (not "
        "only another grave): one record, two versions; which is right is for a person to "
        "say; correct the file"
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
