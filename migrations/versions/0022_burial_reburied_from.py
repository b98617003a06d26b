"""Where a person was reburied from, beside where they were first buried.

A register may give both "Первичное место захоронения" and "Откуда перезахоронен", and
they differ when a grave was moved more than once (buried where he fell, moved to a
village's common grave, then to the memorial). Imports kept the first alone:
``burials.reburied_from`` keeps the second when it says something else.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("burials", sa.Column("reburied_from", sa.Text()))


def downgrade() -> None:
    op.drop_column("burials", "reburied_from")
