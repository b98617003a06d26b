"""Wounded and taken prisoner are fates of their own, not deaths; executed is one too.

A fate cell saying only "ранен" was stored as died of wounds, and "попал в плен" as died
in captivity: a death the record does not state. They are now ``wounded`` and
``captured``. Stored persons whose fate cell, as their import read it, now reads so are
given the new fate, one audit entry each (actor ``migration 0025``), unless their fate
was changed after the import (a correction stands). Persons imported without a record
of which column held the fate, and those entered by hand, are left as they are.
"Расстрелян", "повешен", "казнён" (partisans, hostages) were refused as no fate; they are
now ``executed``.

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

OLD_FATES = "('killed', 'died_of_wounds', 'missing', 'died_in_captivity', 'died')"
NEW_FATES = (
    "('killed', 'died_of_wounds', 'missing', 'died_in_captivity', 'died', 'wounded', 'captured', "
    "'executed')"
)


def upgrade() -> None:
    from mapapp.importers.stored_fates import store_fates_read_again

    op.drop_constraint("fate_known", "persons", type_="check")
    op.create_check_constraint("fate_known", "persons", f"fate IN {NEW_FATES} OR fate IS NULL")
    op.execute("SELECT set_config('mapapp.actor', 'migration 0025', true)")
    store_fates_read_again(op.get_bind())


def downgrade() -> None:
    from mapapp.importers.stored_fates import EARLIER_READING

    # The earlier rule's reading, which the earlier constraint allows; an execution,
    # which the earlier rule refused, is then a death by the enemy's hand.
    op.execute("SELECT set_config('mapapp.actor', 'migration 0025 downgrade', true)")
    for fate, earlier in {**EARLIER_READING, "executed": "killed"}.items():
        op.execute(
            sa.text("UPDATE persons SET fate = :earlier WHERE fate = :fate").bindparams(
                earlier=earlier, fate=fate
            )
        )
    op.drop_constraint("fate_known", "persons", type_="check")
    op.create_check_constraint("fate_known", "persons", f"fate IN {OLD_FATES} OR fate IS NULL")
