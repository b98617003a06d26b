"""Benchmark of the person checks alone: row by row against column by column, side by
side on the same chunks of the same file in one run (a benchmark, not a test).

    python scripts/bench_person_check.py FILE [--rows 200000] [--chunk 50000]

FILE is a persons file (e.g. the one bench_import.py generates); the burial sites it
names must be in the database (BENCH_DATABASE_URL, a *_bench db; nothing is written).
For each chunk both ways run in turn, each producing the stage rows; the CPU seconds
of each and their ratio are printed, with the medians over the chunks.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import time
from pathlib import Path

from bench_database import bench_settings

from mapapp import db as database
from mapapp.importers import writers
from mapapp.importers.links import SiteResolver
from mapapp.importers.person_columns import check_person_chunk
from mapapp.importers.records import RowContext, check_person
from mapapp.importers.runner import ImportOptions, _chunks, _resolve_links, open_mapped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--chunk", type=int, default=50_000)
    args = parser.parse_args()
    engine = database.make_engine(bench_settings().database_url)
    options = ImportOptions(kind="persons", path=args.file)
    table, columns = open_mapped(options)
    ctx = RowContext("persons", columns.field_of, options.region_bbox, record_source="f.csv")
    rows_timed, columns_timed = [], []
    print(f"load average at start: {os.getloadavg()}")
    with engine.connect() as conn:
        resolver = SiteResolver(conn)
        chunks = _chunks(itertools.islice(table.rows, args.rows), args.chunk)
        for chunk in chunks:
            started = time.process_time()
            checked = [check_person(ctx, row, raw) for row, raw in chunk]
            _resolve_links(ctx, resolver, checked)
            by_row = [writers._stage_row(c) for c in checked if not c.problems]
            rows_timed.append(time.process_time() - started)
            started = time.process_time()
            by_column = check_person_chunk(ctx, chunk, resolver).stage_rows
            columns_timed.append(time.process_time() - started)
            assert by_column == by_row, "the two checks disagree"
            print(
                f"  {len(chunk):,} rows: row by row {rows_timed[-1]:.2f} s CPU, column by "
                f"column {columns_timed[-1]:.2f} s CPU ({rows_timed[-1] / columns_timed[-1]:.1f}x)"
            )
    a, b = statistics.median(rows_timed), statistics.median(columns_timed)
    print(
        f"median per {args.chunk:,}-row chunk: row by row {a:.2f} s, column by column {b:.2f} s"
        f" = {a / b:.1f}x; load average at end: {os.getloadavg()}"
    )


if __name__ == "__main__":
    main()
