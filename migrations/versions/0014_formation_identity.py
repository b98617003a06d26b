"""Units and partisan formations known by their names as written, folded only for case,
quotes, "ё" and punctuation: names that differ in a number or a letter ("1373-й" and
"1375-й стрелковый полк", "бригада №1" and "№2") are two formations.

Before this, an import keyed them by the phonetic search key, which leaves digits out and
reads alike spellings as one: such names were taken for one formation. The stored
formations are keyed again here: ``partisan_units.name_key`` from each name, and the refs
of the units imports made (``unit:`` and the old key) from each unit's name, when no
other unit has that ref already. A person already linked to a unit of another number
keeps that link; the row as read (``import_source``) tells the unit the file named.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

import hashlib
import re
import unicodedata

from alembic import op
from sqlalchemy import text

from mapapp.text.normalize import search_key

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# The fold as this migration defines it (mapapp.importers.awards.unit_key at 0014).
_SEPARATORS = str.maketrans(dict.fromkeys("«»\"'“”„‘’`№", " "))


def _name_key(name: str) -> str | None:
    folded = unicodedata.normalize("NFKC", name.translate(_SEPARATORS))
    return " ".join(re.findall(r"[^\W_]+", folded.lower().replace("ё", "е"))) or None


def _phonetic_key(name: str) -> str | None:
    return search_key(re.sub(r"[«»\"'“”„]", " ", name)) or None


def _bounded(ref: str) -> str:
    if len(ref) <= 200:
        return ref
    return ref[:183] + "~" + hashlib.sha256(ref.encode()).hexdigest()[:16]


def _unit_ref(key: str | None) -> str:
    return _bounded("unit:" + (key or "").replace(" ", "-"))


def _key_again(conn, name_key, ref_from, ref_to) -> None:
    for unit_id, name in conn.execute(text("SELECT id, name FROM partisan_units")).all():
        key = name_key(name)
        if key is not None:
            conn.execute(
                text("UPDATE partisan_units SET name_key = :k WHERE id = :id"),
                {"k": key, "id": unit_id},
            )
    taken = set(conn.execute(text("SELECT ref FROM units")).scalars())
    for unit_id, ref, name in conn.execute(
        text("SELECT id, ref, name FROM units ORDER BY id")
    ).all():
        # Only units an import made: their ref is the name's key as that import made it.
        if ref != ref_from(name):
            continue
        new = ref_to(name)
        if new in taken:
            continue
        conn.execute(text("UPDATE units SET ref = :r WHERE id = :id"), {"r": new, "id": unit_id})
        taken.discard(ref)
        taken.add(new)


def upgrade() -> None:
    _key_again(
        op.get_bind(),
        _name_key,
        lambda name: "unit:" + search_key(name).replace(" ", "-"),
        lambda name: _unit_ref(_name_key(name)),
    )


def downgrade() -> None:
    _key_again(
        op.get_bind(),
        _phonetic_key,
        lambda name: _unit_ref(_name_key(name)),
        lambda name: "unit:" + search_key(name).replace(" ", "-"),
    )
