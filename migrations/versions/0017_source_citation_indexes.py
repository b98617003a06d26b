"""Which records cite a source, by index.

An undo removes the sources its import made that nothing cites any more; each removal
is checked against every table that may cite the source. Without an index on their
source_id, each check read the whole table: at a million persons with a source each,
an undo would have read person_sources a million times.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-29
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

CITING = ("person_sources", "site_sources", "battle_sources", "awards", "partisan_units")


def upgrade() -> None:
    for table in CITING:
        op.create_index(f"ix_{table}_source", table, ["source_id"])


def downgrade() -> None:
    for table in CITING:
        op.drop_index(f"ix_{table}_source", table_name=table)
