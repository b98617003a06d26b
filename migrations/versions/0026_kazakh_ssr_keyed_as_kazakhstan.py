"""The Kazakh SSR keyed as Kazakhstan.

OBD cards write a soldier's home as "Казахская ССР" or "КазССР": keyed ``kazah`` and
``kazsr``, they were found by no filter for Kazakhstan ("Казахстан", "Kazakhstan",
"Қазақстан": ``kazahstan``), though the republic is Kazakhstan under its Soviet name,
within the same borders. text.normalize.area_key now keys the republic's names
("Казахская ССР", "КазССР", "Казахская Советская Социалистическая Республика", "Қазақ
КСР", "Kazakh SSR") as Kazakhstan; the values stay as written. The persons' stored area
keys are made again, one audit entry per person whose keys change.

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-30
"""

from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mapapp.importers.search_index import refresh_area_keys

    op.execute("SELECT set_config('mapapp.actor', 'migration 0026', true)")
    refresh_area_keys(op.get_bind())


def downgrade() -> None:
    # Derived keys only: they stay as they are (a query keyed the earlier way then finds
    # the Kazakh SSR's persons under Kazakhstan's key).
    pass
