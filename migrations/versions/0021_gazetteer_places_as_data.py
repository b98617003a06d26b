"""Where the gazetteer placed a site is stored as data, not as an English sentence.

A site whose row gave no coordinates was put at a settlement's or a district town's
centre, and the import appended "placed at the centre of Орша: the imported row gives no
coordinates" to its ``location_note``, which every page then showed in English. The
gazetteer place's name now goes to ``site_placements`` (the pages explain it in their
own language), and ``location_note`` keeps only the row's own note.

Only notes ending in exactly the sentence the import wrote for the site's precision
(for a district, naming the site's own district) are converted; the note before it is
kept as written. The downgrade writes the sentences back.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02
"""

import re

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

_ACTOR = "migration 0021"
_SENTENCE = "placed at the centre of {where}: the imported row gives no coordinates"
# The row's own note, if any, came first, joined with "; ".
_WRITTEN = re.compile(
    r"(?:(?P<note>.+); )?placed at the centre of (?P<where>.+): "
    r"the imported row gives no coordinates",
    re.S,
)


def upgrade() -> None:
    op.create_table(
        "site_placements",
        sa.Column(
            "site_id",
            sa.Integer(),
            sa.ForeignKey("burial_sites.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("gazetteer_place", sa.Text(), nullable=False),
    )
    conn = op.get_bind()
    conn.execute(text("SELECT set_config('mapapp.actor', :a, true)"), {"a": _ACTOR})
    rows = conn.execute(
        text(
            "SELECT id, location_note, location_precision, district FROM burial_sites "
            "WHERE location_note LIKE '%: the imported row gives no coordinates'"
        )
    )
    converted = [c for c in (_converted(*row) for row in rows) if c]
    if converted:
        conn.execute(
            text("UPDATE burial_sites SET location_note = :note WHERE id = :id"), converted
        )
        conn.execute(
            text("INSERT INTO site_placements (site_id, gazetteer_place) VALUES (:id, :place)"),
            converted,
        )


def _converted(site_id: int, note: str, precision: str, district: str | None) -> dict | None:
    written = _WRITTEN.fullmatch(note)
    if written is None:
        return None
    where = written["where"]
    if precision == "settlement_centre":
        place = where
    elif precision == "district" and district and where.startswith(f"{district} ("):
        place = where[len(district) + 2 : -1] if where.endswith(")") else ""
    else:
        return None
    return {"id": site_id, "note": written["note"], "place": place} if place else None


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(text("SELECT set_config('mapapp.actor', :a, true)"), {"a": _ACTOR})
    rows = conn.execute(
        text(
            "SELECT s.id, s.location_note, s.location_precision, s.district, p.gazetteer_place "
            "FROM site_placements p JOIN burial_sites s ON s.id = p.site_id"
        )
    )
    notes = []
    for site_id, note, precision, district, place in rows:
        where = f"{district} ({place})" if precision == "district" and district else place
        sentence = _SENTENCE.format(where=where)
        notes.append({"id": site_id, "note": f"{note}; {sentence}" if note else sentence})
    if notes:
        conn.execute(text("UPDATE burial_sites SET location_note = :note WHERE id = :id"), notes)
    op.drop_table("site_placements")
