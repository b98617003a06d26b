"""Burial sites that may be one place, listed for review and never merged.

A site's identity is its register number, else its kind, name and point: the same file
imported again under another mapping (the kind taken from the name instead of --set, the
name from name:ru instead of name) adds its sites again. Such pairs, and two records of
one place from two sources, are found by where they lie:
- two sites located exactly (precision "site") within ``NEAR_METRES`` of each other;
- two sites with a name in common (any spelling; not the settlement's; the same numbers)
  within ``SAME_NAME_METRES``, which also pairs sites placed at one settlement's centre,
  but never a site placed at a district's centre (where it lies is not known);
- two sites with a name in common in one settlement of one district (its name's numbers
  the same: Заречье-1 and Заречье-2 are two villages), however far apart
  their points (a site whose point was corrected by kilometres is added again), or
  placed at the district's centre because the gazetteer does not know the settlement.
Two sites that both carry a number of one register are never paired: the register counts
them as two. A heritage code of the State List and a district book's plain number are two
registers' numbers, so such two sites are paired as any others are.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

NEAR_METRES = 50
SAME_NAME_METRES = 1000

# The numbers a name carries, as importers.links.numbers_in reads them.
_NUMBERS = "ARRAY(SELECT m[1]::numeric FROM regexp_matches({name}, '\\d+', 'g') AS m)"

# Each site's names by key and numbers, read once: pairs by name are then found by a join
# (a check per pair of neighbours made 2,000 sites at one settlement take half a minute).
# A site placed at a district's centre is never paired by name nearby: where it lies is
# unknown (only by its settlement's name, by_settlement).
_NAME_KEYS = f"""
CREATE TEMP TABLE site_name_keys ON COMMIT DROP AS
SELECT DISTINCT n.place_id AS site_id, n.key, {_NUMBERS.format(name="n.name")} AS numbers,
       s.location_precision = 'district' AS at_district_centre
FROM place_names n JOIN burial_sites s ON s.id = n.place_id
WHERE n.place_type = 'site' AND n.lang <> 'settlement' AND n.key <> ''
  AND s.withdrawn_at IS NULL
"""

# Whether a stored register number is a heritage code, as number_keys.register_key and
# is_heritage_code read it: without a leading "№", spaces (a no-break one too, which
# [[:space:]] is not here) and hyphens.
_HERITAGE = (
    "(regexp_replace({site}.register_number, '^[[:space:]\u00a0]*№|[[:space:]\u00a0-]', '', "
    "'g') ~* '^[0-9]{{3}}[a-zа-яё][0-9]{{6}}$')"
)
# Two numbers of one register: the register counts the two sites apart.
_ONE_REGISTER = (
    "(n.register_number IS NOT NULL AND o.register_number IS NOT NULL AND "
    + _HERITAGE.format(site="n")
    + " = "
    + _HERITAGE.format(site="o")
    + ")"
)

# The sites to look around: those of one import batch, or (batch NULL) every site.
_NOTE = f"""
WITH looked AS (
    SELECT id, geom, register_number, location_precision, district_key FROM burial_sites
    WHERE (CAST(:batch AS integer) IS NULL OR import_batch_id = :batch)
      AND withdrawn_at IS NULL
),
by_name AS (
    SELECT DISTINCT n.id AS a, o.id AS b
    FROM looked n
    JOIN site_name_keys x ON x.site_id = n.id AND NOT x.at_district_centre
    JOIN site_name_keys y ON y.key = x.key AND y.numbers = x.numbers AND y.site_id <> n.id
     AND NOT y.at_district_centre
    JOIN burial_sites o ON o.id = y.site_id
     AND ST_DWithin(o.geom::geography, n.geom::geography, {SAME_NAME_METRES})
    WHERE NOT {_ONE_REGISTER}
),
by_settlement AS (
    SELECT DISTINCT n.id AS a, o.id AS b
    FROM looked n
    JOIN place_names sx
      ON sx.place_type = 'site' AND sx.place_id = n.id AND sx.lang = 'settlement'
     AND sx.key <> ''
    JOIN place_names sy
      ON sy.place_type = 'site' AND sy.lang = 'settlement' AND sy.key = sx.key
     AND sy.place_id <> n.id
     AND {_NUMBERS.format(name="sy.name")} = {_NUMBERS.format(name="sx.name")}
    JOIN burial_sites o
      ON o.id = sy.place_id AND o.district_key = n.district_key AND o.withdrawn_at IS NULL
    JOIN site_name_keys x ON x.site_id = n.id
    JOIN site_name_keys y ON y.site_id = o.id AND y.key = x.key AND y.numbers = x.numbers
    WHERE n.district_key <> '' AND NOT {_ONE_REGISTER}
),
near AS (
    SELECT n.id AS a, o.id AS b
    FROM looked n
    JOIN burial_sites o
      ON o.id <> n.id AND o.withdrawn_at IS NULL AND o.location_precision = 'site'
     AND ST_DWithin(o.geom::geography, n.geom::geography, {NEAR_METRES})
    WHERE n.location_precision = 'site'
      AND NOT {_ONE_REGISTER}
),
pairs AS (
    SELECT LEAST(a, b) AS a, GREATEST(a, b) AS b, bool_or(same_name) AS same_name
    FROM (SELECT a, b, true AS same_name FROM by_name
          UNION ALL SELECT a, b, true FROM by_settlement
          UNION ALL SELECT a, b, false FROM near) found
    GROUP BY 1, 2
)
INSERT INTO possible_duplicate_sites (site_id, other_site_id, metres, same_name, import_batch_id)
SELECT p.a, p.b, round(ST_Distance(a.geom::geography, b.geom::geography))::integer,
       p.same_name, :batch
FROM pairs p JOIN burial_sites a ON a.id = p.a JOIN burial_sites b ON b.id = p.b
ON CONFLICT DO NOTHING
"""


def note_possible_duplicate_sites(conn: Connection, batch_id: int | None) -> int:
    """Pair each site of the batch (or every site) with the stored sites it may repeat;
    the number of pairs added."""
    conn.execute(text(_NAME_KEYS))
    conn.execute(text("ANALYZE site_name_keys"))  # planned blind, the pairing took 8 s, not 0.2
    added = conn.execute(text(_NOTE), {"batch": batch_id}).rowcount
    conn.execute(text("DROP TABLE site_name_keys"))
    return added
