"""Records an earlier import of a file of the same name stored that this file no longer
holds: rows deleted from the list, or corrected (a corrected row without a record id is
another record). An import never removes a record; the report says how many stay stored
with none of this file's rows, so that a person can withdraw those that should go."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection

SHOWN = 20


@dataclass
class AbsentRecords:
    count: int = 0
    ids: list[int] = field(default_factory=list)  # the first of them (person ids)
    batches: list[int] = field(default_factory=list)  # the earlier imports, newest first


# Run on the stage (refs of this file's rows, older keys taken) before it is written.
_QUERY = """
WITH absent AS MATERIALIZED (
    SELECT p.id, p.import_batch_id FROM persons p
    WHERE p.import_batch_id = ANY(:batches) AND p.withdrawn_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM stage_persons s WHERE s.ref = p.ref)
)
SELECT count(*),
       ARRAY(SELECT id FROM absent ORDER BY id LIMIT :shown),
       ARRAY(SELECT DISTINCT import_batch_id FROM absent ORDER BY import_batch_id DESC)
FROM absent
"""


def absent_records(conn: Connection, earlier: list[int]) -> AbsentRecords:
    """The persons the ``earlier`` imports (earlier_imports) stored that no staged row
    names (by key, an older key taken)."""
    if not earlier:
        return AbsentRecords()
    count, ids, batches = conn.execute(text(_QUERY), {"batches": earlier, "shown": SHOWN}).one()
    return AbsentRecords(count=count, ids=list(ids), batches=list(batches))
