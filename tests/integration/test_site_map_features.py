"""The map features the database keeps per site (migration 0011) are exactly the features
the map API used to build per request, after every write path, and the viewport answer
made from them is the same text, byte for byte."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.sites import _SITE_PROPERTIES, sites_geojson
from tests.integration.write_paths import check_after_load_import_reimport_and_undo

# How the API builds each feature per request (the single-site answer's properties).
LIVE_FEATURE = f"""
    json_build_object(
        'type', 'Feature',
        'id', s.id,
        'geometry', ST_AsGeoJSON(s.geom, 6)::json,
        'properties', json_build_object({_SITE_PROPERTIES}))
"""

# The whole viewport answer as the API built it before migration 0011.
LIVE_COLLECTION = f"""
    SELECT json_build_object(
        'type', 'FeatureCollection',
        'aggregated', false,
        'total', CAST(:total AS integer),
        'limit', CAST(:limit AS integer),
        'truncated', CAST(:total AS integer) > :limit,
        'features', COALESCE(json_agg(f.feature ORDER BY f.id), '[]'::json)
    )::text
    FROM (
        SELECT s.id, {LIVE_FEATURE} AS feature
        FROM burial_sites s LEFT JOIN site_counts c ON c.site_id = s.id
        WHERE s.geom && ST_MakeEnvelope(:minlon, :minlat, :maxlon, :maxlat, 4326)
          AND (CAST(:kind AS text) IS NULL OR s.kind = :kind)
        ORDER BY s.id
        LIMIT :limit
    ) f
"""

# Kept features that differ from the live ones, and sites with none or more than one.
DIFFERENCES = f"""
    SELECT count(*) FROM (
        (SELECT s.id, s.geom, s.kind, ({LIVE_FEATURE})::text
         FROM burial_sites s LEFT JOIN site_counts c ON c.site_id = s.id
         EXCEPT SELECT site_id, geom, kind, feature FROM site_map_features)
        UNION ALL
        (SELECT site_id, geom, kind, feature FROM site_map_features
         EXCEPT SELECT s.id, s.geom, s.kind, ({LIVE_FEATURE})::text
         FROM burial_sites s LEFT JOIN site_counts c ON c.site_id = s.id)
    ) d
"""


def differences(conn) -> int:
    return conn.execute(text(DIFFERENCES)).scalar_one()


@pytest.fixture()
def exact(engine):
    def _check():
        with engine.connect() as conn:
            assert differences(conn) == 0

    return _check


def live_answer(session, bbox, kind, limit) -> str:
    minlon, minlat, maxlon, maxlat = bbox
    total = session.execute(
        text(
            "SELECT count(*) FROM burial_sites s "
            "WHERE s.geom && ST_MakeEnvelope(:a, :b, :c, :d, 4326) "
            "AND (CAST(:kind AS text) IS NULL OR s.kind = :kind)"
        ),
        {"a": minlon, "b": minlat, "c": maxlon, "d": maxlat, "kind": kind},
    ).scalar_one()
    params = {"minlon": minlon, "minlat": minlat, "maxlon": maxlon, "maxlat": maxlat}
    return session.execute(
        text(LIVE_COLLECTION), {**params, "kind": kind, "limit": limit, "total": total}
    ).scalar_one()


@pytest.mark.parametrize(
    ("bbox", "kind", "limit"),
    [
        ((23.0, 51.0, 33.0, 57.0), None, 20000),  # the whole country
        ((23.0, 51.0, 33.0, 57.0), "mass_grave", 20000),
        ((23.0, 51.0, 33.0, 57.0), None, 3),  # cut at the limit: truncated
        ((0.0, 0.0, 0.1, 0.1), None, 20000),  # nothing in view
    ],
)
def test_viewport_answer_is_the_text_postgresql_built(engine, bbox, kind, limit):
    with Session(engine) as session:
        kept = sites_geojson(session, bbox, kind, limit).decode()
        assert kept == live_answer(session, bbox, kind, limit)
    assert '"features" : []' in kept if bbox[0] == 0.0 else '"Feature"' in kept


def test_names_with_quotes_and_markup_stay_escaped_json(engine, scratch, exact):
    import json

    name = 'Братская "могила" <script>alert(1)</script> \\ \u2028'
    site = scratch.site(name, 29.123456789, 54.5)
    exact()
    with Session(engine) as session:
        answer = sites_geojson(session, (29.1, 54.4, 29.2, 54.6)).decode()
        assert answer == live_answer(session, (29.1, 54.4, 29.2, 54.6), None, 20000)
    feature = next(f for f in json.loads(answer)["features"] if f["id"] == site)
    assert feature["properties"]["name"] == name
    assert feature["geometry"]["coordinates"] == [29.123457, 54.5]


def test_kept_after_demo_load_import_reimport_and_undo(run, tmp_path, engine, exact):
    check_after_load_import_reimport_and_undo(run, tmp_path, engine, exact, "Картов")


def test_kept_after_raw_sql_on_sites_persons_and_burials(engine, scratch, exact):
    site = scratch.site("Test mapped", 30.0, 54.0)
    other = scratch.site("Test mapped 2", 30.1, 54.1)
    exact()
    person = scratch.person(site, "Картин")  # a fictional person: the flag shows
    exact()
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE burial_sites SET name = 'Переименована', buried_total = 12, "
                "geom = ST_SetSRID(ST_MakePoint(30.2, 54.2), 4326), kind = 'memorial' "
                "WHERE id = :s"
            ),
            {"s": site},
        )
    exact()
    with engine.begin() as conn:  # the burial moves: both sites' counts change
        conn.execute(
            text("UPDATE burials SET site_id = :o WHERE site_id = :s"), {"o": other, "s": site}
        )
    exact()
    with engine.begin() as conn:  # the person becomes real: the demo flag goes
        conn.execute(text("UPDATE persons SET is_fictional = false WHERE id = :p"), {"p": person})
    exact()
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM persons WHERE id = :p"), {"p": person})
    exact()
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM burial_sites WHERE id = :s"), {"s": site})
        kept = conn.execute(
            text("SELECT count(*) FROM site_map_features WHERE site_id = :s"), {"s": site}
        ).scalar_one()
    assert kept == 0
    exact()


def test_many_rows_in_one_statement_and_truncated_counts(engine, scratch, exact):
    site = scratch.site("Test mapped bulk", 30.0, 54.0)
    with engine.connect() as conn, conn.begin() as transaction:
        conn.execute(
            text(
                """
                WITH p AS (
                    INSERT INTO persons (ref, surname, is_fictional)
                    SELECT 'test:mapped:' || n, 'Многих', n % 2 = 0
                    FROM generate_series(1, 300) n RETURNING id)
                INSERT INTO burials (person_id, site_id) SELECT id, :s FROM p
                """
            ),
            {"s": site},
        )
        assert differences(conn) == 0
        feature = conn.execute(
            text("SELECT feature::json -> 'properties' FROM site_map_features WHERE site_id = :s"),
            {"s": site},
        ).scalar_one()
        assert feature["persons_in_registry"] == 300
        conn.execute(text("TRUNCATE site_counts"))
        assert differences(conn) == 0
        transaction.rollback()
    exact()


def test_a_withdrawn_site_carries_its_mark_and_loses_it_on_restore(engine, scratch, exact):
    site = scratch.site("Test kept withdrawn", 30.2, 54.2)
    scratch.withdraw("burial_sites", site, 'test: a duplicate of "another" <site>')
    exact()
    with Session(engine) as session:
        answer = json.loads(sites_geojson(session, (30.1, 54.1, 30.3, 54.3)))
    (feature,) = [f for f in answer["features"] if f["id"] == site]
    assert feature["properties"]["withdrawn"]["reason"] == 'test: a duplicate of "another" <site>'
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE burial_sites SET withdrawn_at = NULL, withdrawn_reason = NULL "
                 "WHERE id = :id"),
            {"id": site},
        )  # fmt: skip
    exact()
