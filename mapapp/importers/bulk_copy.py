"""Bulk writes with PostgreSQL COPY: the fast path for large imports and benchmarks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from psycopg import Copy, postgres, pq
from psycopg.adapt import Dumper
from psycopg.copy import QueuedLibpqWriter
from sqlalchemy import Connection


class JsonTextBinaryDumper(Dumper):
    """A jsonb value of a binary COPY from JSON already written as text: PostgreSQL
    parses it while the rest of the COPY streams in, not later in the statement that
    reads the stage."""

    format = pq.Format.BINARY
    oid = postgres.types["jsonb"].oid

    def dump(self, obj: str) -> bytes:
        return b"\x01" + obj.encode()  # jsonb's binary form: version 1, then the text


def copy_rows(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence],
    progress: Callable[[int], None] | None = None,
    every: int = 50_000,
    types: Sequence[str] | None = None,
) -> int:
    """COPY ``rows`` (tuples in ``columns`` order) into ``table``; returns the count.

    ``table`` and ``columns`` are identifiers chosen by the caller, never user input.
    Values go through psycopg's COPY protocol, which quotes them itself. With ``types``
    (PostgreSQL type names, one per column) the binary format is used, which is cheaper
    to write and to read for large loads; a "jsonb" column then takes JSON text.
    """
    count = 0
    with open_copy(conn, table, columns, types) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
            if progress is not None and count % every == 0:
                progress(count)
    if progress is not None:
        progress(count)
    return count


@contextmanager
def open_copy(
    conn: Connection, table: str, columns: Sequence[str], types: Sequence[str] | None = None
) -> Iterator[Copy]:
    """One COPY into ``table``, open for as long as the block lasts (see copy_rows): no
    other statement can run on ``conn`` meanwhile."""
    raw = conn.connection.driver_connection  # the psycopg connection under SQLAlchemy
    binary = " (FORMAT BINARY)" if types else ""
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN{binary}"
    with raw.cursor() as cursor, cursor.copy(statement, writer=QueuedLibpqWriter(cursor)) as copy:
        if types:
            if "jsonb" in types:  # this cursor only: by type, never for other str values
                cursor.adapters.register_dumper(None, JsonTextBinaryDumper)
            copy.set_types(list(types))
        yield copy


def ewkt_point(lon: float, lat: float) -> str:
    """A point in the text form PostGIS accepts on input (EWKT)."""
    return f"SRID=4326;POINT({lon!r} {lat!r})"
