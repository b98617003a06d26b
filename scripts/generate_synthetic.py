"""Write a seeded synthetic register (sites and persons) in the import formats.

    python scripts/generate_synthetic.py --sites 10000 --persons 2000000 --seed 1 --out DIR
    python scripts/generate_synthetic.py --persons 50000 --out DIR --format xlsx

Writes DIR/sites.csv and DIR/persons.csv (or .xlsx), row by row. Import them with
``mapapp import sites DIR/sites.csv`` and
``mapapp import persons DIR/persons.csv``: every column is recognised, ``ID записи`` as
the record id, so the rare namesake pairs (same names, dates and grave, other ids) are
imported as two records and listed as possible duplicates. Every site is named
"Синтетическое захоронение" and every person is flagged fictional. See
scripts/synthetic.py for what the data looks like.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import (  # noqa: E402
    PERSON_COLUMNS,
    PERSON_HEADERS,
    SITE_COLUMNS,
    synthetic_persons,
    synthetic_sites,
)

XLSX_MAX_ROWS = 1_048_575  # a worksheet's rows, less the header
PROGRESS_EVERY = 250_000


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def _write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)


WRITERS = {"csv": _write_csv, "xlsx": _write_xlsx}


def _with_progress(rows: Iterable[Sequence], what: str) -> Iterable[Sequence]:
    for n, row in enumerate(rows, start=1):
        if n % PROGRESS_EVERY == 0:
            print(f"  {n:,} {what}", file=sys.stderr, flush=True)
        yield row


def write(
    out_dir: Path, n_sites: int, n_persons: int, seed: int, file_format: str = "csv"
) -> tuple[Path, Path]:
    """Write the sites and the persons; returns the paths of the two files."""
    if file_format == "xlsx" and max(n_sites, n_persons) > XLSX_MAX_ROWS:
        raise ValueError(f"an .xlsx sheet holds at most {XLSX_MAX_ROWS:,} rows; use csv")
    out_dir.mkdir(parents=True, exist_ok=True)
    write_table = WRITERS[file_format]
    sites = synthetic_sites(n_sites, seed=seed)
    sites_path = out_dir / f"sites.{file_format}"
    persons_path = out_dir / f"persons.{file_format}"
    write_table(sites_path, SITE_COLUMNS, ([s[c] for c in SITE_COLUMNS] for s in sites))
    persons = ([p[c] for c in PERSON_COLUMNS] for p in synthetic_persons(n_persons, sites, seed))
    header = [PERSON_HEADERS[c] for c in PERSON_COLUMNS]
    write_table(persons_path, header, _with_progress(persons, "persons"))
    return sites_path, persons_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="directory to write into")
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=sorted(WRITERS), default="csv")
    args = parser.parse_args()
    started = time.perf_counter()
    try:
        sites, persons = write(args.out, args.sites, args.persons, args.seed, args.format)
    except ValueError as exc:
        sys.exit(str(exc))
    elapsed = time.perf_counter() - started
    print(f"wrote {sites} ({args.sites:,} sites)")
    print(f"wrote {persons} ({args.persons:,} persons, seed {args.seed})")
    print(f"in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
