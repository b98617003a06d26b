"""Areas written in Kazakh keyed as in Russian.

"Қазақстан" keyed ``kazakstan`` and "Қарағанды облысы" ``karagand ablis``: a filter for
either found none of the persons stored as "Казахстан" and "Карагандинская область", nor
did "Kazakhstan" find a person stored in Kazakh. text.normalize.area_key now drops the
Kazakh words for an area's kind (облысы, ауданы, қаласы, Республикасы) and keys each
spelling of one area as one (text.area_aliases): Қазақстан as Казахстан, Шығыс Қазақстан
as Восточно-Казахстанская, Кзыл-Ординская and Қызылорда alike. The persons' stored keys
of home country, region, district and call-up place are made again with it (the values
themselves stay as written), and the sites' district keys.

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-30
"""

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mapapp.importers.search_index import refresh_area_keys, refresh_district_keys

    # One audit entry per person whose keys change, named for this migration.
    op.execute("SELECT set_config('mapapp.actor', 'migration 0024', true)")
    refresh_area_keys(op.get_bind())
    refresh_district_keys(op.get_bind())


def downgrade() -> None:
    # Derived keys only, and the earlier rule is gone: the keys stay as they are (those of
    # Kazakh spellings are then not found by a query keyed the earlier way).
    pass
