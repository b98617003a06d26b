"""What leaving withdrawn persons out costs (a benchmark, not a test).

    python scripts/bench_withdrawn.py                    # 200,000 persons, 2,000 sites
    python scripts/bench_withdrawn.py --persons 1000000 --sites 5000

It fills the benchmark database as scripts/bench_search.py does (name ending in "_bench";
BENCH_DATABASE_URL overrides), marks one person in ``--every`` withdrawn, and then times,
side by side in one run and alternating, each query a page runs with the condition that
leaves withdrawn persons out and the same query without it: the first page of the
largest site's list in name order, a count of the persons matching a common surname
word (the search's bounded count), and the largest site's list of withdrawn records. It
prints the median and the ratio of each pair.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import text

from mapapp import db as database

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_database import bench_settings  # noqa: E402
from bench_search import load, log  # noqa: E402

SITE_PAGE = """
    SELECT p.id FROM burials b JOIN persons p ON p.id = b.person_id
    WHERE b.site_id = :site {extra}
    ORDER BY p.surname, (p.given_name IS NULL), COALESCE(p.given_name, ''),
             (p.patronymic IS NULL), COALESCE(p.patronymic, ''), p.id
    LIMIT 50
"""
SEARCH_COUNT = """
    SELECT count(*) FROM (SELECT 1 FROM persons p
                          WHERE p.name_words && CAST(:words AS text[]) {extra} LIMIT 1001) c
"""
WITHDRAWN_LIST = """
    SELECT p.id FROM persons p JOIN burials b ON b.person_id = p.id
    WHERE p.withdrawn_at IS NOT NULL AND b.site_id = :site
    ORDER BY p.surname, p.given_name NULLS LAST, p.id LIMIT 500
"""
LEAVE_OUT = "AND p.withdrawn_at IS NULL"


def mark_withdrawn(engine, every: int) -> int:
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE persons SET withdrawn_at = NULL, withdrawn_reason = NULL "
                 "WHERE withdrawn_at IS NOT NULL")
        )  # fmt: skip
        marked = conn.execute(
            text("UPDATE persons SET withdrawn_at = now(), withdrawn_reason = 'benchmark' "
                 "WHERE id % :every = 0"),
            {"every": every},
        ).rowcount  # fmt: skip
    with engine.begin() as conn:
        conn.execute(text("ANALYZE persons"))
    return marked


def timed(conn, sql: str, params: dict) -> float:
    started = time.perf_counter()
    conn.execute(text(sql), params).all()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--sites", type=int, default=2_000)
    parser.add_argument("--every", type=int, default=100, help="one person in N withdrawn")
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--reload", action="store_true", help="refill even if the size fits")
    args = parser.parse_args()
    engine = database.make_engine(bench_settings().database_url)
    database.upgrade(engine)
    load(engine, args.persons, args.sites, args.reload)
    log(f"marking one person in {args.every} withdrawn")
    marked = mark_withdrawn(engine, args.every)
    with engine.connect() as conn:
        site, size = conn.execute(
            text("SELECT site_id, count(*) FROM burials GROUP BY site_id ORDER BY 2 DESC LIMIT 1")
        ).one()
        word = conn.execute(
            text("SELECT word FROM (SELECT unnest(name_words) AS word FROM persons "
                 "LIMIT 50000) w GROUP BY word ORDER BY count(*) DESC LIMIT 1")
        ).scalar_one()  # fmt: skip
        pairs = {
            "site list, first page": (SITE_PAGE, {"site": site}),
            "search count, common word": (SEARCH_COUNT, {"words": [word]}),
        }
        print(f"persons: {args.persons:,}  withdrawn: {marked:,}  largest site: {size:,} "
              f"persons  common word: {word}  repeats: {args.repeats}")  # fmt: skip
        for name, (sql, params) in pairs.items():
            with_filter, without = [], []
            for _ in range(args.repeats):
                with_filter.append(timed(conn, sql.format(extra=LEAVE_OUT), params))
                without.append(timed(conn, sql.format(extra=""), params))
            a, b = statistics.median(with_filter), statistics.median(without)
            print(f"{name}: {a:.2f} ms leaving withdrawn out, {b:.2f} ms without; "
                  f"ratio {a / b:.2f}")  # fmt: skip
        listing = [timed(conn, WITHDRAWN_LIST, {"site": site}) for _ in range(args.repeats)]
        print(f"withdrawn records of the largest site: {statistics.median(listing):.2f} ms")


if __name__ == "__main__":
    main()
