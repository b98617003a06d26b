"""Write checked records: sites and battles row by row, persons through COPY.

Every table keys its rows by ``ref`` and inserts with ON CONFLICT DO NOTHING, so a
file imported again, or one that overlaps an earlier one, adds only what is new and
never overwrites what is stored.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

import orjson
from sqlalchemy import Connection, text

from mapapp.importers.awards import unit_key
from mapapp.importers.bulk_copy import copy_rows, open_copy
from mapapp.importers.errors import ImportConflictError
from mapapp.importers.person_duplicates import (  # noqa: F401 (the runner calls them here)
    count_staged_possible_duplicates,
    note_possible_duplicates,
    possible_duplicates_of_batch,
)
from mapapp.importers.refs import bounded_ref, bounded_ref_sql
from mapapp.importers.search_index import place_name_rows, save_place_names, settlement_name
from mapapp.importers.sources import (
    SOURCE_LACKING,
    STAGED_CITED,
    link_cited,
    link_cited_rows,
    link_source,
)


def create_batch(conn: Connection, options, sha256: str, report) -> int:
    """The batch's record: the file, its options, the sheet (layer) read, which of its
    columns was read as which field (``report.mapped``) and which further columns were
    read where those were empty (``report.also_named``), so that what an import read can
    be told from its record alone, whatever headers or mapping file it had."""
    return conn.execute(
        text(
            "INSERT INTO import_batches (kind, file_name, file_sha256, options) "
            "VALUES (:kind, :file, :sha, CAST(:options AS jsonb)) RETURNING id"
        ),
        {
            "kind": options.kind,
            "file": options.path.name,
            "sha": sha256,
            "options": json.dumps(
                {
                    "skip_invalid": options.skip_invalid,
                    "encoding": options.encoding,
                    "crs": options.crs,
                    "mapping": str(options.mapping) if options.mapping else None,
                    "columns": report.mapped,
                    "also_named": report.also_named,
                    "set": options.given or None,
                    "source": options.source,
                    "online": options.online,
                    "sheet": report.sheet,
                }
            ),
        },
    ).scalar_one()


def finish_batch(conn: Connection, batch_id: int, report) -> None:
    conn.execute(
        text(
            "UPDATE import_batches SET rows_read = :read, rows_added = :added, "
            "rows_present = :present, rows_rejected = :rejected WHERE id = :id"
        ),
        {
            "read": report.rows_read,
            "added": report.added,
            "present": report.present,
            "rejected": report.rejected,
            "id": batch_id,
        },
    )


# Places are written a thousand to a statement: the tables' statement triggers (audit,
# map features, data version) then run once per thousand rather than once per row, which
# made 10,000 sites take over a minute.
PLACE_CHUNK = 1000


def _insert_points(
    conn: Connection, table: str, columns: list[str], items: list, batch_id: int
) -> dict[str, int]:
    """Insert sites or battle locations with their provenance; {ref: id} of those added
    (a ref already stored is left as it is). The rows are typed by the table's own row
    type, so each value is read as its column reads it."""
    rows = [
        {
            **{c: item.record.get(c) for c in columns},
            # Python's repr of a float reads back as the same float: the point is exact.
            "geom": f"SRID=4326;POINT({item.record['lon']!r} {item.record['lat']!r})",
            "import_batch_id": batch_id,
            "import_row": item.row,
            "import_source": item.source,
        }
        for item in items
    ]
    names = ", ".join([*columns, "geom", "import_batch_id", "import_row", "import_source"])
    added = conn.execute(
        text(
            f"INSERT INTO {table} ({names}) SELECT {names} "
            f"FROM jsonb_populate_recordset(NULL::{table}, CAST(:rows AS jsonb)) "
            "ON CONFLICT (ref) DO NOTHING RETURNING ref, id"
        ),
        {"rows": json.dumps(rows, ensure_ascii=False)},
    )
    return dict(added.all())


def _write_places(conn, table, columns, good, batch_id, progress, place_type, names_of, link, file):
    """Write ``good`` in chunks, then each added place's names and sources (as cited in
    ``file``: its source columns', then its sources cell's)."""
    added = 0
    for start in range(0, len(good), PLACE_CHUNK):
        chunk = good[start : start + PLACE_CHUNK]
        ids = _insert_points(conn, table, columns, chunk, batch_id)
        names, cited = [], []
        for item in chunk:
            place_id = ids.get(item.record["ref"])
            if place_id is None:
                continue
            names += place_name_rows(place_type, place_id, names_of(item.record))
            if item.record["source"]:
                link_source(conn, link, place_id, item.record["source"], file)
            cited += [(place_id, item.row, source) for source in item.record["cited"]]
        link_cited_rows(conn, link, cited, file)
        save_place_names(conn, names)
        added += len(ids)
        progress("written", added)
    return added


SITE_COLUMNS = (
    "ref kind name name_ru name_be name_en register_number oblast district district_key "
    "village_council settlement buried_total buried_known buried_unknown buried_as_written "
    "year description condition responsible_body location_precision location_note source_note"
).split()


def write_sites(conn: Connection, new, batch_id: int, options, progress) -> int:
    """Add ``new``: the rows whose site is not stored (StoredPlaces.found)."""
    return _write_places(
        conn, "burial_sites", SITE_COLUMNS, new, batch_id, progress,
        "site", _site_names, "site_sources", options.path.name,
    )  # fmt: skip


def _site_names(r: dict) -> dict:
    return {
        "recorded": r["name"],
        "ru": r.get("name_ru"),
        "be": r.get("name_be"),
        "en": r.get("name_en"),
        "settlement": settlement_name(r.get("settlement")),
    }


BATTLE_COLUMNS = (
    "ref name name_en operation period year_from year_to description units "
    "location_precision location_note"
).split()


def write_battles(conn: Connection, new, batch_id: int, options, progress) -> int:
    """Add ``new``: the rows whose battle location is not stored."""
    return _write_places(
        conn, "battle_locations", BATTLE_COLUMNS, new, batch_id, progress,
        "battle", lambda r: {"recorded": r["name"], "en": r.get("name_en")}, "battle_sources",
        options.path.name,
    )  # fmt: skip


PERSON_STAGE = [
    ("ref", "text"), ("surname", "text"), ("given_name", "text"), ("patronymic", "text"),
    ("name_variants", "text"), ("birth_year", "smallint"), ("birth_month", "smallint"),
    ("birth_day", "smallint"), ("birthplace", "text"), ("home_country", "text"),
    ("home_region", "text"), ("home_district", "text"), ("callup_place", "text"),
    ("rank", "text"), ("death_year", "smallint"), ("death_month", "smallint"),
    ("death_day", "smallint"), ("fate", "text"), ("nationality", "text"),
    ("is_hero", "boolean"), ("is_partisan", "boolean"), ("biography", "text"),
    ("is_fictional", "boolean"), ("search_key", "text"), ("name_words", "text"),
    ("surname_key", "text"), ("home_country_key", "text"), ("home_region_key", "text"),
    ("home_district_key", "text"), ("callup_key", "text"), ("import_row", "integer"),
    ("import_source", "jsonb"), ("unit_name", "text"), ("unit_ref", "text"),
    ("site_id", "integer"), ("plot", "text"), ("row_", "text"), ("grave", "text"),
    ("on_plaque", "boolean"), ("original_burial_place", "text"), ("reburial_date", "text"),
    ("reburied_from", "text"), ("src_ref", "text"), ("src_citation", "text"), ("src_url", "text"),
    ("src_archive", "text"), ("src_fond", "text"), ("src_opis", "text"), ("src_delo", "text"),
    ("src_record_id", "text"), ("record_source", "text"), ("record_id", "text"),
    ("older_ref", "text"), ("cited", "jsonb"),
]  # fmt: skip
PERSON_COLUMNS = [name for name, _ in PERSON_STAGE[:32]] + ["record_source", "record_id"]


@lru_cache(maxsize=100_000)
def person_unit_ref(unit: str) -> str | None:
    """The unit a person served in, known by its folded name (awards.unit_key): units
    whose names differ in a number or a letter are two. A cell with no letter or digit
    ("-", "?") names no unit; the row as read keeps it."""
    key = unit_key(unit)
    return bounded_ref("unit:" + key.replace(" ", "-")) if key else None


_RECORD_PART = itemgetter(*PERSON_COLUMNS[:30])
# The name words travel as one space-separated text (their letters are a-z only) and
# become an array in SQL: cheaper to COPY than an array per row.
_NAME_WORDS = PERSON_COLUMNS.index("name_words")


def _stage_row(item) -> tuple:
    r = item.record
    burial, source = r["burial"], r["source"] or {}
    unit = r.get("unit")
    part = _RECORD_PART(r)
    return (
        *part[:_NAME_WORDS],
        " ".join(part[_NAME_WORDS]),
        *part[_NAME_WORDS + 1 :],
        item.row,
        orjson.dumps(item.source).decode(),
        unit,
        person_unit_ref(unit) if unit else None,
        r.get("site_id"),
        burial["plot"], burial["row"], burial["grave"], burial["on_plaque"],
        burial["original_burial_place"], burial["reburial_date"], burial["reburied_from"],
        source.get("ref"), source.get("citation"), source.get("url"), source.get("archive"),
        source.get("fond"), source.get("opis"), source.get("delo"), source.get("record_id"),
        r["record_source"], r["record_id"], r.get("older_ref"),
        orjson.dumps(r["cited"]).decode() if r["cited"] else None,
    )  # fmt: skip


# From this many rows on (unless --online), a load drops the foreign keys of these tables
# and checks them once over the whole table after the load; when the load is larger
# than the stored persons, it also rebuilds their secondary indexes once.
BULK_ROWS = 100_000
REBUILD_SHARE = 1.0
_BULK_TABLES = ("burials", "persons", "person_sources")


def _drop_foreign_keys(conn: Connection) -> list[tuple[str, str, str]]:
    """Drop the foreign keys of the tables a person import fills; return how to restore
    them. The transaction holds the tables locked until they are back and validated."""
    keys = conn.execute(
        text(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(:t)"
        ),
        {"t": list(_BULK_TABLES)},
    ).all()
    for table, name, _ in keys:
        conn.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    return [tuple(k) for k in keys]


def _restore_foreign_keys(conn: Connection, keys) -> None:
    # Re-adding a foreign key checks every row in one pass; a dangling reference would
    # fail here and roll the whole import back.
    for table, name, definition in keys:
        conn.execute(text(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))


def _drop_secondary_indexes(conn: Connection, table: str) -> list[str]:
    """Drop the indexes of ``table`` that ON CONFLICT does not need; return their
    definitions. Used when a load is larger than the table: one build beats a million
    updates."""
    definitions = conn.execute(
        text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid "
            "WHERE i.schemaname = 'public' AND i.tablename = :table "
            "AND NOT x.indisunique AND NOT x.indisprimary"
        ),
        {"table": table},
    ).all()
    for name, _ in definitions:
        conn.execute(text(f'DROP INDEX "{name}"'))
    return [definition for _, definition in definitions]


def create_person_stage(conn: Connection) -> None:
    """A temporary table for the checked rows: filling it locks nothing that readers
    use, so the long part of an import (read, check, COPY) never blocks the site."""
    for table, columns in {"stage_persons": PERSON_STAGE, **HONOUR_STAGES}.items():
        spec = ", ".join(f"{n} {t}" for n, t in columns)
        conn.execute(text(f"CREATE TEMP TABLE {table} ({spec}) ON COMMIT DROP"))


class PersonStage:
    """The stage's COPY, kept open while the file is read: PostgreSQL takes in (and
    parses) each chunk while the next is checked, instead of each chunk waiting for its
    own COPY to end. The awards and formations of the staged rows (a few rows in a
    register) go to their stages whenever HONOURS_HELD are held, and at the end. Used as
    a context manager; inside it the connection runs no other statement."""

    HONOURS_HELD = 50_000

    def __init__(self, conn: Connection):
        self.conn = conn
        self.awards: list[tuple] = []
        self.units: list[tuple] = []
        self._copy = None
        self._open = ExitStack()

    def __enter__(self) -> PersonStage:
        return self

    def __exit__(self, *failure) -> None:
        # On a failure the COPY is abandoned with it (psycopg tells the server so), and
        # the transaction rolls back.
        self._end_copy(*failure)
        if failure[0] is None:
            self._copy_honours()

    def add_checked(self, chunk) -> int:
        """The rows a chunk's column-by-column check passed (person_columns)."""
        self._hold(chunk.awards, chunk.units)
        return self._write(chunk.stage_rows)

    def add_records(self, good: list) -> int:
        """Rows checked one by one (records.Checked)."""
        self._hold(*_honour_rows(good))
        return self._write(_stage_row(item) for item in good)

    def _write(self, rows) -> int:
        if self._copy is None:
            columns, types = zip(*PERSON_STAGE, strict=True)
            self._copy = self._open.enter_context(
                open_copy(self.conn, "stage_persons", columns, types)
            )
        count = 0
        for row in rows:
            self._copy.write_row(row)
            count += 1
        return count

    def _hold(self, awards: list, units: list) -> None:
        self.awards += awards
        self.units += units
        if len(self.awards) + len(self.units) >= self.HONOURS_HELD:
            self._end_copy()  # the honours' own COPY can run then
            self._copy_honours()

    def _end_copy(self, *failure) -> None:
        self._open.__exit__(*(failure or (None, None, None)))
        self._copy = None

    def _copy_honours(self) -> None:
        for table, rows in (("stage_awards", self.awards), ("stage_units", self.units)):
            if rows:
                names, types = zip(*HONOUR_STAGES[table], strict=True)
                copy_rows(self.conn, table, names, rows, types=types)
        self.awards, self.units = [], []


def analyze_stage(conn: Connection) -> None:
    """Statistics of the columns the stage is joined and grouped on (of all its columns,
    the wide text ones would make ANALYZE cost more than it saves)."""
    conn.execute(text("ANALYZE stage_persons (ref, site_id, src_ref, unit_ref, search_key)"))


def adopt_older_refs(
    conn: Connection, sheet_prefixes: tuple[str, str] | None = None, source: str | None = None
) -> int:
    """Staged rows whose record is stored under an older key take that key, so they are
    found present instead of added again. Returns how many rows took one. The older keys:
    - a row without a record id: its key that counted the empty cells too
      (records.row_refs), or a record id as written (records.record_refs);
    - with ``sheet_prefixes`` (the record key prefixes of ``source``, this sheet's, and
      of the older source), a workbook sheet's record stored under the file's name
      alone, before each sheet was a source of its own (or, for a workbook's only
      sheet, under that sheet's name). Which sheet a record came from was not kept, and
      two sheets number their records each from 1: the stored record is this row's only
      when it bears the row's surname (as search reads it) and given name (ё as е);
      else the row is another sheet's record and is added. A sheet that has records
      under its own source already takes none: those under the other name are another
      sheet's."""
    by_sheet = ""
    params = {}
    if sheet_prefixes is not None and not _has_records(conn, source):
        params = {"prefix": sheet_prefixes[0], "older": sheet_prefixes[1]}
        by_sheet = """
            UNION ALL
            SELECT s.ref, p.ref, 2 FROM stage_persons s
            JOIN persons p ON p.ref IN (
                :older || substr(s.ref, length(:prefix) + 1), :older || s.record_id)
            WHERE s.record_id IS NOT NULL AND starts_with(s.ref, :prefix)
            AND p.surname_key IS NOT DISTINCT FROM s.surname_key
            AND replace(lower(coalesce(p.given_name, '')), 'ё', 'е')
              = replace(lower(coalesce(s.given_name, '')), 'ё', 'е')
        """
    conn.execute(
        text(
            f"""
            CREATE TEMP TABLE stage_older_refs ON COMMIT DROP AS
            SELECT DISTINCT ON (ref) ref, older_ref FROM (
                SELECT s.ref, s.older_ref, 1 AS rank FROM stage_persons s
                WHERE s.older_ref IS NOT NULL
                AND EXISTS (SELECT 1 FROM persons p WHERE p.ref = s.older_ref)
                {by_sheet}
            ) found
            WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.ref = found.ref)
            ORDER BY ref, rank, older_ref
            """
        ),
        params,
    )
    moved = {
        table: conn.execute(
            text(
                f"UPDATE {table} t SET ref = o.older_ref "
                "FROM stage_older_refs o WHERE t.ref = o.ref"
            )
        ).rowcount
        for table in ("stage_persons", *HONOUR_STAGES)
    }
    conn.execute(text("DROP TABLE stage_older_refs"))
    return moved["stage_persons"]


def _has_records(conn: Connection, source: str) -> bool:
    """Whether any person is stored with ``source`` as its record source (a scan of the
    persons: it is asked of a workbook's sheet only)."""
    return conn.execute(
        text("SELECT EXISTS (SELECT 1 FROM persons WHERE record_source = :s)"), {"s": source}
    ).scalar_one()


def staged_repeats(conn: Connection) -> list[tuple[str, list[str | None], list[int]]]:
    """Records staged more than once: (ref, each row's record id as written, the rows)."""
    return [
        (ref, list(record_ids), list(rows))
        for ref, record_ids, rows in conn.execute(
            text(
                "SELECT ref, array_agg(record_id ORDER BY import_row), "
                "array_agg(import_row ORDER BY import_row) "
                "FROM stage_persons GROUP BY ref HAVING count(*) > 1 ORDER BY min(import_row)"
            )
        )
    ]


def unstage_rows(conn: Connection, rows: list[int]) -> None:
    conn.execute(text("DELETE FROM stage_persons WHERE import_row = ANY(:rows)"), {"rows": rows})


def staged_rows_as_read(conn: Connection, rows: list[int]) -> dict[int, dict]:
    return {
        row: source
        for row, source in conn.execute(
            text("SELECT import_row, import_source FROM stage_persons WHERE import_row = ANY(:r)"),
            {"r": rows},
        )
    }


def count_staged_present(conn: Connection) -> int:
    """How many staged records are stored already (dry runs)."""
    return conn.execute(
        text("SELECT count(*) FROM stage_persons s JOIN persons p ON p.ref = s.ref")
    ).scalar_one()


def staged_without_grave(conn: Connection, written: bool, limit: int = 20) -> tuple[int, list]:
    """How many of the new records (once ``written``: those added; in a dry run: those not
    stored already) have no grave, and the first ``limit`` of their rows."""
    new = (
        "EXISTS (SELECT 1 FROM stage_ids i WHERE i.ref = s.ref AND i.is_new)"
        if written
        else "NOT EXISTS (SELECT 1 FROM persons p WHERE p.ref = s.ref)"
    )
    rows = conn.execute(
        text(
            "SELECT s.import_row, count(*) OVER () FROM stage_persons s "
            f"WHERE s.site_id IS NULL AND {new} ORDER BY s.import_row LIMIT :limit"
        ),
        {"limit": limit},
    ).all()
    return (rows[0][1] if rows else 0), [row for row, _ in rows]


@dataclass
class IdsElsewhere:
    """Staged rows whose record id and name are stored under another source."""

    sampled: int = 0  # staged rows with a record id that were looked at
    found: int = 0
    sources: list[str] = field(default_factory=list)  # the other sources, most rows first


# A renamed or converted export ("obd (1).csv", the .xlsx of the .csv) is another source
# by default, and would add each of its records again: a sample of its rows is enough to
# tell (looked up by name, as persons have no index on the record id alone).
IDS_SAMPLE = 1000


_SAME_RECORD_ELSEWHERE = """
    p.surname = s.surname AND p.given_name IS NOT DISTINCT FROM s.given_name
    AND p.record_id = s.record_id AND p.record_source <> s.record_source
"""


def ids_stored_elsewhere(conn: Connection) -> IdsElsewhere:
    row = conn.execute(
        text(
            f"""
            WITH sample AS (
                SELECT surname, given_name, record_id, record_source FROM stage_persons s
                WHERE record_id IS NOT NULL  -- a record found present is no other's
                AND NOT EXISTS (SELECT 1 FROM persons p WHERE p.ref = s.ref)
                LIMIT :sample  -- any rows tell: no sort
            )
            SELECT (SELECT count(*) FROM sample),
                   (SELECT count(*) FROM sample s WHERE EXISTS (
                        SELECT 1 FROM persons p WHERE {_SAME_RECORD_ELSEWHERE})),
                   ARRAY(SELECT p.record_source FROM sample s JOIN persons p
                         ON {_SAME_RECORD_ELSEWHERE}
                         GROUP BY p.record_source ORDER BY count(*) DESC, p.record_source
                         LIMIT 5)
            """
        ),
        {"sample": IDS_SAMPLE},
    ).one()
    return IdsElsewhere(sampled=row[0], found=row[1], sources=list(row[2]))


# What a person's record says (not how or where it was read): a stored record that
# differs from its row in these is told, never changed by an import.
COMPARED_PERSON_COLUMNS = (
    "surname given_name patronymic name_variants birth_year birth_month birth_day birthplace "
    "home_country home_region home_district callup_place rank death_year death_month "
    "death_day fate nationality is_hero is_partisan biography is_fictional"
).split()


@dataclass
class Differing:
    """Staged rows whose record is stored already with other values."""

    count: int = 0
    rows: list[int] = field(default_factory=list)  # the first of them
    # Of them, rows whose stored record bears another surname: the record id is likely
    # another list's (two lists of one file name), not a correction.
    other_surname: int = 0
    # Field -> in how many of them it differs.
    fields: dict[str, int] = field(default_factory=dict)


# What a staged row says that its stored record lacks (an import adds none of it), by
# the name the report gives it.
_LACKING = {
    "burial site": "s.site_id IS NOT NULL AND NOT EXISTS ("
    "SELECT 1 FROM burials b WHERE b.person_id = p.id AND b.site_id = s.site_id)",
    "source": SOURCE_LACKING,
    "award": "lacking_award.ref IS NOT NULL",
}
# The refs whose stored record lacks one of their staged awards, joined once: an award
# looked up for each row read the whole stage of awards each time (20,000 present rows,
# half with an award, took 11 s; the time grew as their square).
_LACKING_AWARDS = (
    "LEFT JOIN (SELECT DISTINCT a.ref FROM stage_awards a JOIN persons q ON q.ref = a.ref "
    "WHERE NOT EXISTS (SELECT 1 FROM awards w WHERE w.person_id = q.id AND w.title = a.title)"
    ") lacking_award ON lacking_award.ref = s.ref"
)


# A row whose record bears another surname, one the record never bore: its record id is
# likely another list's. A surname corrected on the record's page since (the audit log
# keeps what it was) is the row's, and the row is this record's.
_OTHER_LIST = "another list's"
_SURNAME_NEVER_THE_ROW_S = (
    "CASE WHEN p.surname IS DISTINCT FROM s.surname THEN NOT EXISTS ("
    "SELECT 1 FROM audit_log a WHERE a.table_name = 'persons' AND a.row_id = p.id "
    "AND a.op = 'UPDATE' AND a.old_row ->> 'surname' = s.surname) ELSE false END"
)


def staged_rows_differing(conn: Connection, written: bool, limit: int = 200) -> Differing:
    """The staged rows whose record is stored already with other values (a corrected file
    imported again, or a record corrected since on its page), a burial site, source or
    award the stored record lacks included, with how many differ in each field. Once
    ``written``, the records found present are known (``stage_ids``), and a load of new
    records compares nothing."""
    present = (
        "stage_ids i JOIN persons p ON p.id = i.id AND NOT i.is_new "
        "JOIN stage_persons s ON s.ref = i.ref"
        if written
        else "stage_persons s JOIN persons p ON p.ref = s.ref"
    )
    tests = {c: f"p.{c} IS DISTINCT FROM s.{c}" for c in COMPARED_PERSON_COLUMNS} | _LACKING
    tests[_OTHER_LIST] = _SURNAME_NEVER_THE_ROW_S
    flags = [f"f{n}" for n in range(len(tests))]
    compared = ", ".join(f"{test} AS f{n}" for n, test in enumerate(tests.values()))
    # One pass over the present rows: each row's differences as flags (OFFSET 0 keeps the
    # subquery apart, so the filter reads the flags instead of testing everything twice),
    # kept for the differing rows only, then counted and sampled.
    row = conn.execute(
        text(
            "WITH differing AS MATERIALIZED (SELECT * FROM ("
            f"  SELECT s.import_row, {compared} FROM {present} {_LACKING_AWARDS} OFFSET 0"
            f") c WHERE {' OR '.join(flags)}) "
            "SELECT count(*), "
            + ", ".join(f"count(*) FILTER (WHERE {flag})" for flag in flags)
            + ", ARRAY(SELECT import_row FROM differing ORDER BY import_row LIMIT :limit) "
            "FROM differing"
        ),
        {"limit": limit},
    ).one()
    counts = dict(zip(tests, row[1:-1], strict=True))
    other_list = counts.pop(_OTHER_LIST)
    return Differing(
        count=row[0],
        rows=list(row[-1]),
        other_surname=other_list,
        fields={name: n for name, n in counts.items() if n},
    )


def write_staged_persons(
    conn: Connection, batch_id: int, staged: int, options, progress, cites: bool = False
) -> tuple[int, int]:
    """Add the staged persons that are new, with their burials, sources (``cites``: those
    of a sources column too) and vocabulary, in a few set statements. A large load drops
    and restores foreign keys (and indexes), which locks the persons, burials and
    person_sources tables until it commits; an online load (``options.online``) takes row
    locks only, so readers go on."""
    # What counts is the rows to add: a file imported again adds none and locks nothing.
    new = staged - count_staged_present(conn) if staged >= BULK_ROWS else staged
    exclusive = not options.online and new >= BULK_ROWS
    keys = _drop_foreign_keys(conn) if exclusive else []
    indexes = []
    if exclusive:
        stored = conn.execute(text("SELECT count(*) FROM persons")).scalar_one()
        if new > stored * REBUILD_SHARE:
            indexes = [
                *_drop_secondary_indexes(conn, "persons"),
                *_drop_secondary_indexes(conn, "burials"),
                # Filled by a trigger on burials (migration 0012), one row per burial.
                *_drop_secondary_indexes(conn, "site_name_order"),
                *_drop_secondary_indexes(conn, "person_sources"),
            ]
    # On any error the transaction rolls back, and what was dropped comes back with it.
    result = _write_staged(
        conn, batch_id, staged, options, progress, larger=bool(indexes), cites=cites
    )
    if indexes:
        conn.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
        for definition in indexes:
            conn.execute(text(definition))
        progress("indexed", staged)
    if keys:
        _restore_foreign_keys(conn, keys)
        progress("checked references", staged)
    if exclusive:
        # Fresh statistics for the tables a large load filled, in its transaction: until
        # autovacuum gets to them, the planner would see the old sizes (a partisan
        # brigade's page, 18,000 members, took 125 s after a million persons were loaded,
        # looking each member's burial up by walking every burial).
        for table in (*_BULK_TABLES, "site_name_order"):
            conn.execute(text(f"ANALYZE {table}"))
        progress("analyzed", staged)
    return result


def _write_staged(
    conn: Connection, batch_id: int, staged: int, options, progress, larger: bool, cites: bool
):
    """``larger``: the load is larger than the persons stored before it; ``cites``: the
    file has a sources column."""
    conn.execute(text("SET LOCAL work_mem = '256MB'"))
    # Bulk loads: let the name-word GIN index collect new entries and merge them once.
    conn.execute(text("SET LOCAL gin_pending_list_limit = '256MB'"))
    _add_staged_units(conn)
    stored_before = conn.execute(text("SELECT EXISTS (SELECT 1 FROM persons)")).scalar_one()
    added = _insert_staged_persons(conn, batch_id, staged)
    progress("inserted", added)
    _link_staged_burials(conn, batch_id, hash_joins=larger)
    progress("linked to sites", added)
    _link_staged_sources(conn, options.path.name, cites)
    progress("sources", added)
    _write_staged_honours(conn, batch_id)
    _add_staged_vocabulary(conn)
    progress("vocabulary", added)
    note_possible_duplicates(conn, batch_id, stored_before)
    progress("possible duplicates", added)
    return added, staged - added


def _add_staged_units(conn: Connection) -> None:
    conn.execute(
        text(
            "INSERT INTO units (ref, name, kind) SELECT DISTINCT ON (unit_ref) unit_ref, "
            "unit_name, CASE WHEN unit_name ILIKE '%партизан%' OR unit_name ILIKE '%partisan%' "
            "THEN 'partisan' ELSE 'army' END FROM stage_persons WHERE unit_ref IS NOT NULL "
            "ON CONFLICT (ref) DO NOTHING"
        )
    )


def _insert_staged_persons(conn: Connection, batch_id: int, staged: int) -> int:
    """Insert the staged persons not yet present; ``stage_ids`` then maps every staged
    ref to its person id, new or present."""
    target = ", ".join(PERSON_COLUMNS)
    in_sql = {"name_words": "string_to_array(s.name_words, ' ')"}
    select = ", ".join(in_sql.get(c, "s." + c) for c in PERSON_COLUMNS)
    # Ids of every staged person: new ones from RETURNING, present ones looked up.
    conn.execute(
        text("CREATE TEMP TABLE stage_ids (ref text, id integer, is_new boolean) ON COMMIT DROP")
    )
    added = conn.execute(
        text(
            f"""
            WITH inserted AS (
                INSERT INTO persons ({target}, unit_id, import_batch_id)
                SELECT {select}, u.id, :batch
                FROM stage_persons s LEFT JOIN units u ON u.ref = s.unit_ref
                ON CONFLICT (ref) DO NOTHING
                RETURNING ref, id
            ), saved AS (
                INSERT INTO stage_ids SELECT ref, id, true FROM inserted RETURNING 1
            ) SELECT count(*) FROM saved
            """
        ),
        {"batch": batch_id},
    ).scalar_one()
    if added < staged:
        conn.execute(
            text(
                "INSERT INTO stage_ids SELECT p.ref, p.id, false FROM persons p "
                "WHERE p.ref IN (SELECT ref FROM stage_persons) "
                "AND p.ref NOT IN (SELECT ref FROM stage_ids)"
            )
        )
    conn.execute(text("ANALYZE stage_ids"))
    return added


def _link_staged_burials(conn: Connection, batch_id: int, hash_joins: bool) -> None:
    if hash_joins:
        # The per-site counts trigger joins the new burials to their persons; planned
        # without statistics, it looks each person up by index (most of this step's
        # time at a million). When the load is larger than the persons stored before,
        # one hash join over the persons is cheaper.
        conn.execute(text("SET LOCAL enable_nestloop = off"))
    conn.execute(
        text(
            """
            INSERT INTO burials (person_id, site_id, plot, row, grave, on_plaque,
                                 original_burial_place, reburial_date, reburied_from,
                                 import_batch_id)
            SELECT i.id, s.site_id, s.plot, s.row_, s.grave, s.on_plaque,
                   s.original_burial_place, s.reburial_date, s.reburied_from, :batch
            FROM stage_persons s JOIN stage_ids i ON i.ref = s.ref AND i.is_new
            WHERE s.site_id IS NOT NULL
            ON CONFLICT ON CONSTRAINT burials_person_site DO NOTHING
            """
        ),
        {"batch": batch_id},
    )
    if hash_joins:
        conn.execute(text("SET LOCAL enable_nestloop TO DEFAULT"))


def _link_staged_sources(conn: Connection, file_name: str, cites: bool) -> None:
    conn.execute(
        text(
            """
            INSERT INTO sources (ref, citation, url, archive, fond, opis, delo, record_id,
                                 imported_file, imported_row)
            SELECT DISTINCT ON (s.src_ref) s.src_ref, s.src_citation, s.src_url,
                   s.src_archive, s.src_fond, s.src_opis, s.src_delo, s.src_record_id, :file,
                   s.import_row
            FROM stage_persons s JOIN stage_ids i ON i.ref = s.ref AND i.is_new
            WHERE s.src_ref IS NOT NULL
            ON CONFLICT (ref) DO NOTHING
            """
        ),
        {"file": file_name},
    )
    conn.execute(
        text(
            """
            INSERT INTO person_sources (person_id, source_id)
            SELECT i.id, src.id FROM stage_persons s
            JOIN stage_ids i ON i.ref = s.ref AND i.is_new JOIN sources src ON src.ref = s.src_ref
            ON CONFLICT DO NOTHING
            """
        )
    )
    if cites:  # a sources column (a file exported from the register has one)
        link_cited(conn, "person_sources", STAGED_CITED, {}, file_name)


def _add_staged_vocabulary(conn: Connection) -> None:
    conn.execute(
        text(
            "INSERT INTO name_vocabulary (word) "
            "SELECT DISTINCT unnest(string_to_array(name_words, ' ')) "
            "FROM stage_persons ON CONFLICT (word) DO NOTHING"
        )
    )


def _honour_rows(good: list) -> tuple[list[tuple], list[tuple]]:
    """The awards and partisan formations of checked rows (mapapp.importers.awards), in
    the shape of their stages."""
    awards = [
        (i.record["ref"], a["position"], a["title"], a["is_hero_title"], a["date_year"],
         a["date_month"], a["date_day"], a["feat"])
        for i in good for a in i.record.get("awards") or ()
    ]  # fmt: skip
    units = [
        (i.record["ref"], i.row, i.record["brigade"], unit_key(i.record["brigade"]),
         i.record["detachment"], unit_key(i.record["detachment"]))
        for i in good if i.record.get("brigade") or i.record.get("detachment")
    ]  # fmt: skip
    return awards, units


def _write_staged_honours(conn: Connection, batch_id: int) -> None:
    """Awards and partisan formations of the staged persons, in set statements. A brigade
    or detachment already stored under the same name (folded) is reused, never doubled;
    a new one is named as its first row in the file writes it."""
    for statement in (_INSERT_AWARDS, _INSERT_BRIGADES, _INSERT_DETACHMENTS):
        conn.execute(text(statement), {"batch": batch_id})
    # Every named formation is stored now; one that is not (its ref taken by another
    # formation) would lose its members without a word: the import stops instead.
    unstored = conn.execute(text(_UNSTORED_FORMATION)).first()
    if unstored is not None:
        raise ImportConflictError(
            f"row {unstored.row_}: the formation {unstored.name!r} could not be stored (its "
            f"ref {unstored.ref!r} belongs to another formation); nothing was imported"
        )
    conn.execute(text(_INSERT_MEMBERSHIPS), {"batch": batch_id})


HONOUR_STAGES = {
    "stage_awards": [
        ("ref", "text"), ("position", "smallint"), ("title", "text"), ("is_hero_title", "boolean"),
        ("date_year", "smallint"), ("date_month", "smallint"), ("date_day", "smallint"),
        ("feat", "text"),
    ],
    "stage_units": [
        ("ref", "text"), ("row_", "integer"), ("brigade", "text"), ("brigade_key", "text"),
        ("detachment", "text"), ("detachment_key", "text"),
    ],
}  # fmt: skip


_INSERT_AWARDS = """
    INSERT INTO awards (person_id, position, title, is_hero_title, date_year, date_month,
                        date_day, feat, source_id, import_batch_id)
    SELECT i.id, a.position, a.title, a.is_hero_title, a.date_year, a.date_month, a.date_day,
           a.feat, src.id, :batch
    FROM stage_awards a JOIN stage_ids i ON i.ref = a.ref AND i.is_new
    LEFT JOIN LATERAL (SELECT s.src_ref FROM stage_persons s WHERE s.ref = a.ref LIMIT 1) p
        ON true
    LEFT JOIN sources src ON src.ref = p.src_ref
    ON CONFLICT ON CONSTRAINT awards_person_position DO NOTHING
"""
# The brigade a staged row names: the first stored one with that folded name.
_BRIGADE_OF = """
    LEFT JOIN LATERAL (SELECT u.id FROM partisan_units u WHERE u.kind = 'brigade'
                       AND u.name_key = s.brigade_key ORDER BY u.id LIMIT 1) b ON true
"""
# Refs of new formations: by folded name (and brigade), within the ref column's length.
_BRIGADE_REF = bounded_ref_sql("'formation:brigade:' || s.brigade_key")
_DETACHMENT_REF = bounded_ref_sql(
    "'formation:detachment:' || coalesce(b.id::text, '-') || ':' || s.detachment_key"
)
_INSERT_BRIGADES = f"""
    INSERT INTO partisan_units (ref, kind, name, name_key, import_batch_id)
    SELECT DISTINCT ON (s.brigade_key) {_BRIGADE_REF}, 'brigade', s.brigade, s.brigade_key,
           :batch
    FROM stage_units s
    WHERE s.brigade_key IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM partisan_units u WHERE u.kind = 'brigade' AND u.name_key = s.brigade_key)
    ORDER BY s.brigade_key, s.row_
    ON CONFLICT (ref) DO NOTHING
"""
_INSERT_DETACHMENTS = f"""
    INSERT INTO partisan_units (ref, kind, name, name_key, brigade_id, import_batch_id)
    SELECT DISTINCT ON (b.id, s.detachment_key) {_DETACHMENT_REF},
           'detachment', s.detachment, s.detachment_key, b.id, :batch
    FROM stage_units s {_BRIGADE_OF}
    WHERE s.detachment_key IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM partisan_units d WHERE d.kind = 'detachment'
        AND d.name_key = s.detachment_key AND d.brigade_id IS NOT DISTINCT FROM b.id)
    ORDER BY b.id, s.detachment_key, s.row_
    ON CONFLICT (ref) DO NOTHING
"""
_DETACHMENT_OF = """
    LEFT JOIN LATERAL (SELECT d.id FROM partisan_units d WHERE d.kind = 'detachment'
                       AND d.name_key = s.detachment_key
                       AND d.brigade_id IS NOT DISTINCT FROM b.id ORDER BY d.id LIMIT 1) d
        ON true
"""
_UNSTORED_FORMATION = f"""
    SELECT s.row_,
           CASE WHEN s.brigade_key IS NOT NULL AND b.id IS NULL THEN s.brigade
                ELSE s.detachment END AS name,
           CASE WHEN s.brigade_key IS NOT NULL AND b.id IS NULL THEN {_BRIGADE_REF}
                ELSE {_DETACHMENT_REF} END AS ref
    FROM stage_units s {_BRIGADE_OF} {_DETACHMENT_OF}
    WHERE (s.brigade_key IS NOT NULL AND b.id IS NULL)
       OR (s.detachment_key IS NOT NULL AND d.id IS NULL)
    ORDER BY s.row_ LIMIT 1
"""
_INSERT_MEMBERSHIPS = f"""
    INSERT INTO partisan_memberships (person_id, unit_id, import_batch_id)
    SELECT DISTINCT i.id, coalesce(d.id, b.id), :batch
    FROM stage_units s JOIN stage_ids i ON i.ref = s.ref AND i.is_new {_BRIGADE_OF}
         {_DETACHMENT_OF}
    WHERE coalesce(d.id, b.id) IS NOT NULL
    ON CONFLICT DO NOTHING
"""


WRITERS = {"sites": write_sites, "battles": write_battles}
