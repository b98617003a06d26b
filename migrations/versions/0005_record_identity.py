"""Record identity: a person's source record id, and possible duplicates for review.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

A record id is unique within its source (an archive's export, a file), so a person keeps
both: ``record_source`` and ``record_id``. Rows that share a name, dates and grave are two
records; the pair is listed in ``possible_duplicates`` for a person to review, never
merged.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("persons", sa.Column("record_source", sa.Text()))
    op.add_column("persons", sa.Column("record_id", sa.String(100)))
    op.create_table(
        "possible_duplicates",
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("persons.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "other_person_id",
            sa.Integer(),
            sa.ForeignKey("persons.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "import_batch_id",
            sa.Integer(),
            sa.ForeignKey("import_batches.id", ondelete="CASCADE"),
        ),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint("person_id < other_person_id", name="pair_ordered"),
    )
    op.create_index("ix_possible_duplicates_other", "possible_duplicates", ["other_person_id"])


def downgrade() -> None:
    op.drop_index("ix_possible_duplicates_other", table_name="possible_duplicates")
    op.drop_table("possible_duplicates")
    op.drop_column("persons", "record_id")
    op.drop_column("persons", "record_source")
