"""Sites' districts keyed alike in Russian and Belarusian.

"Віцебскі раён" was keyed ``viqeb`` and "Витебский район" ``viteb``: a person's list in
one language did not meet a register in the other. text.districts.district_key gives a
Belarusian district name its Russian name's key (the 118 districts of
data/geo/reference/districts.csv); the sites' stored keys are made again with it.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mapapp.importers.search_index import refresh_district_keys

    refresh_district_keys(op.get_bind())


def downgrade() -> None:
    # Derived keys only: the earlier ones are the area keys of the same names.
    from sqlalchemy import text

    from mapapp.text.normalize import area_key

    conn = op.get_bind()
    rows = conn.execute(text("SELECT id, district FROM burial_sites WHERE district IS NOT NULL"))
    changed = [{"id": i, "key": area_key(d)} for i, d in rows]
    if changed:
        conn.execute(text("UPDATE burial_sites SET district_key = :key WHERE id = :id"), changed)
