"""Kazakh areas written in the genitive, and the Kazakh SSR with a case ending, keyed as
the areas they name.

Kazakh writes a district with its region in the genitive ("Қарағанды облысының Осакаров
ауданы": Osakarov district of Karaganda oblast), and joins a case ending to the
republic's abbreviation with a hyphen ("Қазақ КСР-і", "Қазақ ССР-нің"). Those words were
keyed as words of the area's name ("karagand ablisinin asakarav", "kazahstan i"), so that
the counts by home told them apart from the same areas written otherwise.
text.normalize.area_key now reads "облысының", "ауданының", "қаласының" and
"республикасының" as the kind of an area, as it reads "облысы", and the case ending as
part of the republic's name. No other value's key changes. The persons' stored area keys
are made again (the values stay as written), one audit entry per person whose keys change.

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-30
"""

from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mapapp.importers.search_index import refresh_area_keys

    op.execute("SELECT set_config('mapapp.actor', 'migration 0029', true)")
    refresh_area_keys(op.get_bind())


def downgrade() -> None:
    # Derived keys only: they stay as they are (a query keyed the earlier way then finds
    # these persons under the area's key).
    pass
