"""Burial sites that may be one place, listed for review and never merged.

A site's identity is its register number, else its kind, name and point: the same file
imported again under another mapping (the kind taken from the name instead of --set, the
name from name:ru instead of name) adds its sites again. Such pairs, and two records of
one place from two sources, are found by where they lie:
- two sites located exactly (precision "site") within ``NEAR_METRES`` of each other;
- two sites with a name in common (any spelling; not the settlement's) within
  ``SAME_NAME_METRES``, which also pairs sites placed at one settlement's centre.
Two sites that both carry a register number are never paired: the register counts them
as two.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

NEAR_METRES = 50
SAME_NAME_METRES = 1000

# The numbers a name carries, as importers.links.numbers_in reads them.
_NUMBERS = "ARRAY(SELECT m[1]::numeric FROM regexp_matches({name}, '\\d+', 'g') AS m)"

# The sites to look around: those of one import batch, or (batch NULL) every site.
_NOTE = f"""
WITH looked AS (
    SELECT id, geom, register_number, location_precision FROM burial_sites
    WHERE (CAST(:batch AS integer) IS NULL OR import_batch_id = :batch)
      AND withdrawn_at IS NULL
),
pairs AS (
    SELECT n.id AS a, o.id AS b,
           round(ST_Distance(n.geom::geography, o.geom::geography))::integer AS metres,
           EXISTS (
               SELECT 1 FROM place_names x
               JOIN place_names y ON y.key = x.key AND y.place_type = 'site'
                                 AND y.place_id = o.id AND y.lang <> 'settlement'
               WHERE x.place_type = 'site' AND x.place_id = n.id AND x.lang <> 'settlement'
                 AND x.key <> ''
                 -- the key leaves digits out: "Братская могила № 1" is not "№ 2"
                 AND {_NUMBERS.format(name="x.name")} = {_NUMBERS.format(name="y.name")}
           ) AS same_name,
           n.location_precision = 'site' AND o.location_precision = 'site' AS both_exact
    FROM looked n
    JOIN burial_sites o
      ON o.id <> n.id AND o.withdrawn_at IS NULL
     AND ST_DWithin(o.geom::geography, n.geom::geography, {SAME_NAME_METRES})
     AND (n.register_number IS NULL OR o.register_number IS NULL)
)
INSERT INTO possible_duplicate_sites (site_id, other_site_id, metres, same_name, import_batch_id)
SELECT DISTINCT LEAST(a, b), GREATEST(a, b), metres, same_name, :batch
FROM pairs
WHERE same_name OR (both_exact AND metres <= {NEAR_METRES})
ON CONFLICT DO NOTHING
"""


def note_possible_duplicate_sites(conn: Connection, batch_id: int | None) -> int:
    """Pair each site of the batch (or every site) with the stored sites it may repeat;
    the number of pairs added."""
    return conn.execute(text(_NOTE), {"batch": batch_id}).rowcount
