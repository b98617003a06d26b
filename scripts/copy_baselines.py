"""PostgreSQL's own floor for a person import, measured beside it (bench_import.py).

- ``raw``: the file as it is, COPYed (CSV) into an unindexed table of text columns.
- ``indexed``: the persons an import added, COPYed again (binary) into a new table like
  ``persons`` with its indexes, maintained row by row.
- ``then indexed``: the same rows into the same table without indexes, and the indexes
  built after.

Everything happens in transactions that are rolled back: nothing stays behind.
"""

from __future__ import annotations

import csv
import re
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine

_INDEX = re.compile(r"^CREATE (UNIQUE )?INDEX \S+ ON public\.persons ")


def raw_copy_seconds(engine: Engine, path: Path) -> float:
    with path.open(encoding="utf-8", newline="") as fh:
        columns = next(csv.reader(fh))
    spec = ", ".join(f"c{i} text" for i in range(len(columns)))
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        with raw.cursor() as cursor:
            cursor.execute(f"CREATE UNLOGGED TABLE bench_raw_persons ({spec})")
            started = time.perf_counter()
            statement = "COPY bench_raw_persons FROM STDIN (FORMAT csv, HEADER)"
            with cursor.copy(statement) as copy, path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    copy.write(block)
            seconds = time.perf_counter() - started
        raw.rollback()
    return seconds


def persons_copy_seconds(engine: Engine, batch_id: int) -> dict[str, float]:
    """(seconds) COPY into a table like persons with its indexes; COPY into it bare,
    then build the same indexes."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        with tempfile.TemporaryFile() as dump, raw.cursor() as cursor:
            with cursor.copy(
                f"COPY (SELECT * FROM persons WHERE import_batch_id = {int(batch_id)}) "
                "TO STDOUT (FORMAT binary)"
            ) as copy:
                for block in copy:
                    dump.write(block)
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' "
                "AND tablename = 'persons'"
            )
            indexes = [_INDEX.sub(r"CREATE \1INDEX ON bench_persons ", d) for (d,) in cursor]
            out = {}
            for label in ("indexed", "then indexed"):
                cursor.execute("CREATE TABLE bench_persons (LIKE persons INCLUDING DEFAULTS)")
                if label == "indexed":
                    for definition in indexes:
                        cursor.execute(definition)
                dump.seek(0)
                started = time.perf_counter()
                with cursor.copy("COPY bench_persons FROM STDIN (FORMAT binary)") as copy:
                    for block in iter(lambda: dump.read(1 << 20), b""):
                        copy.write(block)
                if label == "then indexed":
                    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                    for definition in indexes:
                        cursor.execute(definition)
                out[label] = time.perf_counter() - started
                raw.rollback()
    return out
