"""Person records that may be one man: pairs listed for review, never merged.

Records share a *group* when they have the same normalised name, the same partial dates
and the same grave (site and grave number). A group of k records is linked by k - 1 pairs,
never by all k(k - 1) / 2 of them:

* an import's new records of a group are each paired with the earliest of them (the
  smallest id), its *leader*;
* the leader is paired with the group's earliest stored record (the smallest id of those
  stored before the import), and with each stored record of the group that no pair links
  to another stored record of it yet (say, one entered by hand, or one whose partner's
  import was undone).

So every record of a group is reachable from every other through the pairs, each import's
pairs stay linked among themselves when an earlier import is undone, and the pages find
the whole group by walking the pairs (``queries.person_duplicates``).

An unknown soldier ("Неизвестный", "Невядомы салдат", "Unknown") without any date is never
paired: nothing about two such rows says they are one man, and a mass grave's register
lists hundreds of them, each on his own row.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Connection, text

from mapapp.text.kazakh_letters import kazakh_spellings
from mapapp.text.normalize import search_key

POSSIBLE_DUPLICATE_REASON = "same name, dates and grave"


def linked_by_pairs(seed: str) -> str:
    """SQL: a recursive CTE ``linked(id, k)`` (under WITH RECURSIVE): the records of
    ``seed`` (a SELECT of an id and a tag k) and every record the pairs link to them,
    directly or through others, each with its seed's tag. A group's records are linked
    by a few pairs each, so a group is found by walking them."""
    return f"""linked(id, k) AS (
        {seed}
        UNION
        SELECT CASE WHEN d.person_id = l.id THEN d.other_person_id ELSE d.person_id END, l.k
        FROM linked l JOIN possible_duplicates d ON l.id IN (d.person_id, d.other_person_id)
    )"""


# The key of a group: the same name (search key), dates and grave.
_DUPLICATE_KEY = (
    "concat_ws('|', {p}.search_key, {p}.birth_year, {p}.birth_month, {p}.birth_day, "
    "{p}.death_year, {p}.death_month, {p}.death_day, {b}.site_id, coalesce({b}.grave, ''))"
)

# The words a register names an unknown soldier with, and those that may stand beside
# them ("Неизвестный солдат"). A name of these words only, with one of the first, is no
# name.
UNKNOWN_NAME_WORDS = (
    "Неизвестный", "Неизвестная", "Неизвестен", "Неизвестно", "Неизвестные",
    "Неустановленный", "Невядомы", "Невядомая", "Невядомыя", "Unknown",
    # Kazakh, typed without its letters too ("Белгисиз", "Белгiсiз"): text.kazakh_letters.
    *sorted(kazakh_spellings("Белгісіз")),
)  # fmt: skip
UNKNOWN_COMPANION_WORDS = (
    "солдат", "салдат", "soldier", "боец", "баец", "воин", "воін", "красноармеец",
    "чырвонаармеец", "жауынгер",
)  # fmt: skip

# Whether the record aliased {p} names an unknown soldier and gives no date at all (the
# dates first: most records have one, and their names need not be split).
_UNKNOWN_WITHOUT_DATES = (
    "(num_nonnulls({p}.birth_year, {p}.birth_month, {p}.birth_day, "
    "{p}.death_year, {p}.death_month, {p}.death_day) = 0 "
    "AND string_to_array({p}.search_key, ' ') <@ CAST(:name_words AS text[]) "
    "AND string_to_array({p}.search_key, ' ') && CAST(:unknown_words AS text[]))"
)


@lru_cache(maxsize=1)
def unknown_name_keys() -> dict[str, list[str]]:
    """The search keys of the unknown soldier's words, as query parameters; the ranks an
    unknown soldier is named by ("Неизвестный ст. лейтенант") stand beside them too."""
    from mapapp.importers.name_cells import UNKNOWN_SOLDIER_WORDS  # imports this module

    unknown = sorted({search_key(word) for word in UNKNOWN_NAME_WORDS})
    companions = {
        key
        for word in (*UNKNOWN_COMPANION_WORDS, *UNKNOWN_SOLDIER_WORDS)
        for key in search_key(word).split()
    }
    return {"unknown_words": unknown, "name_words": sorted(companions.union(unknown))}


def note_possible_duplicates(conn: Connection, batch_id: int, stored_before: bool) -> None:
    """Pair, for review, the new persons of the import with the others of their group
    (new, or stored before it). Nothing is merged."""
    _collect_duplicate_keys(
        conn, "i.id", batch_id, stored_before, join="JOIN stage_ids i ON i.ref = s.ref AND i.is_new"
    )
    conn.execute(
        text(
            f"""
            {_GROUP_PAIRS}
            INSERT INTO possible_duplicates (person_id, other_person_id, reason, import_batch_id)
            SELECT LEAST(a, b), GREATEST(a, b), :reason, :batch FROM pairs
            ON CONFLICT DO NOTHING
            """
        ),
        {"batch": batch_id, "reason": POSSIBLE_DUPLICATE_REASON},
    )


def count_staged_possible_duplicates(conn: Connection) -> int:
    """How many pairs a real run would list for review (dry runs): the staged rows not
    stored yet stand in for their records, by their row numbers (negative, so as never
    to be taken for a person's id). Which new record leads its group does not change the
    count."""
    _collect_duplicate_keys(
        conn,
        "-s.import_row",
        None,
        stored_before=True,
        condition="NOT EXISTS (SELECT 1 FROM persons p WHERE p.ref = s.ref)",
    )
    return conn.execute(text(f"{_GROUP_PAIRS} SELECT count(*) FROM pairs")).scalar_one()


# The pairs an import adds, from ``duplicate_keys``. The keys that repeat are found by one
# hash aggregate; only their few rows are then paired (joining all the keys to themselves
# sorted a million of them twice). A stored person with two burials in one grave counts
# once. ``linked``: the stored records of a group a pair already links to another one of
# it, reached through that one.
_GROUP_PAIRS = """
    WITH repeated AS (
        SELECT DISTINCT d.id, d.k, d.is_new FROM duplicate_keys d
        WHERE d.k IN (SELECT k FROM duplicate_keys GROUP BY k HAVING count(*) > 1)
    ), leaders AS (
        SELECT k, min(id) AS id FROM repeated WHERE is_new GROUP BY k
    ), stored AS (
        SELECT id, k FROM repeated WHERE NOT is_new
    ), earliest AS (
        SELECT k, min(id) AS id FROM stored GROUP BY k
    ), linked AS (
        SELECT s.id, s.k FROM stored s
        JOIN possible_duplicates d ON d.person_id = s.id
        JOIN stored o ON o.id = d.other_person_id AND o.k = s.k
        UNION
        SELECT s.id, s.k FROM stored s
        JOIN possible_duplicates d ON d.other_person_id = s.id
        JOIN stored o ON o.id = d.person_id AND o.k = s.k
    ), pairs AS (
        SELECT l.id AS a, r.id AS b
        FROM repeated r JOIN leaders l ON l.k = r.k
        WHERE r.is_new AND r.id <> l.id
        UNION
        SELECT l.id, s.id
        FROM stored s JOIN leaders l ON l.k = s.k JOIN earliest e ON e.k = s.k
        LEFT JOIN linked x ON x.id = s.id AND x.k = s.k
        WHERE s.id = e.id OR x.id IS NULL
    )
"""


def _collect_duplicate_keys(
    conn: Connection,
    new_id: str,
    batch_id: int | None,
    stored_before: bool,
    join: str = "",
    condition: str = "true",
) -> None:
    """``duplicate_keys``: the key of each new record (the staged rows ``join`` and
    ``condition`` keep, named by ``new_id``) but an unknown soldier's without dates, and
    of each stored person who shares a name with one."""
    new_key = _DUPLICATE_KEY.format(p="s", b="s")
    unknown = _UNKNOWN_WITHOUT_DATES.format(p="s")
    conn.execute(
        text(
            f"""
            CREATE TEMP TABLE duplicate_keys ON COMMIT DROP AS
            SELECT {new_id} AS id, {new_key} AS k, s.search_key, true AS is_new
            FROM stage_persons s {join}
            WHERE s.site_id IS NOT NULL AND s.search_key <> '' AND {condition}
              AND NOT {unknown}
            """
        ),
        unknown_name_keys(),
    )
    if stored_before:
        stored_key = _DUPLICATE_KEY.format(p="p", b="b")
        conn.execute(
            text(
                f"""
                INSERT INTO duplicate_keys
                SELECT p.id, {stored_key}, p.search_key, false
                FROM persons p JOIN burials b ON b.person_id = p.id
                WHERE (CAST(:batch AS integer) IS NULL
                       OR p.import_batch_id IS DISTINCT FROM CAST(:batch AS integer))
                  AND p.search_key IN (SELECT search_key FROM duplicate_keys)
                """
            ),
            {"batch": batch_id},
        )


def possible_duplicates_of_batch(conn: Connection, batch_id: int, limit: int = 200):
    """The pairs an import listed for review: (count, first ``limit`` pairs)."""
    total = conn.execute(
        text("SELECT count(*) FROM possible_duplicates WHERE import_batch_id = :b"),
        {"b": batch_id},
    ).scalar_one()
    pairs = conn.execute(
        text(
            """
            SELECT a.id AS a_id, a.import_row AS a_row, a.record_id AS a_record,
                   a.import_batch_id AS a_batch, b.id AS b_id, b.import_row AS b_row,
                   b.record_id AS b_record, b.import_batch_id AS b_batch,
                   concat_ws(' ', a.surname, a.given_name, a.patronymic) AS name,
                   concat_ws(' ', b.surname, b.given_name, b.patronymic) AS b_name
            FROM possible_duplicates d
            JOIN persons a ON a.id = d.person_id JOIN persons b ON b.id = d.other_person_id
            WHERE d.import_batch_id = :b ORDER BY a.import_row, b.import_row LIMIT :limit
            """
        ),
        {"b": batch_id, "limit": limit},
    ).mappings()
    return total, [dict(p) for p in pairs]


def reduce_stored_pairs(conn: Connection) -> int:
    """The pairs stored before a group was linked by k - 1 pairs (each import had paired
    every record of a group with every other), reduced as an import pairs now: of each
    import's pairs, its leader's with each of its other new records, with the group's
    earliest stored record and with each stored one no other import's pair links; and
    any pair without which one of its records would be paired with no one. The pairs of
    two unknown soldiers without dates go. Returns how many pairs were removed."""
    # In a table of their own, counted: the planner then joins the pairs by hashing,
    # not by looking every two of them up (an estimate of one row did that).
    conn.execute(text("DROP TABLE IF EXISTS pg_temp.unknown_persons"))
    conn.execute(
        text(
            "CREATE TEMP TABLE unknown_persons ON COMMIT DROP AS "
            f"SELECT p.id FROM persons p WHERE {_UNKNOWN_WITHOUT_DATES.format(p='p')}"
        ),
        unknown_name_keys(),
    )
    conn.execute(text("ANALYZE unknown_persons"))
    removed = conn.execute(
        text(
            "DELETE FROM possible_duplicates d "
            "WHERE d.person_id IN (SELECT id FROM unknown_persons) "
            "AND d.other_person_id IN (SELECT id FROM unknown_persons)"
        )
    ).rowcount
    for statement in _KEPT_PAIRS:
        conn.execute(text(statement))
    return removed + conn.execute(text(_DROP_THE_REST)).rowcount


# Each side of each pair an import wrote: ``me_new`` when the import added that record.
_PAIR_SIDES = """
    SELECT d.import_batch_id AS batch, d.{me} AS me, d.{other} AS other,
           m.import_batch_id IS NOT DISTINCT FROM d.import_batch_id AS me_new,
           o.import_batch_id IS NOT DISTINCT FROM d.import_batch_id AS other_new
    FROM possible_duplicates d
    JOIN persons m ON m.id = d.{me} JOIN persons o ON o.id = d.{other}
    WHERE d.import_batch_id IS NOT NULL
"""
_KEPT_PAIRS = (
    # Only this session's tables (pg_temp), from an earlier run in the same transaction.
    "DROP TABLE IF EXISTS pg_temp.pair_sides, pg_temp.leads, pg_temp.kept_pairs, "
    "pg_temp.kept_persons",
    "CREATE TEMP TABLE pair_sides ON COMMIT DROP AS "
    + _PAIR_SIDES.format(me="person_id", other="other_person_id")
    + " UNION ALL "
    + _PAIR_SIDES.format(me="other_person_id", other="person_id"),
    "ANALYZE pair_sides",
    # Each new record's leader in its import (the earliest new record of its group
    # there), and the group's earliest stored record.
    """
    CREATE TEMP TABLE leads ON COMMIT DROP AS
    SELECT batch, me, LEAST(me, min(other) FILTER (WHERE other_new)) AS leader,
           min(other) FILTER (WHERE NOT other_new) AS earliest
    FROM pair_sides WHERE me_new GROUP BY batch, me
    """,
    """
    CREATE TEMP TABLE kept_pairs ON COMMIT DROP AS
    SELECT LEAST(leader, me) AS a, GREATEST(leader, me) AS b FROM leads WHERE me <> leader
    UNION
    SELECT LEAST(earliest, me), GREATEST(earliest, me) FROM leads
    WHERE me = leader AND earliest IS NOT NULL
    UNION
    SELECT LEAST(s.me, s.other), GREATEST(s.me, s.other)
    FROM pair_sides s JOIN leads l ON l.batch = s.batch AND l.me = s.me AND l.me = l.leader
    WHERE NOT s.other_new AND s.other <> l.earliest
      AND NOT EXISTS (SELECT 1 FROM pair_sides o WHERE o.me = s.other AND o.batch <> s.batch)
    """,
    # Were the pairs not as the imports wrote them (some deleted by hand), a record could
    # be left paired with no one: its pairs are kept as they are.
    """
    CREATE TEMP TABLE kept_persons ON COMMIT DROP AS
    SELECT a AS id FROM kept_pairs UNION SELECT b FROM kept_pairs
    """,
    """
    INSERT INTO kept_pairs
    SELECT me, other FROM pair_sides s
    WHERE me < other AND (NOT EXISTS (SELECT 1 FROM kept_persons k WHERE k.id = s.me)
                          OR NOT EXISTS (SELECT 1 FROM kept_persons k WHERE k.id = s.other))
    """,
    "ANALYZE kept_pairs",
)
_DROP_THE_REST = """
    DELETE FROM possible_duplicates d
    WHERE d.import_batch_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM kept_pairs k WHERE k.a = d.person_id AND k.b = d.other_person_id)
"""


def relink_groups(conn: Connection, search_keys: list[str]) -> int:
    """After an undo removed records of these names: each record left in a group that
    no pair links to the group's earliest one any more is paired with it (pairs are
    stars around each import's earliest record; removing that one cut the others
    loose). A pair is kept under the later record's import. Returns how many were
    added."""
    if not search_keys:
        return 0
    stored_key = _DUPLICATE_KEY.format(p="p", b="b")
    unknown = _UNKNOWN_WITHOUT_DATES.format(p="p")
    return conn.execute(
        text(
            f"""
            WITH RECURSIVE keyed AS (
                SELECT DISTINCT p.id, {stored_key} AS k, p.import_batch_id AS batch
                FROM persons p JOIN burials b ON b.person_id = p.id
                WHERE p.search_key = ANY(:keys) AND NOT {unknown}
            ), earliest AS (
                SELECT k, min(id) AS id FROM keyed GROUP BY k HAVING count(*) > 1
            ), {linked_by_pairs("SELECT id, k FROM earliest")}, loose AS (
                SELECT k, batch, min(id) AS id FROM keyed x
                WHERE NOT EXISTS (SELECT 1 FROM linked r WHERE r.id = x.id AND r.k = x.k)
                  AND x.k IN (SELECT k FROM earliest)
                GROUP BY k, batch
            )
            INSERT INTO possible_duplicates (person_id, other_person_id, reason, import_batch_id)
            SELECT e.id, l.id, :reason, l.batch FROM loose l JOIN earliest e ON e.k = l.k
            ON CONFLICT DO NOTHING
            """
        ),
        {"keys": search_keys, "reason": POSSIBLE_DUPLICATE_REASON, **unknown_name_keys()},
    ).rowcount
