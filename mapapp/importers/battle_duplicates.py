"""Battle locations an import added that may repeat a stored one: a battle is known by its
name and point, so a file whose coordinates were rounded, or corrected by a few hundred
metres, or whose name is spelled otherwise, adds it again. The import says which: within
``NEAR_METRES`` of another, or within ``SAME_NAME_METRES`` with a name in common (any
spelling, as the search reads names). Both are kept; undoing the import removes its."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

NEAR_METRES = 50
SAME_NAME_METRES = 1000

_PAIRS = f"""
SELECT n.id AS battle_id, n.name, o.id AS other_battle_id, o.name AS other_name,
       round(ST_Distance(n.geom::geography, o.geom::geography))::integer AS metres,
       EXISTS (
           SELECT 1 FROM place_names x JOIN place_names y ON y.key = x.key
           WHERE x.place_type = 'battle' AND x.place_id = n.id AND x.key <> ''
             AND y.place_type = 'battle' AND y.place_id = o.id
       ) AS same_name
FROM battle_locations n
JOIN battle_locations o
  ON o.id <> n.id AND ST_DWithin(o.geom::geography, n.geom::geography, {SAME_NAME_METRES})
 -- a pair of two added by this import is told once
 AND (o.import_batch_id IS DISTINCT FROM n.import_batch_id OR o.id < n.id)
WHERE n.import_batch_id = :batch
ORDER BY n.id, o.id
"""


def possible_duplicate_battles(conn: Connection, batch_id: int) -> list[dict]:
    """Each battle location of the batch with the stored ones it may repeat (battle
    locations are a few hundred: all of them)."""
    return [
        dict(row)
        for row in conn.execute(text(_PAIRS), {"batch": batch_id}).mappings()
        if row["same_name"] or row["metres"] <= NEAR_METRES
    ]
