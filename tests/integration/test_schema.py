"""The migrated schema: PostGIS points in SRID 4326 with GiST indexes."""

from sqlalchemy import text


def test_point_columns_are_srid_4326(engine):
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns "
                "WHERE f_table_schema = 'public' ORDER BY 1, 2"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("battle_locations", "geom", "POINT", 4326),
        ("burial_sites", "geom", "POINT", 4326),
        ("partisan_unit_areas", "geom", "POINT", 4326),
        ("persons", "birthplace_geom", "POINT", 4326),
        ("settlements", "geom", "POINT", 4326),
        ("site_map_features", "geom", "POINT", 4326),
    ]


def test_gist_indexes_for_bbox_and_knn(engine):
    with engine.connect() as conn:
        indexes = dict(
            conn.execute(
                text(
                    "SELECT indexname, indexdef FROM pg_indexes "
                    "WHERE tablename IN ('burial_sites', 'battle_locations')"
                )
            ).all()
        )
    for table in ("burial_sites", "battle_locations"):
        assert "USING gist (geom)" in indexes[f"ix_{table}_geom"]
        assert "geography" in indexes[f"ix_{table}_geog"]


def test_extensions_and_utf8_trigrams_on_cyrillic(engine):
    with engine.connect() as conn:
        extensions = set(conn.execute(text("SELECT extname FROM pg_extension")).scalars())
        trigrams = conn.execute(text("SELECT array_length(show_trgm('Шуховцы'), 1)")).scalar()
    assert {"postgis", "pg_trgm", "unaccent", "fuzzystrmatch"} <= extensions
    assert trigrams == 8  # letters are letters: "  ш", " шу", ..., "цы "


def test_database_refuses_impossible_records(engine):
    import pytest
    from sqlalchemy.exc import IntegrityError

    with engine.connect() as conn:
        with pytest.raises(IntegrityError):
            conn.execute(
                text(
                    "INSERT INTO persons (ref, surname, birth_day) "
                    "VALUES ('test:bad', 'X', 5)"  # a day without a month
                )
            )
        conn.rollback()
        with pytest.raises(IntegrityError):
            conn.execute(
                text(
                    "INSERT INTO burial_sites (ref, kind, name, geom, location_precision) "
                    "VALUES ('test:bad', 'castle', 'X', ST_SetSRID(ST_MakePoint(30, 54), 4326),"
                    " 'site')"
                )
            )
        conn.rollback()


def test_indexes_for_name_search(engine):
    with engine.connect() as conn:
        words = conn.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_persons_name_words'")
        ).scalar()
        vocabulary = conn.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_name_vocabulary_word'")
        ).scalar()
    assert "gin (name_words)" in words
    assert "gin (word gin_trgm_ops)" in vocabulary
