"""Benchmark of keying the persons' areas again, as migrations 0024, 0026 and 0027 do on
an upgrade (a benchmark, not a test).

    python scripts/bench_import.py --persons 1000000     # fills mapapp_bench first
    python scripts/bench_area_keys.py

On the benchmark database (a name ending in "_bench", see bench_database.py), in one
transaction rolled back at the end, so that nothing stays changed:

1. as on an upgrade where the rule changed nothing stored (most registers: the keys of
   Kazakh spellings are a few values): `refresh_area_keys` and `refresh_district_keys`,
   which read each distinct value once;
2. the worst case, where every stored key changes: every key of home country, region,
   district and call-up place made stale first, then keyed again;
3. the floor under that: PostgreSQL writing one key column of the same persons in one
   statement (with the same triggers: the audit log's rows).
"""

from __future__ import annotations

import time

from bench_database import bench_settings
from sqlalchemy import text

from mapapp import db as database
from mapapp.importers.search_index import (
    PERSON_KEY_SOURCES,
    refresh_area_keys,
    refresh_district_keys,
)


def _timed(label: str, work) -> float:
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.1f} s" + (f" ({result:,} values keyed anew)" if result else ""))
    return seconds


def _refresh(conn) -> int:
    conn.execute(text("SELECT set_config('mapapp.actor', 'migration 0024', true)"))
    keyed = refresh_area_keys(conn)
    refresh_district_keys(conn)
    return keyed


def main() -> None:
    engine = database.make_engine(bench_settings().database_url)
    with engine.connect() as conn:
        transaction = conn.begin()
        try:
            persons = conn.execute(text("SELECT count(*) FROM persons")).scalar_one()
            keyed = " OR ".join(f"{source} IS NOT NULL" for source in PERSON_KEY_SOURCES.values())
            with_area = conn.execute(
                text(f"SELECT count(*) FROM persons WHERE {keyed}")
            ).scalar_one()
            print(f"{persons:,} persons, {with_area:,} of them with a home or call-up place")
            _timed("1. nothing to key anew", lambda: _refresh(conn))
            stale = ", ".join(
                f"{key} = CASE WHEN {source} IS NULL THEN {key} ELSE 'stale' END"
                for key, source in PERSON_KEY_SOURCES.items()
            )
            conn.execute(text(f"UPDATE persons SET {stale} WHERE {keyed}"))
            conn.execute(text("ANALYZE persons"))
            every = _timed("2. every key keyed anew", lambda: _refresh(conn))
            key = next(iter(PERSON_KEY_SOURCES))
            one_column = text(f"UPDATE persons SET {key} = {key} || '~' WHERE {keyed}")
            floor = _timed(
                "3. PostgreSQL: one key column of the same persons in one UPDATE",
                lambda: conn.execute(one_column) and None,
            )
            print(f"worst case / floor: {every / floor:.1f}")
        finally:
            transaction.rollback()
    print("rolled back: nothing changed")


if __name__ == "__main__":
    main()
