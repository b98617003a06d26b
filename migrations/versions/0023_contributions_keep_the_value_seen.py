"""A correction keeps the value its contributor saw.

Two corrections of one field, both sent while it held the same value, were both
approved: the second overwrote the first with nothing to say so. ``contributions.
value_seen`` keeps the field's value when a correction was sent (as JSON, ``null`` for
an empty field), so approval can refuse a correction whose field has changed since.
Contributions sent before this migration have none (SQL NULL): they are approved as
before.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contributions", sa.Column("value_seen", JSONB()))


def downgrade() -> None:
    op.drop_column("contributions", "value_seen")
