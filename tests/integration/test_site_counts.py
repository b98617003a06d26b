"""The per-site counts the database keeps (migration 0004) stay exact on every write path:
the demo load, imports, re-imports, undo, and plain SQL inserts, updates and deletes."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mapapp.demo import load_demo
from tests.integration.test_import import RU_HEADER, ru_row, write

# The counts as they would be recomputed from persons and burials (withdrawn persons are
# not counted, migration 0009), minus the kept ones.
DIFFERENCES = """
WITH truth AS (
    SELECT b.site_id, count(*) AS persons, count(*) FILTER (WHERE p.is_fictional) AS fictional
    FROM burials b JOIN persons p ON p.id = b.person_id
    WHERE p.withdrawn_at IS NULL GROUP BY b.site_id
), home_truth AS (
    SELECT b.site_id, p.home_country, p.home_region, count(*) AS persons
    FROM burials b JOIN persons p ON p.id = b.person_id
    WHERE p.withdrawn_at IS NULL
    GROUP BY b.site_id, p.home_country, p.home_region
)
SELECT 'totals' AS what, count(*) FROM (
    (SELECT site_id, persons, fictional FROM truth
     EXCEPT SELECT site_id, persons_in_registry, fictional_persons FROM site_counts)
    UNION ALL
    (SELECT site_id, persons_in_registry, fictional_persons FROM site_counts
     EXCEPT SELECT site_id, persons, fictional FROM truth)
) d
UNION ALL
SELECT 'homes', count(*) FROM (
    (SELECT * FROM home_truth EXCEPT SELECT site_id, home_country, home_region, persons
     FROM site_home_counts)
    UNION ALL
    (SELECT site_id, home_country, home_region, persons FROM site_home_counts
     EXCEPT SELECT * FROM home_truth)
) d
"""


def differences(conn) -> dict:
    return dict(conn.execute(text(DIFFERENCES)).all())


@pytest.fixture()
def exact(engine):
    def _check():
        with engine.connect() as conn:
            assert differences(conn) == {"totals": 0, "homes": 0}

    return _check


def site_count(engine, site_id: int) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT COALESCE(max(persons_in_registry), 0) FROM site_counts WHERE site_id = :s"
            ),
            {"s": site_id},
        ).scalar_one()


def test_counts_are_exact_after_the_demo_load_and_a_second_load(engine, exact):
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM site_counts")).scalar() > 0
    exact()
    load_demo(engine)  # adds nothing the second time
    exact()


def test_import_reimport_and_undo_keep_the_counts(run, tmp_path, engine, exact, shukhovtsy_id):
    from mapapp.importers.batches import undo_batch

    before = site_count(engine, shukhovtsy_id)
    rows = "".join(ru_row(f"Счётов{n}") for n in range(4))
    report = run("persons", write(tmp_path, "c.csv", RU_HEADER + rows))
    assert report.added == 4, [str(p) for p in report.problems]
    assert site_count(engine, shukhovtsy_id) == before + 4
    exact()
    again = run("persons", write(tmp_path, "c.csv", RU_HEADER + rows))
    assert again.added == 0
    assert site_count(engine, shukhovtsy_id) == before + 4
    exact()
    undo_batch(engine, report.batch_id)
    assert site_count(engine, shukhovtsy_id) == before
    exact()


def test_the_bulk_import_path_keeps_the_counts(run, tmp_path, engine, exact, monkeypatch):
    from mapapp.importers import writers

    monkeypatch.setattr(writers, "BULK_ROWS", 2)
    monkeypatch.setattr(writers, "REBUILD_SHARE", 0.0)
    rows = "".join(ru_row(f"Оптов{n}") for n in range(6))
    report = run("persons", write(tmp_path, "bulk.csv", RU_HEADER + rows))
    assert report.added == 6, [str(p) for p in report.problems]
    exact()


def test_raw_sql_insert_update_and_delete(engine, scratch, exact):
    site = scratch.site("Test counted", 30.0, 54.0)
    other = scratch.site("Test counted 2", 30.1, 54.1)
    first = scratch.person(site, "Первов", home_country="Казахстан", home_region="Актюбинская")
    scratch.person(site, "Вторые", home_country="Казахстан", is_fictional=False)
    assert site_count(engine, site) == 2
    exact()
    with engine.begin() as conn:  # a person's home changes: the breakdown follows
        conn.execute(
            text("UPDATE persons SET home_region = 'Карагандинская' WHERE id = :p"), {"p": first}
        )
        home = conn.execute(
            text(
                "SELECT home_region, persons FROM site_home_counts WHERE site_id = :s "
                "AND home_region IS NOT NULL"
            ),
            {"s": site},
        ).all()
    assert home == [("Карагандинская", 1)]
    exact()
    with engine.begin() as conn:  # a burial moves to another site
        conn.execute(
            text("UPDATE burials SET site_id = :o WHERE person_id = :p"), {"o": other, "p": first}
        )
    assert (site_count(engine, site), site_count(engine, other)) == (1, 1)
    exact()
    with engine.begin() as conn:  # deleting a person removes their burial by cascade
        conn.execute(text("DELETE FROM persons WHERE id = :p"), {"p": first})
    assert site_count(engine, other) == 0
    exact()
    with engine.begin() as conn:  # a burial deleted directly
        conn.execute(text("DELETE FROM burials WHERE site_id = :s"), {"s": site})
    assert site_count(engine, site) == 0
    exact()


def test_many_rows_in_one_statement_and_truncate(engine, scratch, exact):
    site = scratch.site("Test bulk counted", 30.0, 54.0)
    with engine.connect() as conn, conn.begin() as transaction:
        conn.execute(
            text(
                """
                WITH p AS (
                    INSERT INTO persons (ref, surname, home_country, is_fictional)
                    SELECT 'test:many:' || n, 'Многих', CASE WHEN n % 3 = 0 THEN 'Казахстан' END,
                           n % 2 = 0
                    FROM generate_series(1, 500) n RETURNING id)
                INSERT INTO burials (person_id, site_id) SELECT id, :s FROM p
                """
            ),
            {"s": site},
        )
        row = conn.execute(
            text(
                "SELECT persons_in_registry, fictional_persons FROM site_counts WHERE site_id = :s"
            ),
            {"s": site},
        ).one()
        assert tuple(row) == (500, 250)
        assert differences(conn) == {"totals": 0, "homes": 0}
        conn.execute(text("TRUNCATE burials"))
        assert conn.execute(text("SELECT count(*) FROM site_counts")).scalar() == 0
        assert differences(conn) == {"totals": 0, "homes": 0}
        transaction.rollback()
    exact()


def test_every_write_raises_the_data_version(engine, scratch):
    def version():
        with engine.connect() as conn:
            return conn.execute(text("SELECT version FROM data_version")).scalar_one()

    start = version()
    site = scratch.site("Test versioned", 30.0, 54.0)
    after_site = version()
    scratch.person(site, "Версиев")
    assert start < after_site < version()
    with engine.connect() as conn, conn.begin() as transaction:
        conn.execute(text("UPDATE burial_sites SET name = name WHERE id = :s"), {"s": site})
        transaction.rollback()
    assert version() == version()  # a rolled-back change leaves no trace
