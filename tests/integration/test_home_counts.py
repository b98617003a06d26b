"""The counts by home the database keeps (migration 0013) stay exact on every write path,
and the list of home regions and the /from map read from them answer exactly what
counting the persons and burials per request answered."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.demo import load_demo
from mapapp.queries.common import SITE_WITHDRAWN_JSON
from mapapp.queries.home_regions import home_options, sites_for_home
from tests.integration.test_import import RU_HEADER, ru_row, write

# The kept counts minus the counts recomputed from persons and burials, both ways.
DIFFERENCES = """
WITH homes AS (
    SELECT home_country, home_region, home_country_key, home_region_key, count(*) AS persons
    FROM persons WHERE home_country IS NOT NULL AND withdrawn_at IS NULL GROUP BY 1, 2, 3, 4
), sites AS (
    SELECT b.site_id, p.home_country_key, p.home_region_key, count(*) AS persons,
           count(*) FILTER (WHERE p.is_fictional) AS fictional
    FROM burials b JOIN persons p ON p.id = b.person_id
    WHERE p.home_country_key IS NOT NULL AND p.withdrawn_at IS NULL GROUP BY 1, 2, 3
), kept_homes AS (
    SELECT home_country, home_region, home_country_key, home_region_key, persons::bigint
    FROM home_counts
), kept_sites AS (
    SELECT site_id, home_country_key, home_region_key, persons::bigint, fictional::bigint
    FROM site_home_key_counts
)
SELECT 'homes', count(*) FROM (
    (TABLE homes EXCEPT TABLE kept_homes) UNION ALL (TABLE kept_homes EXCEPT TABLE homes)) d
UNION ALL
SELECT 'sites', count(*) FROM (
    (TABLE sites EXCEPT TABLE kept_sites) UNION ALL (TABLE kept_sites EXCEPT TABLE sites)) d
"""

# How /api/home-regions and /from counted per request before migration 0013.
COUNTED_OPTIONS = """
SELECT home_country AS country, home_region AS region,
       home_country_key AS country_key, home_region_key AS region_key, count(*) AS persons
FROM persons WHERE home_country IS NOT NULL AND withdrawn_at IS NULL
GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
"""

COUNTED_SITES = f"""
SELECT json_build_object(
    'type', 'FeatureCollection',
    'features', COALESCE(json_agg(json_build_object(
        'type', 'Feature',
        'id', s.id,
        'geometry', ST_AsGeoJSON(s.geom, 6)::json,
        'properties', json_build_object(
            'name', s.name, 'name_en', s.name_en, 'kind', s.kind,
            'oblast', s.oblast, 'district', s.district,
            'location_precision', s.location_precision,
            'buried_total', s.buried_total, 'buried_known', s.buried_known,
            'buried_unknown', s.buried_unknown,
            'buried_as_written', s.buried_as_written,
            'persons_from_home', c.persons,
            'has_fictional_persons', c.fictional > 0,
            'withdrawn', {SITE_WITHDRAWN_JSON})
    ) ORDER BY c.persons DESC, s.id), '[]'::json)
)::text
FROM (
    SELECT b.site_id, count(*) AS persons,
           count(*) FILTER (WHERE p.is_fictional) AS fictional
    FROM persons p JOIN burials b ON b.person_id = p.id
    WHERE p.withdrawn_at IS NULL AND p.home_country_key LIKE :country || '%'
      AND (CAST(:region AS text) IS NULL OR p.home_region_key LIKE :region || '%')
    GROUP BY b.site_id
) c JOIN burial_sites s ON s.id = c.site_id
"""


def differences(conn) -> dict:
    return dict(conn.execute(text(DIFFERENCES)).all())


@pytest.fixture()
def exact(engine):
    def _check():
        with engine.connect() as conn:
            assert differences(conn) == {"homes": 0, "sites": 0}

    return _check


def same_answers(engine) -> None:
    with Session(engine) as session:
        options = home_options(session)
        counted = [dict(r) for r in session.execute(text(COUNTED_OPTIONS)).mappings()]
        key = lambda o: tuple(str(v) for v in o.values())  # noqa: E731
        assert sorted(options, key=key) == sorted(counted, key=key)
        assert options, "the demo data records homes"
        for country, region in {(o["country_key"], o["region_key"]) for o in options} | {
            (o["country_key"][:3], None) for o in options
        }:
            kept = sites_for_home(session, country, region)
            again = session.execute(
                text(COUNTED_SITES), {"country": country, "region": region}
            ).scalar_one()
            assert kept == again, (country, region)


def test_counts_and_answers_after_demo_load_import_reimport_and_undo(run, tmp_path, engine, exact):
    from mapapp.importers.batches import undo_batch

    exact()
    same_answers(engine)
    load_demo(engine)
    exact()
    rows = "".join(ru_row(f"Домов{n}") for n in range(3))
    report = run("persons", write(tmp_path, "home.csv", RU_HEADER + rows))
    assert report.added == 3, [str(p) for p in report.problems]
    exact()
    same_answers(engine)
    assert run("persons", write(tmp_path, "home.csv", RU_HEADER + rows)).added == 0
    exact()
    undo_batch(engine, report.batch_id)
    exact()
    same_answers(engine)


def test_raw_sql_insert_update_and_delete(engine, scratch, exact):
    site = scratch.site("Test home counted", 30.0, 54.0)
    other = scratch.site("Test home counted 2", 30.1, 54.1)
    first = scratch.person(site, "Домашних", home_country="Казахстан", home_region="Актюбинская")
    second = scratch.person(site, "Вторых", home_country="Казахстан", is_fictional=False)
    exact()
    with engine.begin() as conn:  # a home and its key change
        conn.execute(
            text(
                "UPDATE persons SET home_region = 'Карагандинская', "
                "home_region_key = 'карагандинская' WHERE id = :p"
            ),
            {"p": first},
        )
    exact()
    with engine.begin() as conn:  # the demo flag changes
        conn.execute(text("UPDATE persons SET is_fictional = true WHERE id = :p"), {"p": second})
    exact()
    with engine.begin() as conn:  # a burial moves to another site
        conn.execute(
            text("UPDATE burials SET site_id = :o WHERE person_id = :p"), {"o": other, "p": first}
        )
    exact()
    with engine.begin() as conn:  # deleting a person removes their burial by cascade
        conn.execute(text("DELETE FROM persons WHERE id = :p"), {"p": first})
    exact()
    with engine.begin() as conn:  # a burial deleted directly; the person stays, unburied
        conn.execute(text("DELETE FROM burials WHERE site_id = :s"), {"s": site})
    exact()
    same_answers(engine)


def test_many_rows_in_one_statement_and_truncate(engine, scratch, exact):
    site = scratch.site("Test home bulk", 30.0, 54.0)
    with engine.connect() as conn, conn.begin() as transaction:
        conn.execute(
            text(
                """
                WITH p AS (
                    INSERT INTO persons (ref, surname, home_country, home_country_key,
                                         is_fictional)
                    SELECT 'test:homes:' || n, 'Многих',
                           CASE WHEN n % 3 = 0 THEN 'Казахстан' END,
                           CASE WHEN n % 3 = 0 THEN 'казахстан' END, n % 2 = 0
                    FROM generate_series(1, 300) n RETURNING id)
                INSERT INTO burials (person_id, site_id) SELECT id, :s FROM p
                """
            ),
            {"s": site},
        )
        assert differences(conn) == {"homes": 0, "sites": 0}
        row = conn.execute(
            text(
                "SELECT persons, fictional FROM site_home_key_counts "
                "WHERE site_id = :s AND home_country_key = 'казахстан'"
            ),
            {"s": site},
        ).one()
        assert tuple(row) == (100, 50)
        conn.execute(text("TRUNCATE burials"))
        assert conn.execute(text("SELECT count(*) FROM site_home_key_counts")).scalar() == 0
        assert differences(conn) == {"homes": 0, "sites": 0}
        conn.execute(text("TRUNCATE persons CASCADE"))
        assert differences(conn) == {"homes": 0, "sites": 0}
        transaction.rollback()
    exact()


def test_withdrawing_and_restoring_a_person_moves_their_counts(engine, scratch, exact):
    site = scratch.site("Test home counts withdrawn", 30.3, 54.3)
    person = scratch.person(site, "Отозванов", home_country="Казахстан", home_region="Акмолинская")
    exact()
    scratch.withdraw("persons", person, "test: the same man as another record")
    exact()
    same_answers(engine)
    with engine.begin() as conn:  # a withdrawn person's home moves: nothing is counted
        conn.execute(
            text("UPDATE persons SET home_region = 'Карагандинская' WHERE id = :p"), {"p": person}
        )
    exact()
    with engine.begin() as conn:  # restored
        conn.execute(
            text("UPDATE persons SET withdrawn_at = NULL, withdrawn_reason = NULL WHERE id = :p"),
            {"p": person},
        )
    exact()
    with engine.begin() as conn:  # withdrawn again, then deleted outright by direct SQL
        conn.execute(
            text("UPDATE persons SET withdrawn_at = now(), withdrawn_reason = 'x' WHERE id = :p"),
            {"p": person},
        )
        conn.execute(text("DELETE FROM persons WHERE id = :p"), {"p": person})
    exact()
