"""Stored fates read again from their cells after the fate rule changed (migration 0025).

An earlier rule stored a lone "ранен" as died of wounds and "попал в плен" as died in
captivity. A person's fate cell is kept with the row as the import read it, and the
batch names its column (or the ``--set fate=`` value), so the cell can be read again by
today's rule. Only a fate still as that import stored it is changed: one a correction
changed since stands (this migration's own downgrade is no correction).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from mapapp.importers.fate_cells import parse_fate

# What the earlier rule stored for what is now read as wounded or captured.
EARLIER_READING = {"wounded": "died_of_wounds", "captured": "died_in_captivity"}
CHUNK = 10_000

# The column an import batch ``b`` read as the fate (its record of columns), or NULL.
FATE_COLUMN_SQL = """(SELECT c.key FROM jsonb_each_text(
                CASE WHEN jsonb_typeof(b.options -> 'columns') = 'object'
                     THEN b.options -> 'columns' END) c
              WHERE c.value = 'fate' LIMIT 1)"""

_STORED_AS_READ = text(
    f"""
    WITH fate_cell AS (
      SELECT b.id,
             b.options -> 'set' ->> 'fate' AS given,
             {FATE_COLUMN_SQL} AS column_name
      FROM import_batches b WHERE b.kind = 'persons'
    )
    SELECT p.id, p.fate, COALESCE(f.given, p.import_source ->> f.column_name) AS cell
    FROM persons p JOIN fate_cell f ON f.id = p.import_batch_id
    WHERE p.fate = ANY(:earlier)
      AND NOT EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.table_name = 'persons' AND a.row_id = p.id AND a.op = 'UPDATE'
          AND a.old_row ->> 'fate' IS DISTINCT FROM a.new_row ->> 'fate'
          AND a.actor NOT LIKE 'migration 0025%')  -- its own downgrade is no correction
    """
)


def fates_read_again(conn: Connection) -> dict[str, list[int]]:
    """Today's fate -> the ids of the persons whose stored fate the earlier rule gave."""
    rows = conn.execute(
        _STORED_AS_READ,
        {"earlier": list(EARLIER_READING.values())},
        execution_options={"stream_results": True, "yield_per": CHUNK},
    )
    changes: dict[str, list[int]] = {fate: [] for fate in EARLIER_READING}
    for person_id, stored, cell in rows:
        if cell is None:
            continue
        try:
            fate = parse_fate(cell)
        except ValueError:  # a cell today's rule refuses: left as it was stored
            continue
        if EARLIER_READING.get(fate) == stored:
            changes[fate].append(person_id)
    return changes


def store_fates_read_again(conn: Connection) -> int:
    """Give each such person today's fate (its audit entry names the caller's actor);
    returns how many changed."""
    changed = 0
    for fate, ids in fates_read_again(conn).items():
        for start in range(0, len(ids), CHUNK):
            changed += conn.execute(
                text("UPDATE persons SET fate = :fate WHERE id = ANY(:ids)"),
                {"fate": fate, "ids": ids[start : start + CHUNK]},
            ).rowcount
    return changed
