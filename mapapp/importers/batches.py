"""List import batches and undo one: everything it added goes, nothing else, and never
a record someone has worked on since."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import IntegrityError

from mapapp.contributions.record_work import (
    WORKED_TABLE,
    WorkedRecord,
    describe_worked_records,
    mark_worked_records,
)
from mapapp.importers.person_duplicates import relink_groups

# Never removed by an undo: a record someone worked on after the import (a contribution
# of any status, a photo, an evidence file, an edit). The undo refuses, naming them, or
# removes the rest of the batch and keeps them (the batch is then "partly_undone").
BATCH_TABLES = {"persons": "persons", "sites": "burial_sites", "battles": "battle_locations"}
LISTED = 20
PLURALS = {"persons": "persons", "burial_sites": "sites", "battle_locations": "battle locations"}


class UndoError(Exception):
    pass


@dataclass(frozen=True)
class WorkedRecords:
    """The batch's records that hold someone's work: the first LISTED, and how many."""

    table: str
    listed: list[WorkedRecord]
    total: int

    def lines(self) -> list[str]:
        lines = [f"  {record}" for record in self.listed]
        if self.total > len(self.listed):
            lines.append(f"  ... and {self.total - len(self.listed):,} more")
        return lines


class UndoRefused(UndoError):
    """Records of the batch hold someone's work: nothing was removed."""

    def __init__(self, batch_id: int, worked: WorkedRecords):
        self.batch_id = batch_id
        self.worked = worked
        records = PLURALS[worked.table]
        super().__init__(
            "\n".join(
                [
                    f"import batch {batch_id} was not undone, nothing was removed: "
                    f"{worked.total:,} of its {records} hold work that undo would discard",
                    *worked.lines(),
                    f"To remove the rest of the batch and keep these {records}: "
                    f"mapapp batches undo {batch_id} --keep-edited (a kept record found "
                    "wrong is withdrawn through a contribution, never deleted)",
                ]
            )
        )


def list_batches(conn: Connection) -> list[dict]:
    rows = conn.execute(
        text(
            "SELECT id, kind, file_name, rows_read, rows_added, rows_present, rows_rejected, "
            "status, created_at, undone_at FROM import_batches ORDER BY id"
        )
    ).mappings()
    return [dict(r) for r in rows]


def undo_batch(engine: Engine, batch_id: int) -> dict:
    """Delete what the batch added, in one transaction. Returns counts per table.
    UndoRefused, with nothing deleted, when any of its records holds someone's work."""
    counts, _ = _undo(engine, batch_id, keep_edited=False)
    return counts


def undo_batch_keeping_edited(engine: Engine, batch_id: int) -> tuple[dict, WorkedRecords]:
    """Delete what the batch added but the records that hold someone's work, which stay
    with all that belongs to them. Returns counts per table and the records kept."""
    counts, kept = _undo(engine, batch_id, keep_edited=True)
    return counts, kept


def _undo(engine: Engine, batch_id: int, keep_edited: bool) -> tuple[dict, WorkedRecords]:
    with engine.begin() as conn:
        batch = conn.execute(
            text("SELECT kind, status FROM import_batches WHERE id = :id FOR UPDATE"),
            {"id": batch_id},
        ).one_or_none()
        if batch is None:
            raise UndoError(f"there is no import batch {batch_id}")
        if batch.status == "undone":
            raise UndoError(f"import batch {batch_id} was already undone")
        worked = _worked_records(conn, batch_id, BATCH_TABLES[batch.kind])
        if worked.total and not keep_edited:
            raise UndoRefused(batch_id, worked)
        # The audit triggers (migration 0007) record who removed the rows.
        conn.execute(
            text("SELECT set_config('mapapp.actor', :actor, true)"),
            {"actor": f"undo of import batch {batch_id}"},
        )
        try:
            counts = _remove(conn, batch_id, batch.kind)
        except IntegrityError as exc:
            # A contribution or a photo came for a record between the check and the
            # delete: the database refuses (migration 0019), nothing is removed.
            raise UndoError(
                f"import batch {batch_id} was not undone, nothing was removed: "
                f"{str(exc.orig).splitlines()[0]}; run the undo again"
            ) from exc
        conn.execute(
            text("UPDATE import_batches SET status = :status, undone_at = now() WHERE id = :id"),
            {"id": batch_id, "status": "partly_undone" if worked.total else "undone"},
        )
        return counts, worked


def _worked_records(conn: Connection, batch_id: int, table: str) -> WorkedRecords:
    total = mark_worked_records(conn, table, batch_id)
    listed = describe_worked_records(conn, table, batch_id, LISTED) if total else []
    return WorkedRecords(table, listed, total)


# Rows of the batch's worked records stay (see mark_worked_records).
def _not_worked(column: str) -> str:
    return f"NOT EXISTS (SELECT 1 FROM {WORKED_TABLE} w WHERE w.id = {column})"


def _remove(conn: Connection, batch_id: int, kind: str) -> dict:
    counts = (
        _remove_persons(conn, batch_id)
        if kind == "persons"
        else _remove_places(conn, batch_id, kind)
    )
    if removed := _undo_sources(conn, batch_id):
        counts["sources"] = removed
    return counts


def _remove_persons(conn: Connection, batch_id: int) -> dict:
    params = {"id": batch_id}
    counts = _undo_honours(conn, batch_id)
    counts["burials"] = conn.execute(
        text(
            f"DELETE FROM burials b WHERE b.import_batch_id = :id AND {_not_worked('b.person_id')}"
        ),
        params,
    ).rowcount
    _keep_words_of(conn, batch_id)
    removed_names = conn.execute(
        text(f"DELETE FROM persons p WHERE p.import_batch_id = :id AND {_not_worked('p.id')} "
             "RETURNING p.search_key"),
        params,
    ).scalars().all()  # fmt: skip
    counts["persons"] = len(removed_names)
    # Their possible-duplicate pairs went with them: the namesakes they linked are
    # linked again.
    # (A person written by SQL may have no search key: it was paired with no one.)
    relink_groups(conn, sorted({name for name in removed_names if name}))
    if removed := _undo_formations(conn, batch_id):
        counts["partisan_units"] = removed
    if removed := _undo_words(conn):
        counts["name_vocabulary"] = removed
    return counts


def _remove_places(conn: Connection, batch_id: int, kind: str) -> dict:
    table = BATCH_TABLES[kind]
    place_type = "site" if kind == "sites" else "battle"
    params = {"id": batch_id, "t": place_type}
    removed_rows = (
        f"SELECT id FROM {table} t WHERE t.import_batch_id = :id AND {_not_worked('t.id')}"
    )
    if kind == "sites":
        # Burials an import of persons made (those made otherwise are work on the site,
        # which stays: see record_work).
        linked = conn.execute(
            text(
                f"SELECT b.import_batch_id, count(*) FROM burials b "
                "JOIN import_batches i ON i.id = b.import_batch_id AND i.status = 'committed' "
                f"WHERE b.site_id IN ({removed_rows}) GROUP BY 1 ORDER BY 1"
            ),
            params,
        ).all()
        if linked:
            by_batch = ", ".join(f"batch {batch} ({count:,})" for batch, count in linked)
            total = sum(c for _, c in linked)
            raise UndoError(
                f"{total:,} {'burial links' if total == 1 else 'burials link'} persons to "
                f"sites of batch {batch_id}: they were imported with {by_batch}; undo "
                + ("that import" if len(linked) == 1 else "those imports")
                + " first (mapapp batches undo ID)"
            )
    conn.execute(
        text(f"DELETE FROM place_names WHERE place_type = :t AND place_id IN ({removed_rows})"),
        params,
    )
    return {
        table: conn.execute(
            text(f"DELETE FROM {table} WHERE id IN ({removed_rows})"), params
        ).rowcount
    }


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
    """Awards and memberships the batch added (also those of persons it found present),
    but those of the persons it keeps; only the tables it touched are counted."""
    counts = {}
    for table in ("awards", "partisan_memberships"):
        removed = conn.execute(
            text(
                f"DELETE FROM {table} x WHERE x.import_batch_id = :id "
                f"AND {_not_worked('x.person_id')}"
            ),
            {"id": batch_id},
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
