"""Partisan formations and trip plans at the scale of the register (a benchmark, not a test).

The synthetic register has no partisans. On a benchmark database that holds persons (one
that bench_import.py, bench_map.py or bench_search.py filled: a name ending in "_bench"),
this adds 213 fictional brigades and 1,255 detachments (refs "bench-formation-…"; the ones
a run before added are replaced) and MEMBERS memberships, heavy-tailed over the
formations (the biggest brigade holds about 9 % of them, the smallest detachment a few
dozen), then times through the application, with no statement timeout and nothing kept
between requests:

    BENCH_DATABASE_URL=postgresql+psycopg://mapapp:mapapp@127.0.0.1:5432/mapapp_bench \\
        .venv/bin/python scripts/bench_partisans.py [--members 200000] [--runs 3]

the formations' list (page and API), the biggest brigade's and the smallest detachment's
pages (page and API), and the trip plan of the ten biggest sites; beside each, in the same
run, PostgreSQL alone answering the page's main statement (the baseline).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from bench_database import bench_settings
from sqlalchemy import create_engine, text

from mapapp import create_app
from mapapp.queries import honours

BRIGADES, DETACHMENTS = 213, 1255

SEED = """
DELETE FROM partisan_memberships WHERE unit_id IN (
    SELECT id FROM partisan_units WHERE ref LIKE 'bench-formation-%');
DELETE FROM partisan_units WHERE ref LIKE 'bench-formation-detachment-%';
DELETE FROM partisan_units WHERE ref LIKE 'bench-formation-%';
INSERT INTO partisan_units (ref, kind, name, name_key, is_fictional)
SELECT 'bench-formation-brigade-' || g, 'brigade', 'Синтетическая бригада №' || g,
       'синтетическая бригада ' || g, true
FROM generate_series(1, :brigades) g;
INSERT INTO partisan_units (ref, kind, name, name_key, brigade_id, is_fictional)
SELECT 'bench-formation-detachment-' || g, 'detachment', 'Синтетический отряд №' || g,
       'синтетический отряд ' || g,
       (SELECT id FROM partisan_units
        WHERE ref = 'bench-formation-brigade-' || (1 + (g * 7919) % :brigades)), true
FROM generate_series(1, :detachments) g;
-- Formation k of n takes the members whose hash falls in its slice of a cube law:
-- a few formations with thousands, most with tens to hundreds.
WITH f AS (
    SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM partisan_units
    WHERE ref LIKE 'bench-formation-%'
), p AS (
    SELECT id, floor(:formations * power(
        ((row_number() OVER (ORDER BY id) * 2654435761) % 1000003) / 1000003.0, 3))::int AS k
    FROM persons ORDER BY id LIMIT :members
)
INSERT INTO partisan_memberships (person_id, unit_id) SELECT p.id, f.id FROM p JOIN f USING (k);
ANALYZE partisan_units;
ANALYZE partisan_memberships;
"""


def seed(engine, members: int) -> tuple[int, int, list[int]]:
    """Add the formations; the biggest brigade, the smallest detachment, the ten biggest sites."""
    params = {"brigades": BRIGADES, "detachments": DETACHMENTS, "members": members,
              "formations": BRIGADES + DETACHMENTS}  # fmt: skip
    with engine.begin() as conn:
        if conn.execute(text("SELECT count(*) FROM persons")).scalar_one() < members:
            sys.exit(f"fewer than {members:,} persons: fill the database with a benchmark first")
        for statement in filter(str.strip, SEED.split(";\n")):
            conn.execute(text(statement), params)
        biggest = conn.execute(
            text(
                "SELECT b.id FROM partisan_units b JOIN partisan_units d ON d.brigade_id = b.id "
                "JOIN partisan_memberships m ON m.unit_id IN (b.id, d.id) "
                "WHERE b.ref LIKE 'bench-formation-brigade-%' "
                "GROUP BY b.id ORDER BY count(DISTINCT m.person_id) DESC LIMIT 1"
            )
        ).scalar_one()
        smallest = conn.execute(
            text(
                "SELECT m.unit_id FROM partisan_memberships m JOIN partisan_units u "
                "ON u.id = m.unit_id WHERE u.ref LIKE 'bench-formation-detachment-%' "
                "GROUP BY 1 ORDER BY count(*), 1 LIMIT 1"
            )
        ).scalar_one()
        sites = list(
            conn.execute(
                text("SELECT site_id FROM burials GROUP BY 1 ORDER BY count(*) DESC LIMIT 10")
            ).scalars()
        )
    return biggest, smallest, sites


def median_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = bench_settings().model_copy(update={"answer_cache_mb": 0, "statement_timeout_ms": 0})
    engine = create_engine(settings.database_url)
    biggest, smallest, sites = seed(engine, args.members)
    client = create_app(settings).test_client()

    def get(url: str):
        def call():
            response = client.get(url)
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}")
            return response

        return call

    def sql(statement: str, **params):
        def call():
            with engine.connect() as conn:
                conn.execute(text(statement), params).all()

        return call

    members = "SELECT * FROM ({}) t".format(
        "SELECT p.id " + honours._MEMBERSHIPS + " ORDER BY p.surname, p.given_name, p.id LIMIT 50"
    )
    with engine.connect() as conn:
        ids = [biggest, *conn.execute(
            text("SELECT id FROM partisan_units WHERE brigade_id = :b"), {"b": biggest}
        ).scalars()]  # fmt: skip
    rows = [
        ("/partisans", get("/partisans"), sql(honours._unit_rows())),
        ("/api/partisan-units", get("/api/partisan-units"), sql(honours._unit_rows())),
        ("/partisans/<biggest brigade>", get(f"/partisans/{biggest}"),
         sql(members, units=ids)),
        ("/api/partisan-units/<biggest brigade>", get(f"/api/partisan-units/{biggest}"),
         sql(members, units=ids)),
        ("/partisans/<smallest detachment>", get(f"/partisans/{smallest}"),
         sql(members, units=[smallest])),
        ("/plan of the ten biggest sites", get("/plan?sites=" + ",".join(map(str, sites))),
         None),
    ]  # fmt: skip
    print(f"{args.members:,} memberships over {BRIGADES + DETACHMENTS:,} formations; "
          f"medians of {args.runs} (ms): the application, then PostgreSQL alone")  # fmt: skip
    for name, page, baseline in rows:
        app_ms = median_ms(page, args.runs)
        base = f"{median_ms(baseline, args.runs):9.1f}" if baseline else "        —"
        print(f"  {name:<40} {app_ms:9.1f} {base}")


if __name__ == "__main__":
    main()
