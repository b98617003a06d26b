"""The Kazakh SSR in Kazakh, typed without the Kazakh letters, keyed as Kazakhstan.

"Қазақ КСР" keyed as Kazakhstan (migration 0026), but lists typed on a Russian keyboard
write it "Казак КСР", "Казак ССР" or with some of the letters ("Қазак КСР"): keyed ``kazak
ksr`` and ``kazak``, found by no filter for Kazakhstan. text.normalize.area_key now reads
those spellings as the republic's name too (text.kazakh_letters). No other value's key
changes: Russian and Belarusian spellings, and the Kazakh words the key already read
without their letters ("Казакстан", "Караганды облысы"), key as before. The persons' stored
area keys are made again (the values stay as written), one audit entry per person whose
keys change.

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-30
"""

from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mapapp.importers.search_index import refresh_area_keys

    op.execute("SELECT set_config('mapapp.actor', 'migration 0028', true)")
    refresh_area_keys(op.get_bind())


def downgrade() -> None:
    # Derived keys only: they stay as they are (a query keyed the earlier way then finds
    # these persons under Kazakhstan's key).
    pass
