"""Awards (with decree dates and the feat) and partisan formations (brigade, detachment,
area of operation by district) as records of their own; persons' membership in them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _batch_column() -> sa.Column:
    return sa.Column(
        "import_batch_id", sa.Integer(), sa.ForeignKey("import_batches.id", ondelete="RESTRICT")
    )


def upgrade() -> None:
    op.create_table(
        "partisan_units",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", sa.String(200), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column(
            "brigade_id", sa.Integer(), sa.ForeignKey("partisan_units.id", ondelete="RESTRICT")
        ),
        sa.Column("area", sa.Text()),
        sa.Column("note", sa.Text()),
        sa.Column("is_fictional", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id", ondelete="RESTRICT")),
        _batch_column(),
        sa.CheckConstraint("kind IN ('brigade', 'detachment')", name="kind_known"),
        sa.CheckConstraint(
            "kind = 'detachment' OR brigade_id IS NULL", name="only_detachments_have_a_brigade"
        ),
    )
    op.create_index("ix_partisan_units_brigade", "partisan_units", ["brigade_id"])
    op.create_index("ix_partisan_units_import_batch", "partisan_units", ["import_batch_id"])
    op.create_table(
        "partisan_unit_areas",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "unit_id",
            sa.Integer(),
            sa.ForeignKey("partisan_units.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("oblast", sa.String(50)),
        sa.Column("district", sa.Text(), nullable=False),
        sa.Column("district_key", sa.Text(), nullable=False),
        sa.Column("geom", Geometry("POINT", srid=4326, spatial_index=False)),
        sa.Column("location_note", sa.Text()),
        sa.UniqueConstraint("unit_id", "district_key", name="partisan_unit_areas_unique"),
    )
    op.create_table(
        "partisan_memberships",
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("persons.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "unit_id",
            sa.Integer(),
            sa.ForeignKey("partisan_units.id", ondelete="RESTRICT"),
            primary_key=True,
        ),
        _batch_column(),
    )
    op.create_index("ix_partisan_memberships_unit", "partisan_memberships", ["unit_id"])
    op.create_table(
        "awards",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("persons.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("is_hero_title", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("date_year", sa.SmallInteger()),
        sa.Column("date_month", sa.SmallInteger()),
        sa.Column("date_day", sa.SmallInteger()),
        sa.Column("feat", sa.Text()),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id", ondelete="RESTRICT")),
        _batch_column(),
        sa.UniqueConstraint("person_id", "position", name="awards_person_position"),
        sa.CheckConstraint(
            "date_year IS NULL OR date_year BETWEEN 1934 AND 2000", name="date_year_range"
        ),
        sa.CheckConstraint(
            "date_month IS NULL OR date_month BETWEEN 1 AND 12", name="date_month_range"
        ),
        sa.CheckConstraint("date_day IS NULL OR date_day BETWEEN 1 AND 31", name="date_day_range"),
        sa.CheckConstraint(
            "date_day IS NULL OR date_month IS NOT NULL", name="date_day_needs_month"
        ),
    )
    op.create_index(
        "ix_awards_hero", "awards", ["person_id"], postgresql_where=sa.text("is_hero_title")
    )
    # Heroes are a few hundred among millions: the list and the map layer find them here.
    op.create_index("ix_persons_hero", "persons", ["id"], postgresql_where=sa.text("is_hero"))


def downgrade() -> None:
    op.drop_index("ix_persons_hero", table_name="persons")
    op.drop_index("ix_awards_hero", table_name="awards")
    op.drop_table("awards")
    op.drop_index("ix_partisan_memberships_unit", table_name="partisan_memberships")
    op.drop_table("partisan_memberships")
    op.drop_table("partisan_unit_areas")
    op.drop_index("ix_partisan_units_import_batch", table_name="partisan_units")
    op.drop_index("ix_partisan_units_brigade", table_name="partisan_units")
    op.drop_table("partisan_units")
