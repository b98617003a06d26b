"""New records of a list without record ids whose names an earlier import of a file of
the same name stored: the list corrected and imported again, most likely.

Without a record id, a record is known by its cells (records.row_refs): a corrected row
(another death date, another grave) is a new record, and the earlier record stays beside
it. Both are kept, as any record is; the report names the rows so that a person can undo
one import or the other, or give the list record ids. Namesakes with other dates or
graves are not possible duplicates (person_duplicates), so nothing else would tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection

SHOWN_ROWS = 20


@dataclass
class EarlierNamesakes:
    count: int = 0  # staged new records without an id whose name such an import stored
    rows: list[int] = field(default_factory=list)  # the first of them
    batches: list[int] = field(default_factory=list)  # the earlier imports, newest first


# Run on the stage before it is written: a staged row is new when no record bears its key.
_QUERY = """
WITH earlier_names AS MATERIALIZED (
    SELECT p.search_key, max(p.import_batch_id) AS batch_id FROM persons p
    WHERE p.import_batch_id = ANY(:batches) AND p.record_id IS NULL
      AND p.withdrawn_at IS NULL
    GROUP BY p.search_key
), found AS MATERIALIZED (
    SELECT s.import_row, e.batch_id FROM stage_persons s
    JOIN earlier_names e ON e.search_key = s.search_key
    WHERE s.record_id IS NULL AND s.search_key <> ''
      AND NOT EXISTS (SELECT 1 FROM persons q WHERE q.ref = s.ref)
)
SELECT count(*),
       ARRAY(SELECT import_row FROM found ORDER BY import_row LIMIT :shown),
       ARRAY(SELECT DISTINCT batch_id FROM found ORDER BY batch_id DESC)
FROM found
"""


def earlier_namesakes(conn: Connection, earlier: list[int]) -> EarlierNamesakes:
    """The staged rows without a record id that are new records, and whose name (as
    search reads it) one of the ``earlier`` imports (earlier_imports) stored without a
    record id."""
    if not earlier:
        return EarlierNamesakes()
    count, rows, batches = conn.execute(
        text(_QUERY), {"batches": earlier, "shown": SHOWN_ROWS}
    ).one()
    return EarlierNamesakes(count=count, rows=list(rows), batches=list(batches))
