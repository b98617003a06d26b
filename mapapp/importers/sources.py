"""Store a source (citation, archive reference) once and link a record to it."""

from __future__ import annotations

import json

from sqlalchemy import Connection, text

from mapapp.importers.source_cells import CITED_PARTS

# Link tables that tie an entity to its sources, and their key column.
SOURCE_LINKS = {
    "site_sources": "site_id",
    "battle_sources": "battle_id",
    "person_sources": "person_id",
}


def link_source(
    conn: Connection, link_table: str, owner_id: int, source: dict, imported_file=None
) -> None:
    """Insert ``source`` (keyed by its ``ref``) unless stored, and link it to the owner."""
    key = SOURCE_LINKS[link_table]
    conn.execute(
        text(
            "INSERT INTO sources (ref, citation, url, archive, fond, opis, delo, record_id, "
            "imported_file) VALUES (:ref, :citation, :url, :archive, :fond, :opis, :delo, "
            ":record_id, :file) ON CONFLICT (ref) DO NOTHING"
        ),
        {
            "ref": source["ref"],
            "citation": source["citation"],
            **{k: source.get(k) for k in ("url", "archive", "fond", "opis", "delo", "record_id")},
            "file": imported_file,
        },
    )
    conn.execute(
        text(
            f"INSERT INTO {link_table} ({key}, source_id) "
            "SELECT :owner, id FROM sources WHERE ref = :ref ON CONFLICT DO NOTHING"
        ),
        {"owner": owner_id, "ref": source["ref"]},
    )


# The sources a file's sources cells cite (importers.source_cells) carry no key of their
# own: a cited source is a stored one when every part is the same.


def _same_parts(stored: str, cited: str) -> str:
    """SQL: the source ``stored`` (an alias of sources) has the parts of ``cited`` (a
    format giving each part's expression). A part a source lacks is compared as empty
    text, so that the test joins by hashing."""
    return " AND ".join(
        f"coalesce({stored}.{p}, '') = coalesce({cited.format(p)}, '')" for p in CITED_PARTS
    )


_CITED_TABLE = ", ".join(
    ["owner integer", "row_ integer", "ref text", *(f"{part} text" for part in CITED_PARTS)]
)
_PARTS = ", ".join(CITED_PARTS)


def link_cited(
    conn: Connection, link_table: str, cited_select: str, params: dict, imported_file: str
) -> None:
    """Link each cited source to its owner: to the stored source with the same parts
    (the smallest id where several have them), stored first where none has.
    ``cited_select`` gives (owner id, the row, the source's ref, its parts in
    CITED_PARTS order), a line per owner and source."""
    key = SOURCE_LINKS[link_table]
    same = _same_parts("s", "c.{}")
    conn.execute(text(f"CREATE TEMP TABLE cited ({_CITED_TABLE}) ON COMMIT DROP"))
    conn.execute(text(f"INSERT INTO cited {cited_select}"), params)
    conn.execute(
        text(
            f"""
            INSERT INTO sources (ref, {_PARTS}, imported_file, imported_row)
            SELECT DISTINCT ON (c.ref) c.ref, {", ".join("c." + p for p in CITED_PARTS)},
                   :file, c.row_
            FROM cited c WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE {same})
            ORDER BY c.ref, c.row_
            ON CONFLICT (ref) DO NOTHING
            """
        ),
        {"file": imported_file},
    )
    conn.execute(
        text(
            f"""
            INSERT INTO {link_table} ({key}, source_id)
            SELECT c.owner, min(s.id) FROM cited c JOIN sources s ON {same}
            GROUP BY c.owner, c.ref
            ON CONFLICT DO NOTHING
            """
        )
    )
    conn.execute(text("DROP TABLE cited"))


def link_cited_rows(
    conn: Connection, link_table: str, cited: list[tuple[int, int, dict]], imported_file: str
) -> None:
    """``link_cited`` for (owner id, row, source) held in Python (sites, battles)."""
    if not cited:
        return
    rows = [
        {"owner": owner, "row_": row, "ref": source["ref"], **{p: source[p] for p in CITED_PARTS}}
        for owner, row, source in cited
    ]
    select = (
        f"SELECT owner, row_, ref, {_PARTS} FROM jsonb_to_recordset(CAST(:rows AS jsonb)) "
        f"AS c({_CITED_TABLE})"
    )
    params = {"rows": json.dumps(rows, ensure_ascii=False)}
    link_cited(conn, link_table, select, params, imported_file)


# The cited sources of the persons a staged import added (writers.PERSON_STAGE's `cited`).
STAGED_CITED = f"""
    SELECT i.id, s.import_row, e.value->>'ref', {", ".join(f"e.value->>'{p}'" for p in CITED_PARTS)}
    FROM stage_persons s JOIN stage_ids i ON i.ref = s.ref AND i.is_new
    CROSS JOIN LATERAL jsonb_array_elements(s.cited) e
    WHERE s.cited IS NOT NULL
"""
# A staged row (s) whose stored person (p) lacks a source it cites, in its source
# columns or its sources cell: said, never added (writers.staged_rows_differing). A
# source is found by its parts, not its ref: one imported from an export of another
# database is stored under its own.
_HELD = """
    EXISTS (SELECT 1 FROM person_sources x JOIN sources src ON src.id = x.source_id
            WHERE x.person_id = p.id AND {same})
"""
SOURCE_LACKING = f"""
    (s.src_ref IS NOT NULL AND NOT {_HELD.format(same=_same_parts("src", "s.src_{}"))})
    OR (s.cited IS NOT NULL AND EXISTS (
        SELECT 1 FROM jsonb_array_elements(s.cited) e
        WHERE NOT {_HELD.format(same=_same_parts("src", "e.value->>'{}'"))}))
"""
