"""Import batches and per-record provenance (file, row, batch, source columns).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PROVENANCE_TABLES = ("burial_sites", "battle_locations", "persons")


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("options", JSONB, nullable=False, server_default="{}"),
        sa.Column("rows_read", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("rows_added", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("rows_present", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("rows_rejected", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("status", sa.String(20), nullable=False, server_default="committed"),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("undone_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("kind IN ('sites', 'battles', 'persons')", name="kind_known"),
        sa.CheckConstraint("status IN ('committed', 'undone')", name="status_known"),
    )
    for table in PROVENANCE_TABLES:
        op.add_column(
            table,
            sa.Column(
                "import_batch_id",
                sa.Integer(),
                sa.ForeignKey("import_batches.id", ondelete="RESTRICT"),
            ),
        )
        op.add_column(table, sa.Column("import_row", sa.Integer()))
        # The row as read, column by column, so nothing of the source is lost.
        op.add_column(table, sa.Column("import_source", JSONB))
        op.create_index(f"ix_{table}_import_batch", table, ["import_batch_id"])
    op.add_column(
        "burials",
        sa.Column(
            "import_batch_id", sa.Integer(), sa.ForeignKey("import_batches.id", ondelete="RESTRICT")
        ),
    )
    op.create_index("ix_burials_import_batch", "burials", ["import_batch_id"])
    op.create_index("ix_burial_sites_register_number", "burial_sites", ["register_number"])


def downgrade() -> None:
    op.drop_index("ix_burial_sites_register_number", table_name="burial_sites")
    op.drop_index("ix_burials_import_batch", table_name="burials")
    op.drop_column("burials", "import_batch_id")
    for table in PROVENANCE_TABLES:
        op.drop_index(f"ix_{table}_import_batch", table_name=table)
        for column in ("import_source", "import_row", "import_batch_id"):
            op.drop_column(table, column)
    op.drop_table("import_batches")
