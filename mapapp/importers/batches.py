"""List import batches and undo one: everything it added goes, nothing else."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text


class UndoError(Exception):
    pass


def list_batches(conn: Connection) -> list[dict]:
    rows = conn.execute(
        text(
            "SELECT id, kind, file_name, rows_read, rows_added, rows_present, rows_rejected, "
            "status, created_at, undone_at FROM import_batches ORDER BY id"
        )
    ).mappings()
    return [dict(r) for r in rows]


def undo_batch(engine: Engine, batch_id: int) -> dict:
    """Delete what the batch added, in one transaction. Returns counts per table."""
    with engine.begin() as conn:
        batch = conn.execute(
            text("SELECT kind, status FROM import_batches WHERE id = :id FOR UPDATE"),
            {"id": batch_id},
        ).one_or_none()
        if batch is None:
            raise UndoError(f"there is no import batch {batch_id}")
        if batch.status == "undone":
            raise UndoError(f"import batch {batch_id} was already undone")
        counts = {}
        params = {"id": batch_id}
        # The audit triggers (migration 0007) record who removed the rows.
        conn.execute(
            text("SELECT set_config('mapapp.actor', :actor, true)"),
            {"actor": f"undo of import batch {batch_id}"},
        )
        if batch.kind == "persons":
            counts.update(_undo_honours(conn, batch_id))
            counts["burials"] = conn.execute(
                text("DELETE FROM burials WHERE import_batch_id = :id"), params
            ).rowcount
            _keep_words_of(conn, batch_id)
            counts["persons"] = conn.execute(
                text("DELETE FROM persons WHERE import_batch_id = :id"), params
            ).rowcount
            if removed := _undo_formations(conn, batch_id):
                counts["partisan_units"] = removed
            if removed := _undo_words(conn):
                counts["name_vocabulary"] = removed
        else:
            table, place_type = (
                ("burial_sites", "site")
                if batch.kind == "sites"
                else ("battle_locations", "battle")
            )
            if batch.kind == "sites":
                linked = conn.execute(
                    text(
                        "SELECT count(*) FROM burials b JOIN burial_sites s ON s.id = b.site_id "
                        "WHERE s.import_batch_id = :id"
                    ),
                    params,
                ).scalar_one()
                if linked:
                    raise UndoError(
                        f"{linked} burials link persons to sites of batch {batch_id}; "
                        "undo the imports of those persons first"
                    )
            conn.execute(
                text(
                    f"DELETE FROM place_names WHERE place_type = :t AND place_id IN "
                    f"(SELECT id FROM {table} WHERE import_batch_id = :id)"
                ),
                {**params, "t": place_type},
            )
            counts[table] = conn.execute(
                text(f"DELETE FROM {table} WHERE import_batch_id = :id"), params
            ).rowcount
        if removed := _undo_sources(conn, batch_id):
            counts["sources"] = removed
        conn.execute(
            text("UPDATE import_batches SET status = 'undone', undone_at = now() WHERE id = :id"),
            params,
        )
        return counts


# Sources are shared: a file's rows cite one, and a later file may cite it again. The
# sources an import of this file created and nothing cites any more go with it.
_UNCITED_SOURCES_OF_FILE = """
    DELETE FROM sources s
    WHERE s.imported_file = (SELECT file_name FROM import_batches WHERE id = :id)
      AND NOT EXISTS (SELECT 1 FROM person_sources x WHERE x.source_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM site_sources x WHERE x.source_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM battle_sources x WHERE x.source_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM awards x WHERE x.source_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM partisan_units x WHERE x.source_id = s.id)
"""


def _undo_sources(conn: Connection, batch_id: int) -> int:
    return conn.execute(text(_UNCITED_SOURCES_OF_FILE), {"id": batch_id}).rowcount


def _keep_words_of(conn: Connection, batch_id: int) -> None:
    """The words of the batch's persons' names, before they go (see _undo_words)."""
    conn.execute(
        text(
            "CREATE TEMP TABLE undone_words ON COMMIT DROP AS "
            "SELECT DISTINCT unnest(name_words) AS word FROM persons WHERE import_batch_id = :id"
        ),
        {"id": batch_id},
    )


def _undo_words(conn: Connection) -> int:
    """The fuzzy search's vocabulary loses the words no person's name holds any more."""
    return conn.execute(
        text(
            "DELETE FROM name_vocabulary v USING undone_words u WHERE v.word = u.word "
            "AND NOT EXISTS (SELECT 1 FROM persons p WHERE p.name_words @> ARRAY[v.word])"
        )
    ).rowcount


def _undo_honours(conn: Connection, batch_id: int) -> dict[str, int]:
    """Awards and memberships the batch added (also those of persons it found present);
    only the tables it touched are counted."""
    counts = {}
    for table in ("awards", "partisan_memberships"):
        removed = conn.execute(
            text(f"DELETE FROM {table} WHERE import_batch_id = :id"), {"id": batch_id}
        ).rowcount
        if removed:
            counts[table] = removed
    return counts


def _undo_formations(conn: Connection, batch_id: int) -> int:
    """Detachments, then brigades, the batch created, unless a later import uses them."""
    removed = 0
    for kind, still_used in (
        ("detachment", "EXISTS (SELECT 1 FROM partisan_memberships m WHERE m.unit_id = u.id)"),
        (
            "brigade",
            "EXISTS (SELECT 1 FROM partisan_memberships m WHERE m.unit_id = u.id) OR "
            "EXISTS (SELECT 1 FROM partisan_units d WHERE d.brigade_id = u.id)",
        ),
    ):
        removed += conn.execute(
            text(
                f"DELETE FROM partisan_units u WHERE u.import_batch_id = :id "
                f"AND u.kind = :kind AND NOT ({still_used})"
            ),
            {"id": batch_id, "kind": kind},
        ).rowcount
    return removed
