"""Possible duplicates: a group of k records is linked by k - 1 pairs, not k(k - 1) / 2.

Each import paired every record of a group (same name, dates and grave) with every other:
600 "Неизвестный" without dates in one grave made 179,700 pairs, 3,000 made 4.5 million.
An import now pairs its new records of a group with its earliest one, and that one with
the group's earliest stored record (importers.person_duplicates). The stored pairs are
reduced to the same: every record keeps a pair, and the records a group's pairs linked
stay linked. The pairs of two unknown soldiers without any date go, as no import makes
them any more. No record is changed.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mapapp.importers.person_duplicates import reduce_stored_pairs

    reduce_stored_pairs(op.get_bind())


def downgrade() -> None:
    # The schema is unchanged, and the pairs kept link the same records as before (the
    # pages walk them): the pairs removed are not made again.
    pass
