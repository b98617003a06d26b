"""How long the trip dossier takes as a PDF: 10 stops holding about 1,000 names together.

Reads a filled benchmark database (one that scripts/bench_map.py or bench_search.py made:
a name ending in "_bench"), picks 10 sites of 80-120 persons each, renders /plan.pdf a few
times through the application and prints the median time, pages and size.

    BENCH_DATABASE_URL=postgresql+psycopg://mapapp:mapapp@127.0.0.1:5432/mapapp_bench \\
        .venv/bin/python scripts/bench_dossier.py --runs 3
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time

from bench_database import bench_settings
from pypdf import PdfReader
from sqlalchemy import create_engine, text

from mapapp import create_app


def _sites(url: str, stops: int) -> list[tuple[int, int]]:
    with create_engine(url).connect() as conn:
        return conn.execute(
            text(
                "SELECT site_id, count(*) FROM burials GROUP BY site_id "
                "HAVING count(*) BETWEEN 80 AND 120 ORDER BY site_id LIMIT :n"
            ),
            {"n": stops},
        ).all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stops", type=int, default=10)
    args = parser.parse_args()
    settings = bench_settings()
    url = settings.database_url
    sites = _sites(url, args.stops)
    if len(sites) < args.stops:
        sys.exit("not enough sites of 80-120 persons: fill the database with a benchmark first")
    client = create_app(settings).test_client()
    query = {"sites": ",".join(str(s) for s, _ in sites), "start": "53.9,27.56", "lang": "ru"}
    times, pdf = [], b""
    for _ in range(args.runs):
        started = time.perf_counter()
        response = client.get("/plan.pdf", query_string=query)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            sys.exit(f"/plan.pdf answered {response.status_code}")
        pdf = response.data
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    names = sum(n for _, n in sites)
    print(f"trip dossier: {len(sites)} stops, {names} names, {pages} pages, {len(pdf) // 1024} KiB")
    print(f"time per PDF: median {statistics.median(times):.2f} s over {args.runs} runs "
          f"(min {min(times):.2f}, max {max(times):.2f}); target 10 s")  # fmt: skip


if __name__ == "__main__":
    main()
