"""Burial sites that may be one place, listed for review (importers.site_duplicates).

A site file imported again under another mapping added its sites again, unsaid. Each
site import now pairs its sites with the stored ones near them; this migration pairs the
sites stored before it. Nothing is merged or changed.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _site(name: str) -> sa.Column:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("burial_sites.id", ondelete="CASCADE"), primary_key=True
    )


def upgrade() -> None:
    from mapapp.importers.site_duplicates import note_possible_duplicate_sites

    op.create_table(
        "possible_duplicate_sites",
        _site("site_id"),
        _site("other_site_id"),
        sa.Column("metres", sa.Integer(), nullable=False),
        sa.Column("same_name", sa.Boolean(), nullable=False),
        sa.Column(
            "import_batch_id",
            sa.Integer(),
            sa.ForeignKey("import_batches.id", ondelete="CASCADE"),
        ),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint("site_id < other_site_id", name="site_pair_ordered"),
    )
    op.create_index(
        "ix_possible_duplicate_sites_other", "possible_duplicate_sites", ["other_site_id"]
    )
    op.create_index(
        "ix_possible_duplicate_sites_batch", "possible_duplicate_sites", ["import_batch_id"]
    )
    note_possible_duplicate_sites(op.get_bind(), None)


def downgrade() -> None:
    op.drop_table("possible_duplicate_sites")
