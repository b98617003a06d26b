"""Bulk writes with PostgreSQL COPY: the fast path for large imports and benchmarks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import Connection


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
    to write and to read for large loads.
    """
    raw = conn.connection.driver_connection  # the psycopg connection under SQLAlchemy
    count = 0
    binary = " (FORMAT BINARY)" if types else ""
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN{binary}"
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        if types:
            copy.set_types(list(types))
        for row in rows:
            copy.write_row(row)
            count += 1
            if progress is not None and count % every == 0:
                progress(count)
    if progress is not None:
        progress(count)
    return count


def ewkt_point(lon: float, lat: float) -> str:
    """A point in the text form PostGIS accepts on input (EWKT)."""
    return f"SRID=4326;POINT({lon!r} {lat!r})"
