"""Benchmark of the bulk person import (a benchmark, not a test).

    python scripts/bench_import.py --persons 1000000

Generates the synthetic files, empties a database whose name ends in "_bench"
(mapapp_bench by default; BENCH_DATABASE_URL overrides), imports the sites, then times
`mapapp import persons` end to end (read, check, resolve, COPY, insert) and prints
rows per second, with the time and the peak memory (RSS of this process) at each stage.
The persons file is imported as it is, with no column mapping: "ID записи" is the
record id, and the namesake pairs (same names, dates and grave) are two records, listed
as possible duplicates. --online times the mode that does not lock readers out
(`mapapp import persons --online`).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_synthetic import write  # noqa: E402

from mapapp import db as database  # noqa: E402
from mapapp.importers.runner import ImportOptions, run_import  # noqa: E402
from mapapp.settings import Settings  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://mapapp:mapapp@127.0.0.1:5432/mapapp_bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--online", action="store_true", help="the mode that locks no reader")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not make_url(url).database.endswith("_bench"):
        sys.exit("the benchmark database's name must end in _bench (it is emptied)")
    engine = database.make_engine(Settings(DATABASE_URL=url).database_url)
    database.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                "TRUNCATE burials, person_sources, persons, site_sources, place_names, "
                "burial_sites, name_vocabulary, possible_duplicates, import_batches "
                "RESTART IDENTITY CASCADE"
            )
        )
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        sites, persons = write(Path(tmp), args.sites, args.persons, seed=1)
        print(f"generated files in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        report = run_import(engine, ImportOptions(kind="sites", path=sites))
        assert report.committed and report.added == args.sites, report.problems[:3]
        stages: dict[str, tuple[float, float]] = {}
        started = time.perf_counter()

        def progress(stage: str, count: int) -> None:
            stages[stage] = (time.perf_counter() - started, peak_rss_mb())
            seconds, peak = stages[stage]
            print(
                f"  {stage}: {count:,} rows at {seconds:.1f} s, peak {peak:,.0f} MB",
                file=sys.stderr,
            )

        options = ImportOptions(kind="persons", path=persons, online=args.online)
        report = run_import(engine, options, progress)
        elapsed = time.perf_counter() - started
    assert report.committed, report.problems[:3]
    assert report.added == args.persons, f"{report.added:,} of {args.persons:,} persons added"
    print(
        f"persons: {report.added:,} added in {elapsed:.1f} s = {report.added / elapsed:,.0f} rows/s"
        f", peak RSS {peak_rss_mb():,.0f} MB, {report.possible_duplicates} possible duplicates"
    )
    print(
        "stages (seconds from start, peak MB): "
        + ", ".join(f"{k} {s:.1f} s {m:,.0f} MB" for k, (s, m) in stages.items())
    )


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
