"""Search keys for persons, settlements, and a table of place-name variants.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

KEY_COLUMNS = (
    "search_key",
    "surname_key",
    "home_country_key",
    "home_region_key",
    "home_district_key",
    "callup_key",
)


def upgrade() -> None:
    for column in KEY_COLUMNS:
        op.add_column("persons", sa.Column(column, sa.Text()))
    # Name search: the distinct key words of a person's names, with a GIN array index,
    # and the vocabulary of all such words with a trigram index. A query word is matched
    # fuzzily against the (small) vocabulary, then exactly against the persons' words.
    op.add_column("persons", sa.Column("name_words", sa.ARRAY(sa.Text())))
    op.execute("CREATE INDEX ix_persons_name_words ON persons USING gin (name_words)")
    op.create_table("name_vocabulary", sa.Column("word", sa.Text(), primary_key=True))
    op.execute(
        "CREATE INDEX ix_name_vocabulary_word ON name_vocabulary USING gin (word gin_trgm_ops)"
    )
    # text_pattern_ops btree for the prefix filters (LIKE 'karagand%').
    for column in ("home_country_key", "home_region_key", "home_district_key", "callup_key"):
        op.execute(f"CREATE INDEX ix_persons_{column} ON persons ({column} text_pattern_ops)")
    op.create_index("ix_persons_death_year", "persons", ["death_year"])
    op.add_column("burial_sites", sa.Column("district_key", sa.Text()))
    op.execute(
        "CREATE INDEX ix_burial_sites_district_key ON burial_sites (district_key text_pattern_ops)"
    )
    # burials_person_site (person_id, site_id) already serves lookups by person.

    op.create_table(
        "settlements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_be", sa.Text()),
        sa.Column("name_en", sa.Text()),
        sa.Column("kind", sa.String(20)),
        sa.Column("oblast", sa.String(50)),
        sa.Column("district", sa.Text()),
        sa.Column("geom", Geometry("POINT", srid=4326, spatial_index=False), nullable=True),
        sa.Column("location_precision", sa.String(30)),
        sa.Column("source", sa.Text()),
        sa.Column("note", sa.Text()),
    )
    op.execute("CREATE INDEX ix_settlements_geom ON settlements USING gist (geom)")

    op.create_table(
        "place_names",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("place_type", sa.String(20), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(20), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.UniqueConstraint("place_type", "place_id", "name", name="place_names_unique"),
        sa.CheckConstraint(
            "place_type IN ('site', 'battle', 'settlement')", name="place_type_known"
        ),
    )
    op.execute("CREATE INDEX ix_place_names_key ON place_names USING gin (key gin_trgm_ops)")
    op.create_index("ix_place_names_place", "place_names", ["place_type", "place_id"])

    # Fill the keys of what is already stored, with the same code the importers use.
    from mapapp.importers.search_index import refresh_vocabulary, reindex_persons, reindex_places

    bind = op.get_bind()
    reindex_persons(bind)
    refresh_vocabulary(bind)
    reindex_places(bind)


def downgrade() -> None:
    op.drop_table("place_names")
    op.drop_table("settlements")
    op.execute("DROP INDEX ix_burial_sites_district_key")
    op.drop_column("burial_sites", "district_key")
    op.drop_index("ix_persons_death_year", table_name="persons")
    op.drop_table("name_vocabulary")
    op.execute("DROP INDEX ix_persons_name_words")
    op.drop_column("persons", "name_words")
    for column in ("home_country_key", "home_region_key", "home_district_key", "callup_key"):
        op.execute(f"DROP INDEX ix_persons_{column}")
    for column in KEY_COLUMNS:
        op.drop_column("persons", column)
