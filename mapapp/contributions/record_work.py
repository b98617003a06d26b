"""What people did to imported records after the import: contributions of any status
(with their photos and evidence files), and changes in the audit log that neither an
import nor a migration made. An undo of the import must never remove such a record
silently: mapapp.importers.batches asks here which of its records hold such work."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, text

from mapapp.contributions.history import HIDDEN

# Columns only the code recomputes (search keys, provenance): a change to them alone is
# nobody's work. A moved point is, though the history does not show it.
DERIVED = sorted(HIDDEN - {"geom", "birthplace_geom"})
TARGET_TYPES = {"persons": "person", "burial_sites": "site"}
RECORD_NAMES = {"persons": "person", "burial_sites": "site", "battle_locations": "battle location"}
_DISPLAY_NAME = {
    "persons": "concat_ws(' ', surname, given_name, patronymic)",
    "burial_sites": "name",
    "battle_locations": "name",
}
KIND_NAMES = {
    "correction": "correction",
    "add_person": "new person",
    "condition": "condition report",
    "withdrawal": "withdrawal",
}
WORKED_TABLE = "worked_records"


@dataclass(frozen=True)
class WorkedRecord:
    table: str
    id: int
    ref: str
    name: str
    work: list[str]

    def __str__(self) -> str:
        return f"{RECORD_NAMES[self.table]} #{self.id} {self.name} ({self.ref}): " + "; ".join(
            self.work
        )


def _batch_records(table: str) -> str:
    return f"SELECT id FROM {table} WHERE import_batch_id = :batch"


# An audit entry that changed more than derived columns, made by a person: neither an
# import nor a migration, and not an approved contribution (listed as such).
_EDITED_BY_SOMEONE = (
    "a.op = 'UPDATE' AND a.contribution_id IS NULL AND a.actor NOT LIKE 'migration %' "
    "AND (a.old_row - CAST(:derived AS text[])) IS DISTINCT FROM "
    "(a.new_row - CAST(:derived AS text[]))"
)


def _worked_ids_sql(table: str) -> str:
    """The ids of the batch's records in ``table`` that hold someone's work."""
    records = _batch_records(table)
    parts = [
        f"SELECT a.row_id FROM audit_log a WHERE a.table_name = '{table}' "
        f"AND a.row_id IN ({records}) AND {_EDITED_BY_SOMEONE}"
    ]
    if table in TARGET_TYPES:
        parts.append(
            f"SELECT c.target_id FROM contributions c "
            f"WHERE c.target_type = '{TARGET_TYPES[table]}' AND c.target_id IN ({records})"
        )
    if table == "persons":
        parts.append(f"SELECT b.person_id FROM ({_others_burials(records)}) b")
    if table == "burial_sites":
        parts.append(f"SELECT b.site_id FROM ({_burials_by_hand(records)}) b")
    return " UNION ".join(parts)


def _burials_by_hand(sites: str) -> str:
    """Burials at ``sites`` that no undo of their import will take: a person linked to
    the site since, by hand or by a contribution, or a person an undo kept for the work
    on him (his import partly undone). A burial an import made goes with its undo."""
    return f"""
        SELECT b.site_id, b.id, b.person_id FROM burials b
        LEFT JOIN import_batches i ON i.id = b.import_batch_id
        WHERE b.site_id IN ({sites}) AND (i.id IS NULL OR i.status <> 'committed')
    """


def _others_burials(persons: str) -> str:
    """The burials of ``persons`` that undo would take with them although the import did
    not make them as they are: linked afterwards, or changed since."""
    return f"""
        SELECT b.person_id, b.id, b.site_id, e.id AS version, e.actor
        FROM burials b
        LEFT JOIN LATERAL (
            SELECT a.id, a.actor FROM audit_log a
            WHERE a.table_name = 'burials' AND a.row_id = b.id AND {_EDITED_BY_SOMEONE}
            ORDER BY a.id DESC LIMIT 1
        ) e ON true
        WHERE b.person_id IN ({persons})
          AND (b.import_batch_id IS DISTINCT FROM :batch OR e.id IS NOT NULL)
    """


def mark_worked_records(conn: Connection, table: str, batch_id: int) -> int:
    """Fill the temporary table ``worked_records`` (dropped at commit) with the ids of
    the records of ``table`` the batch added that hold someone's work; how many."""
    conn.execute(text(f"CREATE TEMP TABLE {WORKED_TABLE} (id integer PRIMARY KEY) ON COMMIT DROP"))
    marked = conn.execute(
        text(f"INSERT INTO {WORKED_TABLE} {_worked_ids_sql(table)}"),
        {"batch": batch_id, "derived": DERIVED},
    ).rowcount
    conn.execute(text(f"ANALYZE {WORKED_TABLE}"))  # the deletes anti-join it
    return marked


def describe_worked_records(
    conn: Connection, table: str, batch_id: int, limit: int
) -> list[WorkedRecord]:
    """The first ``limit`` marked records, each with what was done to it."""
    params = {"batch": batch_id, "limit": limit, "derived": DERIVED}
    first = f"SELECT id FROM {WORKED_TABLE} ORDER BY id LIMIT :limit"
    work: dict[int, list[str]] = defaultdict(list)
    if table in TARGET_TYPES:
        for row in _contributions(conn, TARGET_TYPES[table], first, params):
            work[row.target_id].append(_contribution_text(row))
    for row in _edits(conn, table, first, params):
        work[row.row_id].append(_edit_text(row))
    if table == "persons":
        for row in _burials(conn, first, params):
            work[row.person_id].append(_burial_text(row))
    if table == "burial_sites":
        for row in conn.execute(
            text(f"SELECT * FROM ({_burials_by_hand(first)}) b ORDER BY b.id"), params
        ):
            work[row.site_id].append(
                f"burial #{row.id} of person #{row.person_id}, linked since or kept by an undo"
            )
    return [
        WorkedRecord(table, row.id, row.ref, row.name, work[row.id])
        for row in conn.execute(
            text(
                f"SELECT id, ref, {_DISPLAY_NAME[table]} AS name FROM {table} "
                f"WHERE id IN ({first}) ORDER BY id"
            ),
            params,
        )
    ]


def _contributions(conn: Connection, target_type: str, ids: str, params: dict):
    return conn.execute(
        text(
            f"""
            SELECT c.target_id, c.id, c.kind, c.status, c.field, ph.id AS photo_id,
                   ef.id AS evidence_file_id
            FROM contributions c
            LEFT JOIN photos ph ON ph.contribution_id = c.id
            LEFT JOIN evidence_files ef ON ef.contribution_id = c.id
            WHERE c.target_type = '{target_type}' AND c.target_id IN ({ids})
            ORDER BY c.id
            """
        ),
        params,
    )


def _edits(conn: Connection, table: str, ids: str, params: dict):
    return conn.execute(
        text(
            f"""
            SELECT a.row_id, a.id, a.actor,
                   ARRAY(SELECT n.key FROM jsonb_each(a.new_row) n
                         WHERE n.value IS DISTINCT FROM a.old_row -> n.key
                           AND n.key <> ALL(CAST(:derived AS text[]))
                         ORDER BY n.key) AS fields
            FROM audit_log a
            WHERE a.table_name = '{table}' AND a.row_id IN ({ids}) AND {_EDITED_BY_SOMEONE}
            ORDER BY a.id
            """
        ),
        params,
    )


def _burials(conn: Connection, ids: str, params: dict):
    return conn.execute(text(f"SELECT * FROM ({_others_burials(ids)}) b ORDER BY b.id"), params)


def _contribution_text(row) -> str:
    if row.kind == "photo":
        what = (
            f"photo #{row.photo_id} ({row.status})"
            if row.photo_id
            else f"{row.status} photo contribution #{row.id}"
        )
    else:
        what = f"{row.status} {KIND_NAMES[row.kind]} #{row.id}"
        if row.field:
            what += f" ({row.field})"
    if row.evidence_file_id:
        what += f", with evidence file #{row.evidence_file_id}"
    return what


def _edit_text(row) -> str:
    fields = f" ({', '.join(row.fields)})" if row.fields else ""
    return f"edit #{row.id} by {row.actor}{fields}"


def _burial_text(row) -> str:
    if row.version is not None:
        return f"burial #{row.id} at site #{row.site_id} edited (#{row.version} by {row.actor})"
    return f"burial #{row.id} at site #{row.site_id} linked after the import"
