"""Initial schema: burial sites, battle locations, persons, burials, units, sources.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SITE_KINDS = "('mass_grave', 'individual_grave', 'military_cemetery', 'memorial')"
PRECISIONS = "('site', 'settlement_centre', 'district')"
FATES = "('killed', 'died_of_wounds', 'missing', 'died_in_captivity', 'died')"


def _point(nullable: bool = False) -> sa.Column:
    return sa.Column(
        "geom" if not nullable else "birthplace_geom",
        Geometry("POINT", srid=4326, spatial_index=False),
        nullable=nullable,
    )


def _partial_date(prefix: str) -> list:
    y, m, d = f"{prefix}_year", f"{prefix}_month", f"{prefix}_day"
    return [
        sa.Column(y, sa.SmallInteger()),
        sa.Column(m, sa.SmallInteger()),
        sa.Column(d, sa.SmallInteger()),
        sa.CheckConstraint(
            f"{y} IS NULL OR {y} BETWEEN 1850 AND 2000", name=f"{prefix}_year_range"
        ),
        sa.CheckConstraint(f"{m} IS NULL OR {m} BETWEEN 1 AND 12", name=f"{prefix}_month_range"),
        sa.CheckConstraint(f"{d} IS NULL OR {d} BETWEEN 1 AND 31", name=f"{prefix}_day_range"),
        sa.CheckConstraint(f"{d} IS NULL OR {m} IS NOT NULL", name=f"{prefix}_day_needs_month"),
    ]


def _spatial_indexes(table: str) -> None:
    # Geometry GiST for bbox filters; geography GiST so that KNN (<->) orders by metres.
    op.execute(f"CREATE INDEX ix_{table}_geom ON {table} USING gist (geom)")
    op.execute(f"CREATE INDEX ix_{table}_geog ON {table} USING gist ((geom::geography))")


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", sa.String(200), nullable=False, unique=True),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("archive", sa.Text()),
        sa.Column("fond", sa.String(50)),
        sa.Column("opis", sa.String(50)),
        sa.Column("delo", sa.String(50)),
        sa.Column("record_id", sa.String(100)),
        sa.Column("imported_file", sa.Text()),
        sa.Column("imported_row", sa.Integer()),
    )

    op.create_table(
        "burial_sites",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", sa.String(200), nullable=False, unique=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_ru", sa.Text()),
        sa.Column("name_be", sa.Text()),
        sa.Column("name_en", sa.Text()),
        sa.Column("register_number", sa.String(50)),
        sa.Column("oblast", sa.String(50)),
        sa.Column("district", sa.Text()),
        sa.Column("village_council", sa.Text()),
        sa.Column("settlement", sa.Text()),
        sa.Column("buried_total", sa.Integer()),
        sa.Column("buried_known", sa.Integer()),
        sa.Column("buried_unknown", sa.Integer()),
        sa.Column("buried_as_written", sa.Text()),
        sa.Column("year", sa.String(50)),
        sa.Column("description", sa.Text()),
        sa.Column("condition", sa.Text()),
        sa.Column("responsible_body", sa.Text()),
        _point(),
        sa.Column("location_precision", sa.String(30), nullable=False),
        sa.Column("location_note", sa.Text()),
        sa.Column("source_note", sa.Text()),
        sa.CheckConstraint(f"kind IN {SITE_KINDS}", name="kind_known"),
        sa.CheckConstraint(f"location_precision IN {PRECISIONS}", name="precision_known"),
        sa.CheckConstraint("buried_total IS NULL OR buried_total >= 0", name="total_not_negative"),
        sa.CheckConstraint("buried_known IS NULL OR buried_known >= 0", name="known_not_negative"),
        sa.CheckConstraint(
            "buried_unknown IS NULL OR buried_unknown >= 0", name="unknown_not_negative"
        ),
    )
    _spatial_indexes("burial_sites")
    op.create_index("ix_burial_sites_kind", "burial_sites", ["kind"])

    op.create_table(
        "battle_locations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text()),
        sa.Column("operation", sa.Text()),
        sa.Column("period", sa.Text()),
        sa.Column("year_from", sa.SmallInteger()),
        sa.Column("year_to", sa.SmallInteger()),
        sa.Column("description", sa.Text()),
        sa.Column("units", sa.Text()),
        _point(),
        sa.Column("location_precision", sa.String(30), nullable=False),
        sa.Column("location_note", sa.Text()),
        sa.CheckConstraint(f"location_precision IN {PRECISIONS}", name="precision_known"),
    )
    _spatial_indexes("battle_locations")

    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("is_fictional", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.CheckConstraint("kind IN ('army', 'partisan')", name="kind_known"),
    )

    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", sa.String(200), nullable=False, unique=True),
        sa.Column("surname", sa.Text(), nullable=False),
        sa.Column("given_name", sa.Text()),
        sa.Column("patronymic", sa.Text()),
        sa.Column("name_variants", sa.Text()),
        *_partial_date("birth"),
        sa.Column("birthplace", sa.Text()),
        sa.Column("home_country", sa.Text()),
        sa.Column("home_region", sa.Text()),
        sa.Column("home_district", sa.Text()),
        _point(nullable=True),
        sa.Column("callup_place", sa.Text()),
        sa.Column("rank", sa.Text()),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id", ondelete="SET NULL")),
        *_partial_date("death"),
        sa.Column("fate", sa.String(30)),
        sa.Column("nationality", sa.Text()),
        sa.Column("is_hero", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("is_partisan", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("biography", sa.Text()),
        sa.Column("is_fictional", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.CheckConstraint(f"fate IN {FATES} OR fate IS NULL", name="fate_known"),
    )

    op.create_table(
        "burials",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("persons.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "site_id",
            sa.Integer(),
            sa.ForeignKey("burial_sites.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("original_burial_place", sa.Text()),
        sa.Column("reburial_date", sa.String(30)),
        sa.Column("plot", sa.String(30)),
        sa.Column("row", sa.String(30)),
        sa.Column("grave", sa.String(30)),
        sa.Column("on_plaque", sa.Boolean()),
        sa.UniqueConstraint("person_id", "site_id", name="burials_person_site"),
    )
    op.create_index("ix_burials_site", "burials", ["site_id"])

    for table, column, target in (
        ("site_sources", "site_id", "burial_sites"),
        ("battle_sources", "battle_id", "battle_locations"),
        ("person_sources", "person_id", "persons"),
    ):
        op.create_table(
            table,
            sa.Column(
                column,
                sa.Integer(),
                sa.ForeignKey(f"{target}.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column(
                "source_id",
                sa.Integer(),
                sa.ForeignKey("sources.id", ondelete="RESTRICT"),
                primary_key=True,
            ),
        )


def downgrade() -> None:
    for table in (
        "person_sources",
        "battle_sources",
        "site_sources",
        "burials",
        "persons",
        "units",
        "battle_locations",
        "burial_sites",
        "sources",
    ):
        op.drop_table(table)
