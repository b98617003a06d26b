"""Write a seeded synthetic data set in the import formats (a benchmark and test aid).

    python scripts/generate_synthetic.py OUT_DIR --sites 10000 --persons 1000000

Writes OUT_DIR/sites.csv and OUT_DIR/persons.csv; import them with
``mapapp import sites OUT_DIR/sites.csv`` and ``mapapp import persons OUT_DIR/persons.csv``.
Every site is named "Синтетическое захоронение" and every person is flagged fictional.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import PERSON_COLUMNS, SITE_COLUMNS, synthetic_persons, synthetic_sites  # noqa: E402


def write(out_dir: Path, n_sites: int, n_persons: int, seed: int) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    sites = synthetic_sites(n_sites, seed=seed)
    sites_path, persons_path = out_dir / "sites.csv", out_dir / "persons.csv"
    with sites_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=SITE_COLUMNS)
        writer.writeheader()
        writer.writerows(sites)
    with persons_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=PERSON_COLUMNS)
        writer.writeheader()
        for n, person in enumerate(synthetic_persons(n_persons, [s["ref"] for s in sites], seed)):
            writer.writerow(person)
            if n and n % 250_000 == 0:
                print(f"  {n:,} persons", file=sys.stderr)
    return sites_path, persons_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sites, persons = write(args.out_dir, args.sites, args.persons, args.seed)
    print(f"wrote {sites} ({args.sites:,} sites) and {persons} ({args.persons:,} persons)")


if __name__ == "__main__":
    main()
