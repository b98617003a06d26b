"""Benchmark of the person search on a large synthetic registry (a benchmark, not a test).

    python scripts/bench_search.py                    # 2,000,000 persons, 10,000 sites
    python scripts/bench_search.py --persons 200000   # smaller
    python scripts/bench_search.py --reload           # refill even if the size fits

It fills a database whose name must end in "_bench" (default: mapapp_bench on the local
server; BENCH_DATABASE_URL overrides) with the realistic generator (scripts/synthetic.py:
Zipf surnames, partial dates), or reuses it when it already holds that many persons.
Then it draws a seeded sample of the stored persons and asks for each, over HTTP, the
way relatives type: Cyrillic and Latin full names, other word orders, a surname alone,
and each kind of typo (see ``KINDS``). It prints p50/p95/p99 end to end, and per kind
the latency and how often the person was on page 1; a surname shared by the most
persons and a filter-only deep page are timed on their own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp import create_app
from mapapp import db as database
from mapapp.importers.bulk_copy import copy_rows, ewkt_point
from mapapp.importers.search_index import person_keys, refresh_vocabulary
from mapapp.importers.values import parse_fate
from mapapp.text.dates import parse_partial_date
from mapapp.text.normalize import search_key

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_database import bench_settings  # noqa: E402
from synthetic import synthetic_persons, synthetic_sites  # noqa: E402

LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ў": "u",
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


# Letters that look alike in the two scripts (Cyrillic, Latin), and OCR/clerk confusions.
LOOKALIKES = dict(zip("аеорсхуАВЕКМНОРСТХ", "aeopcxyABEKMHOPCTX", strict=True))
OCR_CONFUSIONS = {
    "и": "н", "н": "и", "п": "л", "л": "п", "е": "с", "с": "е", "з": "3", "о": "0",
    "б": "6", "т": "г", "г": "т", "ш": "щ", "щ": "ш", "ь": "ъ", "к": "х", "в": "в",
}  # fmt: skip


def _inner(word: str, rng: random.Random) -> int:
    """A position inside the word (relatives rarely get the first letter wrong)."""
    return rng.randrange(1, len(word) - 1)


def swap(word: str, rng: random.Random) -> str | None:
    i = _inner(word, rng)
    if i + 1 >= len(word) or word[i] == word[i + 1]:
        return None
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def drop(word: str, rng: random.Random) -> str | None:
    i = _inner(word, rng)
    return word[:i] + word[i + 1 :]


def double(word: str, rng: random.Random) -> str | None:
    i = _inner(word, rng)
    return word[:i] + word[i] + word[i:]


def _replace_one(word: str, rng: random.Random, table: dict[str, str]) -> str | None:
    places = [i for i, ch in enumerate(word) if ch in table and table[ch] != ch]
    if not places:
        return None
    i = rng.choice(places)
    return word[:i] + table[word[i]] + word[i + 1 :]


def e_yo(word, rng):
    return _replace_one(word, rng, {"е": "ё", "ё": "е"})


def i_short_i(word, rng):
    return _replace_one(word, rng, {"и": "й", "й": "и"})


def sh_shch(word, rng):
    return _replace_one(word, rng, {"ш": "щ", "щ": "ш"})


def soft_sign(word, rng):
    return _replace_one(word, rng, {"ь": "", "ъ": ""})


def latin_lookalike(word, rng):
    return _replace_one(word, rng, LOOKALIKES)


def ocr(word, rng):
    return _replace_one(word, rng, OCR_CONFUSIONS)


def latin(name: str) -> str:
    words = name.split()
    return " ".join(
        "".join(LATIN.get(ch, LATIN.get(ch.lower(), ch)) for ch in w).capitalize() for w in words
    )


def cyrillic_in_latin(word, rng):
    back = {v: k for k, v in LOOKALIKES.items()}
    return _replace_one(latin(word), rng, back)


def two_typos(word, rng):
    first = swap(word, rng) or drop(word, rng)
    return drop(first, rng) if first and len(first) >= 7 else None


# Typos applied to the surname; the given name is typed as recorded.
TYPOS = {
    "typo: swapped neighbours": swap,
    "typo: letter dropped": drop,
    "typo: letter doubled": double,
    "typo: е/ё": e_yo,
    "typo: и/й": i_short_i,
    "typo: ш/щ": sh_shch,
    "typo: ь/ъ left out": soft_sign,
    "typo: Latin lookalike in Cyrillic": latin_lookalike,
    "typo: Cyrillic lookalike in Latin": cyrillic_in_latin,
    "typo: clerk/OCR letter": ocr,
}
# Beyond the mix of the issue: timed and rated, but not in the full-name figure.
HARDER = {"typo: two in a long name": two_typos}
FULL_NAME_KINDS = (
    "Cyrillic: surname given",
    "Cyrillic: surname given patronymic",
    "Latin: surname given",
    "order: given patronymic surname",
    *TYPOS,
)
KINDS = (*FULL_NAME_KINDS, *HARDER, "surname alone")


def query_for(kind: str, person: dict, rng: random.Random) -> str | None:
    surname, given, patronymic = person["surname"], person["given_name"], person["patronymic"]
    if kind == "Cyrillic: surname given":
        return f"{surname} {given}"
    if kind == "Cyrillic: surname given patronymic":
        return f"{surname} {given} {patronymic}" if patronymic else None
    if kind == "Latin: surname given":
        return latin(f"{surname} {given}")
    if kind == "order: given patronymic surname":
        return f"{given} {patronymic or ''} {surname}".replace("  ", " ")
    if kind == "surname alone":
        return surname
    if len(surname) < 5:
        return None
    typed = {**TYPOS, **HARDER}[kind](surname, rng)
    if not typed or typed == surname:
        return None
    if kind == "typo: Cyrillic lookalike in Latin":
        return f"{typed} {latin(given)}"
    return f"{typed} {given}"


def sample_persons(engine, n_persons: int, count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    ids = rng.sample(range(1, n_persons + 1), count)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT id, surname, given_name, patronymic FROM persons "
                "WHERE id = ANY(:ids) AND given_name IS NOT NULL"
            ),
            {"ids": ids},
        ).mappings()
        return sorted((dict(r) for r in rows), key=lambda r: ids.index(r["id"]))


def query_mix(engine, n_persons: int, per_kind: int, seed: int) -> list[tuple[str, str, dict]]:
    """(kind, query, person) for each kind, per_kind times, from stored persons."""
    rng = random.Random(seed)
    people = sample_persons(engine, n_persons, per_kind * len(KINDS) * 4, seed)
    mix = []
    for kind in KINDS:
        made = 0
        while made < per_kind and people:
            person = people.pop()
            query = query_for(kind, person, rng)
            if query:
                mix.append((kind, query, person))
                made += 1
    rng.shuffle(mix)
    return mix


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def figures(values: list[float]) -> str:
    return (
        f"p50 {statistics.median(values):6.1f}  p95 {percentile(values, 0.95):6.1f}  "
        f"p99 {percentile(values, 0.99):6.1f}  max {max(values):6.1f} ms"
    )


def ask(base: str, params: dict) -> tuple[float, dict | None]:
    """(milliseconds, the answer); None for a search that ran out of time (a 503)."""
    url = base + urllib.parse.urlencode(params)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (a local server)
            body = json.loads(response.read())
    except urllib.error.HTTPError as error:
        if error.code != 503:
            raise
        body = None
    return (time.perf_counter() - started) * 1000, body


def outcome(kind: str, person: dict, body: dict) -> str:
    """'found' (the person on page 1), 'namesakes' (page 1 full of persons whose
    surname and given name have the same search keys as the person's, spelling variants
    the search treats as one name, so that no search can tell them apart), 'missed', or
    'timed out' (a 503: counted as not found)."""
    if body is None:
        return "timed out"
    items = body["items"]
    if kind == "surname alone":
        first = items[0]["surname"] if items else ""
        return "found" if search_key(first) == search_key(person["surname"]) else "missed"
    if any(item["id"] == person["id"] for item in items):
        return "found"
    name = (search_key(person["surname"]), search_key(person["given_name"]))
    same = [i for i in items if (search_key(i["surname"]), search_key(i["given_name"])) == name]
    return "namesakes" if items and len(same) == len(items) == body["per_page"] else "missed"


def run_mix(base: str, mix) -> dict[str, list]:
    results: dict[str, list] = {kind: [] for kind in KINDS}
    for kind, query, person in mix:
        ms, body = ask(base, {"q": query})
        results[kind].append((ms, outcome(kind, person, body), query))
    return results


def report(results: dict[str, list]) -> None:
    every = [ms for rows in results.values() for ms, _, _ in rows]
    print(f"all {len(every)} queries, end to end (HTTP): {figures(every)}")
    full = [r for kind in FULL_NAME_KINDS for r in results[kind]]
    found = sum(o == "found" for _, o, _ in full)
    tied = sum(o == "namesakes" for _, o, _ in full)
    print(
        f"full-name queries (every kind above but the surname alone and two typos): "
        f"{len(full)}; the person on page 1: {found / len(full):.1%}; "
        f"or page 1 all namesakes (same keys): {(found + tied) / len(full):.1%}"
    )
    timed_out = sum(o == "timed out" for rows in results.values() for _, o, _ in rows)
    print(f"searches that ran out of time (503, counted as not found): {timed_out}")
    print(f"{'kind':38} {'n':>4} {'on page 1':>9} {'+namesakes':>10}  latency")
    for kind, rows in results.items():
        if not rows:
            continue
        n = len(rows)
        hit = sum(o == "found" for _, o, _ in rows) / n
        with_ties = sum(o in ("found", "namesakes") for _, o, _ in rows) / n
        print(f"{kind:38} {n:4} {hit:9.1%} {with_ties:10.1%}  {figures([r[0] for r in rows])}")
    misses = [(kind, q, o) for kind, rows in results.items() for _, o, q in rows if o != "found"]
    for kind, query, what in [m for m in misses if m[2] != "namesakes"][:40]:
        print(f"  {what} ({kind}): {query}")


def commonest_surname(engine) -> tuple[str, int]:
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT surname, count(*) FROM persons GROUP BY surname "
                "ORDER BY count(*) DESC LIMIT 1"
            )
        ).one()


def run_bounds(base: str, engine, repeats: int) -> None:
    surname, sharing = commonest_surname(engine)
    for label, params in (
        (f"surname alone shared by {sharing:,} ({surname})", {"q": surname}),
        (f"surname alone, page 50 ({surname})", {"q": surname, "page": 50}),
        ("filters alone: hero=0", {"hero": "0"}),
        ("filters alone: hero=0, page 50", {"hero": "0", "page": 50}),
        ("filters alone: death_from=1944, rank", {"death_from": "1944", "rank": "майор"}),
    ):
        times = []
        for _ in range(repeats):
            ms, body = ask(base, params)
            times.append(ms)
        if body is None:
            said = "timed out (503)"
        else:
            said = f"more than {body['total']}" if body["total_is_lower_bound"] else body["total"]
        print(f"{label}: total said: {said}; {figures(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=2_000_000)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--per-kind", type=int, default=40, help="queries of each kind")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--reload", action="store_true", help="refill even if the size fits")
    args = parser.parse_args()
    settings = bench_settings()
    engine = database.make_engine(settings.database_url)
    database.upgrade(engine)
    load(engine, args.persons, args.sites, args.reload)

    import waitress.server

    app = create_app(settings)
    server = waitress.server.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}/api/persons?"

    log("warming up with another sample")
    run_mix(base, query_mix(engine, args.persons, args.per_kind, args.seed + 1))
    mix = query_mix(engine, args.persons, args.per_kind, args.seed)
    load_before = os.getloadavg()[0]
    results = run_mix(base, mix)
    print(f"persons: {args.persons:,}  sites: {args.sites:,}  seed: {args.seed}")
    report(results)
    in_process = time_in_process(engine, mix)
    print(f"the same queries in process, without HTTP: {figures(in_process)}")
    run_bounds(base, engine, repeats=10)
    print(f"load average (1 min) before: {load_before:.1f}, after: {os.getloadavg()[0]:.1f}")
    server.close()


def time_in_process(engine, mix) -> list[float]:
    """The search alone (database and Python), as the HTTP layer calls it."""
    from werkzeug.datastructures import MultiDict

    from mapapp.http.search_params import person_filters, query_words, typed_words
    from mapapp.queries.search import search_persons

    times = []
    for _, query, _ in mix:
        args = MultiDict({"q": query})
        with Session(engine) as session:
            started = time.perf_counter()
            words, filters, typed = query_words(args), person_filters(args), typed_words(args)
            search_persons(session, words, filters, 1, 20, typed)
            times.append((time.perf_counter() - started) * 1000)
    return times


if __name__ == "__main__":
    main()
