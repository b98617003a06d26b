"""Store a source (citation, archive reference) once and link a record to it."""

from __future__ import annotations

from sqlalchemy import Connection, text

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
