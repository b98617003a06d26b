"""Benchmark of the person search on a large synthetic registry (a benchmark, not a test).

    python scripts/bench_search.py                    # 2,000,000 persons, 10,000 sites
    python scripts/bench_search.py --persons 200000   # smaller

It fills a database whose name must end in "_bench" (default: mapapp_bench on the local
server; BENCH_DATABASE_URL overrides), then runs a fixed, seeded set of queries written
the way relatives type them (other scripts, Latin transliterations, typos, name parts)
and prints p50/p95 twice: end to end over HTTP, and for the database query alone.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from mapapp import create_app
from mapapp import db as database
from mapapp.http.search_params import person_filters, query_words
from mapapp.importers.bulk_copy import copy_rows, ewkt_point
from mapapp.importers.search_index import person_keys, refresh_vocabulary
from mapapp.importers.values import parse_fate
from mapapp.queries.search import search_persons
from mapapp.settings import Settings
from mapapp.text.dates import parse_partial_date

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_persons, synthetic_sites  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://mapapp:mapapp@127.0.0.1:5432/mapapp_bench"
LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load(engine, n_persons: int, n_sites: int, reload: bool) -> None:
    with engine.connect() as conn:
        have = conn.execute(text("SELECT count(*) FROM persons")).scalar()
        words = conn.execute(text("SELECT count(*) FROM name_vocabulary")).scalar()
    if have == n_persons and words and not reload:
        log(f"database already holds {have} persons; reusing it")
        return
    with engine.begin() as conn:
        conn.execute(
            text(
                "TRUNCATE burials, persons, burial_sites, name_vocabulary RESTART IDENTITY CASCADE"
            )
        )
        sites = synthetic_sites(n_sites, seed=7)
        copy_rows(
            conn,
            "burial_sites",
            ("ref", "kind", "name", "oblast", "district", "geom", "location_precision"),
            (
                (
                    s["ref"],
                    s["kind"],
                    s["name"],
                    s["oblast"],
                    s["district"],
                    ewkt_point(s["lon"], s["lat"]),
                    "site",
                )
                for s in sites
            ),
        )
        conn.execute(text("CREATE TEMP TABLE person_site (person_ref text, site_ref text)"))
        links: list[tuple[str, str]] = []

        def person_rows():
            for p in synthetic_persons(n_persons, sites, seed=7):
                links.append((p["record_id"], p["site_ref"]))
                by, bm, bd = parse_partial_date(p["birth_date"])
                dy, dm, dd = parse_partial_date(p["death_date"])
                keys = person_keys(p)
                yield (
                    p["record_id"],
                    p["surname"],
                    p["given_name"],
                    p["patronymic"] or None,
                    by,
                    bm,
                    bd,
                    p["birthplace"] or None,
                    p["home_country"],
                    p["home_region"] or None,
                    p["rank"] or None,
                    dy,
                    dm,
                    dd,
                    parse_fate(p["fate"]) if p["fate"] else None,
                    True,
                    keys["search_key"],
                    keys["name_words"],
                    keys["surname_key"],
                    keys["home_country_key"],
                    keys["home_region_key"],
                )

        started = time.perf_counter()
        copy_rows(
            conn,
            "persons",
            (
                "ref",
                "surname",
                "given_name",
                "patronymic",
                "birth_year",
                "birth_month",
                "birth_day",
                "birthplace",
                "home_country",
                "home_region",
                "rank",
                "death_year",
                "death_month",
                "death_day",
                "fate",
                "is_fictional",
                "search_key",
                "name_words",
                "surname_key",
                "home_country_key",
                "home_region_key",
            ),
            person_rows(),
            progress=lambda n: log(f"  persons copied: {n:,}"),
            every=250_000,
        )
        copy_rows(conn, "person_site", ("person_ref", "site_ref"), links)
        conn.execute(
            text(
                "INSERT INTO burials (person_id, site_id) SELECT p.id, s.id FROM person_site l "
                "JOIN persons p ON p.ref = l.person_ref JOIN burial_sites s ON s.ref = l.site_ref"
            )
        )
        refresh_vocabulary(conn)
        log(f"loaded {n_persons:,} persons in {time.perf_counter() - started:.0f} s")
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))


def garble(name: str, rng: random.Random) -> str:
    """One typo: a letter dropped, doubled or swapped with its neighbour."""
    if len(name) < 5:
        return name
    i = rng.randrange(1, len(name) - 2)
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def latin(name: str) -> str:
    return "".join(LATIN.get(ch, LATIN.get(ch.lower(), ch)) for ch in name).capitalize()


def queries(n: int, n_persons: int, n_sites: int) -> list[str]:
    rng = random.Random(2024)
    sites = synthetic_sites(n_sites, seed=7)
    sample = list(synthetic_persons(min(n_persons, 50_000), sites, seed=7))
    out = []
    for _ in range(n):
        p = rng.choice(sample)
        form = rng.randrange(6)
        if form == 0:
            out.append(p["surname"])
        elif form == 1:
            out.append(f"{p['surname']} {p['given_name']}")
        elif form == 2:
            out.append(latin(f"{p['surname']} {p['given_name']}"))
        elif form == 3:
            out.append(f"{garble(p['surname'], rng)} {p['given_name']}")
        elif form == 4:
            out.append(f"{p['given_name']} {p['patronymic'] or ''} {p['surname']}".strip())
        else:
            out.append(latin(garble(p["surname"], rng)))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=2_000_000)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--reload", action="store_true", help="refill even if the size fits")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not make_url(url).database.endswith("_bench"):
        sys.exit("the benchmark database's name must end in _bench (it is emptied)")
    settings = Settings(DATABASE_URL=url)
    engine = database.make_engine(settings.database_url)
    database.upgrade(engine)
    load(engine, args.persons, args.sites, args.reload)

    import waitress.server

    app = create_app(settings)
    server = waitress.server.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}/api/persons?"

    qs = queries(args.queries, args.persons, args.sites)
    http_ms, db_ms, hits = [], [], 0
    from werkzeug.datastructures import MultiDict

    for q in qs:  # warm-up pass
        urllib.request.urlopen(base + urllib.parse.urlencode({"q": q})).read()  # noqa: S310
    for q in qs:
        started = time.perf_counter()
        body = urllib.request.urlopen(base + urllib.parse.urlencode({"q": q})).read()  # noqa: S310
        http_ms.append((time.perf_counter() - started) * 1000)
        hits += b'"total": 0' not in body and b'"total":0' not in body
        args_ = MultiDict({"q": q})
        with Session(engine) as session:
            started = time.perf_counter()
            search_persons(session, query_words(args_), person_filters(args_), 1, 20)
            db_ms.append((time.perf_counter() - started) * 1000)
    server.close()
    print(
        f"persons: {args.persons:,}  sites: {args.sites:,}  queries: {len(qs)} "
        f"(found something for {hits})"
    )
    print(
        f"end to end (HTTP): p50 {statistics.median(http_ms):.1f} ms  "
        f"p95 {percentile(http_ms, 0.95):.1f} ms"
    )
    print(
        f"database query:    p50 {statistics.median(db_ms):.1f} ms  "
        f"p95 {percentile(db_ms, 0.95):.1f} ms"
    )


if __name__ == "__main__":
    main()
