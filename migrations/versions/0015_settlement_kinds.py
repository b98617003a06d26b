"""Sites' settlements known by their names when written with their kind before them.

"г.п. Ушачы" was keyed as "п. Ушачы" (the shorter "г." matched first) and "деревня
Шуховцы" with its kind; importers.search_index.settlement_name now takes the kind off.
The place names of every site, battle location and settlement are added again with the
new keys (an earlier key stays as one more spelling: place names are only ever added).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mapapp.importers.search_index import reindex_places

    reindex_places(op.get_bind())


def downgrade() -> None:
    # Derived spellings only: the added ones find the same places, and stay.
    pass
