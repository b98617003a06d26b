"""The Belarusian "вобл." read as the word for an oblast.

"Віцебская вобл." keyed ``viteb vobl``, so a filter for the Vitebsk region ("Витебская
область", "Віцебская вобласць": ``viteb``) did not find a person whose home region a
Belarusian list wrote so, and an import did not read it as a region.
text.normalize.area_key now drops "вобл" as it drops "обл". The persons' stored area keys
and the sites' district keys are made again (the values stay as written), one audit entry
per record whose keys change.

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-30
"""

from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mapapp.importers.search_index import refresh_area_keys, refresh_district_keys

    op.execute("SELECT set_config('mapapp.actor', 'migration 0027', true)")
    refresh_area_keys(op.get_bind())
    refresh_district_keys(op.get_bind())


def downgrade() -> None:
    # Derived keys only: they stay as they are (a query keyed the earlier way then finds
    # "вобл." records under the oblast's key).
    pass
